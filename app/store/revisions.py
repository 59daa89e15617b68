"""What changed since a revision: what a sync engine asks the store.

Triggers (migration 0007) keep a store-wide revision that moves on every insert, update
and delete of a row a sync could carry, undo and imports included; each such row holds
the revision of its last change in `rev`, and a change to a row that belongs to one (an
item's tags, links, board card...) is a change of its owner. A deletion leaves a
tombstone, kept for good, so deletions travel and never come back. An item in the trash
is deleted as far as sync is concerned; restored, it is a new revision.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

# Tables whose rows a sync could carry; a test checks every table with a `rev` is here.
SYNCED_TABLES = (
    "items",
    "study_units",
    "unit_goals",
    "goal_categories",
    "log_entries",
    "journal_notes",
    "reminders",
    "time_blocks",
    "time_entries",
)
# Rows that are not live for sync although present.
_NOT_LIVE = {"items": "deleted_at IS NOT NULL"}


class Revision(NamedTuple):
    table: str
    uid: str
    revision: int
    deleted: bool

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "table": self.table,
            "uid": self.uid,
            "revision": self.revision,
        }
        if self.deleted:
            found["deleted"] = True
        return found


def current_revision(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT value FROM store_revision").fetchone()[0])


def changes_since(conn: sqlite3.Connection, since: int) -> list[Revision]:
    """Every synced row changed after revision `since`, and every deletion, oldest first;
    a row changed several times is listed once, at its last revision."""
    parts = []
    for table in SYNCED_TABLES:
        hidden = _NOT_LIVE.get(table)
        live = f" AND NOT ({hidden})" if hidden else ""
        parts.append(f"SELECT '{table}', uid, rev, 0 FROM {table} WHERE rev > :since{live}")
    parts.append("SELECT tbl, uid, rev, 1 FROM tombstones WHERE rev > :since")
    sql = " UNION ALL ".join(parts) + " ORDER BY 3, 1, 2"
    return [
        Revision(str(table), str(uid), int(rev), bool(deleted))
        for table, uid, rev, deleted in conn.execute(sql, {"since": since})
    ]
