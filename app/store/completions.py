"""Completions as the log and the units count them.

An item completed for good counts once, at its `completed_at`. A repeating item is never
completed while its rule goes on: each occurrence done is a row of `repeat_history`
(outcome `done`, at the moment it was done), and each counts once, at that moment,
while the item stays open on the board. The last occurrence of a rule that ends both
completes the item and is recorded, at the same moment: it counts once, as the
occurrence; a last occurrence skipped completes the item without counting.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import NamedTuple

# An item's completion that counts as its own: NULL when it is the moment of an
# occurrence in its history (done or skipped), which the history counts or not.
OWN_COMPLETION = (
    "CASE WHEN EXISTS (SELECT 1 FROM repeat_history h"
    " WHERE h.item_id = i.id AND h.at = i.completed_at) THEN NULL ELSE i.completed_at END"
)


class Completion(NamedTuple):
    item_id: int
    title: str
    kind: str
    at: str  # UTC text, as stored
    occurrence: date | None  # the due date of the occurrence done; None: the item itself


def completions_between(conn: sqlite3.Connection, low: str, high: str) -> list[Completion]:
    """Completions at moments in [low, high) (UTC text) of items not in the trash, by
    moment then item."""
    rows = conn.execute(
        "SELECT i.id, i.title, i.kind, i.completed_at, NULL FROM items i"
        " WHERE i.deleted_at IS NULL AND i.completed_at >= :low AND i.completed_at < :high"
        f" AND ({OWN_COMPLETION}) IS NOT NULL"
        " UNION ALL"
        " SELECT i.id, i.title, i.kind, h.at, h.due_date FROM repeat_history h"
        " JOIN items i ON i.id = h.item_id WHERE i.deleted_at IS NULL"
        " AND h.outcome = 'done' AND h.at >= :low AND h.at < :high"
        " ORDER BY 4, 1, 5",
        {"low": low, "high": high},
    )
    return [
        Completion(
            int(item_id),
            str(title),
            str(kind),
            str(at),
            date.fromisoformat(due) if due is not None else None,
        )
        for item_id, title, kind, at, due in rows
    ]


def first_completion(conn: sqlite3.Connection) -> str | None:
    """The earliest completion moment (UTC text) of an item not in the trash."""
    found = conn.execute(
        f"SELECT MIN(at) FROM (SELECT {OWN_COMPLETION} AS at FROM items i"
        " WHERE i.deleted_at IS NULL AND i.completed_at IS NOT NULL"
        " UNION ALL SELECT h.at FROM repeat_history h JOIN items i ON i.id = h.item_id"
        " WHERE i.deleted_at IS NULL AND h.outcome = 'done')"
    ).fetchone()[0]
    return None if found is None else str(found)
