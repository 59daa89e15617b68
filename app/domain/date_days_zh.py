"""Chinese days: 明天, 后天, 听日 and 后日 (Cantonese), 周五, 下周五, 礼拜三, 下周, 下个月,
12月1日 (with its weekday: 12月22日周二), 15号, 下个月20号, 月底, 年底, 下个月初, 十月第一个
星期一, 三天后, 一个半小时后, 两周内, 过两天, 24小时内, and holidays (儿童节, 圣诞节).

Each reader takes the text (folded to simplified characters), a position and `now`, and
returns the part written there with where it ends, or None.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from app.domain.date_arithmetic import (
    add_days,
    days_in_month,
    first_of_next_month,
    make_date,
    next_day_of_month,
    next_month_day,
    next_weekday,
    weekday_in_week,
)
from app.domain.date_holidays import ZH_HOLIDAYS, next_holiday, nth_weekday
from app.domain.date_reading import Reading, offset, rx
from app.domain.date_words import ZH_DAY_MARKS, ZH_DIGITS, ZH_WEEK_WORDS, ZH_WEEKDAYS, alternation
from app.domain.date_zh_parts import NUM, NUMBER_CHARS, ZhPart, zh_int
from app.domain.errors import CaptureError

__all__ = ["DAY_READERS"]

_DAY_WORDS: dict[str, tuple[int, str | None]] = {
    "大后天": (3, None),
    "大后日": (3, None),  # Cantonese
    "后天": (2, None),
    "后日": (2, None),
    "明天": (1, None),
    "明日": (1, None),
    "听日": (1, None),
    "今天": (0, None),
    "今日": (0, None),
    "昨天": (-1, None),
    "前天": (-2, None),
    "寻日": (-1, None),
    "琴日": (-1, None),
    "今晚": (0, "night"),
    "明晚": (1, "night"),
    "听晚": (1, "night"),
    "今早": (0, "morning"),
    "今朝": (0, "morning"),
    "明早": (1, "morning"),
    "听朝": (1, "morning"),
}
# 周末, the weekend, is due on its Saturday.
_WEEKDAY_NAMES = {**ZH_WEEKDAYS, "末": 5}
_WEEKDAY_CHARS = "".join(_WEEKDAY_NAMES)
_WEEKS_AHEAD = {
    "下下个": 2,
    "下下": 2,
    "下个": 1,
    "下": 1,
    "这个": 0,
    "这": 0,
    "本": 0,
    "今个": 0,  # Cantonese "this"
    "呢个": 0,
}
_UNITS = {
    "个小时": "hours",
    "小时": "hours",
    "个钟头": "hours",
    "钟头": "hours",
    "个钟": "hours",  # Cantonese "一個鐘": an hour
    "分钟": "minutes",
    "个星期": "weeks",
    "个礼拜": "weeks",
    "个月": "months",
    "星期": "weeks",
    "礼拜": "weeks",
    "周": "weeks",
    "天": "days",
    "日": "days",
    "年": "years",
}
# Words ending in 后 ("after"): 以后天天 is "every day from now on", not 后天.
_ENDS_IN_HOU = frozenset("以之然最前落背午")
# "3号楼" is building 3, "3号线" metro line 3, "三號風球" typhoon signal 3, "二號出口" exit 2,
# "一号店" a shop.
_NOT_A_DAY_AFTER_HAO = frozenset("楼房线机门厅馆室位床车口院站码风出巴店台桌柜窗箱")

_YEAR_DIGITS = "".join(digit for digit in ZH_DIGITS if digit != "两")
_YEAR = rf"(?:([0-9]{{4}}|[{_YEAR_DIGITS}]{{4}})年|(明年|今年))?"
_WEEK_WORD = alternation(ZH_WEEK_WORDS)
_MONTH_DAY = rf"{_YEAR}({NUM})月({NUM})[{ZH_DAY_MARKS}]"
_ITS_WEEKDAY = rf"\s?[（(]?(?:{_WEEK_WORD})([{_WEEKDAY_CHARS}1-7])[）)]?"
_THIS_OR_NEXT = r"(下下个|下个|下|这个|本|今个|呢个)"
_MONTH = rf"(?:{_YEAR}({NUM})月|{_THIS_OR_NEXT}月)"
_ORDINAL = rf"{_MONTH}(?:第({NUM})个|(最后一)个)(?:{_WEEK_WORD})([{_WEEKDAY_CHARS}])"
_MONTH_END = rf"(?:{_MONTH}|(月))(底|尾)"
_MONTH_START = rf"(?:(下个|下)月|({NUM})月)(初|头)"
_YEAR_END = r"(今|明)?年(底|尾)"
_NEXT_MONTH_DAY = rf"{_THIS_OR_NEXT}月({NUM})[{ZH_DAY_MARKS}]"
_OFFSET = rf"({NUM}|半)(个半)?({alternation(_UNITS)})(以后|之后|后|以内|之内|内)"
_PASS_DAYS = rf"过({NUM})(天|日)"  # "过两天": in a couple of days
_DAY_WORD = alternation(_DAY_WORDS)
_WEEKDAY = rf"({alternation(_WEEKS_AHEAD)})?(?:{_WEEK_WORD})([{_WEEKDAY_CHARS}1-7])"
# "下周周五", "这周周三", "下个礼拜礼拜三": the week, then its day.
_WEEK_THEN_WEEKDAY = (
    rf"({alternation(_WEEKS_AHEAD)})(?:{_WEEK_WORD})\s?(?:{_WEEK_WORD})([{_WEEKDAY_CHARS}1-7])"
)
_WITHIN_WEEK = rf"(这个|这|本|今个|呢个)(?:{_WEEK_WORD})(?:之内|以内|内)"
_NEXT_WEEK = rf"(下下个|下下|下个|下)(?:{_WEEK_WORD})|(下个月|下月)"
_HAO = rf"({NUM})号"
_ABRIDGED_RANGE_SOURCE = rf"\s?[到至~～\-—]\s?[{_WEEKDAY_CHARS}]"
_HOLIDAY = alternation(ZH_HOLIDAYS)
# "3/28" and "3.20" written as a word of their own before Chinese text: month and day, as
# Chinese writes them.
_NUMERIC = r"([0-9]{1,2})[/.]([0-9]{1,2})\s?(?=[\u3400-\u9fff])"

_Reader = Callable[[str, int, datetime.datetime], ZhPart | None]


def _year(match_year: str | None, relative: str | None, today: datetime.date) -> int | None:
    """The year written before a month: 2027年, 二〇二七年, 明年; None when none was."""
    if relative is not None:
        return today.year + (1 if relative == "明年" else 0)
    if match_year is None:
        return None
    year = zh_int(match_year, positional=True)
    return year if year is not None and year >= datetime.MINYEAR else None


def _month_day(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    match = rx(_MONTH_DAY).match(text, at)
    if match is None:
        return None
    year_text, relative, month_text, day_text = match.groups()
    month, day = zh_int(month_text), zh_int(day_text)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = _year(year_text, relative, now.date())
    if year_text is not None and year is None:
        return None
    if year is None:
        date = next_month_day(now.date(), month, day, match.group())
    else:
        date = make_date(year, month, day, match.group())
    end = match.end()
    if weekday := rx(_ITS_WEEKDAY).match(text, end):  # "12月22日周二": it must be one
        name = weekday.group(1)
        number = int(name) - 1 if name.isdigit() else _WEEKDAY_NAMES[name]
        if number != date.weekday():
            written = text[at : weekday.end()]
            raise CaptureError(
                f"'{written}' does not name one day: {date.isoformat()} is a "
                f"{date.strftime('%A')}.",
                words=written,
            )
        end = weekday.end()
    return ZhPart(end, Reading(day=date))


def _month_of(
    groups: tuple[str | None, ...], today: datetime.date
) -> tuple[int, int | None] | None:
    """(month, year or None) from the groups of _MONTH: 十月, 明年1月, 下个月, 本月."""
    year_text, relative, month_text, this_or_next = groups
    if this_or_next is not None:
        start = today.replace(day=1)
        for _ in range(_WEEKS_AHEAD.get(this_or_next, 0)):
            start = first_of_next_month(start)
        return start.month, start.year
    month = zh_int(month_text) if month_text else None
    if month is None or not 1 <= month <= 12:
        return None
    year = _year(year_text, relative, today)
    if year_text is not None and year is None:
        return None
    return month, year


def _in_month(
    today: datetime.date,
    month: tuple[int, int | None],
    pick: Callable[[int, int], datetime.date | None],
) -> datetime.date | None:
    """The day `pick` finds in the month, this year's or, once passed, next year's."""
    number, year = month
    for candidate in [year] if year is not None else [today.year, today.year + 1]:
        day = pick(candidate, number)
        if day is not None and (year is not None or day >= today):
            return day
    return None


def _ordinal(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    """ "十月第一个星期一", "下个月第一个周一", "本月最后一个周五", "明年1月第三个周一"."""
    match = rx(_ORDINAL).match(text, at)
    if match is None:
        return None
    month = _month_of(match.groups()[:4], now.date())
    n = -1 if match.group(6) else zh_int(match.group(5) or "")
    if month is None or n is None or not 1 <= abs(n) <= 5:
        return None
    weekday = _WEEKDAY_NAMES[match.group(7)]

    def pick(year: int, number: int) -> datetime.date | None:
        return nth_weekday(year, number, weekday, n)

    day = _in_month(now.date(), month, pick)
    if day is None:
        raise CaptureError(f"There is no such date: '{match.group()}'.", words=match.group())
    return ZhPart(match.end(), Reading(day=day))


def _month_end(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    """ "月底", "月尾", "本月底", "6月底", "下个月底", "年底", "年尾"."""
    today = now.date()
    if year_end := rx(_YEAR_END).match(text, at):
        if at > 0 and text[at - 1] in "去前上":
            return None  # 去年底: last year's
        year = today.year + (1 if year_end.group(1) == "明" else 0)
        return ZhPart(year_end.end(), Reading(day=datetime.date(year, 12, 31)))
    match = rx(_MONTH_END).match(text, at)
    if match is None:
        return None
    month = (today.month, today.year) if match.group(5) else _month_of(match.groups()[:4], today)
    if month is None:
        return None
    day = _in_month(today, month, lambda y, m: datetime.date(y, m, days_in_month(y, m)))
    return None if day is None else ZhPart(match.end(), Reading(day=day))


def _month_start(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    """ "下个月初", "下月头": its 1st; "3月初": the 1st of March."""
    match = rx(_MONTH_START).match(text, at)
    if match is None:
        return None
    today = now.date()
    if match.group(1):
        return ZhPart(match.end(), Reading(day=first_of_next_month(today)))
    month = zh_int(match.group(2))
    if month is None or not 1 <= month <= 12:
        return None
    return ZhPart(match.end(), Reading(day=next_month_day(today, month, 1, match.group())))


def _next_month_day(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    """ "下个月20号", "下月15号", "本月25日"."""
    match = rx(_NEXT_MONTH_DAY).match(text, at)
    if match is None:
        return None
    month = _month_of((None, None, None, match.group(1)), now.date())
    day = zh_int(match.group(2))
    if month is None or day is None or month[1] is None:
        return None
    date = make_date(month[1], month[0], day, match.group())
    return ZhPart(match.end(), Reading(day=date))


def _offset(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    if passing := rx(_PASS_DAYS).match(text, at):
        count = zh_int(passing.group(1))
        if count is None:
            return None
        return ZhPart(passing.end(), offset("days", count, now, passing.group()))
    match = rx(_OFFSET).match(text, at)
    if match is None:
        return None
    amount, half, unit = match.group(1), match.group(2), _UNITS[match.group(3)]
    if unit == "years":
        unit, scale = "months", 12
    else:
        scale = 1
    if amount == "半" or half:
        # "半小时后", "一个半小时后": only hours come in halves here
        count = 0 if amount == "半" else zh_int(amount)
        if unit != "hours" or count is None:
            return None
        return ZhPart(match.end(), offset("minutes", 60 * count + 30, now, match.group()))
    count = zh_int(amount)
    if count is None:
        return None
    return ZhPart(match.end(), offset(unit, count * scale, now, match.group()))


def _day_word(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    match = rx(_DAY_WORD).match(text, at)
    if match is None:
        return None
    if match.group()[0] == "后" and at > 0 and text[at - 1] in _ENDS_IN_HOU:
        return None  # 以后天天, 之后日程: "after", not the day after tomorrow
    shift, period = _DAY_WORDS[match.group()]
    day = add_days(now.date(), shift, match.group())
    return ZhPart(match.end(), Reading(day=day, period=period))


def _holiday(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    match = rx(_HOLIDAY).match(text, at)
    if match is None:
        return None
    name, end = match.group(), match.end()
    if name[0] in NUMBER_CHARS and end < len(text) and text[end] in NUMBER_CHARS:
        return None  # "七一二" is a number
    if name == "圣诞" and end < len(text) and _is_ideograph(text[end]) and text[end] not in "前后":
        return None  # 圣诞老人, 圣诞树: Christmas things, not the day
    day = next_holiday(ZH_HOLIDAYS[name], now.date())
    return None if day is None else ZhPart(end, Reading(day=day))


def _weekday(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    if within := rx(_WITHIN_WEEK).match(text, at):  # "这周内": by the end of this week
        today = now.date()
        friday = weekday_in_week(today, 4, 0)
        end_of_week = friday if friday >= today else weekday_in_week(today, 6, 0)
        return ZhPart(within.end(), Reading(day=end_of_week))
    match = rx(_WEEK_THEN_WEEKDAY).match(text, at) or rx(_WEEKDAY).match(text, at)
    if match is None:
        return None
    prefix, name = match.groups()
    if prefix is None and at > 0 and text[at - 1] in "个周期拜":
        # "第一个星期一", "每个周五": a count of weekdays; "第三周周五": a week of a term
        return None
    if rx(_ABRIDGED_RANGE_SOURCE).match(text, match.end()):
        return None  # "星期一至五上班": Monday to Friday, no one day
    weekday = _weekday_number(name)
    if prefix is None:
        day = next_weekday(now.date(), weekday)
        return ZhPart(match.end(), Reading(day=day, weekday=weekday))
    # "这周五" is this ISO week's Friday even if passed; "下周五" is next week's
    day = weekday_in_week(now.date(), weekday, _WEEKS_AHEAD[prefix])
    return ZhPart(match.end(), Reading(day=day, weekday=weekday))


def _weekday_number(name: str) -> int:
    return int(name) - 1 if name.isdigit() else _WEEKDAY_NAMES[name]


def _next_week(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    match = rx(_NEXT_WEEK).match(text, at)
    if match is None:
        return None
    today = now.date()
    if match.group(2):  # 下个月: the first of next month, as "next month"
        return ZhPart(match.end(), Reading(day=first_of_next_month(today)))
    weeks = _WEEKS_AHEAD[match.group(1)]
    return ZhPart(match.end(), Reading(day=weekday_in_week(today, 0, weeks)))


def _hao(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    match = rx(_HAO).match(text, at)
    if match is None or (at > 0 and text[at - 1] == "月"):
        return None  # "13月1号" is no date, not the 1st of some month
    if match.end() < len(text) and text[match.end()] in _NOT_A_DAY_AFTER_HAO:
        return None
    day = zh_int(match.group(1))
    if day is None or not 1 <= day <= 31:
        return None
    return ZhPart(match.end(), Reading(day=next_day_of_month(now.date(), day, match.group())))


def _numeric(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    """ "3/28 订酒店", "6.18 买电脑": month/day, a word of its own before Chinese words."""
    if at > 0 and not (text[at - 1].isspace() and (at == 1 or _is_ideograph(text[at - 2]))):
        return None  # "买1/2公斤", "写4.2节", "section 3/4": a fraction, a section
    match = rx(_NUMERIC).match(text, at)
    if match is None:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    spelled = match.group().strip()
    date = next_month_day(now.date(), month, day, spelled)
    return ZhPart(at + len(spelled), Reading(day=date))


def _is_ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


DAY_READERS: tuple[_Reader, ...] = (
    _month_day,
    _ordinal,
    _month_end,
    _month_start,
    _next_month_day,
    _offset,
    _day_word,
    _holiday,
    _weekday,
    _next_week,
    _hao,
    _numeric,
)
