"""Holidays people set deadlines by, in English and Chinese: "xmas at 6 pm", 儿童节, 聖誕節.

Only holidays whose date follows from the calendar alone: fixed days (Christmas, 1 June's
儿童节) and the n-th weekday of a month (Thanksgiving, Mother's Day). The lunar holidays
(春节, 中秋节) and the ones whose date differs between the places that keep them
(國慶: 1 October in Hong Kong, 10 October in Taiwan) are not read: a title keeps them.
"""

from __future__ import annotations

import datetime

from app.domain.date_arithmetic import days_in_month

__all__ = ["EN_HOLIDAYS", "ZH_HOLIDAYS", "next_holiday", "nth_weekday"]

# (month, day), or (month, -weekday - 1, n): the n-th such weekday of the month.
_Rule = tuple[int, int] | tuple[int, int, int]

_CHRISTMAS: _Rule = (12, 25)
_CHRISTMAS_EVE: _Rule = (12, 24)
_NEW_YEARS_EVE: _Rule = (12, 31)
_NEW_YEAR: _Rule = (1, 1)
_VALENTINES: _Rule = (2, 14)

# Lower-case words as the English reader splits them (commas gone, "st." is "st").
EN_HOLIDAYS: dict[tuple[str, ...], _Rule] = {
    ("christmas",): _CHRISTMAS,
    ("christmas", "day"): _CHRISTMAS,
    ("xmas",): _CHRISTMAS,
    ("xmas", "day"): _CHRISTMAS,
    ("christmas", "eve"): _CHRISTMAS_EVE,
    ("xmas", "eve"): _CHRISTMAS_EVE,
    ("boxing", "day"): (12, 26),
    ("new", "year's", "eve"): _NEW_YEARS_EVE,
    ("new", "years", "eve"): _NEW_YEARS_EVE,
    ("new", "year's", "day"): _NEW_YEAR,
    ("new", "years", "day"): _NEW_YEAR,
    ("valentine's", "day"): _VALENTINES,
    ("valentines", "day"): _VALENTINES,
    ("valentine's",): _VALENTINES,
    ("valentines",): _VALENTINES,
    ("halloween",): (10, 31),
    ("st", "patrick's", "day"): (3, 17),
    ("saint", "patrick's", "day"): (3, 17),
    ("april", "fools'", "day"): (4, 1),
    ("april", "fools", "day"): (4, 1),
    ("april", "fool's", "day"): (4, 1),
    ("independence", "day"): (7, 4),
    ("the", "fourth", "of", "july"): (7, 4),
    ("fourth", "of", "july"): (7, 4),
    ("thanksgiving",): (11, -4, 4),  # the fourth Thursday of November
    ("mother's", "day"): (5, -7, 2),  # the second Sunday of May
    ("father's", "day"): (6, -7, 3),  # the third Sunday of June
}
# Simplified and traditional spellings; the Chinese reader folds traditional characters
# to simplified ones before it looks here, so 聖誕節 is found as 圣诞节.
ZH_HOLIDAYS: dict[str, _Rule] = {
    "圣诞节": _CHRISTMAS,
    "圣诞": _CHRISTMAS,
    "平安夜": _CHRISTMAS_EVE,
    "跨年夜": _NEW_YEARS_EVE,
    "元旦": _NEW_YEAR,
    "情人节": _VALENTINES,
    "妇女节": (3, 8),
    "植树节": (3, 12),
    "愚人节": (4, 1),
    "劳动节": (5, 1),
    "五一": (5, 1),
    "儿童节": (6, 1),
    "七一": (7, 1),
    "建军节": (8, 1),
    "教师节": (9, 10),
    "国庆节": (10, 1),
    "双十节": (10, 10),
    "万圣节": (10, 31),
    "双十一": (11, 11),
    "感恩节": (11, -4, 4),
    "母亲节": (5, -7, 2),
    "父亲节": (6, -7, 3),
}


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date | None:
    """The n-th (1-5, or -1 for the last) `weekday` of a month; None when there is none."""
    if n > 0:
        first = datetime.date(year, month, 1)
        day = 1 + (weekday - first.weekday()) % 7 + 7 * (n - 1)
    else:
        last = datetime.date(year, month, days_in_month(year, month))
        day = last.day - (last.weekday() - weekday) % 7
    return datetime.date(year, month, day) if 1 <= day <= days_in_month(year, month) else None


def _in_year(rule: _Rule, year: int) -> datetime.date | None:
    if len(rule) == 2:
        return datetime.date(year, rule[0], rule[1])
    month, code, n = rule
    return nth_weekday(year, month, -code - 1, n)


def next_holiday(rule: _Rule, today: datetime.date) -> datetime.date | None:
    """The holiday's next date, today included; None past the calendar's end."""
    for year in (today.year, today.year + 1):
        if year > datetime.MAXYEAR:
            return None
        day = _in_year(rule, year)
        if day is not None and day >= today:
            return day
    return None
