"""Actions on many items at once (a selection in the backlog or on the board).

Each action is one transaction. Every id is checked first: if any does not exist
(or, for the actions that move cards or complete items, is in the trash), NotFound
names them all and nothing is written. Only items that actually change are stamped
with `updated_at` and reported in the returned Changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime

from app.domain.changes import Changes
from app.domain.enums import Column, Horizon, Priority
from app.domain.errors import InvalidInput, NotFound
from app.domain.weeks import Week
from app.services.board import board_order, drop, load_items, missing_message, place, unique_ids
from app.services.items import mark_trashed, subtree_ids
from app.services.repeats import complete_occurrences
from app.services.use_case import use_case
from app.store import item_rows
from app.store.db import Store
from app.store.formats import utc_text


def _marks(ids: Sequence[object]) -> str:
    return ",".join("?" * len(ids))


def _check_exist(conn: sqlite3.Connection, ids: Sequence[int], *, live: bool = False) -> None:
    where = " AND deleted_at IS NULL" if live else ""
    found = {
        int(r[0])
        for r in conn.execute(f"SELECT id FROM items WHERE id IN ({_marks(ids)}){where}", ids)
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(missing_message(missing))


def _touch(conn: sqlite3.Connection, ids: Iterable[int], now: datetime) -> None:
    ids = list(ids)
    if ids:
        conn.execute(
            f"UPDATE items SET updated_at = ? WHERE id IN ({_marks(ids)})", [utc_text(now), *ids]
        )


def tag_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names as typed, without a leading '#', each once (case-insensitively)."""
    clean: dict[str, str] = {}
    for name in names:
        text = name.strip().lstrip("#").strip()
        if not text:
            raise InvalidInput("A tag needs a name.")
        clean.setdefault(text.lower(), text)
    return tuple(clean.values())


@use_case
def tag_items(
    store: Store,
    item_ids: Iterable[int],
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    now: datetime,
) -> Changes:
    """Add and remove tags on every item; names match existing tags case-insensitively,
    new names become tags. A name both added and removed is removed."""
    ids = unique_ids(item_ids)
    removing = tag_names(remove)
    dropped = {n.lower() for n in removing}
    adding = tuple(n for n in tag_names(add) if n.lower() not in dropped)
    if not ids or not (adding or removing):
        return Changes()
    changed: set[int] = set()
    with store.raw_write() as conn:
        _check_exist(conn, ids)
        if adding:
            tag_ids = item_rows.tag_ids(conn, adding)
            have = set(
                conn.execute(
                    f"SELECT item_id, tag_id FROM item_tags WHERE item_id IN ({_marks(ids)})"
                    f" AND tag_id IN ({_marks(tag_ids)})",
                    [*ids, *tag_ids],
                ).fetchall()
            )
            new = [(i, t) for i in ids for t in tag_ids if (i, t) not in have]
            conn.executemany("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", new)
            changed.update(i for i, _ in new)
        if removing:
            rows = conn.execute(
                f"DELETE FROM item_tags WHERE item_id IN ({_marks(ids)}) AND tag_id IN"
                f" (SELECT id FROM tags WHERE name IN ({_marks(removing)})) RETURNING item_id",
                [*ids, *removing],
            ).fetchall()
            changed.update(int(r[0]) for r in rows)
        _touch(conn, changed, now)
    return Changes(items=frozenset(changed), tags=bool(changed))


def _set_column(
    store: Store, item_ids: Iterable[int], column: str, value: object, now: datetime
) -> Changes:
    ids = unique_ids(item_ids)
    if not ids:
        return Changes()
    with store.raw_write() as conn:
        _check_exist(conn, ids)
        rows = conn.execute(
            f"UPDATE items SET {column} = ?, updated_at = ? WHERE id IN ({_marks(ids)})"
            f" AND {column} IS NOT ? RETURNING id",
            [value, utc_text(now), *ids, value],
        ).fetchall()
    return Changes(items=frozenset(int(r[0]) for r in rows))


@use_case
def set_horizon(
    store: Store, item_ids: Iterable[int], horizon: Horizon | None, *, now: datetime
) -> Changes:
    """Give every item `horizon`, or none."""
    return _set_column(store, item_ids, "horizon", None if horizon is None else horizon.value, now)


