"""Reminders as services: set, clear, the claim two connections race for, the lease, a
snooze that survives a restart, what was missed while Rizhi was closed. The clock is
the `now` each service takes."""

from __future__ import annotations

import multiprocessing
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput, NotFound
from app.domain.reminders import ReminderSpec, ReminderState
from app.services.items import create_item, trash_item
from app.services.reminders import (
    claim_due,
    clear_reminders,
    list_reminders,
    mark_shown,
    missed_while_closed,
    reminders_of,
    set_reminder,
    snooze,
)
from app.store import feed
from app.store.db import Store
from tests.conftest import NOW, TZ
from tests.services.undo_harness import history_of

DUE = date(2026, 11, 21)


def item(store: Store, title: str = "group meeting", **fields: object) -> int:
    draft = ItemDraft(title=title, **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=NOW)[0].id


def at(hour: int, minute: int = 0, day: date = DUE) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def test_a_relative_reminder_fires_before_the_due_time(store: Store) -> None:
    item_id = item(store, due_date=DUE, due_time=time(15))
    row, changes = set_reminder(store, item_id, ReminderSpec.before_due(30), now=NOW)
    assert row.next_fire == datetime(2026, 11, 21, 14, 30)
    assert row.state is ReminderState.PENDING and row.title == "group meeting"
    assert changes.reminders and changes.items == {item_id}
    assert feed.since(store.raw, 0).changes.reminders  # the feed carries it to other processes


def test_a_relative_reminder_needs_a_due_date(store: Store) -> None:
    item_id = item(store)
    with pytest.raises(InvalidInput):
        set_reminder(store, item_id, ReminderSpec.before_due(30), now=NOW)
    with pytest.raises(NotFound):
        set_reminder(store, 999, ReminderSpec.absolute(at(9)), now=NOW)
    assert reminders_of(store, item_id) == []


def test_clear_removes_an_items_reminders(store: Store) -> None:
    item_id = item(store, due_date=DUE)
    set_reminder(store, item_id, ReminderSpec.before_due(0), now=NOW)
    set_reminder(store, item_id, ReminderSpec.absolute(at(8)), now=NOW)
    assert clear_reminders(store, item_id)[0] == 2
    assert reminders_of(store, item_id) == []
    assert clear_reminders(store, item_id) == (0, clear_reminders(store, item_id)[1])


def test_only_due_reminders_are_claimed_and_only_once(store: Store) -> None:
    item_id = item(store)
    early, _ = set_reminder(store, item_id, ReminderSpec.absolute(at(9)), now=NOW)
    set_reminder(store, item_id, ReminderSpec.absolute(at(11)), now=NOW)
    assert claim_due(store, owner="a", now=at(8, 59))[0] == []
    claimed, changes = claim_due(store, owner="a", now=at(9))
    assert [r.id for r in claimed] == [early.id] and changes.reminders
    assert claimed[0].state is ReminderState.CLAIMED and claimed[0].claimed_by == "a"
    assert claim_due(store, owner="b", now=at(9, 1))[0] == []  # within the lease


def test_two_connections_racing_claim_a_reminder_once(store: Store) -> None:
    other = Store.open(store.path, store.backups)
    try:
        item_id = item(store)
        for minute in range(20):
            set_reminder(store, item_id, ReminderSpec.absolute(at(9, minute)), now=NOW)
        first = [r.id for r in claim_due(store, owner="a", now=at(10))[0]]
        second = [r.id for r in claim_due(other, owner="b", now=at(10))[0]]
        assert len(first) == 20 and second == []
    finally:
        other.close()


def _claim_in_a_process(path: str, backups: str, owner: str, start: object) -> list[int]:
    store = Store.open(path, backups)
    try:
        start.wait()  # type: ignore[attr-defined]
        return [r.id for r in claim_due(store, owner=owner, now=at(10))[0]]
    finally:
        store.close()


def test_processes_racing_claim_each_reminder_once(store: Store) -> None:
    item_id = item(store)
    made = {
        set_reminder(store, item_id, ReminderSpec.absolute(at(9, m)), now=NOW)[0].id
        for m in range(30)
    }
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(4) as pool:
            pending = [
                pool.apply_async(
                    _claim_in_a_process, (str(store.path), str(store.backups), f"p{n}", start)
                )
                for n in range(4)
            ]
            start.set()
            claimed = [pid for job in pending for pid in job.get(timeout=60)]
    assert sorted(claimed) == sorted(made)  # every one claimed, none twice


