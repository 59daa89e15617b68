"""The settings of the day planner and the focus timer: the working hours the planner
shows, the Pomodoro lengths, and how long idle counts before the timer asks. Store
settings (`rizhi config`), since the command line and the background instance that runs
the timer read them too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

from app.domain.errors import InvalidInput
from app.domain.estimates import estimate_minutes, estimate_text
from app.domain.timebox import clock_minutes, clock_text

OFF: Final = "off"
MAX_LENGTH: Final = 240  # minutes: a pomodoro or a break longer than 4 hours is a typo


def clock(text: str) -> str:
    """A time of day on the planner's grid, HH:MM; 24:00 is the day's end."""
    return clock_text(clock_minutes(text, end=True))


def length(text: str) -> str:
    minutes = estimate_minutes(text)
    if minutes is None or minutes > MAX_LENGTH:
        raise InvalidInput(
            f"'{text}' is not a length for the timer; write minutes or hours up to 4h (25m, 1h)."
        )
    return estimate_text(minutes)


def length_or_off(text: str) -> str:
    return OFF if text.strip().lower() in ("off", "none", "no", "0") else length(text)


def count(text: str) -> str:
    word = text.strip()
    number = int(word) if word.isascii() and word.isdigit() else 0
    if not 1 <= number <= 12:
        raise InvalidInput(f"'{text}' is not a count of pomodoros; write 1 to 12.")
    return str(number)


class TimeboxSettings(NamedTuple):
    """The planner's and the timer's settings as typed values (minutes)."""

    day_start: int = 8 * 60
    day_end: int = 20 * 60
    pomodoro: int = 25
    short_break: int = 5
    long_break: int = 15
    long_break_every: int = 4
    idle: int | None = 5  # None: never ask about idle time

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> TimeboxSettings:
        """From the settings in force (`settings.in_force`)."""
        start = clock_minutes(texts["planner.day_start"], end=True)
        end = clock_minutes(texts["planner.day_end"], end=True)
        if end <= start:  # hours that make no day: the defaults
            start, end = cls.day_start, cls.day_end
        idle = texts["focus.idle"]
        return cls(
            day_start=start,
            day_end=end,
            pomodoro=estimate_minutes(texts["focus.pomodoro"]) or cls.pomodoro,
            short_break=estimate_minutes(texts["focus.short_break"]) or cls.short_break,
            long_break=estimate_minutes(texts["focus.long_break"]) or cls.long_break,
            long_break_every=int(texts["focus.long_break_every"]),
            idle=None if idle == OFF else estimate_minutes(idle),
        )
