"""The default reminder (settings `reminders.default_timed` and `reminders.default_dated`):
given when an item gets a due date or time and has no reminders, stored as an ordinary
reminder, never given again after it was cleared (a controlled clock: Friday 2026-11-20
10:00 in Shanghai)."""

from __future__ import annotations

from datetime import date, datetime, time

from app.domain.capture import parse_capture
from app.domain.entities import ItemDraft, ItemPatch
from app.domain.reminders import ReminderSpec
from app.domain.repeats import Repeat
from app.services.item_edits import edit_item
from app.services.items import add_capture, create_item
from app.services.reminders import clear_reminders, reminders_of, set_reminder
from app.services.repeats import set_repeat
from app.services.settings import set_settings
from app.store.db import Store
from tests.conftest import NOW

SATURDAY = date(2026, 11, 21)


def fires(store: Store, item_id: int) -> list[tuple[datetime | None, str]]:
    return [(r.next_fire, r.spec.describe()) for r in reminders_of(store, item_id)]


def add(store: Store, **fields: object) -> int:
    draft = ItemDraft(title="rebuttal", **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=NOW)[0].id


def test_an_item_with_a_due_time_is_reminded_at_it(store: Store) -> None:
    record, changes = create_item(
        store, ItemDraft(title="group meeting", due_date=SATURDAY, due_time=time(15)), now=NOW
    )
    assert changes.reminders
    assert fires(store, record.id) == [(datetime(2026, 11, 21, 15), "at the due time")]


def test_the_setting_says_how_long_before(store: Store) -> None:
    set_settings(store, {"reminders.default_timed": "30m"})
    item_id = add(store, due_date=SATURDAY, due_time=time(15))
    assert fires(store, item_id) == [(datetime(2026, 11, 21, 14, 30), "30m before")]


def test_off_gives_none(store: Store) -> None:
    set_settings(store, {"reminders.default_timed": "off"})
    assert fires(store, add(store, due_date=SATURDAY, due_time=time(15))) == []


def test_a_date_only_item_gets_one_only_when_the_setting_is_on(store: Store) -> None:
    assert fires(store, add(store, due_date=SATURDAY)) == []
    set_settings(store, {"reminders.default_dated": "08:30"})
    item_id = add(store, due_date=SATURDAY)
    assert fires(store, item_id) == [(datetime(2026, 11, 21, 8, 30), "on the due date at 08:30")]


def test_an_item_without_a_due_date_gets_none(store: Store) -> None:
    record, changes = create_item(store, ItemDraft(title="someday"), now=NOW)
    assert fires(store, record.id) == [] and not changes.reminders


def test_a_past_due_time_is_not_reminded_of_at_once(store: Store) -> None:
    assert fires(store, add(store, due_date=date(2026, 11, 19), due_time=time(15))) == []


def test_a_completed_item_gets_none(store: Store) -> None:
    from app.domain.enums import Column
    from app.domain.weeks import Week

    draft = ItemDraft(title="done already", due_date=SATURDAY, due_time=time(15))
    record, _ = create_item(store, draft, now=NOW, week=Week(2026, 47), column=Column.DONE)
    assert fires(store, record.id) == []


def test_it_follows_the_due_time(store: Store) -> None:
    item_id = add(store, due_date=SATURDAY, due_time=time(15))
    edit_item(store, item_id, ItemPatch(due_date=date(2026, 11, 24), due_time=time(9)), now=NOW)
    assert fires(store, item_id) == [(datetime(2026, 11, 24, 9), "at the due time")]


def test_a_cleared_default_is_not_given_again(store: Store) -> None:
    item_id = add(store, due_date=SATURDAY, due_time=time(15))
    assert clear_reminders(store, item_id)[0] == 1
    edit_item(store, item_id, ItemPatch(title="rebuttal v2"), now=NOW)
    edit_item(store, item_id, ItemPatch(due_date=date(2026, 11, 24), due_time=time(9)), now=NOW)
    assert fires(store, item_id) == []


def test_editing_in_a_due_time_gives_it(store: Store) -> None:
    item_id = add(store)
    _, changes = edit_item(store, item_id, ItemPatch(due_date=SATURDAY, due_time=time(11)), now=NOW)
    assert changes.reminders
    assert fires(store, item_id) == [(datetime(2026, 11, 21, 11), "at the due time")]


def test_a_time_added_to_a_dated_item_gives_the_timed_default(store: Store) -> None:
    item_id = add(store, due_date=SATURDAY)
    edit_item(store, item_id, ItemPatch(due_date=SATURDAY, due_time=time(11)), now=NOW)
    assert fires(store, item_id) == [(datetime(2026, 11, 21, 11), "at the due time")]


def test_an_item_with_reminders_of_its_own_gets_none(store: Store) -> None:
    item_id = add(store, due_date=SATURDAY)
    set_reminder(store, item_id, ReminderSpec.absolute(datetime(2026, 11, 20, 18)), now=NOW)
    edit_item(store, item_id, ItemPatch(due_date=SATURDAY, due_time=time(11)), now=NOW)
    assert fires(store, item_id) == [(datetime(2026, 11, 20, 18), "2026-11-20 18:00")]


def test_a_capture_line_with_a_reminder_gets_only_its_own(store: Store) -> None:
    capture = parse_capture("rebuttal sat 3pm remind 1h before", NOW)
    record, _ = add_capture(store, capture, now=NOW)
    assert fires(store, record.id) == [(datetime(2026, 11, 21, 14), "1h before")]


def test_a_repeating_capture_is_reminded_at_its_first_occurrence(store: Store) -> None:
    record, changes = add_capture(store, parse_capture("standup every monday 10am", NOW), now=NOW)
    assert changes.reminders
    assert fires(store, record.id) == [(datetime(2026, 11, 23, 10), "at the due time")]


def test_a_repeat_that_gives_a_due_date_gives_the_dated_default(store: Store) -> None:
    set_settings(store, {"reminders.default_dated": "09:00"})
    item_id = add(store)
    set_repeat(store, item_id, Repeat("FREQ=WEEKLY;BYDAY=MO"), now=NOW)
    assert fires(store, item_id) == [(datetime(2026, 11, 23, 9), "on the due date at 09:00")]


def test_changing_the_setting_leaves_reminders_given_as_they_are(store: Store) -> None:
    item_id = add(store, due_date=SATURDAY, due_time=time(15))
    set_settings(store, {"reminders.default_timed": "1h"})
    assert fires(store, item_id) == [(datetime(2026, 11, 21, 15), "at the due time")]
    assert fires(store, add(store, due_date=SATURDAY, due_time=time(15))) == [
        (datetime(2026, 11, 21, 14), "1h before")
    ]


def test_a_journal_preamble_item_with_a_due_time_gets_it(store: Store) -> None:
    from app.domain.journal.parse import parse_journal
    from app.services.journal_import import import_journal

    text = "# TODO\n- [ ] rebuttal due sat 3pm\n- [x] old talk due sat 3pm\n\n## 2026-11-19\n- a\n"
    _, changes = import_journal(store, parse_journal(text), now=NOW, preamble_as_items=True)
    assert changes.reminders
    reminded = store.raw.execute(
        "SELECT i.title, r.next_fire FROM reminders r JOIN items i ON i.id = r.item_id"
    ).fetchall()
    assert reminded == [("rebuttal", "2026-11-21T15:00")]
