"""When each reading pass of an item was reached (table `reading_passes`, migration 0008).

An item at reading pass N has a row for each pass 1..N holding the moment it was first
reached; lowering the pass removes the rows above it, so a pass read again later gets
the later date. Every writer of `items.reading_pass` keeps the rows with `record_pass`
in the same transaction; undo puts both back together, as it does any row.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from app.store.formats import parse_utc

# Each pass up to the item's own, 1 to 3 (app/domain/enums.py MAX_READING_PASS).
_PASSES = "(SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS passes"


def record_pass(conn: sqlite3.Connection, item_id: int, reading_pass: int, stamp: str) -> None:
    """Make the rows of `item_id` match its pass `reading_pass`: passes reached now are
    dated `stamp` (UTC text), passes reached before keep their dates, passes above it go."""
    conn.execute(
        'DELETE FROM reading_passes WHERE item_id = ? AND "pass" > ?', (item_id, reading_pass)
    )
    conn.execute(
        'INSERT OR IGNORE INTO reading_passes (item_id, "pass", reached_at)'
        f" SELECT ?, passes.n, ? FROM {_PASSES} WHERE passes.n <= ?",
        (item_id, stamp, reading_pass),
    )


def fill_missing(conn: sqlite3.Connection) -> int:
    """Give every item the rows its pass calls for and lacks (an export written before
    the dates were kept), dated as migration 0008 dated them: a completed item's
    completion (or its last change, if earlier), an open one's last change. Returns the
    number of rows added."""
    cursor = conn.execute(
        'INSERT OR IGNORE INTO reading_passes (item_id, "pass", reached_at)'
        " SELECT items.id, passes.n, CASE WHEN completed_at IS NOT NULL"
        " AND completed_at < updated_at THEN completed_at ELSE updated_at END"
        f" FROM items JOIN {_PASSES} ON passes.n <= items.reading_pass"
    )
    return max(cursor.rowcount, 0)


def reached_at(conn: sqlite3.Connection, item_id: int) -> dict[int, datetime]:
    """pass → when the item reached it, for the passes it has reached."""
    return {
        int(pass_): parse_utc(moment)
        for pass_, moment in conn.execute(
            'SELECT "pass", reached_at FROM reading_passes WHERE item_id = ? ORDER BY "pass"',
            (item_id,),
        )
    }
