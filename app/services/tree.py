"""Nesting in the backlog, to any depth: re-parenting, reordering, indent and outdent.

Siblings are ordered by `items.position` ascending (then id), with sparse ranks as on
the board (app/domain/ranks.py): a move takes the midpoint between its new neighbours
and respaces the sibling group only when they leave no room. New items get a position
above their siblings (`item_rows._next_position`); indent puts an item last under its
new parent. Items in the trash cannot be moved or become parents (NotFound).

The single-item functions are what the window binds to a drag or a key; the `*_items`
functions do the same for a selection in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.errors import InvalidInput, NotFound
from app.domain.ranks import rank_between, spread
from app.services.board import unique_ids
from app.services.items import subtree_ids
from app.services.use_case import use_case
from app.store.db import Store
from app.store.formats import utc_text


class _Node(NamedTuple):
    id: int
    parent_id: int | None
    position: int
    done: bool


def _node(conn: sqlite3.Connection, item_id: int) -> _Node:
    row = conn.execute(
        "SELECT id, parent_id, position, completed_at IS NOT NULL FROM items"
        " WHERE id = ? AND deleted_at IS NULL",
        (item_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"No item {item_id}.")
    return _Node(int(row[0]), row[1], int(row[2]), bool(row[3]))


def _children(
    conn: sqlite3.Connection, parent_id: int | None, *, live: bool = False
) -> list[_Node]:
    """Children of `parent_id` (None: top level) in sibling order; with `live`, only
    those not in the trash."""
    trash = " AND deleted_at IS NULL" if live else ""
    rows = conn.execute(
        "SELECT id, parent_id, position, completed_at IS NOT NULL FROM items"
        f" WHERE parent_id IS ?{trash} ORDER BY position, id",
        (parent_id,),
    ).fetchall()
    return [_Node(int(r[0]), r[1], int(r[2]), bool(r[3])) for r in rows]


def _put(
    conn: sqlite3.Connection,
    node: _Node,
    parent_id: int | None,
    before_id: int | None,
    now: datetime,
) -> bool:
    """Make `node` a child of `parent_id` just above `before_id` (None: last).
    Returns False when it is there already."""
    if before_id == node.id:
        raise InvalidInput(f"Item {node.id} cannot be placed before itself.")
    siblings = [s for s in _children(conn, parent_id) if s.id != node.id]
    index = len(siblings)
    if before_id is not None:
        ids = [s.id for s in siblings]
        if before_id not in ids:
            where = "at the top level" if parent_id is None else f"under item {parent_id}"
            raise NotFound(f"Item {before_id} is not {where}.")
        index = ids.index(before_id)
    above = siblings[index - 1].position if index > 0 else None
    below = siblings[index].position if index < len(siblings) else None
    if (
        node.parent_id == parent_id
        and (above is None or above < node.position)
        and (below is None or node.position < below)
    ):
        return False  # already between these neighbours
    position = rank_between(above, below)
    if position is None:
        # No room between the neighbours: respace the whole sibling group once.
        ordered = [*siblings[:index], node, *siblings[index:]]
        for sibling, fresh in zip(ordered, spread(len(ordered)), strict=True):
            if sibling.id == node.id:
                position = fresh
            elif sibling.position != fresh:
                conn.execute("UPDATE items SET position = ? WHERE id = ?", (fresh, sibling.id))
    assert position is not None
    conn.execute(
        "UPDATE items SET parent_id = ?, position = ?, updated_at = ? WHERE id = ?",
        (parent_id, position, utc_text(now), node.id),
    )
    return True


def _check_target(conn: sqlite3.Connection, moving: Sequence[int], parent_id: int | None) -> None:
    if parent_id is None:
        return
    _node(conn, parent_id)  # NotFound when missing or in the trash
    if parent_id in set(subtree_ids(conn, list(moving))):
        raise InvalidInput(
            f"Item {parent_id} is inside an item being moved; it cannot be its parent."
        )


def _changed(nodes: Iterable[_Node], *parents: int | None) -> Changes:
    ids = {n.id for n in nodes} | {p for p in parents if p is not None}
    return Changes(items=frozenset(ids))


@use_case
def move_in_tree(
    store: Store,
    item_id: int,
    *,
    parent_id: int | None,
    before_id: int | None,
    now: datetime,
) -> Changes:
    """Make the item a child of `parent_id` (None: top level), just above its child
    `before_id` (None: last). Refuses to nest an item inside itself (InvalidInput).
    The Changes name the item and its old and new parents (their child lists changed);
    nothing when the item is already there."""
    return move_items_in_tree(store, [item_id], parent_id=parent_id, before_id=before_id, now=now)


@use_case
def move_items_in_tree(
    store: Store,
    item_ids: Iterable[int],
    *,
    parent_id: int | None,
    before_id: int | None,
    now: datetime,
) -> Changes:
    """`move_in_tree` for several items at once: they land together, in the order given."""
    ids = unique_ids(item_ids)
    if not ids:
        return Changes()
    if before_id is not None and before_id in ids:
        raise InvalidInput(f"Item {before_id} is one of the items being moved.")
    with store.raw_write() as conn:
        nodes = [_node(conn, i) for i in ids]
        _check_target(conn, ids, parent_id)
        moved = []
        # Above an anchor each goes in just above it, so the order given is kept; at the
        # end each goes last, which keeps it too.
        for node in nodes:
            if _put(conn, _node(conn, node.id), parent_id, before_id, now):
                moved.append(node)
    if not moved:
        return Changes()
    return _changed(moved, parent_id, *(n.parent_id for n in moved))


@use_case
def indent(store: Store, item_id: int, *, now: datetime, include_done: bool = False) -> Changes:
    """Make the item the last child of the sibling just above it. Items in the trash
    never count as that sibling, and completed ones only with `include_done` (the
    backlog hides them by default: nesting under an invisible item would hide this
    one too). InvalidInput when there is no sibling above."""
    return indent_items(store, [item_id], now=now, include_done=include_done)


@use_case
def indent_items(
    store: Store, item_ids: Iterable[int], *, now: datetime, include_done: bool = False
) -> Changes:
    """`indent` for a selection, in one transaction: items are indented in sibling
    order (so consecutive siblings end up side by side under the same new parent), and
    an item nested inside another selected one moves with it rather than again."""
    with store.raw_write() as conn:
        nodes = _selection(conn, item_ids)
        changed: list[_Node] = []
        parents: list[int | None] = []
        for chosen in nodes:
            node = _node(conn, chosen.id)
            siblings = [
                s
                for s in _children(conn, node.parent_id, live=True)
                if include_done or not s.done or s.id == node.id
            ]
            index = [s.id for s in siblings].index(node.id)
            if index == 0:
                raise InvalidInput(f"Item {node.id} has no item above it to nest under.")
            new_parent = siblings[index - 1].id
            if _put(conn, node, new_parent, None, now):
                changed.append(node)
                parents += [node.parent_id, new_parent]
    if not changed:
        return Changes()
    return _changed(changed, *parents)


@use_case
def outdent(store: Store, item_id: int, *, now: datetime) -> Changes:
    """Make the item the next sibling of its parent (just below it).
    InvalidInput when it is at the top level already."""
    return outdent_items(store, [item_id], now=now)


@use_case
def outdent_items(store: Store, item_ids: Iterable[int], *, now: datetime) -> Changes:
    """`outdent` for a selection, in one transaction, keeping the items' order."""
    with store.raw_write() as conn:
        nodes = _selection(conn, item_ids)
        changed: list[_Node] = []
        parents: list[int | None] = []
        # Last first: each lands just below the old parent, above the ones before it.
        for chosen in reversed(nodes):
            node = _node(conn, chosen.id)
            if node.parent_id is None:
                raise InvalidInput(f"Item {node.id} is at the top level already.")
            parent = conn.execute(
                "SELECT parent_id FROM items WHERE id = ?", (node.parent_id,)
            ).fetchone()
            grandparent = parent[0]
            uncles = [s.id for s in _children(conn, grandparent)]
            after = uncles.index(node.parent_id) + 1
            before_id = uncles[after] if after < len(uncles) else None
            _put(conn, node, grandparent, before_id, now)
            changed.append(node)
            parents += [node.parent_id, grandparent]
    if not changed:
        return Changes()
    return _changed(changed, *parents)


def _selection(conn: sqlite3.Connection, item_ids: Iterable[int]) -> list[_Node]:
    """The live items, without those nested inside another selected item, in tree
    order within each sibling group (by parent, then position)."""
    ids = unique_ids(item_ids)
    nodes = [_node(conn, i) for i in ids]
    chosen = set(ids)
    top = []
    for node in nodes:
        ancestors = _ancestors(conn, node.id)
        if not chosen & set(ancestors):
            top.append(node)
    return sorted(top, key=lambda n: (n.parent_id or 0, n.position, n.id))


def _ancestors(conn: sqlite3.Connection, item_id: int) -> list[int]:
    rows = conn.execute(
        "WITH RECURSIVE up(id, depth) AS (SELECT parent_id, 1 FROM items WHERE id = ?"
        " UNION ALL SELECT i.parent_id, up.depth + 1 FROM items i JOIN up ON i.id = up.id"
        " WHERE up.depth < 10000)"
        " SELECT id FROM up WHERE id IS NOT NULL",
        (item_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]
