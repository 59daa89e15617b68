"""Words the views share for dates, so the board and the backlog say the same thing."""

from __future__ import annotations

from datetime import date

RELATIVE_DAYS = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}


def short_day(day: date, *, year: bool = False) -> str:
    """`Tue 3 Feb`, or `Tue 3 Feb 2022` with the year."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def relative_day(day: date, today: date) -> str | None:
    """'Today', 'Tomorrow' or 'Yesterday' when `day` is one of them, else None."""
    return RELATIVE_DAYS.get((day - today).days)
