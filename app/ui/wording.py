"""Dates in words the views share, so the board, the backlog, the log and the units say
the same thing. Where a day stands from today (`Today`, `in 3 days`) is said by
app/domain/words.py, shared with the command line."""

from __future__ import annotations

from datetime import date


def short_day(day: date, *, year: bool = False) -> str:
    """`Tue 3 Feb`, or `Tue 3 Feb 2022` with the year."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text
