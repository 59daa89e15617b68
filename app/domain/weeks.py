"""ISO weeks as the board's unit of planning. A week is written `YYYY-Www`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.domain.errors import InvalidInput

_WEEK_PATTERN = r"^(\d{4})-?W(\d{1,2})$"


class Week(tuple[int, int]):
    """(year, number): immutable, hashable, ordered by year then number. A plain tuple:
    a dataclass or NamedTuple costs the window's start a millisecond or more to set up."""

    __slots__ = ()

    def __new__(cls, year: int, number: int) -> Week:
        last = date(year, 12, 28).isocalendar().week
        if not 1 <= number <= last:
            raise InvalidInput(f"{year} has no week {number} (it has {last} weeks).")
        return super().__new__(cls, (year, number))

    @property
    def year(self) -> int:
        return self[0]

    @property
    def number(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return f"Week({self[0]}, {self[1]})"

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> Week:
        match = re.match(_WEEK_PATTERN, text.strip(), re.IGNORECASE)
        if not match:
            raise InvalidInput(f"'{text}' is not a week; write it as 2026-W48.")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))

    def contains(self, day: date) -> bool:
        return self.monday <= day <= self.sunday

    # A board week may start on another day than Monday (a setting). It is still keyed
    # by an ISO week: the one holding its Monday. With a Sunday start, Sun 22 Nov 2026
    # opens the week of Monday 23 Nov, 2026-W48.

    @classmethod
    def containing(cls, day: date, week_start: int = 0) -> Week:
        """The board week holding `day` when weeks start on `week_start` (0=Monday)."""
        first = day - timedelta(days=(day.weekday() - week_start) % 7)
        return cls.of(first + timedelta(days=(0 - week_start) % 7))

    def first_day(self, week_start: int = 0) -> date:
        return self.monday - timedelta(days=(0 - week_start) % 7)

    def last_day(self, week_start: int = 0) -> date:
        return self.first_day(week_start) + timedelta(days=6)
