"""How values are written in the database, shared by the ORM types and raw SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def utc_text(moment: datetime) -> str:
    """Timestamps are stored as UTC ISO-8601 text with microseconds: sortable, exact."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


def date_text(day: date) -> str:
    return day.isoformat()


def time_text(moment: time) -> str:
    return moment.strftime("%H:%M")


def parse_time(text: str) -> time:
    return time.fromisoformat(text)
