"""Repeating items: completing or skipping an occurrence keeps its history and moves
the item, its reminders with it, to the next occurrence."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput
from app.domain.reminders import ReminderSpec, ReminderState
from app.domain.repeats import Repeat
from app.services import bulk
from app.services.item_edits import ItemPatch, edit_item, set_completed
from app.services.items import create_item, get_item
from app.services.reminders import claim_due, mark_shown, reminders_of, set_reminder
from app.services.repeats import complete_occurrence, history_of, set_repeat, skip_occurrence
from app.store.db import Store
from tests.conftest import NOW, TZ
from tests.services.undo_harness import run_accepted

FRIDAY = NOW.date()  # 2026-11-20
WEEKLY = Repeat("FREQ=WEEKLY;BYDAY=FR")


def repeating(store: Store, repeat: Repeat = WEEKLY, **fields: object) -> int:
    draft = ItemDraft(title="group meeting", **fields)  # type: ignore[arg-type]
    item_id = create_item(store, draft, now=NOW)[0].id
    set_repeat(store, item_id, repeat, now=NOW)
    return item_id


def test_an_item_without_a_due_date_starts_at_the_first_occurrence(store: Store) -> None:
    item_id = create_item(store, ItemDraft(title="weekly planning"), now=NOW)[0].id
    due, changes = set_repeat(store, item_id, Repeat("FREQ=WEEKLY;BYDAY=MO"), now=NOW)
    assert due == date(2026, 11, 23) and get_item(store, item_id).due_date == due
    assert changes.items == {item_id}


def test_a_bad_rule_changes_nothing(store: Store) -> None:
    item_id = create_item(store, ItemDraft(title="x"), now=NOW)[0].id
    with pytest.raises(InvalidInput):
        set_repeat(store, item_id, Repeat("FREQ=SOMETIMES"), now=NOW)
    assert store.raw.execute("SELECT repeat_rule FROM items").fetchone()[0] is None


def test_completing_an_occurrence_moves_the_item_and_keeps_history(store: Store) -> None:
    item_id = repeating(store, due_date=FRIDAY, due_time=time(15))
    following, changes = complete_occurrence(store, item_id, now=NOW)
    assert following == date(2026, 11, 27) and changes.board
    moved = get_item(store, item_id)
    assert moved.due_date == following and moved.due_time == time(15)
    assert moved.completed_at is None
    skip_occurrence(store, item_id, now=NOW)
    assert history_of(store, item_id) == [(FRIDAY, "done"), (date(2026, 11, 27), "skipped")]
    assert get_item(store, item_id).due_date == date(2026, 12, 4)


def test_a_rule_that_ends_completes_the_item(store: Store) -> None:
    item_id = repeating(store, Repeat("FREQ=DAILY;UNTIL=20261121"), due_date=FRIDAY)
    assert complete_occurrence(store, item_id, now=NOW)[0] == date(2026, 11, 21)
    assert complete_occurrence(store, item_id, now=NOW)[0] is None
    assert get_item(store, item_id).completed_at is not None
    with pytest.raises(InvalidInput):
        complete_occurrence(store, item_id, now=NOW)


def test_every_three_days_after_completion(store: Store) -> None:
    item_id = repeating(
        store, Repeat("FREQ=DAILY;INTERVAL=3", from_completion=True), due_date=date(2026, 11, 10)
    )
    assert complete_occurrence(store, item_id, now=NOW)[0] == date(2026, 11, 23)


def test_reminders_follow_the_occurrence(store: Store) -> None:
    item_id = repeating(store, due_date=FRIDAY, due_time=time(15))
    before, _ = set_reminder(store, item_id, ReminderSpec.before_due(30), now=NOW)
    fixed, _ = set_reminder(
        store, item_id, ReminderSpec.absolute(datetime(2026, 11, 20, 8)), now=NOW
    )
    for reminder in claim_due(store, owner="a", now=NOW.replace(hour=15))[0]:
        mark_shown(store, reminder.id, owner="a", now=NOW)
    complete_occurrence(store, item_id, now=NOW.replace(hour=16))
    after = {r.id: r for r in reminders_of(store, item_id)}
    assert after[before.id].next_fire == datetime(2026, 11, 27, 14, 30)
    assert after[fixed.id].next_fire == datetime(2026, 11, 27, 8)
    assert {r.state for r in after.values()} == {ReminderState.PENDING}
    next_week = datetime(2026, 11, 27, 14, 30, tzinfo=TZ)
    (morning,) = claim_due(store, owner="a", now=next_week - timedelta(minutes=1))[0]
    (afternoon,) = claim_due(store, owner="a", now=next_week)[0]
    assert (morning.id, afternoon.id) == (fixed.id, before.id)


def test_a_non_repeating_item_has_no_occurrence(store: Store) -> None:
    item_id = create_item(store, ItemDraft(title="once"), now=NOW)[0].id
    with pytest.raises(InvalidInput):
        complete_occurrence(store, item_id, now=NOW)


def test_completing_a_repeating_item_completes_its_occurrence(store: Store) -> None:
    item_id = repeating(store, due_date=FRIDAY)
    record, changes = set_completed(store, item_id, True, now=NOW)
    assert record.completed_at is None and record.due_date == date(2026, 11, 27)
    assert changes.reminders and history_of(store, item_id) == [(FRIDAY, "done")]


def test_editing_the_due_time_moves_the_reminders_before_it(store: Store) -> None:
    item_id = create_item(store, ItemDraft(title="rebuttal", due_date=FRIDAY), now=NOW)[0].id
    reminder, _ = set_reminder(store, item_id, ReminderSpec.before_due(60), now=NOW)
    patch = ItemPatch(due_date=date(2026, 11, 25), due_time=time(18))
    _, changes = edit_item(store, item_id, patch, now=NOW)
    assert changes.reminders
    (moved,) = reminders_of(store, item_id)
    assert moved.id == reminder.id and moved.next_fire == datetime(2026, 11, 25, 17)
    _, changes = edit_item(store, item_id, ItemPatch(title="rebuttal v2"), now=NOW)
    assert not changes.reminders


def test_completing_several_items_moves_the_repeating_ones_on(store: Store) -> None:
    weekly = repeating(store, due_date=FRIDAY)
    once = create_item(store, ItemDraft(title="once"), now=NOW)[0].id
    changes = bulk.complete_items(store, [weekly, once], True, now=NOW)
    assert changes.items == {weekly, once}
    assert get_item(store, weekly).completed_at is None
    assert get_item(store, weekly).due_date == date(2026, 11, 27)
    assert get_item(store, once).completed_at is not None


def test_completing_a_repeating_occurrence_is_undone(store: Store) -> None:
    weekly = repeating(store, due_date=FRIDAY)
    run_accepted(store, lambda now: bulk.complete_items(store, [weekly], True, now=now))


def test_a_capture_line_saves_its_repeat_and_reminders(store: Store) -> None:
    from app.domain.capture import parse_capture
    from app.services.items import add_capture

    capture = parse_capture("standup every monday 10am remind 10m before", NOW)
    record, changes = add_capture(store, capture, now=NOW)
    assert changes.reminders and record.due_date == date(2026, 11, 23)
    (reminder,) = reminders_of(store, record.id)
    assert reminder.next_fire == datetime(2026, 11, 23, 9, 50)
    assert store.raw.execute("SELECT repeat_rule FROM items").fetchone()[0] == (
        "FREQ=WEEKLY;BYDAY=MO"
    )


def test_an_export_carries_repeats_reminders_and_history(store: Store, tmp_path: Path) -> None:
    from app.services.transfer import export_data, import_data

    item_id = repeating(store, due_date=FRIDAY, due_time=time(15))
    set_reminder(store, item_id, ReminderSpec.before_due(30), now=NOW)
    complete_occurrence(store, item_id, now=NOW)
    fresh = Store.open(tmp_path / "fresh" / "rizhi.sqlite3", tmp_path / "fresh" / "backups")
    try:
        import_data(fresh, export_data(store, now=NOW))
        (copied,) = [r[0] for r in fresh.raw.execute("SELECT id FROM items")]
        assert history_of(fresh, copied) == [(FRIDAY, "done")]
        # The default reminder at the due time, and the one set 30 minutes before it.
        fires = sorted(r.next_fire for r in reminders_of(fresh, copied) if r.next_fire)
        assert fires == [datetime(2026, 11, 27, 14, 30), datetime(2026, 11, 27, 15)]
        rule = fresh.raw.execute("SELECT repeat_rule FROM items").fetchone()[0]
        assert rule == WEEKLY.rule
    finally:
        fresh.close()


def test_a_daily_nine_oclock_reminder_fires_at_nine_on_both_sides_of_dst(store: Store) -> None:
    berlin = ZoneInfo("Europe/Berlin")  # summer time began 2026-03-29 at 02:00
    saturday = datetime(2026, 3, 28, 8, 0, tzinfo=berlin)
    item_id = create_item(
        store, ItemDraft(title="stand-up", due_date=saturday.date(), due_time=time(9)), now=NOW
    )[0].id
    set_repeat(store, item_id, Repeat("FREQ=DAILY"), now=saturday)
    set_reminder(store, item_id, ReminderSpec.before_due(0), now=saturday)
    for day in (28, 29, 30):
        nine = datetime(2026, 3, day, 9, 0, tzinfo=berlin)
        assert claim_due(store, owner="a", now=nine - timedelta(minutes=1))[0] == []
        (fired,) = claim_due(store, owner="a", now=nine)[0]
        mark_shown(store, fired.id, owner="a", now=nine)
        complete_occurrence(store, item_id, now=nine)
    # The same 09:00 on the wall was 08:00 UTC before the change and 07:00 after it.
    assert get_item(store, item_id).due_date == date(2026, 3, 31)
