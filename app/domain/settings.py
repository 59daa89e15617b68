"""The settings that matter beyond the window, with their types and defaults.

They live in the store's `settings` table as text under dotted keys (`week.start`), so
the window, the command line and any background process read the same values. Window
state (geometry, last view, theme, shortcuts) stays in the window's own `ui.ini`.

Each setting reads its text into a value, refusing what it cannot read (`InvalidInput`:
the command line exits 2 and changes nothing), and writes a value back as the one
canonical text. A stored text that no longer reads (edited by hand) gives the default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import time
from typing import Final, NamedTuple

from app.domain import reminder_settings as reminding
from app.domain import timebox_settings as timeboxing
from app.domain.errors import InvalidInput

WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ROLLOVER_MODES: Final = ("auto", "ask", "manual")
MAX_WIP_LIMIT: Final = 99  # 0 means "no limit"
MAX_BACKUP_HOURS: Final = 168  # a week


class Setting(NamedTuple):
    key: str
    default: str  # canonical text
    describe: str  # what it does and what it takes, for `rizhi config` and errors
    normalize: Callable[[str], str]  # any accepted text -> canonical text; InvalidInput


def _weekday(text: str) -> str:
    word = text.strip().lower()
    found = [day for day in WEEKDAYS if len(word) >= 3 and day.startswith(word)]
    if len(found) != 1:
        raise InvalidInput(f"'{text}' is not a day of the week; write monday … sunday.")
    return found[0]


def _wip_limit(text: str) -> str:
    word = text.strip()
    number = int(word) if word.isascii() and word.isdigit() else -1
    if not 0 <= number <= MAX_WIP_LIMIT:
        raise InvalidInput(
            f"'{text}' is not a WIP limit; write a whole number 0 to {MAX_WIP_LIMIT} (0: no limit)."
        )
    return str(number)


def _rollover(text: str) -> str:
    word = text.strip().lower()
    if word == "automatic":
        word = "auto"
    if word not in ROLLOVER_MODES:
        raise InvalidInput(f"'{text}' is not a rollover mode; write auto, ask or manual.")
    return word


def _backup_hours(text: str) -> str:
    word = text.strip().lower().removesuffix("h").strip()
    number = int(word) if word.isascii() and word.isdigit() else 0
    if not 1 <= number <= MAX_BACKUP_HOURS:
        raise InvalidInput(
            f"'{text}' is not a backup interval; write a whole number of hours, "
            f"1 to {MAX_BACKUP_HOURS}."
        )
    return str(number)


def _clock(text: str) -> str:
    hours, colon, minutes = text.strip().partition(":")
    digits = (hours + minutes).isascii() and hours.isdigit() and minutes.isdigit()
    if not (colon and digits and len(minutes) == 2):
        hours = minutes = "99"
    if int(hours) > 23 or int(minutes) > 59:
        raise InvalidInput(f"'{text}' is not a time of day; write it as HH:MM, e.g. 21:00.")
    return f"{int(hours):02d}:{minutes}"


SETTINGS: Final[Mapping[str, Setting]] = {
    s.key: s
    for s in (
        Setting(
            "week.start",
            "monday",
            "the first day of a board week: monday … sunday",
            _weekday,
        ),
        Setting(
            "board.wip_limit",
            "3",
            f"how many cards Active holds before it is marked: 0 (no limit) to {MAX_WIP_LIMIT}",
            _wip_limit,
        ),
        Setting(
            "board.rollover",
            "ask",
            "unfinished cards when a new week starts: auto (carry them), ask, manual",
            _rollover,
        ),
        Setting(
            "units.review_time",
            "21:00",
            "when, on a unit's last day, its review is asked for: HH:MM",
            _clock,
        ),
        Setting(
            "backups.every_hours",
            "4",
            f"how often the window takes an automatic backup: 1 to {MAX_BACKUP_HOURS} hours",
            _backup_hours,
        ),
        Setting(
            "reminders.default_timed",
            "0m",
            "the reminder every item with a due time gets: off, 0m (at the due time) "
            "or how long before it (10m, 1h, 1d)",
            reminding.timed_default,
        ),
        Setting(
            "reminders.default_dated",
            "off",
            "the reminder an item with only a due date gets: off, or HH:MM on that day",
            reminding.dated_default,
        ),
        Setting(
            "reminders.unit_review",
            "on",
            "remind of a unit's review on its last day at units.review_time: on or off",
            reminding.on_off,
        ),
        Setting(
            "reminders.weekly_planning",
            "09:00",
            "remind to plan the week on its first day: HH:MM, or off",
            reminding.clock_or_off,
        ),
        Setting(
            "reminders.evening_log",
            "off",
            "remind every evening to write the day's log: HH:MM, or off",
            reminding.clock_or_off,
        ),
        Setting(
            "planner.day_start",
            "08:00",
            "where the day planner's working hours start: HH:MM",
            timeboxing.clock,
        ),
        Setting(
            "planner.day_end",
            "20:00",
            "where the day planner's working hours end: HH:MM (after the start)",
            timeboxing.clock,
        ),
        Setting(
            "focus.pomodoro",
            "25m",
            "the length of a pomodoro: 25m, 50m, up to 4h",
            timeboxing.length,
        ),
        Setting(
            "focus.short_break",
            "5m",
            "the break after a pomodoro: 5m, up to 4h",
            timeboxing.length,
        ),
        Setting(
            "focus.long_break",
            "15m",
            "the long break after every few pomodoros: 15m, up to 4h",
            timeboxing.length,
        ),
        Setting(
            "focus.long_break_every",
            "4",
            "how many pomodoros come before a long break: 1 to 12",
            timeboxing.count,
        ),
        Setting(
            "focus.idle",
            "5m",
            "how long away from the computer, while a timer runs, before Rizhi asks what "
            "to do with that time: 5m, 15m, or off",
            timeboxing.length_or_off,
        ),
    )
}


def setting(key: str) -> Setting:
    found = SETTINGS.get(key)
    if found is None:
        raise InvalidInput(f"There is no setting '{key}'; the settings are {', '.join(SETTINGS)}.")
    return found


def canonical(key: str, text: str) -> str:
    """The text to store for `key`; InvalidInput saying what it takes."""
    return setting(key).normalize(text)


class Preferences(NamedTuple):
    """The settings as typed values, defaults where nothing (readable) is stored."""

    week_start: int = 0  # 0 = Monday … 6 = Sunday, as date.weekday()
    wip_limit: int = 3  # 0: no limit
    rollover: str = "ask"  # auto | ask | manual
    review_time: time = time(21, 0)

    def texts(self) -> dict[str, str]:
        """The settings as the store keeps them."""
        return {
            "week.start": WEEKDAYS[self.week_start],
            "board.wip_limit": str(self.wip_limit),
            "board.rollover": self.rollover,
            "units.review_time": self.review_time.strftime("%H:%M"),
        }

    @classmethod
    def of(cls, stored: Mapping[str, str]) -> Preferences:
        texts = in_force(stored)
        return cls(
            week_start=WEEKDAYS.index(texts["week.start"]),
            wip_limit=int(texts["board.wip_limit"]),
            rollover=texts["board.rollover"],
            review_time=time.fromisoformat(texts["units.review_time"]),
        )


def in_force(stored: Mapping[str, str]) -> dict[str, str]:
    """Every setting's text in force: what is stored where it reads, else the default."""
    texts = {}
    for key, spec in SETTINGS.items():
        text = stored.get(key)
        try:
            texts[key] = spec.default if text is None else spec.normalize(text)
        except InvalidInput:
            texts[key] = spec.default
    return texts


DEFAULTS: Final = Preferences()