@use_case
def set_priority(
    store: Store, item_ids: Iterable[int], priority: Priority, *, now: datetime
) -> Changes:
    return _set_column(store, item_ids, "priority", int(Priority(priority)), now)


@use_case
def plan_items(
    store: Store,
    item_ids: Iterable[int],
    week: Week,
    *,
    column: Column = Column.TODO,
    now: datetime,
) -> Changes:
    """Put items on `week`'s board, at the bottom of `column`. Items on another board
    (or in another column) move; items already there stay where they are. Cards keep
    their board order, backlog items follow in the order given. Items in the trash
    cannot be planned (NotFound)."""
    ids = unique_ids(item_ids)
    moved_on = Changes()
    if column is Column.DONE:  # a repeating item completes its occurrence
        ids, moved_on = complete_occurrences(store, ids, now=now)
    if not ids:
        return moved_on
    with store.write() as session:
        items = load_items(session, ids, live=True)
        moving = [
            item
            for item in items
            if item.card is None or (item.card.week, item.card.column) != (str(week), column.value)
        ]
        drop(session, board_order(moving), week, column, before_id=None, now=now)
    if not moving:
        return moved_on
    return moved_on | Changes(items=frozenset(item.id for item in moving), board=True)


@use_case
def unplan_items(store: Store, item_ids: Iterable[int], *, now: datetime) -> Changes:
    """Take items off the board, back to the backlog. Their trail of planned weeks and
    their completion stay; items that are on no board are left alone."""
    ids = unique_ids(item_ids)
    if not ids:
        return Changes()
    with store.raw_write() as conn:
        _check_exist(conn, ids)
        rows = conn.execute(
            f"DELETE FROM board_cards WHERE item_id IN ({_marks(ids)}) RETURNING item_id", ids
        ).fetchall()
        removed = [int(r[0]) for r in rows]
        _touch(conn, removed, now)
    if not removed:
        return Changes()
    return Changes(items=frozenset(removed), board=True)


@use_case
def trash_items(store: Store, item_ids: Iterable[int], *, now: datetime) -> Changes:
    """Move items and everything nested in them to the trash; restorable."""
    return _set_trashed(store, item_ids, trashed=True, now=now)


@use_case
def restore_items(store: Store, item_ids: Iterable[int], *, now: datetime) -> Changes:
    """Bring items and everything nested in them back from the trash."""
    return _set_trashed(store, item_ids, trashed=False, now=now)


def _set_trashed(store: Store, item_ids: Iterable[int], *, trashed: bool, now: datetime) -> Changes:
    ids = unique_ids(item_ids)
    if not ids:
        return Changes()
    with store.raw_write() as conn:
        _check_exist(conn, ids)
        changed = mark_trashed(conn, subtree_ids(conn, ids), trashed=trashed, now=now)
    if not changed:
        return Changes()
    return Changes(items=frozenset(changed), board=True)


@use_case
def complete_items(store: Store, item_ids: Iterable[int], done: bool, *, now: datetime) -> Changes:
    """Complete (or reopen) items. A completed item's card goes to the bottom of
    Completed in its week; a reopened item's card leaves Completed for the bottom of
    To do (a reopened card in To do or Active stays). Items in the trash: NotFound.
    A repeating item completes its occurrence and moves on to the next one."""
    ids = unique_ids(item_ids)
    if not ids:
        return Changes()
    moved_on = Changes()
    if done:  # one transaction: an item in the trash found below undoes these too
        ids, moved_on = complete_occurrences(store, ids, now=now)
        if not ids:
            return moved_on
    changed: set[int] = set()
    with store.write() as session:
        items = board_order(load_items(session, ids, live=True))
        for item in items:
            if done != (item.completed_at is not None):
                item.completed_at = now if done else None
                changed.add(item.id)
            card = item.card
            if card is None:
                continue
            if done and card.column != Column.DONE.value:
                place(session, card, Week.parse(card.week), Column.DONE, None)
                changed.add(item.id)
            elif not done and card.column == Column.DONE.value:
                place(session, card, Week.parse(card.week), Column.TODO, None)
                changed.add(item.id)
        for item in items:
            if item.id in changed:
                item.updated_at = now
    if not changed:
        return moved_on
    on_board = any(item.card is not None for item in items if item.id in changed)
    return moved_on | Changes(items=frozenset(changed), board=on_board)
