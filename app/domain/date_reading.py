"""What a date phrase says, in either language, and the due date it comes to.

A phrase is read part by part ("tomorrow" + "3pm", "明天" + "下午" + "三点"); each part is a
`Reading`, the parts are merged, and `resolve` turns the whole into a `DueSpec` against the
caller's `now`. The English and Chinese readers share this model, so "evening" and "晚上"
mean the same hours.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import NamedTuple

from app.domain.date_arithmetic import add_days, add_months, naive, too_far

__all__ = ["Clock", "DueSpec", "Reading", "names_another_weekday", "offset", "resolve", "rx"]


class DueSpec(NamedTuple):
    """A due date in local time; `time` None means the whole day."""

    date: datetime.date
    time: datetime.time | None = None


@functools.cache
def rx(pattern: str) -> re.Pattern[str]:
    """Compiled on first use: compiling every pattern at import would cost ~3 ms per `rizhi add`."""
    return re.compile(pattern)


# The records below are plain slotted classes, not dataclasses: creating a frozen dataclass
# costs ~0.6 ms at import, and this module is on the `rizhi add` path.


class Clock:
    """A time of day as said. `exact` when the hour is fixed as written: am/pm, noon or
    midnight, or a 24-hour form (15:00, 09:00, 0900). Otherwise it is a 12-hour clock
    ("3:30", 三点) whose half of the day the period or the rules of `resolve` decide."""

    __slots__ = ("exact", "hour", "minute")

    def __init__(self, hour: int, minute: int, *, exact: bool) -> None:
        self.hour, self.minute, self.exact = hour, minute, exact


class Reading:
    """What one part of a phrase said; parts are merged, and saying a thing twice is a conflict.

    `weekday` marks a day named by its weekday alone ("fri", 周五), `calendar` one written
    as a date ("March 13", "the 13th", 2026-03-13): the two may go together when the date
    falls on the weekday ("Friday, March 13"), and the date then names the day.
    """

    __slots__ = ("calendar", "clock", "day", "moment", "period", "weekday")

    def __init__(
        self,
        *,
        day: datetime.date | None = None,
        clock: Clock | None = None,
        period: str | None = None,  # a key of _PERIOD_DEFAULT_HOUR
        moment: datetime.datetime | None = None,  # "in 3 hours": an exact instant
        weekday: int | None = None,
        calendar: bool = False,
    ) -> None:
        self.day, self.clock, self.period, self.moment = day, clock, period, moment
        self.weekday, self.calendar = weekday, calendar

    def merged(self, other: Reading) -> Reading | None:
        first = self if self.day else other
        day, weekday, calendar = first.day, first.weekday, first.calendar
        if self.day and other.day:
            day, weekday, calendar = _same_day(self, other), None, True
            if day is None:
                return None
        if (
            (self.clock and other.clock)
            or (self.period and other.period)
            or (self.moment and other.moment)
        ):
            return None
        return Reading(
            day=day,
            clock=self.clock or other.clock,
            period=self.period or other.period,
            moment=self.moment or other.moment,
            weekday=weekday,
            calendar=calendar,
        )


def _same_day(one: Reading, other: Reading) -> datetime.date | None:
    """The date of two parts that both name a day: a weekday and a date on that weekday."""
    for named, dated in ((one, other), (other, one)):
        if named.weekday is not None and dated.calendar and dated.day is not None:
            return dated.day if dated.day.weekday() == named.weekday else None
    return None


def names_another_weekday(one: Reading, other: Reading) -> datetime.date | None:
    """The date, when one part is a weekday and the other a date that is not on it
    ("Friday, March 14"): a phrase naming no single day."""
    for named, dated in ((one, other), (other, one)):
        if named.weekday is not None and dated.calendar and dated.day is not None:
            return None if dated.day.weekday() == named.weekday else dated.day
    return None


# Hour a bare period word stands for. The small hours have none: "凌晨" alone names no time.
_PERIOD_DEFAULT_HOUR: dict[str, int | None] = {
    "day_end": None,  # "EOD", "by close of business": that day, no time of its own
    "morning": 9,
    "noon": 12,
    "afternoon": 15,
    "dusk": 18,
    "evening": 18,
    "night": 20,
    "small_hours": None,
}


def _hour_in_period(period: str | None, hour: int) -> tuple[int, int] | None:
    """(days to add, 24-hour hour) for a clock hour said within a period, None if it cannot be.

    "下午3点" is 15:00 and "晚上12点" is the midnight that ends the day, as people use them.
    """
    if period is None:
        return (0, hour) if 0 <= hour <= 23 else None
    if period == "morning":
        return (0, hour) if 0 <= hour <= 12 else None
    if period == "noon":
        if 11 <= hour <= 14:
            return (0, hour)
        return (0, hour + 12) if 1 <= hour <= 2 else None
    if period in ("afternoon", "dusk"):
        if 1 <= hour <= 11:
            return (0, hour + 12)
        return (0, hour) if 12 <= hour <= 23 else None
    if period in ("evening", "night"):
        if 5 <= hour <= 11:
            return (0, hour + 12)
        if 17 <= hour <= 23:
            return (0, hour)
        if hour in (0, 12):
            return (1, 0)
        return (1, hour) if 1 <= hour <= 4 else None
    # small hours
    if 0 <= hour <= 6:
        return (0, hour)
    return (0, 0) if hour == 12 else None


def _bare_hours(hour: int, *, has_day: bool) -> tuple[int, ...]:
    """The 24-hour hours a 12-hour clock said without am/pm or a period may mean.

    Nobody plans a task for 3:30 in the night: 1 to 6 o'clock is the afternoon ("3:30"
    typed at 04:30 is this afternoon). 7 to 11 is the morning on a named day ("tomorrow at
    9"; the English reader refuses "friday at 7" before it comes here); alone it is
    whichever comes next ("at 9" at 10:00 is tonight). 12 could be noon or midnight: on a
    named day it is noon, alone it names no time.
    """
    if hour == 0 or hour > 12:
        return (hour,)
    if hour == 12:
        return (12,) if has_day else ()
    if hour <= 6:
        return (hour + 12,)
    return (hour,) if has_day else (hour, hour + 12)


def _times_of_day(reading: Reading) -> list[tuple[int, datetime.time]]:
    """(days to add, time) the clock and period may name, in order; empty when they do
    not fit together."""
    clock, period = reading.clock, reading.period
    if clock is None:
        hour = _PERIOD_DEFAULT_HOUR.get(period or "")
        return [] if hour is None else [(0, datetime.time(hour))]
    if clock.exact:
        return [(0, datetime.time(clock.hour, clock.minute))]
    if period is None:
        hours = _bare_hours(clock.hour, has_day=reading.day is not None)
        return [(0, datetime.time(hour, clock.minute)) for hour in hours]
    shifted = _hour_in_period(period, clock.hour)
    if shifted is None:
        return []
    return [(shifted[0], datetime.time(shifted[1], clock.minute))]


def resolve(reading: Reading, now: datetime.datetime) -> DueSpec | None:
    """Turn merged parts into a due date; None when they do not make one."""
    if reading.moment is not None:
        if reading.day or reading.clock or reading.period:
            return None
        return DueSpec(
            reading.moment.date(), reading.moment.time().replace(second=0, microsecond=0)
        )
    if reading.clock is None and reading.period is None:
        return None if reading.day is None else DueSpec(reading.day)
    if reading.period == "day_end":
        return None if reading.clock else DueSpec(reading.day or naive(now).date())
    timed = _times_of_day(reading)
    if not timed:
        return None
    if reading.day is not None:
        shift, time = timed[0]
        return DueSpec(add_days(reading.day, shift, "the date"), time)
    # A time alone is the next time the clock shows it: today if still ahead, else tomorrow.
    base = naive(now)
    starts = []
    for shift, time in timed:
        start = datetime.datetime.combine(add_days(base.date(), shift, "the time"), time)
        if start <= base:
            start = datetime.datetime.combine(add_days(start.date(), 1, "the time"), time)
        starts.append(start)
    start = min(starts)
    return DueSpec(start.date(), start.time())


def offset(unit: str, count: int, now: datetime.datetime, words: str) -> Reading:
    """`count` units after now; hours and minutes give an exact moment, the rest a day."""
    today = now.date()
    if unit == "days":
        return Reading(day=add_days(today, count, words))
    if unit == "weeks":
        return Reading(day=add_days(today, 7 * count, words))
    if unit == "months":
        return Reading(day=add_months(today, count, words))
    delta = (
        datetime.timedelta(hours=count) if unit == "hours" else datetime.timedelta(minutes=count)
    )
    try:
        return Reading(moment=naive(now) + delta)
    except OverflowError:
        raise too_far(words) from None
