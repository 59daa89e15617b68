"""Raw-SQL reads and writes of time blocks, time entries and the focus timer.

Blocks are wall-clock minutes on a local day; entries are UTC moments (`formats.py`),
and an entry without an end is the running one, counted up to `now` wherever time spent
is summed. These reads serve the planner on every drag and the reports over years of
entries, so they are single queries over the indexes of migration 0010.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from app.store.formats import parse_utc, utc_text

# As the partial index ix_time_entries_long says it, so that SQLite uses the index.
LONG_ENTRY = "e.ended_at IS NULL OR julianday(e.ended_at) - julianday(e.started_at) >= 1.0"


class BlockRow(NamedTuple):
    id: int
    day: date
    start: int  # minutes after the day's midnight
    minutes: int
    item_id: int | None
    title: str  # the item's title for a block tied to one, else the block's own

    @property
    def end(self) -> int:
        return self.start + self.minutes


class EntryRow(NamedTuple):
    id: int
    item_id: int | None
    block_id: int | None
    started_at: datetime  # aware, UTC
    ended_at: datetime | None  # None while it runs
    source: str
    note: str
    title: str  # the item's title, or "" for time not tied to an item

    def seconds(self, now: datetime) -> float:
        """Its length; a running entry counts up to `now`."""
        end = self.ended_at if self.ended_at is not None else now
        return max(0.0, (end - self.started_at).total_seconds())


class TimerRow(NamedTuple):
    mode: str  # timer | pomodoro
    phase: str  # focus | break | long_break | ready
    item_id: int | None
    block_id: int | None
    entry_id: int | None
    phase_started_at: datetime
    phase_ends_at: datetime | None
    pomodoros: int  # finished in this run of the timer


_BLOCK = (
    "SELECT b.id, b.day, b.start_minute, b.minutes, b.item_id,"
    " CASE WHEN b.item_id IS NULL THEN b.title ELSE i.title END"
    " FROM time_blocks b LEFT JOIN items i ON i.id = b.item_id"
)
_ENTRY = (
    "SELECT e.id, e.item_id, e.block_id, e.started_at, e.ended_at, e.source, e.note,"
    " COALESCE(i.title, '') FROM time_entries e LEFT JOIN items i ON i.id = e.item_id"
)


# An entry's length in seconds, to the millisecond (julianday's doubles are exact to
# about 50 µs, and sums of unrounded lengths would show it); `?` is now, for the running one.
SECONDS = "ROUND((julianday(COALESCE(ended_at, ?)) - julianday(started_at)) * 86400.0, 3)"


def _block(row: tuple[object, ...]) -> BlockRow:
    bid, day, start, minutes, item, title = row
    return BlockRow(
        int(str(bid)),
        date.fromisoformat(str(day)),
        int(str(start)),
        int(str(minutes)),
        None if item is None else int(str(item)),
        str(title or ""),
    )


def _entry(row: tuple[object, ...]) -> EntryRow:
    eid, item, block, start, end, source, note, title = row
    return EntryRow(
        int(str(eid)),
        None if item is None else int(str(item)),
        None if block is None else int(str(block)),
        parse_utc(str(start)),
        None if end is None else parse_utc(str(end)),
        str(source),
        str(note),
        str(title),
    )


# --- blocks -------------------------------------------------------------------------------


def block(conn: sqlite3.Connection, block_id: int) -> BlockRow | None:
    found = conn.execute(f"{_BLOCK} WHERE b.id = ?", (block_id,)).fetchone()
    return None if found is None else _block(found)


def blocks_between(conn: sqlite3.Connection, first: date, last: date) -> list[BlockRow]:
    """The blocks of the days `first`..`last`, by day and start. Blocks of items in the
    trash are left out (they come back with the item)."""
    rows = conn.execute(
        f"{_BLOCK} WHERE b.day BETWEEN ? AND ?"
        " AND (b.item_id IS NULL OR i.deleted_at IS NULL)"
        " ORDER BY b.day, b.start_minute, b.id",
        (first.isoformat(), last.isoformat()),
    )
    return [_block(r) for r in rows]


def insert_block(
    conn: sqlite3.Connection,
    *,
    uid: str,
    day: date,
    start: int,
    minutes: int,
    item_id: int | None,
    title: str,
    now: datetime,
) -> int:
    cursor = conn.execute(
        "INSERT INTO time_blocks (uid, day, start_minute, minutes, item_id, title, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (uid, day.isoformat(), start, minutes, item_id, title, utc_text(now)),
    )
    return int(cursor.lastrowid or 0)


def place_block(
    conn: sqlite3.Connection, block_id: int, day: date, start: int, minutes: int
) -> None:
    conn.execute(
        "UPDATE time_blocks SET day = ?, start_minute = ?, minutes = ? WHERE id = ?",
        (day.isoformat(), start, minutes, block_id),
    )


def delete_block(conn: sqlite3.Connection, block_id: int) -> None:
    conn.execute("DELETE FROM time_blocks WHERE id = ?", (block_id,))


def planned_minutes(
    conn: sqlite3.Connection, item_ids: Iterable[int], first: date, last: date
) -> dict[int, int]:
    """Minutes planned for each item in blocks on the days `first`..`last`."""
    rows = conn.execute(
        "SELECT item_id, SUM(minutes) FROM time_blocks WHERE day BETWEEN ? AND ?"
        " AND item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id",
        (first.isoformat(), last.isoformat(), json.dumps(sorted(set(item_ids)))),
    )
    return {int(item): int(total) for item, total in rows}


# --- entries ------------------------------------------------------------------------------


def entry(conn: sqlite3.Connection, entry_id: int) -> EntryRow | None:
    found = conn.execute(f"{_ENTRY} WHERE e.id = ?", (entry_id,)).fetchone()
    return None if found is None else _entry(found)


def entries_between(conn: sqlite3.Connection, start: datetime, end: datetime) -> list[EntryRow]:
    """Entries that overlap [start, end), by start; the running one too. Those shorter
    than a day started at most a day before `start`, which the started_at index finds;
    the running and longer ones come from an index of their own (migration 0010)."""
    overlaps = "e.started_at < ? AND (e.ended_at IS NULL OR e.ended_at > ?)"
    rows = conn.execute(
        f"{_ENTRY} WHERE e.started_at >= ? AND {overlaps}"
        f" UNION ALL {_ENTRY} WHERE e.started_at < ? AND {overlaps} AND ({LONG_ENTRY})"
        " ORDER BY 4, 1",
        (
            utc_text(start - timedelta(days=1)),
            utc_text(end),
            utc_text(start),
            utc_text(start - timedelta(days=1)),
            utc_text(end),
            utc_text(start),
        ),
    )
    return [_entry(r) for r in rows]


def entries_of_items(conn: sqlite3.Connection, item_ids: Iterable[int]) -> list[EntryRow]:
    rows = conn.execute(
        f"{_ENTRY} WHERE e.item_id IN (SELECT value FROM json_each(?)) ORDER BY e.started_at, e.id",
        (json.dumps(sorted(set(item_ids))),),
    )
    return [_entry(r) for r in rows]


def spent_seconds(
    conn: sqlite3.Connection, item_ids: Iterable[int], now: datetime
) -> dict[int, float]:
    """All the time spent on each item, the running entry up to `now`."""
    rows = conn.execute(
        f"SELECT item_id, SUM({SECONDS}) FROM time_entries"
        " WHERE item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id",
        (utc_text(now), json.dumps(sorted(set(item_ids)))),
    )
    return {int(item): max(0.0, float(total or 0.0)) for item, total in rows}


def insert_entry(
    conn: sqlite3.Connection,
    *,
    uid: str,
    item_id: int | None,
    block_id: int | None,
    started_at: datetime,
    ended_at: datetime | None,
    source: str,
    note: str,
    now: datetime,
) -> int:
    cursor = conn.execute(
        "INSERT INTO time_entries (uid, item_id, block_id, started_at, ended_at, source, note,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            uid,
            item_id,
            block_id,
            utc_text(started_at),
            None if ended_at is None else utc_text(ended_at),
            source,
            note,
            utc_text(now),
        ),
    )
    return int(cursor.lastrowid or 0)


def end_entry(conn: sqlite3.Connection, entry_id: int, at: datetime) -> None:
    conn.execute("UPDATE time_entries SET ended_at = ? WHERE id = ?", (utc_text(at), entry_id))


def running_entries(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT id FROM time_entries WHERE ended_at IS NULL")]


# --- the timer ----------------------------------------------------------------------------


def timer(conn: sqlite3.Connection) -> TimerRow | None:
    found = conn.execute(
        "SELECT mode, phase, item_id, block_id, entry_id, phase_started_at, phase_ends_at,"
        " pomodoros FROM focus_timer WHERE id = 1"
    ).fetchone()
    if found is None:
        return None
    mode, phase, item, block_id, entry_id, started, ends, count = found
    return TimerRow(
        str(mode),
        str(phase),
        None if item is None else int(item),
        None if block_id is None else int(block_id),
        None if entry_id is None else int(entry_id),
        parse_utc(str(started)),
        None if ends is None else parse_utc(str(ends)),
        int(count),
    )


def save_timer(conn: sqlite3.Connection, row: TimerRow) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO focus_timer (id, mode, phase, item_id, block_id, entry_id,"
        " phase_started_at, phase_ends_at, pomodoros) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.mode,
            row.phase,
            row.item_id,
            row.block_id,
            row.entry_id,
            utc_text(row.phase_started_at),
            None if row.phase_ends_at is None else utc_text(row.phase_ends_at),
            row.pomodoros,
        ),
    )


def clear_timer(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM focus_timer")
