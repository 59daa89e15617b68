"""Use cases on backlog items. Each mutation is one transaction returning Changes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, time

from app.domain.entities import ItemDraft, ItemRecord
from app.domain.enums import MAX_READING_PASS, Column, Horizon, ItemKind, Priority
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.weeks import Week
from app.services.changes import Changes
from app.store import item_rows
from app.store.db import Store
from app.store.formats import utc_text
from app.store.item_rows import ItemQuery

# `typing` costs milliseconds to import on the capture path; mypy treats any
# name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def create_item(
    store: Store,
    draft: ItemDraft,
    *,
    now: datetime,
    week: Week | None = None,
    column: Column = Column.TODO,
) -> tuple[ItemRecord, Changes]:
    """Create an item, optionally on a week's board. Raw SQL: this is the capture path."""
    if not draft.title.strip():
        raise InvalidInput("An item needs a title.")
    with store.raw_write() as conn:
        if draft.parent_id is not None and not _exists(store, draft.parent_id):
            raise NotFound(f"No item {draft.parent_id} to nest under.")
        item_id = item_rows.insert_item(conn, draft, new_uid(), now)
        if week is not None:
            item_rows.append_card(conn, item_id, str(week), column, now)
            if column is Column.DONE:
                conn.execute(
                    "UPDATE items SET completed_at = created_at WHERE id = ?", (item_id,)
                )
    record = item_rows.fetch_records(store.raw, [item_id])[0]
    return record, Changes(items=frozenset({item_id}), board=week is not None, tags=bool(draft.tags))


def _exists(store: Store, item_id: int) -> bool:
    return store.raw.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is not None


def get_item(store: Store, item_id: int) -> ItemRecord:
    records = item_rows.fetch_records(store.raw, [item_id])
    if not records:
        raise NotFound(f"No item {item_id}.")
    return records[0]


def list_items(store: Store, query: ItemQuery) -> list[ItemRecord]:
    return item_rows.fetch_records(store.raw, item_rows.query_ids(store.raw, query))


def search_items(store: Store, text: str, limit: int = 200) -> list[ItemRecord]:
    return item_rows.fetch_records(store.raw, item_rows.search_ids(store.raw, text, limit))


@dataclass(frozen=True)
class ItemPatch:
    """Fields to change; None leaves a field as it is, the `clear_*` flags empty it."""

    title: str | None = None
    notes: str | None = None
    kind: ItemKind | None = None
    priority: Priority | None = None
    estimate_minutes: int | None = None
    due_date: date | None = None
    due_time: time | None = None
    horizon: Horizon | None = None
    parent_id: int | None = None
    reading_pass: int | None = None
    target_pass: int | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    clear: frozenset[str] = field(default_factory=frozenset)

    CLEARABLE = frozenset({"estimate_minutes", "due", "horizon", "parent_id", "target_pass"})


def edit_item(store: Store, item_id: int, patch: ItemPatch, *, now: datetime) -> tuple[ItemRecord, Changes]:
    from sqlalchemy import select

    from app.store.models import Item, Tag

    unknown = patch.clear - ItemPatch.CLEARABLE
    if unknown:
        raise InvalidInput(f"Cannot clear {', '.join(sorted(unknown))}.")
    if patch.title is not None and not patch.title.strip():
        raise InvalidInput("The title cannot be empty.")
    for value, name in ((patch.reading_pass, "reading pass"), (patch.target_pass, "target pass")):
        if value is not None and not 0 <= value <= MAX_READING_PASS:
            raise InvalidInput(f"The {name} is 0 to {MAX_READING_PASS}, not {value}.")
    if patch.estimate_minutes is not None and patch.estimate_minutes <= 0:
        raise InvalidInput("An estimate is a positive number of minutes.")
    with store.write() as session:
        item = session.get(Item, item_id)
        if item is None:
            raise NotFound(f"No item {item_id}.")
        for name in ("title", "notes", "estimate_minutes", "reading_pass", "target_pass"):
            value = getattr(patch, name)
            if value is not None:
                setattr(item, name, value.strip() if name == "title" else value)
        if patch.kind is not None:
            item.kind = patch.kind.value
        if patch.priority is not None:
            item.priority = int(patch.priority)
        if patch.horizon is not None:
            item.horizon = patch.horizon.value
        if patch.due_date is not None:
            item.due_date, item.due_time = patch.due_date, patch.due_time
        if patch.parent_id is not None:
            _check_parent(session, item_id, patch.parent_id)
            item.parent_id = patch.parent_id
        if "estimate_minutes" in patch.clear:
            item.estimate_minutes = None
        if "due" in patch.clear:
            item.due_date, item.due_time = None, None
        if "horizon" in patch.clear:
            item.horizon = None
        if "parent_id" in patch.clear:
            item.parent_id = None
        if "target_pass" in patch.clear:
            item.target_pass = None
        if patch.add_tags:
            have = {t.name.lower() for t in item.tags}
            for name in patch.add_tags:
                if name.lower() in have:
                    continue
                tag = session.scalar(select(Tag).where(Tag.name == name)) or Tag(name=name)
                item.tags.append(tag)
                have.add(name.lower())
        if patch.remove_tags:
            drop = {n.lower() for n in patch.remove_tags}
            item.tags = [t for t in item.tags if t.name.lower() not in drop]
        item.updated_at = now
    tags_changed = bool(patch.add_tags or patch.remove_tags)
    return get_item(store, item_id), Changes(items=frozenset({item_id}), tags=tags_changed)


