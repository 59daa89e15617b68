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
    "EN_ORDINAL_SUFFIXES",
    "EN_WEEKDAYS",
    "ZH_DAY_MARKS",
    "ZH_DIGITS",
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


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of `words`, longest first so that "monday" wins over "mon"."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_CJK_START = "\u2e80"  # CJK radicals onwards: ideographs, CJK punctuation, full-width forms


def has_cjk(text: str) -> bool:
    """Whether `text` holds a CJK character. Every Chinese date word does, so text without
    one holds no Chinese date and may skip the Chinese rules (and their regexes) entirely."""
    return any(char >= _CJK_START for char in text)
