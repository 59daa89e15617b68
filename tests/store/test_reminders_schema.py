"""The reminders table and repeat columns (migration 0009) join the store's mechanisms:
revisions and tombstones, the row log undo reads, the change feed's record."""

from __future__ import annotations

import sqlite3

import pytest

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.store.db import Store
from app.store.revisions import changes_since, current_revision
from tests.conftest import NOW

REMINDER = (
    "INSERT INTO reminders (uid, item_id, anchor, at_time, next_fire, state, created_at)"
    " VALUES (?, ?, 'at', '2026-11-21T09:00', '2026-11-21T09:00', 'pending', ?)"
)


def add_reminder(store: Store, item_id: int, uid: str) -> None:
    with store.raw_write() as conn:
        conn.execute(REMINDER, (uid, item_id, NOW.isoformat()))


def test_a_reminder_moves_the_revision_and_leaves_a_tombstone(store: Store) -> None:
    item, _ = create_item(store, ItemDraft(title="group meeting"), now=NOW)
    before = current_revision(store.raw)
    add_reminder(store, item.id, "r-1")
    assert [(c.table, c.uid) for c in changes_since(store.raw, before)] == [("reminders", "r-1")]
    with store.raw_write() as conn:
        conn.execute("DELETE FROM reminders WHERE uid = 'r-1'")
    (gone,) = changes_since(store.raw, before)
    assert gone.table == "reminders" and gone.deleted


def test_a_reminder_goes_with_its_item(store: Store) -> None:
    item, _ = create_item(store, ItemDraft(title="camera-ready"), now=NOW)
    add_reminder(store, item.id, "r-2")
    with store.raw_write() as conn:
        conn.execute("DELETE FROM items WHERE id = ?", (item.id,))
    assert store.raw.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0


def test_the_state_and_the_anchor_are_checked(store: Store) -> None:
    item, _ = create_item(store, ItemDraft(title="rebuttal"), now=NOW)
    with pytest.raises(sqlite3.IntegrityError), store.raw_write() as conn:
        conn.execute(REMINDER.replace("'pending'", "'lost'"), ("r-3", item.id, NOW.isoformat()))
    with pytest.raises(sqlite3.IntegrityError), store.raw_write() as conn:
        conn.execute(REMINDER.replace("'at'", "'soon'"), ("r-4", item.id, NOW.isoformat()))


def test_repeat_history_is_a_change_of_its_item(store: Store) -> None:
    item, _ = create_item(store, ItemDraft(title="weekly report"), now=NOW)
    before = current_revision(store.raw)
    with store.raw_write() as conn:
        conn.execute(
            "INSERT INTO repeat_history (item_id, due_date, outcome, at)"
            " VALUES (?, '2026-11-20', 'done', ?)",
            (item.id, NOW.isoformat()),
        )
    assert [(c.table, c.uid) for c in changes_since(store.raw, before)] == [("items", item.uid)]


def test_the_feed_carries_a_change_of_reminders() -> None:
    changes = Changes(items=frozenset({3}), reminders=True)
    assert Changes.from_json(changes.to_json()) == changes
    assert (Changes() | Changes(reminders=True)).reminders