def test_a_claim_whose_lease_ran_out_is_claimed_again(store: Store) -> None:
    item_id = item(store)
    reminder, _ = set_reminder(store, item_id, ReminderSpec.absolute(at(9)), now=NOW)
    claim_due(store, owner="died", now=at(9), lease=timedelta(minutes=2))
    assert claim_due(store, owner="b", now=at(9, 1))[0] == []  # the lease still holds
    again = claim_due(store, owner="b", now=at(9, 2))[0]
    assert [r.id for r in again] == [reminder.id] and again[0].claimed_by == "b"
    # The process that died cannot record it shown any more; the new owner can.
    assert mark_shown(store, reminder.id, owner="died", now=at(9, 3))[0] is False
    assert mark_shown(store, reminder.id, owner="b", now=at(9, 3))[0] is True
    (shown,) = reminders_of(store, item_id)
    assert shown.state is ReminderState.SHOWN and shown.claimed_by is None
    assert claim_due(store, owner="c", now=at(12))[0] == []  # shown: never again


def test_a_snooze_survives_a_restart(store: Store) -> None:
    item_id = item(store)
    reminder, _ = set_reminder(store, item_id, ReminderSpec.absolute(at(9)), now=NOW)
    claim_due(store, owner="a", now=at(9))
    mark_shown(store, reminder.id, owner="a", now=at(9))
    snooze(store, reminder.id, datetime(2026, 11, 21, 9, 10), now=at(9))
    store.close()
    reopened = Store.open(store.path, store.backups)
    try:
        assert claim_due(reopened, owner="b", now=at(9, 9))[0] == []
        (back,) = claim_due(reopened, owner="b", now=at(9, 10))[0]
        assert back.id == reminder.id and back.snooze_until == datetime(2026, 11, 21, 9, 10)
        with pytest.raises(InvalidInput):
            snooze(reopened, reminder.id, datetime(2026, 11, 21, 9), now=at(9, 10))
    finally:
        reopened.close()


def test_missed_while_closed_lists_what_fell_due_once(store: Store) -> None:
    item_id = item(store)
    for hour in (6, 7, 8, 20):
        set_reminder(store, item_id, ReminderSpec.absolute(at(hour)), now=NOW)
    missed = missed_while_closed(store, now=at(9))
    assert [r.next_fire.hour for r in missed if r.next_fire] == [6, 7, 8]
    claimed = claim_due(store, owner="start", now=at(9))[0]
    assert [r.id for r in claimed] == [r.id for r in missed]
    for row in claimed:
        mark_shown(store, row.id, owner="start", now=at(9))
    assert missed_while_closed(store, now=at(9, 5)) == []


def test_items_in_the_trash_or_completed_are_not_reminded_of(store: Store) -> None:
    gone = item(store, "gone")
    set_reminder(store, gone, ReminderSpec.absolute(at(9)), now=NOW)
    trash_item(store, gone, now=NOW)
    assert claim_due(store, owner="a", now=at(10))[0] == []
    assert list_reminders(store) == []


def test_the_list_is_in_fire_order_and_every_shows_the_shown(store: Store) -> None:
    item_id = item(store)
    late, _ = set_reminder(store, item_id, ReminderSpec.absolute(at(18)), now=NOW)
    early, _ = set_reminder(store, item_id, ReminderSpec.absolute(at(8)), now=NOW)
    assert [r.id for r in list_reminders(store)] == [early.id, late.id]
    claim_due(store, owner="a", now=at(8))
    mark_shown(store, early.id, owner="a", now=at(8))
    assert [r.id for r in list_reminders(store)] == [late.id]
    assert [r.id for r in list_reminders(store, every=True)] == [early.id, late.id]


def test_a_reminder_follows_the_users_zone(store: Store) -> None:
    item_id = item(store)
    set_reminder(store, item_id, ReminderSpec.absolute(at(9)), now=NOW)
    # 09:00 wall clock in Berlin is long after 09:00 in Shanghai.
    berlin = datetime(2026, 11, 21, 8, 59, tzinfo=ZoneInfo("Europe/Berlin"))
    assert claim_due(store, owner="a", now=berlin)[0] == []
    assert len(claim_due(store, owner="a", now=berlin + timedelta(minutes=1))[0]) == 1


def test_setting_a_reminder_is_undone_and_redone(store: Store) -> None:
    item_id = item(store)
    history = history_of(store)
    _, step = history.run(
        lambda: set_reminder(store, item_id, ReminderSpec.absolute(at(9)), now=NOW)[1]
    )
    assert step is not None and len(reminders_of(store, item_id)) == 1
    undone = history.undo(step, now=NOW)
    assert reminders_of(store, item_id) == [] and undone.reminders
    history.redo(step, now=NOW)
    assert len(reminders_of(store, item_id)) == 1
