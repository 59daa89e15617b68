"""Which items the backlog shows, as ids: children of one parent in their manual order,
or a flat, filtered and sorted list. Raw SQL, because the window runs these on every
keystroke of the filter box over tens of thousands of items."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from app.domain.enums import Horizon, ItemKind, Priority
from app.store.item_rows import FTS_MIN_CHARS

SORTS = {
    "manual": "i.position, i.id",
    "newest": "i.created_at DESC, i.id DESC",
    "due": "i.due_date IS NULL, i.due_date, i.due_time IS NULL, i.due_time, i.id",
    "priority": "i.priority DESC, i.due_date IS NULL, i.due_date, i.id",
    "title": "i.title COLLATE NOCASE, i.id",
    "estimate": "i.estimate_minutes IS NULL, i.estimate_minutes DESC, i.id",
}


class BacklogFilter(NamedTuple):
    text: str = ""
    kind: ItemKind | None = None
    tag: str | None = None
    horizon: Horizon | None = None
    priority: Priority | None = None
    has_due: bool | None = None
    show_done: bool = False
    sort: str = "manual"

    @property
    def is_tree(self) -> bool:
        """With no filter and the manual order the backlog is shown as a tree."""
        return self._replace(show_done=False) == BacklogFilter()


def _conditions(f: BacklogFilter, *, text: bool = True) -> tuple[list[str], list[object]]:
    # The unary + keeps these two terms from choosing an index: almost every item is live
    # and open, and without statistics SQLite would read them through such an index and
    # then sort all of them, instead of walking the display order and stopping at a page.
    where = ["+i.deleted_at IS NULL"]
    params: list[object] = []
    if not f.show_done:
        where.append("+i.completed_at IS NULL")
    if f.kind is not None:
        where.append("i.kind = ?")
        params.append(f.kind.value)
    if f.horizon is not None:
        where.append("i.horizon = ?")
        params.append(f.horizon.value)
    if f.priority is not None:
        where.append("i.priority = ?")
        params.append(int(f.priority))
    if f.has_due is not None:
        where.append("i.due_date IS NOT NULL" if f.has_due else "i.due_date IS NULL")
    if f.tag:
        where.append(
            "EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id"
            " WHERE it.item_id = i.id AND t.name = ?)"
        )
        params.append(f.tag.lstrip("#"))
    if text:
        for term in f.text.split():
            if len(term) >= FTS_MIN_CHARS:
                where.append("i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
                params.append('"' + term.replace('"', '""') + '"')
            else:  # the trigram index needs three characters; shorter terms scan
                where.append(_CONTAINS)
                params.extend([term.lower(), term.lower()])
    return where, params


_CONTAINS = "(instr(lower(i.title), ?) > 0 OR instr(lower(i.notes), ?) > 0)"
# Rows of the display order read before a filter falls back to the full-text index.
SCAN_BUDGET = 2000


def filtered_ids(
    conn: sqlite3.Connection, f: BacklogFilter, limit: int | None = None, offset: int = 0
) -> list[int]:
    """Matching ids in display order; with `limit`, one page of them from `offset`
    (SQLite then walks the display order and stops instead of sorting every match)."""
    if limit is not None:
        page = _scan_display_order(conn, f, offset + limit)
        if page is not None:
            return page[offset:]
    where, params = _conditions(f)
    order = SORTS.get(f.sort, SORTS["manual"])
    sql = f"SELECT i.id FROM items i WHERE {' AND '.join(where)} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([limit, offset])
    return [row[0] for row in conn.execute(sql, params)]


def _scan_display_order(
    conn: sqlite3.Connection, f: BacklogFilter, wanted: int
) -> list[int] | None:
    """The first `wanted` matches of a text filter found by reading the manual order
    and testing each title, or None when the first `SCAN_BUDGET` rows hold fewer.

    A common word matches every few rows, so its first page is a few hundred rows into
    the order; the trigram index would first collect and sort all of its thousands of
    matches. A rare word exhausts the budget and goes to the index, which is quick for
    a rare word. The inner query runs as a co-routine that yields rows in its order, so
    the outer one needs no ORDER BY (which would read the whole budget to sort it).

    Only for terms whose letters SQLite's lower() folds (ASCII, or no case at all, as
    in Chinese), so that both paths match exactly the same items.
    """
    if f.sort != "manual" or not f.text.strip() or not _folds_like_index(f.text):
        return None
    where, params = _conditions(f, text=False)
    terms = f.text.split()
    contains = " AND ".join([_CONTAINS] * len(terms))
    sql = (
        "SELECT i.id FROM (SELECT i.id, i.position, i.title, i.notes FROM items i"
        f" WHERE {' AND '.join(where)} ORDER BY i.position, i.id LIMIT ?) AS i"
        f" WHERE {contains} LIMIT ?"
    )
    params.append(SCAN_BUDGET)
    for term in terms:
        params.extend([term.lower(), term.lower()])
    params.append(wanted)
    ids = [row[0] for row in conn.execute(sql, params)]
    return ids if len(ids) >= wanted else None


def _folds_like_index(text: str) -> bool:
    """True when every cased character is ASCII: SQLite's lower() then folds the text
    exactly as the trigram index does."""
    return all(ch.isascii() or ch.lower() == ch.upper() for ch in text)


def children_ids(conn: sqlite3.Connection, parent_id: int | None, show_done: bool) -> list[int]:
    done = "" if show_done else " AND completed_at IS NULL"
    return [
        row[0]
        for row in conn.execute(
            f"SELECT id FROM items WHERE parent_id IS ? AND deleted_at IS NULL{done}"
            " ORDER BY position, id",
            (parent_id,),
        )
    ]


def parents_with_children(conn: sqlite3.Connection, show_done: bool) -> set[int]:
    done = "" if show_done else " AND completed_at IS NULL"
    return {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT parent_id FROM items"
            f" WHERE parent_id IS NOT NULL AND deleted_at IS NULL{done}"
        )
    }


class TreeNode(NamedTuple):
    """Where an item sits in the backlog's tree."""

    id: int
    parent_id: int | None
    position: int


def with_ancestors(conn: sqlite3.Connection, ids: Sequence[int]) -> list[TreeNode]:
    """The items `ids` and every item above them, up to the top level: a filter shows
    its matches under their parents. The climb stops below a parent in the trash (the
    item is then shown at the top level); ids in no particular order."""
    if not ids:
        return []
    rows = conn.execute(
        "WITH RECURSIVE up(id) AS (SELECT value FROM json_each(?)"
        " UNION SELECT i.parent_id FROM items i JOIN up ON i.id = up.id"
        " JOIN items p ON p.id = i.parent_id AND p.deleted_at IS NULL)"
        " SELECT i.id, i.parent_id, i.position FROM up JOIN items i ON i.id = up.id",
        (json.dumps(list(ids)),),
    )
    return [TreeNode(int(r[0]), r[1], int(r[2])) for r in rows]


def tag_names(conn: sqlite3.Connection) -> list[str]:
    """Tags in use by live items, most used first."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT t.name FROM tags t JOIN item_tags it ON it.tag_id = t.id"
            " JOIN items i ON i.id = it.item_id WHERE i.deleted_at IS NULL"
            " GROUP BY t.id ORDER BY COUNT(*) DESC, t.name COLLATE NOCASE"
        )
    ]
