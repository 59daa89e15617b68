"""The words dates are written with, in English and Chinese, shared by every date reader.

The due-date phrase reader (`dates.py` and the `date_phrases_*` modules) and the journal's
heading reader (`journal/dates.py`) both read weekday and month names; spelling them once
keeps the two from drifting apart. Only words live here, no grammar: how a reader combines
them, and which extra spellings it accepts, is its own business.

Weekdays are numbered as `datetime.date.weekday()` numbers them: Monday is 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = [
    "EN_MONTHS",
    "EN_NUMBERS",
    "EN_ORDINALS",
    "EN_ORDINAL_SUFFIXES",
    "EN_WEEKDAYS",
    "ZH_DAY_MARKS",
    "ZH_DIGITS",
    "ZH_FOLD",
    "ZH_WEEKDAYS",
    "ZH_WEEK_WORDS",
    "alternation",
    "has_cjk",
]

# Lower case; readers fold the text they read.
EN_WEEKDAYS: Mapping[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
EN_MONTHS: Mapping[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# After a day of the month: "1st", "22nd", "3rd", "12th".
EN_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
# Counts and hours written in words ("in two hours", "at seven", "twenty past six").
EN_NUMBERS: Mapping[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
# Which one of a month's weekdays: "the first monday of april"; -1 is the last.
EN_ORDINALS: Mapping[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip

# The digits of Chinese numbers. 两 is the "two" of a count ("两天"), never a digit of a year.
ZH_DIGITS: Mapping[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
# A weekday is one of these words for "week" followed by its number: 周五, 星期五, 礼拜五.
ZH_WEEK_WORDS = ("周", "星期", "礼拜")
ZH_WEEKDAYS: Mapping[str, int] = {
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
}  # fmt: skip
# After a day of the month: 6月12日 in writing, 6月12号 in speech.
ZH_DAY_MARKS = "日号"
# Traditional characters of the date words, folded to simplified ones character for
# character (so positions in the text stay put): 週五 reads as 周五, 後天 as 后天, 三點 as
# 三点, 聽日 as 听日. Only the characters dates are written with; the text itself is kept.
ZH_FOLD = str.maketrans(
    "週禮後點鐘個兩時號晝聽尋節誕聖頭內這國慶"
    "萬勞動兒親婦樹雙軍師過幾線樓風門廳館車碼"
    "機於現實將請須應並擬遲",
    "周礼后点钟个两时号昼听寻节诞圣头内这国庆"
    "万劳动儿亲妇树双军师过几线楼风门厅馆车码"
    "机于现实将请须应并拟迟",
)


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of `words`, longest first so that "monday" wins over "mon"."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_CJK_START = "\u2e80"  # CJK radicals onwards: ideographs, CJK punctuation, full-width forms


def has_cjk(text: str) -> bool:
    """Whether `text` holds a CJK character. Every Chinese date word does, so text without
    one holds no Chinese date and may skip the Chinese rules (and their regexes) entirely."""
    return any(char >= _CJK_START for char in text)
