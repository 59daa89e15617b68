"""How the time-boxing commands write times: as the user reads them (local "14:00" with
the date) and as ISO timestamps with their offset, durations in minutes or seconds."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from app.domain.errors import InvalidInput
from app.domain.timebox import clock_text, seconds_text, span_text
from app.services.time_entries import wall
from app.store.time_rows import BlockRow, EntryRow


def local_day(text: str | None, now: datetime) -> date:
    """A day given on the command line ("2026-12-09", "tomorrow", "fri", 明天); today
    when none is given."""
    if not text:
        return now.date()
    from app.domain.dates import parse_date_phrase

    spec = parse_date_phrase(text, now)
    if spec.time is not None:
        raise InvalidInput(f"'{text}' names a time; give only the day (use --at for the time).")
    return spec.date


def block_dict(block: BlockRow, zone: tzinfo, spent_seconds: float) -> dict[str, object]:
    start = wall(block.day, block.start, zone)
    end = wall(block.day, block.end, zone)
    return {
        "id": block.id,
        "date": block.day.isoformat(),
        "start": clock_text(block.start),
        "end": clock_text(block.end),
        "start_iso": start.isoformat(),
        "end_iso": end.isoformat(),
        "planned_minutes": block.minutes,
        "spent_minutes": round(spent_seconds / 60),
        "item_id": block.item_id,
        "title": block.title,
    }


def block_line(block: BlockRow, spent_seconds: float) -> str:
    what = f"item {block.item_id:<5} " if block.item_id is not None else " " * 11
    spent = f"  spent {seconds_text(spent_seconds)}" if spent_seconds >= 60 else ""
    return (
        f"{block.id:>5}  {clock_text(block.start)}–{clock_text(block.end)}"
        f"  {span_text(block.minutes):>6}  {what}{block.title}{spent}"
    )


def entry_dict(entry: EntryRow, zone: tzinfo, now: datetime) -> dict[str, object]:
    start = entry.started_at.astimezone(zone)
    end = None if entry.ended_at is None else entry.ended_at.astimezone(zone)
    return {
        "id": entry.id,
        "item_id": entry.item_id,
        "title": entry.title,
        "source": entry.source,
        "date": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "end": None if end is None else end.strftime("%H:%M"),
        "end_date": None if end is None else end.date().isoformat(),
        "start_iso": start.isoformat(),
        "end_iso": None if end is None else end.isoformat(),
        "seconds": round(entry.seconds(now)),
        "running": entry.ended_at is None,
        "note": entry.note,
    }


def entry_line(entry: EntryRow, zone: tzinfo, now: datetime) -> str:
    start = entry.started_at.astimezone(zone)
    end = "running" if entry.ended_at is None else entry.ended_at.astimezone(zone).strftime("%H:%M")
    what = f"item {entry.item_id:<5} " if entry.item_id is not None else " " * 11
    return (
        f"{entry.id:>5}  {start:%Y-%m-%d %H:%M}–{end:<7} {seconds_text(entry.seconds(now)):>6}"
        f"  {entry.source:<8} {what}{entry.title}"
    )
