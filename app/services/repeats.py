"""Repeating items: set a repeat rule, complete or skip an occurrence.

Completing an occurrence records it in `repeat_history` (the day it was due, when it
was done) and moves the item to its next occurrence, as TickTick does: the item stays
one item with its history, its notes and its tags, and its reminders follow it to the
new due date. A card on the board follows too: to the bottom of To do in the board week
holding the next occurrence. When the rule has no more occurrences the item is
completed for good and its card goes to Completed, as any completed item's does.

The log and the units count each occurrence done, on its day (app/store/completions.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.errors import InvalidInput, NotFound
from app.domain.repeats import Repeat, check_rule, next_occurrence, occurrences
from app.domain.weeks import Week
from app.services.default_reminders import give_default
from app.services.reminders import follow_due
from app.services.settings import preferences
from app.services.use_case import use_case
from app.store.card_rows import card_of, to_bottom
from app.store.db import Store
from app.store.formats import parse_time, utc_text

DONE = "done"
SKIPPED = "skipped"


class _Repeating:
    """The live, open item an occurrence is taken from."""

    def __init__(self, conn: sqlite3.Connection, item_id: int) -> None:
        found = conn.execute(
            "SELECT repeat_rule, repeat_from_completion, due_date, due_time, completed_at"
            " FROM items WHERE id = ? AND deleted_at IS NULL",
            (item_id,),
        ).fetchone()
        if found is None:
            raise NotFound(f"No item {item_id}.")
        rule, from_completion, due, clock, completed = found
        if rule is None:
            raise InvalidInput(
                f"Item {item_id} does not repeat: it has no occurrence to complete or skip."
            )
        if completed is not None:
            raise InvalidInput(f"Item {item_id} is completed; reopen it first.")
        self.repeat = Repeat(str(rule), bool(from_completion))
        self.due = date.fromisoformat(due) if due is not None else None
        self.due_time: str | None = clock


@use_case
def set_repeat(
    store: Store, item_id: int, repeat: Repeat | None, *, now: datetime
) -> tuple[date | None, Changes]:
    """Make an item repeat by `repeat` (None: no more). Its due date moves to the rule's
    first occurrence from it (from today without one; a rule counted from completion
    keeps it, or starts today); returns the item's due date."""
    rule = check_rule(repeat.rule) if repeat is not None else None
    with store.raw_write() as conn:
        found = conn.execute(
            "SELECT due_date, due_time FROM items WHERE id = ? AND deleted_at IS NULL",
            (item_id,),
        ).fetchone()
        if found is None:
            raise NotFound(f"No item {item_id}.")
        due = date.fromisoformat(found[0]) if found[0] is not None else None
        had = (due, parse_time(found[1]) if found[1] is not None else None)
        if rule is not None and not (repeat is not None and repeat.from_completion):
            # The item is due on an occurrence: the first from its due date (or today).
            due = occurrences(Repeat(rule), due or now.date(), 1)[0]
        elif rule is not None and due is None:
            due = now.date()
        conn.execute(
            "UPDATE items SET repeat_rule = ?, repeat_from_completion = ?, due_date = ?,"
            " updated_at = ? WHERE id = ?",
            (
                rule,
                int(repeat is not None and repeat.from_completion),
                due.isoformat() if due is not None else None,
                utc_text(now),
                item_id,
            ),
        )
        moved = follow_due(conn, [item_id])
        moved = give_default(conn, item_id, had, now=now) or moved
    return due, Changes(items=frozenset({item_id}), board=True, reminders=moved)


@use_case
def complete_occurrence(
    store: Store, item_id: int, *, now: datetime
) -> tuple[date | None, Changes]:
    """Complete the current occurrence of a repeating item: recorded, and the item moves
    to its next occurrence (returned), or is completed when there is none."""
    return _move_on(store, item_id, DONE, now=now), _moved(item_id)


@use_case
def skip_occurrence(store: Store, item_id: int, *, now: datetime) -> tuple[date | None, Changes]:
    """Skip the current occurrence: recorded as skipped, the item moves on as when done."""
    return _move_on(store, item_id, SKIPPED, now=now), _moved(item_id)


def _moved(item_id: int) -> Changes:
    return Changes(items=frozenset({item_id}), board=True, reminders=True)


def _move_on(store: Store, item_id: int, outcome: str, *, now: datetime) -> date | None:
    today = now.date()
    week_start = preferences(store).week_start
    with store.raw_write() as conn:
        item = _Repeating(conn, item_id)
        due = item.due or today
        conn.execute(
            "INSERT INTO repeat_history (item_id, due_date, due_time, outcome, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (item_id, due.isoformat(), item.due_time, outcome, utc_text(now)),
        )
        following = next_occurrence(item.repeat, due, today=today)
        if following is None:
            conn.execute(
                "UPDATE items SET completed_at = ?, updated_at = ? WHERE id = ?",
                (utc_text(now), utc_text(now), item_id),
            )
            conn.execute("UPDATE reminders SET state = 'done' WHERE item_id = ?", (item_id,))
            card = card_of(conn, item_id)
            if card is not None:
                to_bottom(conn, item_id, card.week, Column.DONE, now)
            return None
        conn.execute(
            "UPDATE items SET due_date = ?, updated_at = ? WHERE id = ?",
            (following.isoformat(), utc_text(now), item_id),
        )
        follow_due(conn, [item_id], moved_days=(following - due).days)
        # On the board, the item waits in the week of its next occurrence.
        week = str(Week.containing(following, week_start))
        to_bottom(conn, item_id, week, Column.TODO, now)
    return following


def open_repeating(conn: sqlite3.Connection, ids: Sequence[int]) -> list[int]:
    """Of `ids`, the items that repeat and are open (not completed, not in the trash):
    the ones whose completion is an occurrence's."""
    rows = conn.execute(
        "SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))"
        " AND repeat_rule IS NOT NULL AND completed_at IS NULL AND deleted_at IS NULL",
        (json.dumps([int(i) for i in ids]),),
    )
    return sorted(int(r[0]) for r in rows)


def complete_occurrences(
    store: Store, item_ids: Sequence[int], *, now: datetime
) -> tuple[list[int], Changes]:
    """Inside a caller's use case that completes `item_ids`: complete the occurrence of
    each open repeating one. Returns the ids left to complete as usual, and what moved."""
    repeating = open_repeating(store.raw, item_ids)
    moved = Changes()
    for item_id in repeating:
        moved |= complete_occurrence(store, item_id, now=now)[1]
    return [i for i in item_ids if i not in repeating], moved


def history_of(store: Store, item_id: int) -> list[tuple[date, str]]:
    """The occurrences of an item completed or skipped, oldest first."""
    with store.raw_read() as conn:
        rows = conn.execute(
            "SELECT due_date, outcome FROM repeat_history WHERE item_id = ? ORDER BY id",
            (item_id,),
        )
        return [(date.fromisoformat(day), str(outcome)) for day, outcome in rows]
