"""The settings that say which reminders Rizhi gives without being asked.

Two defaults for items (a reminder for every item with a due time, and optionally one for
items with only a due date) and the built-in reminders: the end-of-unit review, weekly
planning at the start of the week and an evening "write today's log". They are store
settings (`rizhi config`), since the background instance that fires them reads them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Final, NamedTuple

from app.domain.errors import InvalidInput
from app.domain.reminders import duration_minutes, duration_text

OFF: Final = "off"
_OFF_WORDS: Final = ("off", "none", "no", "0")


def _clock_or_off(text: str, what: str) -> str:
    word = text.strip().lower()
    if word in _OFF_WORDS:
        return OFF
    hours, colon, minutes = word.partition(":")
    if (
        colon
        and (hours + minutes).isascii()
        and hours.isdigit()
        and minutes.isdigit()
        and len(minutes) == 2
        and int(hours) <= 23
        and int(minutes) <= 59
    ):
        return f"{int(hours):02d}:{minutes}"
    raise InvalidInput(f"'{text}' is not {what}; write a time of day as HH:MM, or off.")


def timed_default(text: str) -> str:
    """`reminders.default_timed`: off, or how long before the due time (0m: at it)."""
    word = text.strip().lower()
    if word in ("off", "none", "no"):
        return OFF
    if word in ("0", "0m", "at due", "at the due time"):
        return "0m"
    minutes = duration_minutes(word.removesuffix("before").strip())
    if minutes is None:
        raise InvalidInput(
            f"'{text}' is not a default reminder; write off, 0m (at the due time) "
            "or how long before it: 10m, 1h, 1d."
        )
    return duration_text(minutes)


def dated_default(text: str) -> str:
    """`reminders.default_dated`: off, or the time of day on the due date."""
    return _clock_or_off(text, "a reminder time for items with a due date only")


def on_off(text: str) -> str:
    word = text.strip().lower()
    if word in ("on", "yes", "true", "1"):
        return "on"
    if word in ("off", "no", "false", "0"):
        return OFF
    raise InvalidInput(f"'{text}' is neither on nor off.")


def clock_or_off(text: str) -> str:
    return _clock_or_off(text, "a reminder time")


class ReminderSettings(NamedTuple):
    """The reminder settings as typed values; None where a reminder is off."""

    before_timed: int | None = 0  # minutes before an item's due time
    dated_clock: time | None = None  # on a date-only item's due date
    unit_review: bool = True  # on a unit's last day at `units.review_time`
    weekly_planning: time | None = time(9, 0)  # on the first day of the week
    evening_log: time | None = None  # every evening

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> ReminderSettings:
        """From the settings in force (`settings.in_force`)."""

        def clock(key: str) -> time | None:
            text = texts[key]
            return None if text == OFF else time.fromisoformat(text)

        timed = texts["reminders.default_timed"]
        return cls(
            before_timed=None if timed == OFF else duration_minutes(timed) or 0,
            dated_clock=clock("reminders.default_dated"),
            unit_review=texts["reminders.unit_review"] == "on",
            weekly_planning=clock("reminders.weekly_planning"),
            evening_log=clock("reminders.evening_log"),
        )
