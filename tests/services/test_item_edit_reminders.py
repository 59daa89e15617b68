"""The item editor's save with a repeat rule and reminders: written in one use case, in
the order that lets reminders count from the new due date and the rule's first
occurrence."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.domain.entities import ItemDraft, ItemPatch
from app.domain.errors import InvalidInput
from app.domain.reminders import ReminderSpec, ReminderState
from app.domain.repeats import Repeat
from app.services.item_details import card_marks, item_details
from app.services.item_edit_plan import EditPlan, RepeatChange, apply_edit
from app.services.items import create_item
from app.services.reminders import claim_due, mark_shown, reminders_of, set_reminder
from app.services.repeats import complete_occurrence
from app.store.db import Store
from tests.conftest import NOW

MONDAY = date(2026, 11, 23)


def _item(store: Store, **fields: object) -> int:
    return create_item(store, ItemDraft("group meeting", **fields), now=NOW)[0].id  # type: ignore[arg-type]


def test_a_rule_and_a_reminder_count_from_the_due_date_set_in_the_same_save(store: Store) -> None:
    item = _item(store)
    plan = EditPlan(
        patch=ItemPatch(due_date=NOW.date(), due_time=time(15, 0)),  # Friday
        repeat=RepeatChange(Repeat("FREQ=WEEKLY;BYDAY=MO")),
        new_reminders=(ReminderSpec.before_due(30),),
    )
    apply_edit(store, item, plan, now=NOW)
    details = item_details(store, item)
    assert details.repeat == Repeat("FREQ=WEEKLY;BYDAY=MO")
    assert (details.record.due_date, details.record.due_time) == (MONDAY, time(15, 0))
    # Only the reminder asked for: the default an item gaining a due time gets is not
    # added beside it, as with a capture line carrying `remind …`.
    assert [(r.spec, r.next_fire) for r in details.reminders] == [
        (ReminderSpec.before_due(30), datetime(2026, 11, 23, 14, 30))
    ]


def test_without_reminders_of_its_own_the_item_gets_the_default(store: Store) -> None:
    item = _item(store)
    apply_edit(store, item, EditPlan(patch=ItemPatch(due_date=MONDAY, due_time=time(9))), now=NOW)
    assert [r.spec for r in reminders_of(store, item)] == [ReminderSpec.before_due(0)]


def test_removing_a_reminder_and_stopping_the_repeat(store: Store) -> None:
    item = _item(store, due_date=MONDAY)
    apply_edit(store, item, EditPlan(repeat=RepeatChange(Repeat("FREQ=DAILY"))), now=NOW)
    set_reminder(store, item, ReminderSpec.before_due(60), now=NOW)
    set_reminder(store, item, ReminderSpec.absolute(datetime(2026, 11, 22, 9)), now=NOW)
    kept, gone = (r.id for r in reminders_of(store, item))
    plan = EditPlan(repeat=RepeatChange(None), removed_reminders=(gone,))
    apply_edit(store, item, plan, now=NOW)
    details = item_details(store, item)
    assert details.repeat is None
    assert [r.id for r in details.reminders] == [kept]


def test_a_relative_reminder_without_a_due_date_is_refused(store: Store) -> None:
    item = _item(store)
    plan = EditPlan(patch=ItemPatch(title="renamed"), new_reminders=(ReminderSpec.before_due(30),))
    with pytest.raises(InvalidInput, match="no due date"):
        apply_edit(store, item, plan, now=NOW)
    assert item_details(store, item).record.title == "group meeting"


def test_the_details_carry_the_occurrences_done(store: Store) -> None:
    item = _item(store, due_date=MONDAY)
    apply_edit(store, item, EditPlan(repeat=RepeatChange(Repeat("FREQ=WEEKLY"))), now=NOW)
    complete_occurrence(store, item, now=NOW + timedelta(days=3))
    assert item_details(store, item).occurrences == ((MONDAY, "done"),)


def test_card_marks_say_which_items_repeat_and_have_a_reminder_waiting(store: Store) -> None:
    plain = _item(store)
    repeating = _item(store, due_date=MONDAY)
    apply_edit(store, repeating, EditPlan(repeat=RepeatChange(Repeat("FREQ=DAILY"))), now=NOW)
    reminded = _item(store)
    set_reminder(store, reminded, ReminderSpec.absolute(datetime(2026, 11, 20, 10)), now=NOW)
    assert card_marks(store, [plain, repeating, reminded]) == {
        repeating: (True, False),
        reminded: (False, True),
    }
    claimed, _ = claim_due(store, owner="test", now=NOW)
    mark_shown(store, claimed[0].id, owner="test", now=NOW)
    assert reminders_of(store, reminded)[0].state is ReminderState.SHOWN
    assert card_marks(store, [reminded]) == {}  # shown: nothing waits any more
    assert card_marks(store, []) == {}