def _check_parent(session: Session, item_id: int, parent_id: int) -> None:
    from app.store.models import Item

    cursor: int | None = parent_id
    while cursor is not None:
        if cursor == item_id:
            raise InvalidInput(f"Item {parent_id} is inside item {item_id}; it cannot be its parent.")
        parent = session.get(Item, cursor)
        if parent is None:
            raise NotFound(f"No item {cursor} to nest under.")
        cursor = parent.parent_id


def set_completed(store: Store, item_id: int, done: bool, *, now: datetime) -> tuple[ItemRecord, Changes]:
    """Complete (or reopen) an item; a card on the board follows to Completed (or To do)."""
    from app.services.board import place
    from app.store.models import Item

    with store.write() as session:
        item = session.get(Item, item_id)
        if item is None or item.deleted_at is not None:
            raise NotFound(f"No item {item_id}.")
        if done and item.completed_at is None:
            item.completed_at = now
        elif not done:
            item.completed_at = None
        item.updated_at = now
        on_board = item.card is not None
        if item.card is not None:
            target = Column.DONE if done else Column.TODO
            if item.card.column != target.value:
                place(session, item.card, Week.parse(item.card.week), target, None)
    return get_item(store, item_id), Changes(items=frozenset({item_id}), board=on_board)


def trash_item(store: Store, item_id: int, *, now: datetime) -> Changes:
    """Move an item and everything nested in it to the trash; restorable."""
    with store.raw_write() as conn:
        ids = _subtree(conn, item_id)
        if not ids:
            raise NotFound(f"No item {item_id}.")
        marks = ",".join("?" * len(ids))
        conn.execute(
            f"UPDATE items SET deleted_at = ?, updated_at = ? WHERE id IN ({marks})"
            " AND deleted_at IS NULL",
            [utc_text(now), utc_text(now), *ids],
        )
    return Changes(items=frozenset(ids), board=True)


def restore_item(store: Store, item_id: int, *, now: datetime) -> tuple[ItemRecord, Changes]:
    """Bring an item and its nested items back from the trash."""
    with store.raw_write() as conn:
        ids = _subtree(conn, item_id)
        if not ids:
            raise NotFound(f"No item {item_id}.")
        marks = ",".join("?" * len(ids))
        conn.execute(
            f"UPDATE items SET deleted_at = NULL, updated_at = ? WHERE id IN ({marks})",
            [utc_text(now), *ids],
        )
    return get_item(store, item_id), Changes(items=frozenset(ids), board=True)


def _subtree(conn: sqlite3.Connection, item_id: int) -> list[int]:
    rows = conn.execute(
        "WITH RECURSIVE tree(id) AS (SELECT id FROM items WHERE id = ?"
        " UNION SELECT i.id FROM items i JOIN tree ON i.parent_id = tree.id)"
        " SELECT id FROM tree",
        (item_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]
