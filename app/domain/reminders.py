"""Reminders: when one fires, as wall-clock time.

A reminder is set at an absolute time ("fri 9am") or relative to its item's due date and
time ("30m before", "1 day before at 9:00"). Every time here is a naive local wall-clock
`datetime`, as items' due dates and times are stored: a reminder set for 9:00 fires at
9:00 wherever the user is and on both sides of a daylight-saving change. The store keeps
them as text (`wall_text`), which sorts as the times do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple

from app.domain.errors import InvalidInput

MINUTES_PER_DAY = 24 * 60
# When a date-only item is reminded of, unless its reminder says otherwise.
DEFAULT_CLOCK = time(9, 0)
# How long a claim holds before another process may show the reminder instead: long
# enough for any notification call, short enough that a crash costs little delay.
LEASE = timedelta(minutes=2)


class Anchor(StrEnum):
    AT = "at"  # an absolute wall-clock time
    DUE = "due"  # relative to the item's due date and time


class ReminderState(StrEnum):
    PENDING = "pending"  # waiting for its next fire time
    CLAIMED = "claimed"  # a process is showing it (until `lease_until`)
    SHOWN = "shown"  # shown; nothing more to do until the item moves on
    SNOOZED = "snoozed"  # fires again at `snooze_until`
    DONE = "done"  # its item was completed


# States in which a reminder is waiting to fire at `next_fire`.
WAITING = (ReminderState.PENDING, ReminderState.SNOOZED)


class ReminderSpec(NamedTuple):
    """How a reminder is set: `at` for an absolute one; `before_minutes` (and `clock`,
    "1 day before at 9:00", whole days then) for one relative to the due date."""

    anchor: Anchor
    at: datetime | None = None
    before_minutes: int | None = None
    clock: time | None = None

    @classmethod
    def absolute(cls, at: datetime) -> ReminderSpec:
        return cls(Anchor.AT, at=at.replace(second=0, microsecond=0, tzinfo=None))

    @classmethod
    def before_due(cls, minutes: int, clock: time | None = None) -> ReminderSpec:
        if minutes < 0:
            raise InvalidInput("A reminder comes before the due time, not after it.")
        if clock is not None and minutes % MINUTES_PER_DAY:
            raise InvalidInput("A reminder at a time of day comes whole days before the due date.")
        return cls(Anchor.DUE, before_minutes=minutes, clock=clock)

    def describe(self) -> str:
        """The reminder in words, as the command line takes it back."""
        if self.anchor is Anchor.AT and self.at is not None:
            return wall_text(self.at).replace("T", " ")
        minutes = self.before_minutes or 0
        if self.clock is not None:
            days = minutes // MINUTES_PER_DAY
            when = "on the due date" if not days else f"{duration_text(minutes)} before"
            return f"{when} at {self.clock:%H:%M}"
        return "at the due time" if not minutes else f"{duration_text(minutes)} before"


def absolute_from(
    day: date, clock: time | None, words: Sequence[str], now: datetime
) -> ReminderSpec:
    """The reminder at the date and time a phrase (`words`) named, 9:00 when it named no
    time. A weekday named is the coming one: "remind fri 9am" said on a Friday at 10:00
    is next Friday, not a moment already gone (which would fire at once)."""
    from app.domain.date_words import EN_WEEKDAYS

    moment = datetime.combine(day, clock or DEFAULT_CLOCK)
    here = wall_now(now)
    named = any(word.casefold() in EN_WEEKDAYS for word in words)
    if named and moment < here and moment.date() == here.date():
        moment += timedelta(days=7)
    return ReminderSpec.absolute(moment)


def next_fire(
    spec: ReminderSpec,
    due_date: date | None,
    due_time: time | None,
    *,
    default_clock: time = DEFAULT_CLOCK,
) -> datetime | None:
    """When the reminder fires, as wall-clock time; None when it is relative to a due date
    the item does not have. A date-only item's due moment is `default_clock` that day."""
    if spec.anchor is Anchor.AT:
        return spec.at
    if due_date is None:
        return None
    minutes = spec.before_minutes or 0
    if spec.clock is not None:
        return datetime.combine(due_date - timedelta(days=minutes // MINUTES_PER_DAY), spec.clock)
    due = datetime.combine(due_date, due_time or default_clock)
    return due - timedelta(minutes=minutes)


def wall_text(moment: datetime) -> str:
    """A wall-clock time as the store keeps it: YYYY-MM-DDTHH:MM, sorting as times do."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def read_wall(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M")


def wall_now(now: datetime) -> datetime:
    """The wall clock at the aware moment `now`, in the zone `now` carries (the user's)."""
    return now.replace(second=0, microsecond=0, tzinfo=None)


# --- durations: "30m", "1h30m", "2d", "1 week", "30分钟", "2小时", "1天" ---------------------

_UNITS = {
    "m": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
    "分": 1,
    "分钟": 1,
    "分鐘": 1,
    "h": 60,
    "hr": 60,
    "hrs": 60,
    "hour": 60,
    "hours": 60,
    "小时": 60,
    "小時": 60,
    "个钟": 60,
    "個鐘": 60,
    "d": MINUTES_PER_DAY,
    "day": MINUTES_PER_DAY,
    "days": MINUTES_PER_DAY,
    "天": MINUTES_PER_DAY,
    "日": MINUTES_PER_DAY,
    "w": 7 * MINUTES_PER_DAY,
    "wk": 7 * MINUTES_PER_DAY,
    "week": 7 * MINUTES_PER_DAY,
    "weeks": 7 * MINUTES_PER_DAY,
    "周": 7 * MINUTES_PER_DAY,
    "週": 7 * MINUTES_PER_DAY,
    "星期": 7 * MINUTES_PER_DAY,
}
_PART = r"([0-9]{1,4})\s*([a-z]+|[^\sa-z0-9]+?(?=[0-9]|$))"


def duration_minutes(text: str) -> int | None:
    """Minutes in a duration ("30m", "1h30m", "2 days", "1 week", "30分钟", "1天"); None
    when the text is not one."""
    value = text.casefold().strip()
    parts = re.findall(_PART, value)  # re caches the compiled pattern
    if not value or not parts or "".join(n + u for n, u in parts) != "".join(value.split()):
        return None
    total = 0
    for number, unit in parts:
        factor = _UNITS.get(unit)
        if factor is None:
            return None
        total += int(number) * factor
    return total if total > 0 else None


def duration_text(minutes: int) -> str:
    """A duration as `duration_minutes` reads it back ("30m", "1h30m", "2d", "1w")."""
    for unit, size in (("w", 7 * MINUTES_PER_DAY), ("d", MINUTES_PER_DAY)):
        if minutes % size == 0:
            return f"{minutes // size}{unit}"
    hours, rest = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{rest}m" if rest else "")


def snooze_until(choice: str, now: datetime, *, morning: time = DEFAULT_CLOCK) -> datetime:
    """The wall-clock time a snooze ends: "tomorrow" (at `morning`) or a duration from
    `now` ("10m", "1h", "2d"); InvalidInput for anything else."""
    here = wall_now(now)
    if choice.strip().casefold() in ("tomorrow", "明天"):
        return datetime.combine(here.date() + timedelta(days=1), morning)
    minutes = duration_minutes(choice)
    if minutes is None:
        raise InvalidInput(
            f"'{choice}' is not a snooze: give a duration (10m, 1h, 2d) or 'tomorrow'."
        )
    return here + timedelta(minutes=minutes)
