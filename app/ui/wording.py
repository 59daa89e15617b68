"""Words the views share for dates, so the board and the backlog say the same thing."""

from __future__ import annotations

from datetime import date

RELATIVE_DAYS = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}


def relative_day(day: date, today: date) -> str | None:
    """'Today', 'Tomorrow' or 'Yesterday' when `day` is one of them, else None."""
    return RELATIVE_DAYS.get((day - today).days)
