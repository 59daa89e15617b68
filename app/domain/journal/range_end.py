"""Where a journal's date range ends: the end as written (`EndToken`, read by
`dates.py`) resolved against its start, once `sequence.py` knows whether the journal
writes the day or the month first."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.journal.dates import EndToken, calendar_date

__all__ = ["resolve_end", "shift"]


def resolve_end(start: date, end: EndToken, *, day_first: bool | None) -> date | None:
    """The last day of a range beginning on `start`, or None when `end` names no day
    after `start`. An end without a year (or month) takes the start's, moving on a
    month or a year when it would otherwise come before the start."""
    if end.full is not None:
        token = end.full
        if not token.readings:
            return None
        if day_first is not None and len(token.readings) > 1:
            wanted = "dmy" if day_first else "mdy"
            for reading, style in zip(token.readings, token.styles, strict=True):
                if style == wanted:
                    return reading
        return token.readings[0]
    if end.month is not None:
        month, day = (end.day, end.month) if day_first else (end.month, end.day)
        for year in (start.year, start.year + 1):
            found = calendar_date(year, month, day)
            if found and found >= start:
                return found
        return None
    if end.day == start.day:
        return start  # "2021-05-18 ~ 18" is that one day
    for months_ahead in (0, 1):
        year, month = start.year, start.month + months_ahead
        if month > 12:
            year, month = year + 1, 1
        found = calendar_date(year, month, end.day)
        if found and found > start:
            return found
    return None


def shift(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the ends of the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None
