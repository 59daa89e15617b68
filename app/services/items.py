"""Use cases on backlog items. Each mutation is one transaction returning Changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.changes import Changes
from app.domain.entities import ItemDraft, ItemRecord
from app.domain.enums import Column, Horizon
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.services.use_case import use_case
from app.store import item_rows
from app.store.db import Store
from app.store.formats import utc_text
from app.store.item_rows import ItemQuery

if TYPE_CHECKING:
    from app.domain.capture import Capture
    from app.domain.weeks import Week


@use_case
def create_item(
    store: Store,
    draft: ItemDraft,
    *,
    now: datetime,
    week: Week | None = None,
    column: Column = Column.TODO,
    default_reminder: bool = True,
) -> tuple[ItemRecord, Changes]:
    """Create an item, optionally on a week's board. An item with a due date gets the
    default reminder the settings give (app/services/default_reminders.py) unless
    `default_reminder` is False (its caller sets reminders of its own). Raw SQL: this is
    the capture path."""
    if not draft.title.strip():
        raise InvalidInput("An item needs a title.")
    reminded = False
    with store.raw_write() as conn:
        if draft.parent_id is not None and not _is_live(store, draft.parent_id):
            raise NotFound(f"No item {draft.parent_id} to nest under (or it is in the trash).")
        item_id = item_rows.insert_item(conn, draft, new_uid(), now)
        if week is not None:
            item_rows.append_card(conn, item_id, str(week), column, now)
            if column is Column.DONE:
                conn.execute("UPDATE items SET completed_at = created_at WHERE id = ?", (item_id,))
        if draft.due_date is not None and default_reminder:
            from app.services.default_reminders import NO_DUE, give_default  # dated items only

            reminded = give_default(conn, item_id, NO_DUE, now=now)
    record = item_rows.fetch_records(store.raw, [item_id])[0]
    return record, Changes(
        items=frozenset({item_id}),
        board=week is not None,
        tags=bool(draft.tags),
        reminders=reminded,
    )


@use_case
def add_capture(
    store: Store,
    capture: Capture,
    *,
    now: datetime,
    notes: str = "",
    parent_id: int | None = None,
    this_week: bool = False,
) -> tuple[ItemRecord, Changes]:
    """Create the item one capture line asks for: the command line, quick add and a log
    line alike. `^week` (the horizon "this week") also plans it onto this week's board, in
    To do, as `this_week` (`rizhi add --week`) does for any line; the week is the one the
    window shows as this week (`board_week`)."""
    week = None
    if this_week or capture.horizon is Horizon.WEEK:
        from app.services.settings import board_week

        week = board_week(store, now)
    draft = capture.to_draft(notes=notes, parent_id=parent_id)
    plain = capture.repeat_rule is None and not capture.reminders
    # The default reminder waits for the repeat to set the due date, and a line with
    # reminders of its own does not get it.
    record, changes = create_item(store, draft, now=now, week=week, default_reminder=plain)
    if plain:
        return record, changes
    # Imported only for a line with a repeat or a reminder: `rizhi add` stays light.
    from app.domain.repeats import Repeat
    from app.services.reminders import set_reminder
    from app.services.repeats import set_repeat

    if capture.repeat_rule is not None:
        repeat = Repeat(capture.repeat_rule, capture.repeat_from_completion)
        changes = changes | set_repeat(store, record.id, repeat, now=now)[1]
    for spec in capture.reminders:
        changes = changes | set_reminder(store, record.id, spec, now=now)[1]
    if not capture.reminders:
        from app.services.default_reminders import NO_DUE, give_default

        with store.raw_write() as conn:
            if give_default(conn, record.id, NO_DUE, now=now):
                changes = changes | Changes(items=frozenset({record.id}), reminders=True)
    return get_item(store, record.id), changes


def _is_live(store: Store, item_id: int) -> bool:
    row = store.raw.execute(
        "SELECT 1 FROM items WHERE id = ? AND deleted_at IS NULL", (item_id,)
    ).fetchone()
    return row is not None


def get_item(store: Store, item_id: int) -> ItemRecord:
    records = item_rows.fetch_records(store.raw, [item_id])
    if not records:
        raise NotFound(f"No item {item_id}.")
    return records[0]


def list_items(store: Store, query: ItemQuery) -> list[ItemRecord]:
    return item_rows.fetch_records(store.raw, item_rows.query_ids(store.raw, query))


def open_item_count(store: Store) -> int:
    """Items neither completed nor in the trash (the window's status bar)."""
    row = store.raw.execute(
        "SELECT COUNT(*) FROM items WHERE deleted_at IS NULL AND completed_at IS NULL"
    ).fetchone()
    return int(row[0])


def search_items(store: Store, text: str, limit: int = 200) -> list[ItemRecord]:
    return item_rows.fetch_records(store.raw, item_rows.search_ids(store.raw, text, limit))


@use_case
def trash_item(store: Store, item_id: int, *, now: datetime) -> Changes:
    """Move an item and everything nested in it to the trash; restorable."""
    return _set_trashed(store, item_id, trashed=True, now=now)


@use_case
def restore_item(store: Store, item_id: int, *, now: datetime) -> tuple[ItemRecord, Changes]:
    """Bring an item and its nested items back from the trash."""
    changes = _set_trashed(store, item_id, trashed=False, now=now)
    return get_item(store, item_id), changes


def _set_trashed(store: Store, item_id: int, *, trashed: bool, now: datetime) -> Changes:
    with store.raw_write() as conn:
        ids = subtree_ids(conn, [item_id])
        if not ids:
            raise NotFound(f"No item {item_id}.")
        mark_trashed(conn, ids, trashed=trashed, now=now)
    return Changes(items=frozenset(ids), board=True)


@use_case
def purge_items(store: Store, item_ids: Sequence[int]) -> Changes:
    """Delete items in the trash for ever, with everything nested in them. Their
    tombstones stay, so a sync deletes them elsewhere too and they never come back."""
    with store.raw_write() as conn:
        ids = subtree_ids(conn, list(dict.fromkeys(item_ids)))
        marks = ",".join("?" * len(ids))
        live = [
            int(r[0])
            for r in conn.execute(
                f"SELECT id FROM items WHERE id IN ({marks}) AND deleted_at IS NULL", ids
            )
        ]
        missing = sorted(set(item_ids) - set(ids))
        if missing:
            raise NotFound(f"No item {', '.join(map(str, missing))} in the trash.")
        if live:
            raise InvalidInput(
                f"Item{'s' * (len(live) > 1)} {', '.join(map(str, sorted(live)))} "
                f"{'are' if len(live) > 1 else 'is'} not in the trash; only items in the "
                "trash can be deleted for ever (`rizhi rm ID` moves one there)."
            )
        conn.execute(f"DELETE FROM items WHERE id IN ({marks})", ids)
    return Changes(items=frozenset(ids), board=True, tags=True)


def mark_trashed(
    conn: sqlite3.Connection, ids: Sequence[int], *, trashed: bool, now: datetime
) -> list[int]:
    """Put `ids` in the trash (or take them out); returns the ids that changed.
    Items already in the trash keep the time they were put there."""
    if not ids:
        return []
    stamp = utc_text(now)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"UPDATE items SET deleted_at = ?, updated_at = ? WHERE id IN ({marks})"
        f" AND (deleted_at IS NULL) = ? RETURNING id",
        [stamp if trashed else None, stamp, *ids, trashed],
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def _subtree(conn: sqlite3.Connection, item_id: int) -> list[int]:
    return subtree_ids(conn, [item_id])


def subtree_ids(conn: sqlite3.Connection, roots: Sequence[int]) -> list[int]:
    """`roots` that exist and everything nested in them, at any depth."""
    if not roots:
        return []
    marks = ",".join("?" * len(roots))
    rows = conn.execute(
        f"WITH RECURSIVE tree(id) AS (SELECT id FROM items WHERE id IN ({marks})"
        " UNION SELECT i.id FROM items i JOIN tree ON i.parent_id = tree.id)"
        " SELECT id FROM tree",
        list(roots),
    ).fetchall()
    return [int(r[0]) for r in rows]
