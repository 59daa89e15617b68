"""The change feed: how a process that did not make a change learns of it.

Writers outside the window (the command line) append their Changes; the window
notices that another connection committed (SQLite's `data_version`) and reads the
entries past the last sequence number it saw.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from app.services.changes import Changes
from app.store.db import Store
from app.store.formats import utc_text

KEEP_ENTRIES = 1000


def append(conn: sqlite3.Connection, changes: Changes, now: datetime | None = None) -> None:
    """Add `changes` to the feed inside the caller's write transaction."""
    if changes.empty:
        return
    at = utc_text(now or datetime.now(UTC))
    cursor = conn.execute(
        "INSERT INTO change_log (at, payload) VALUES (?, ?)", (at, changes.to_json())
    )
    seq = cursor.lastrowid or 0
    if seq % 100 == 0:  # prune now and then, not on every write
        conn.execute("DELETE FROM change_log WHERE seq <= ?", (seq - KEEP_ENTRIES,))


def publish(store: Store, changes: Changes) -> None:
    with store.raw_write() as conn:
        append(conn, changes)


def latest_seq(store: Store) -> int:
    row = store.raw.execute("SELECT MAX(seq) FROM change_log").fetchone()
    return int(row[0] or 0)


def since(store: Store, seq: int) -> tuple[int, Changes]:
    """Everything published after `seq`, merged, and the new last sequence number."""
    merged = Changes()
    last = seq
    oldest, newest = store.raw.execute("SELECT MIN(seq), MAX(seq) FROM change_log").fetchone()
    if (newest or 0) < seq:
        # The feed went backwards: a restore brought back an older file, feed included.
        return int(newest or 0), Changes(everything=True)
    if oldest is not None and oldest > seq + 1 and seq > 0:
        merged = Changes(everything=True)  # entries were pruned: we missed some
    for row_seq, payload in store.raw.execute(
        "SELECT seq, payload FROM change_log WHERE seq > ? ORDER BY seq", (seq,)
    ):
        merged = merged | Changes.from_json(payload)
        last = row_seq
    return last, merged


def data_version(store: Store) -> int:
    """Changes whenever another connection commits to the file; cheap to poll."""
    return int(store.raw.execute("PRAGMA data_version").fetchone()[0])
