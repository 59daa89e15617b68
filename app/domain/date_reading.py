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

__all__ = ["Clock", "DueSpec", "Reading", "offset", "resolve", "rx"]


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
    """A time of day as said; `exact` when am/pm (or noon/midnight) already fixed the hour."""

    __slots__ = ("exact", "hour", "minute")

    def __init__(self, hour: int, minute: int, *, exact: bool) -> None:
        self.hour, self.minute, self.exact = hour, minute, exact


class Reading:
    """What one part of a phrase said; parts are merged, and saying a thing twice is a conflict."""

    __slots__ = ("clock", "day", "moment", "period")

    def __init__(
        self,
        *,
        day: datetime.date | None = None,
        clock: Clock | None = None,
        period: str | None = None,  # a key of _PERIOD_DEFAULT_HOUR
        moment: datetime.datetime | None = None,  # "in 3 hours": an exact instant
    ) -> None:
        self.day, self.clock, self.period, self.moment = day, clock, period, moment

    def merged(self, other: Reading) -> Reading | None:
        if (
            (self.day and other.day)
            or (self.clock and other.clock)
            or (self.period and other.period)
            or (self.moment and other.moment)
        ):
            return None
        return Reading(
            day=self.day or other.day,
            clock=self.clock or other.clock,
            period=self.period or other.period,
            moment=self.moment or other.moment,
        )


# Hour a bare period word stands for. The small hours have none: "凌晨" alone names no time.
_PERIOD_DEFAULT_HOUR: dict[str, int | None] = {
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


def _time_of_day(reading: Reading) -> tuple[int, datetime.time] | None:
    """(days to add, time) named by the clock and period; None when they do not fit together."""
    clock, period = reading.clock, reading.period
    if clock is None:
        hour = _PERIOD_DEFAULT_HOUR.get(period or "")
        return None if hour is None else (0, datetime.time(hour))
    if clock.exact:
        return 0, datetime.time(clock.hour, clock.minute)
    shifted = _hour_in_period(period, clock.hour)
    if shifted is None:
        return None
    return shifted[0], datetime.time(shifted[1], clock.minute)


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
    timed = _time_of_day(reading)
    if timed is None:
        return None
    shift, time = timed
    if reading.day is not None:
        return DueSpec(add_days(reading.day, shift, "the date"), time)
    # A time alone is the next time the clock shows it: today if still ahead, else tomorrow.
    base = naive(now)
    start = datetime.datetime.combine(add_days(base.date(), shift, "the time"), time)
    if start <= base:
        start += datetime.timedelta(days=1)
    return DueSpec(start.date(), time)


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
