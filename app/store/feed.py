"""The change feed: how a process learns what other processes changed.

Every write transaction appends one record (its merged `Changes` and the writer's
origin) before it commits (`Store.transaction`), so a change and its record are one
atomic unit: no crash can leave a change that no reader hears of. A reader notices that
another connection committed (SQLite's `data_version`, nearly free to poll), reads the
records past the last sequence number it saw, and skips its own.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from app.domain.changes import Changes

KEEP_RECORDS = 1000
PRUNE_EVERY = 100  # prune now and then, not on every write


class FeedRead(NamedTuple):
    last_seq: int
    changes: Changes
    # Which record `last_seq` was (its time and writer): a restored backup may hold
    # another record under the same number, and then the reader has missed everything.
    last_mark: str = ""


def append(conn: sqlite3.Connection, changes: Changes, *, origin: str, at: str) -> None:
    """Add a record inside the caller's write transaction."""
    cursor = conn.execute(
        "INSERT INTO change_log (at, origin, payload) VALUES (?, ?, ?)",
        (at, origin, changes.to_json()),
    )
    seq = cursor.lastrowid or 0
    if seq % PRUNE_EVERY == 0:
        conn.execute("DELETE FROM change_log WHERE seq <= ?", (seq - KEEP_RECORDS,))


def latest(conn: sqlite3.Connection) -> FeedRead:
    """Where the feed stands now, for a reader starting to follow it."""
    row = conn.execute("SELECT seq, at, origin FROM change_log ORDER BY seq DESC LIMIT 1")
    found = row.fetchone()
    if found is None:
        return FeedRead(0, Changes())
    return FeedRead(int(found[0]), Changes(), _mark(found[1], found[2]))


def since(conn: sqlite3.Connection, seq: int, *, skip_origin: str = "", mark: str = "") -> FeedRead:
    """Every record after `seq` not written by `skip_origin`, merged.

    A reader that fell behind the pruned part of the feed, or whose last record is no
    longer there as it was (a restore brought back another file, feed included), gets
    `everything`.
    """
    oldest, newest = conn.execute("SELECT MIN(seq), MAX(seq) FROM change_log").fetchone()
    if (newest or 0) < seq or (mark and _mark_of(conn, seq) != mark):
        now = latest(conn)  # another file's feed: a restore replaced the data
        return FeedRead(now.last_seq, Changes(everything=True, replaced=True), now.last_mark)
    merged = Changes()
    if oldest is not None and oldest > seq + 1:
        merged = Changes(everything=True)  # records were pruned before this reader saw them
    last, last_mark = seq, mark
    for row_seq, at, origin, payload in conn.execute(
        "SELECT seq, at, origin, payload FROM change_log WHERE seq > ? ORDER BY seq", (seq,)
    ):
        last, last_mark = int(row_seq), _mark(at, origin)
        if origin != skip_origin or not skip_origin:
            merged = merged | Changes.from_json(payload)
    return FeedRead(last, merged, last_mark)


def _mark(at: object, origin: object) -> str:
    return f"{at}|{origin}"


def _mark_of(conn: sqlite3.Connection, seq: int) -> str:
    row = conn.execute("SELECT at, origin FROM change_log WHERE seq = ?", (seq,)).fetchone()
    return "" if row is None else _mark(row[0], row[1])


def data_version(conn: sqlite3.Connection) -> int:
    """Moves whenever another connection commits to the file; cheap to poll."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
