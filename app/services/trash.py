"""What the trash holds, as the window's Trash view shows it.

Deleting an item takes everything nested in it along, so the trash is listed by what was
deleted: the items whose parent is not in the trash too, each with the count of items
that went with it. Restoring or deleting one of them for ever acts on the whole subtree
(`bulk.restore_items`, `items.purge_items`).
"""

from __future__ import annotations

from typing import NamedTuple

from app.domain.entities import ItemRecord
from app.store import item_rows
from app.store.db import Store


class TrashEntry(NamedTuple):
    record: ItemRecord
    nested: int  # items in the trash beneath it, at any depth


def trash_contents(store: Store) -> list[TrashEntry]:
    """The deleted items whose parent is live (or that have none), newest deletion
    first, each with how many items beneath it are in the trash."""
    rows = store.raw.execute(
        "WITH RECURSIVE roots(id) AS ("
        "  SELECT i.id FROM items i LEFT JOIN items p ON p.id = i.parent_id"
        "  WHERE i.deleted_at IS NOT NULL AND (p.id IS NULL OR p.deleted_at IS NULL)),"
        " below(root, id) AS ("
        "  SELECT id, id FROM roots"
        "  UNION ALL SELECT below.root, c.id FROM items c JOIN below ON c.parent_id = below.id"
        "  WHERE c.deleted_at IS NOT NULL)"
        " SELECT root, COUNT(*) - 1 FROM below GROUP BY root"
    ).fetchall()
    nested = {int(root): int(count) for root, count in rows}
    records = item_rows.fetch_records(store.raw, list(nested))
    records.sort(key=lambda r: (r.deleted_at or r.updated_at, r.id), reverse=True)
    return [TrashEntry(record, nested[record.id]) for record in records]


def trash_size(store: Store) -> int:
    """How many items are in the trash, nested ones included."""
    row = store.raw.execute("SELECT COUNT(*) FROM items WHERE deleted_at IS NOT NULL").fetchone()
    return int(row[0])
