"""Changing items: fields, tags, nesting, completion. Through ORM sessions; these are
not on the capture path, so they import SQLAlchemy freely."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.changes import Changes
from app.domain.entities import ItemPatch, ItemRecord
from app.domain.enums import MAX_READING_PASS, Column
from app.domain.errors import InvalidInput, NotFound
from app.domain.ranks import STEP
from app.domain.weeks import Week
from app.services.board import place
from app.services.default_reminders import give_default
from app.services.items import get_item
from app.services.reminders import follow_due
from app.services.repeats import complete_occurrence
from app.services.use_case import use_case
from app.store.db import Store
from app.store.formats import utc_text
from app.store.models import Item, Tag
from app.store.reading_passes import record_pass


def _repeats(store: Store, item_id: int) -> bool:
    found = store.raw.execute(
        "SELECT repeat_rule IS NOT NULL AND completed_at IS NULL FROM items"
        " WHERE id = ? AND deleted_at IS NULL",
        (item_id,),
    ).fetchone()
    return bool(found and found[0])


CLEARABLE = frozenset({"estimate_minutes", "due", "horizon", "parent_id", "target_pass"})


@use_case
def edit_item(
    store: Store, item_id: int, patch: ItemPatch, *, now: datetime
) -> tuple[ItemRecord, Changes]:
    _validate(patch)
    with store.write() as session:
        item = session.get(Item, item_id)
        if item is None:
            raise NotFound(f"No item {item_id}.")
        if patch.parent_id is not None:
            _check_parent(session, item_id, patch.parent_id)
        old_parent = item.parent_id
        had_due = (item.due_date, item.due_time)
        _apply_fields(item, patch)
        if item.parent_id != old_parent:
            # Under a new parent the old position means nothing: go first, as new items do.
            item.position = _top_position(session, item.parent_id, item_id)
        _apply_tags(session, item, patch)
        item.updated_at = now
        reading_pass = item.reading_pass
    if patch.reading_pass is not None:
        with store.raw_write() as conn:
            record_pass(conn, item_id, reading_pass, utc_text(now))
    moved = False
    if patch.due_date is not None or "due" in patch.clear:
        with store.raw_write() as conn:
            moved = follow_due(conn, [item_id])  # reminders before the due time move too
            moved = give_default(conn, item_id, had_due, now=now) or moved
    tags_changed = bool(patch.add_tags or patch.remove_tags)
    changes = Changes(items=frozenset({item_id}), tags=tags_changed, reminders=moved)
    return get_item(store, item_id), changes


def _validate(patch: ItemPatch) -> None:
    unknown = patch.clear - CLEARABLE
    if unknown:
        raise InvalidInput(f"Cannot clear {', '.join(sorted(unknown))}.")
    if patch.title is not None and not patch.title.strip():
        raise InvalidInput("The title cannot be empty.")
    for value, name in ((patch.reading_pass, "reading pass"), (patch.target_pass, "target pass")):
        if value is not None and not 0 <= value <= MAX_READING_PASS:
            raise InvalidInput(f"The {name} is 0 to {MAX_READING_PASS}, not {value}.")
    if patch.estimate_minutes is not None and patch.estimate_minutes <= 0:
        raise InvalidInput("An estimate is a positive number of minutes.")


def _apply_fields(item: Item, patch: ItemPatch) -> None:
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


def _top_position(session: Session, parent_id: int | None, item_id: int) -> int:
    top = session.scalar(
        select(func.min(Item.position)).where(
            Item.parent_id.is_(None) if parent_id is None else Item.parent_id == parent_id,
            Item.id != item_id,
        )
    )
    return (top or 0) - STEP


def _apply_tags(session: Session, item: Item, patch: ItemPatch) -> None:
    # A name both added and removed is removed, and no tag is made for it.
    drop = {n.lower() for n in patch.remove_tags}
    if patch.add_tags:
        have = {t.name.lower() for t in item.tags} | drop
        for name in patch.add_tags:
            if name.lower() in have:
                continue
            tag = session.scalar(select(Tag).where(Tag.name == name)) or Tag(name=name)
            item.tags.append(tag)
            have.add(name.lower())
    if drop:
        item.tags = [t for t in item.tags if t.name.lower() not in drop]


def _check_parent(session: Session, item_id: int, parent_id: int) -> None:
    cursor: int | None = parent_id
    while cursor is not None:
        if cursor == item_id:
            raise InvalidInput(
                f"Item {parent_id} is inside item {item_id}; it cannot be its parent."
            )
        parent = session.get(Item, cursor)
        if parent is None:
            raise NotFound(f"No item {cursor} to nest under.")
        cursor = parent.parent_id


@use_case
def set_completed(
    store: Store, item_id: int, done: bool, *, now: datetime
) -> tuple[ItemRecord, Changes]:
    """Complete (or reopen) an item; a card on the board follows to Completed (or, from
    Completed, back to To do). Completing a repeating item completes its occurrence:
    the item moves on to the next one (app/services/repeats.py)."""
    if done and _repeats(store, item_id):
        _, changes = complete_occurrence(store, item_id, now=now)
        return get_item(store, item_id), changes
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
            # Completing sends the card to Completed; reopening takes it out of Completed
            # to To do. A card already in To do or Active stays where it is.
            in_done = item.card.column == Column.DONE.value
            if done and not in_done:
                place(session, item.card, Week.parse(item.card.week), Column.DONE, None)
            elif not done and in_done:
                place(session, item.card, Week.parse(item.card.week), Column.TODO, None)
    return get_item(store, item_id), Changes(items=frozenset({item_id}), board=on_board)
