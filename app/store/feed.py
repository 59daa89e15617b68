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


def append(conn: sqlite3.Connection, changes: Changes, *, origin: str, at: str) -> None:
    """Add a record inside the caller's write transaction."""
    cursor = conn.execute(
        "INSERT INTO change_log (at, origin, payload) VALUES (?, ?, ?)",
        (at, origin, changes.to_json()),
    )
    seq = cursor.lastrowid or 0
    if seq % PRUNE_EVERY == 0:
        conn.execute("DELETE FROM change_log WHERE seq <= ?", (seq - KEEP_RECORDS,))


def latest_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(seq) FROM change_log").fetchone()
    return int(row[0] or 0)


def since(conn: sqlite3.Connection, seq: int, *, skip_origin: str = "") -> FeedRead:
    """Every record after `seq` not written by `skip_origin`, merged.

    A reader that fell behind the pruned part of the feed, or a feed that went backwards
    (a restore brought back an older file, feed included), gets `everything`.
    """
    oldest, newest = conn.execute("SELECT MIN(seq), MAX(seq) FROM change_log").fetchone()
    if (newest or 0) < seq:
        return FeedRead(int(newest or 0), Changes(everything=True))
    merged = Changes()
    if oldest is not None and oldest > seq + 1 and seq > 0:
        merged = Changes(everything=True)
    last = seq
    for row_seq, origin, payload in conn.execute(
        "SELECT seq, origin, payload FROM change_log WHERE seq > ? ORDER BY seq", (seq,)
    ):
        last = int(row_seq)
        if origin != skip_origin or not skip_origin:
            merged = merged | Changes.from_json(payload)
    return FeedRead(last, merged)


def data_version(conn: sqlite3.Connection) -> int:
    """Moves whenever another connection commits to the file; cheap to poll."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
