"""Time spent: entries added and corrected by hand, and what has been spent on items.
Entries the focus timer records are made by app/services/focus.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from types import EllipsisType

from app.domain.changes import Changes
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.time_days import at_minute, midnight, overlap_seconds
from app.services.use_case import use_case
from app.store import time_rows
from app.store.db import Store
from app.store.formats import utc_text
from app.store.time_rows import BlockRow, EntryRow

SOURCES = ("timer", "pomodoro", "manual")


def time_changes(*item_ids: int | None) -> Changes:
    """What a change of blocks, entries or the timer touched: the time, and the items
    whose time planned or spent it changed."""
    return Changes(items=frozenset(i for i in item_ids if i is not None), time=True)


def _entry(conn: sqlite3.Connection, entry_id: int) -> EntryRow:
    found = time_rows.entry(conn, entry_id)
    if found is None:
        raise NotFound(f"No time entry {entry_id}.")
    return found


def check_item(conn: sqlite3.Connection, item_id: int | None) -> None:
    """NotFound for an item missing or in the trash (None: time tied to no item)."""
    if item_id is None:
        return
    found = conn.execute(
        "SELECT 1 FROM items WHERE id = ? AND deleted_at IS NULL", (item_id,)
    ).fetchone()
    if found is None:
        raise NotFound(f"No item {item_id}.")


def check_stretch(start: datetime, end: datetime, now: datetime) -> None:
    if end <= start:
        raise InvalidInput("A time entry ends after it starts.")
    if start > now:
        raise InvalidInput("Time spent cannot start in the future.")


@use_case
def add_entry(
    store: Store,
    *,
    item_id: int | None,
    start: datetime,
    end: datetime,
    note: str = "",
    block_id: int | None = None,
    now: datetime,
) -> tuple[EntryRow, Changes]:
    """Record time spent by hand (source 'manual')."""
    check_stretch(start, end, now)
    with store.raw_write() as conn:
        check_item(conn, item_id)
        entry_id = time_rows.insert_entry(
            conn,
            uid=new_uid(),
            item_id=item_id,
            block_id=block_id,
            started_at=start,
            ended_at=end,
            source="manual",
            note=note.strip(),
            now=now,
        )
        return _entry(conn, entry_id), time_changes(item_id)


@use_case
def correct_entry(
    store: Store,
    entry_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    item_id: int | EllipsisType | None = ...,
    now: datetime,
) -> tuple[EntryRow, Changes]:
    """Change an entry's start, end or item (`item_id=None`: tied to no item). The
    running entry's end is the timer's to set."""
    with store.raw_write() as conn:
        old = _entry(conn, entry_id)
        new_start = old.started_at if start is None else start
        if end is not None and old.ended_at is None:
            raise InvalidInput("This entry is running; stop the timer to end it.")
        new_end = old.ended_at if end is None else end
        check_stretch(new_start, new_end if new_end is not None else now, now)
        new_item = old.item_id if isinstance(item_id, EllipsisType) else item_id
        check_item(conn, new_item)
        conn.execute(
            "UPDATE time_entries SET started_at = ?, ended_at = ?, item_id = ? WHERE id = ?",
            (
                utc_text(new_start),
                None if new_end is None else utc_text(new_end),
                new_item,
                entry_id,
            ),
        )
        return _entry(conn, entry_id), time_changes(old.item_id, new_item)


@use_case
def delete_entry(store: Store, entry_id: int) -> Changes:
    with store.raw_write() as conn:
        old = _entry(conn, entry_id)
        if old.ended_at is None:
            raise InvalidInput("This entry is running; stop the timer first.")
        conn.execute("DELETE FROM time_entries WHERE id = ?", (entry_id,))
    return time_changes(old.item_id)


def spent_seconds(store: Store, item_ids: Iterable[int], now: datetime) -> dict[int, float]:
    """All the time spent on each item (the running entry up to `now`)."""
    with store.raw_read() as conn:
        return time_rows.spent_seconds(conn, item_ids, now)


def entries_between(store: Store, start: datetime, end: datetime) -> list[EntryRow]:
    with store.raw_read() as conn:
        return time_rows.entries_between(conn, start, end)


def spent_in_blocks(
    store: Store, blocks: Sequence[BlockRow], zone: tzinfo, now: datetime
) -> dict[int, float]:
    """Seconds of focus inside each block (`block_spent`), read in one query."""
    if not blocks:
        return {}
    spans = [block_span(b, zone) for b in blocks]
    with store.raw_read() as conn:
        entries = time_rows.entries_between(
            conn, min(s for s, _ in spans), max(e for _, e in spans)
        )
    return block_spent(blocks, entries, zone, now)


def block_spent(
    blocks: Sequence[BlockRow], entries: Sequence[EntryRow], zone: tzinfo, now: datetime
) -> dict[int, float]:
    """Seconds of focus inside each block: entries recorded on the block, or on its item,
    counted for the part that lies within the block's hours. A past block with none was
    missed."""
    spent: dict[int, float] = {}
    for block in blocks:
        start, end = block_span(block, zone)
        spent[block.id] = sum(
            overlap(e, start, end, now)
            for e in entries
            if e.block_id == block.id or (block.item_id is not None and e.item_id == block.item_id)
        )
    return spent


def overlap(entry: EntryRow, start: datetime, end: datetime, now: datetime) -> float:
    """Seconds of `entry` (the running one up to `now`) inside [start, end)."""
    stop = entry.ended_at if entry.ended_at is not None else now
    return overlap_seconds(entry.started_at, stop, start, end)


def block_span(block: BlockRow, zone: tzinfo) -> tuple[datetime, datetime]:
    """The moments a block starts and ends, in UTC."""
    return at_minute(block.day, block.start, zone), at_minute(block.day, block.end, zone)


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """Local `day` from midnight to midnight, in UTC (23 or 25 hours across a clock
    change)."""
    return midnight(day, zone), midnight(day + timedelta(days=1), zone)


def wall(day: date, minute: int, zone: tzinfo) -> datetime:
    """The moment `minute` minutes into local `day` (24:00 is the next midnight), shown
    in `zone` (with the offset it has then)."""
    return at_minute(day, minute, zone).astimezone(zone)
