"""Reminders: set and clear them, claim the due ones, record them shown, snooze them.

Each mutation is one `@use_case` transaction. Showing a reminder is claim, show, mark
shown: the claim (app/store/reminder_rows.py) is one UPDATE that only one connection
wins, with a lease, so two instances or a restart never show a reminder twice; a process
that dies between the claim and `mark_shown` loses its claim when the lease runs out and
the reminder is shown again then (never lost). Times are wall-clock (app/domain/
reminders.py); `now` is aware, in the user's zone, and the wall clock is read from it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from app.domain.changes import Changes
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.reminders import (
    LEASE,
    Anchor,
    ReminderSpec,
    next_fire,
    wall_now,
    wall_text,
)
from app.services.use_case import use_case
from app.store import reminder_rows
from app.store.db import Store
from app.store.formats import parse_time, utc_text
from app.store.reminder_rows import ReminderRow


def _due_of(conn: sqlite3.Connection, item_id: int) -> tuple[date | None, time | None]:
    """The live item's due date and time; NotFound for an item missing or in the trash."""
    found = conn.execute(
        "SELECT due_date, due_time FROM items WHERE id = ? AND deleted_at IS NULL", (item_id,)
    ).fetchone()
    if found is None:
        raise NotFound(f"No item {item_id}.")
    day, clock = found
    return (
        date.fromisoformat(day) if day is not None else None,
        parse_time(clock) if clock is not None else None,
    )


def _changes(item_id: int) -> Changes:
    return Changes(items=frozenset({item_id}), reminders=True)


@use_case
def set_reminder(
    store: Store, item_id: int, spec: ReminderSpec, *, now: datetime
) -> tuple[ReminderRow, Changes]:
    """Add a reminder to an item. A reminder relative to the due date needs one."""
    with store.raw_write() as conn:
        due_date, due_time = _due_of(conn, item_id)
        if spec.anchor is Anchor.DUE and due_date is None:
            raise InvalidInput(
                f"Item {item_id} has no due date to remind before: give a time instead."
            )
        reminder_id = reminder_rows.insert(
            conn, new_uid(), item_id, spec, next_fire(spec, due_date, due_time), now=now
        )
        row = reminder_rows.read(conn, reminder_id)
    assert row is not None
    return row, _changes(item_id)


@use_case
def clear_reminders(store: Store, item_id: int) -> tuple[int, Changes]:
    """Remove every reminder of an item; how many there were."""
    with store.raw_write() as conn:
        _due_of(conn, item_id)
        removed = conn.execute("DELETE FROM reminders WHERE item_id = ?", (item_id,)).rowcount
    return removed, (_changes(item_id) if removed else Changes())


@use_case
def remove_reminders(
    store: Store, item_id: int, reminder_ids: Sequence[int]
) -> tuple[int, Changes]:
    """Remove some of an item's reminders (the editor's Remove); ids no longer there, or
    another item's, are passed over. How many were removed."""
    with store.raw_write() as conn:
        _due_of(conn, item_id)
        removed = conn.execute(
            "DELETE FROM reminders WHERE item_id = ? AND id IN (SELECT value FROM json_each(?))",
            (item_id, json.dumps([int(i) for i in reminder_ids])),
        ).rowcount
    return removed, (_changes(item_id) if removed else Changes())


def _existing(conn: sqlite3.Connection, reminder_id: int) -> ReminderRow:
    row = reminder_rows.read(conn, reminder_id)
    if row is None:
        raise NotFound(f"No reminder {reminder_id}.")
    return row


@use_case
def claim_due(
    store: Store, *, owner: str, now: datetime, lease: timedelta = LEASE
) -> tuple[list[ReminderRow], Changes]:
    """Claim every reminder due at `now` for the process `owner`: what it should show now.
    Another connection running the same claim at the same time gets none of them."""
    with store.raw_write() as conn:
        ids = reminder_rows.claim(conn, owner=owner, now=now, lease_until=now + lease)
        rows = [r for r in (reminder_rows.read(conn, i) for i in ids) if r is not None]
    if not rows:
        return [], Changes()
    return rows, Changes(items=frozenset(r.item_id for r in rows), reminders=True)


@use_case
def mark_shown(
    store: Store, reminder_id: int, *, owner: str, now: datetime
) -> tuple[bool, Changes]:
    """Record that `owner` showed the reminder it claimed. False, and nothing changes,
    when the claim is no longer its own (its lease ran out and another process took it)."""
    with store.raw_write() as conn:
        row = _existing(conn, reminder_id)
        shown = conn.execute(
            "UPDATE reminders SET state = 'shown', shown_at = ?, claimed_by = NULL,"
            " lease_until = NULL, snooze_until = NULL"
            " WHERE id = ? AND state = 'claimed' AND claimed_by = ?",
            (utc_text(now), reminder_id, owner),
        ).rowcount
    return bool(shown), (_changes(row.item_id) if shown else Changes())


@use_case
def snooze(
    store: Store, reminder_id: int, until: datetime, *, now: datetime
) -> tuple[ReminderRow, Changes]:
    """Fire the reminder again at the wall-clock time `until`, kept in the store so that
    the snooze survives a restart; whatever its state, it waits again."""
    if until <= wall_now(now):
        raise InvalidInput("A snooze ends later than now.")
    with store.raw_write() as conn:
        row = _existing(conn, reminder_id)
        conn.execute(
            "UPDATE reminders SET state = 'snoozed', snooze_until = ?, next_fire = ?,"
            " claimed_by = NULL, lease_until = NULL WHERE id = ?",
            (wall_text(until), wall_text(until), reminder_id),
        )
        snoozed = reminder_rows.read(conn, reminder_id)
    assert snoozed is not None
    return snoozed, _changes(row.item_id)


def missed_while_closed(store: Store, *, now: datetime) -> list[ReminderRow]:
    """Reminders that fell due and were never shown (Rizhi was not running, or the
    process showing them died): what the next start sums up in one notice, then claims."""
    with store.raw_read() as conn:
        return reminder_rows.due(conn, now=now)


def list_reminders(store: Store, *, every: bool = False) -> list[ReminderRow]:
    """Reminders still to fire, in the order they fire; with `every`, all of them."""
    with store.raw_read() as conn:
        return reminder_rows.listed(conn, every=every)


def reminders_of(store: Store, item_id: int) -> list[ReminderRow]:
    with store.raw_read() as conn:
        return reminder_rows.of_item(conn, item_id)


def follow_due(conn: sqlite3.Connection, item_ids: Sequence[int], *, moved_days: int = 0) -> bool:
    """After items' due dates or times changed, inside the caller's transaction: their
    reminders fire at the new occurrence and wait again. Relative ones are counted from
    the new due time; absolute ones move by `moved_days` (the days the occurrence moved).
    Whether any reminder changed."""
    changed = False
    for item_id in item_ids:
        due_date, due_time = _due_of(conn, item_id)
        for row in reminder_rows.of_item(conn, item_id):
            spec = row.spec
            if spec.anchor is Anchor.AT and spec.at is not None and moved_days:
                spec = ReminderSpec.absolute(spec.at + timedelta(days=moved_days))
            fire = next_fire(spec, due_date, due_time)
            if fire == row.next_fire and spec == row.spec:
                continue
            _, at_time, _, _ = reminder_rows.spec_values(spec)
            conn.execute(
                "UPDATE reminders SET at_time = ?, next_fire = ?, state = 'pending',"
                " snooze_until = NULL, claimed_by = NULL, lease_until = NULL WHERE id = ?",
                (at_time, wall_text(fire) if fire is not None else None, row.id),
            )
            changed = True
    return changed
