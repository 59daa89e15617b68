"""A repeating item on the board: every way of completing it completes the occurrence,
and its card waits in To do of the week of its next occurrence (a controlled clock:
Friday 2026-11-20 10:00 in Shanghai, board week 2026-W47)."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.entities import ItemDraft
from app.domain.enums import Column
from app.domain.repeats import Repeat
from app.domain.weeks import Week
from app.services import board, bulk
from app.services.item_edit_plan import EditPlan, apply_edit
from app.services.item_edits import set_completed
from app.services.items import create_item, get_item
from app.services.repeats import complete_occurrence, history_of, set_repeat, skip_occurrence
from app.services.settings import set_settings
from app.store.db import Store
from tests.conftest import NOW
from tests.services.undo_harness import run_accepted

FRIDAY = NOW.date()  # 2026-11-20
THIS_WEEK = Week(2026, 47)
NEXT_WEEK = Week(2026, 48)


def card(store: Store, rule: str = "FREQ=WEEKLY;BYDAY=FR", column: Column = Column.ACTIVE) -> int:
    draft = ItemDraft(title="group meeting", due_date=FRIDAY)
    item_id = create_item(store, draft, now=NOW, week=THIS_WEEK, column=column)[0].id
    set_repeat(store, item_id, Repeat(rule), now=NOW)
    return item_id


def placement(store: Store, item_id: int) -> tuple[str, str] | None:
    found = store.raw.execute(
        "SELECT week, col FROM board_cards WHERE item_id = ?", (item_id,)
    ).fetchone()
    return None if found is None else (str(found[0]), str(found[1]))


def assert_moved_on(store: Store, item_id: int, due: date, week: Week) -> None:
    record = get_item(store, item_id)
    assert record.completed_at is None and record.due_date == due
    assert placement(store, item_id) == (str(week), Column.TODO.value)
    assert str(week) in record.planned_weeks


def test_dropping_a_repeating_card_in_completed_completes_its_occurrence(store: Store) -> None:
    item_id = card(store)
    changes = board.move_cards(store, [item_id], Column.DONE, week=THIS_WEEK, now=NOW)
    assert changes.board and changes.reminders
    assert_moved_on(store, item_id, date(2026, 11, 27), NEXT_WEEK)
    assert history_of(store, item_id) == [(FRIDAY, "done")]


def test_moving_one_card_to_completed_moves_it_on(store: Store) -> None:
    item_id = card(store)
    board.move_card(store, item_id, Column.DONE, now=NOW)
    assert_moved_on(store, item_id, date(2026, 11, 27), NEXT_WEEK)


def test_a_multi_card_drop_completes_the_others_as_usual(store: Store) -> None:
    weekly = card(store)
    once = create_item(store, ItemDraft(title="once"), now=NOW, week=THIS_WEEK)[0].id
    changes = board.move_cards(store, [weekly, once], Column.DONE, week=THIS_WEEK, now=NOW)
    assert changes.items == {weekly, once}
    assert_moved_on(store, weekly, date(2026, 11, 27), NEXT_WEEK)
    assert placement(store, once) == (str(THIS_WEEK), Column.DONE.value)
    assert get_item(store, once).completed_at is not None


def test_planning_a_repeating_item_into_completed_completes_its_occurrence(
    store: Store,
) -> None:
    item_id = card(store)
    bulk.plan_items(store, [item_id], THIS_WEEK, column=Column.DONE, now=NOW)
    assert_moved_on(store, item_id, date(2026, 11, 27), NEXT_WEEK)


def test_an_occurrence_later_this_week_goes_back_to_to_do_this_week(store: Store) -> None:
    item_id = card(store, "FREQ=DAILY")
    set_completed(store, item_id, True, now=NOW)
    assert_moved_on(store, item_id, date(2026, 11, 21), THIS_WEEK)


def test_the_check_box_and_the_editor_move_the_card_on_too(store: Store) -> None:
    item_id = card(store)
    bulk.complete_items(store, [item_id], True, now=NOW)
    assert_moved_on(store, item_id, date(2026, 11, 27), NEXT_WEEK)
    parent = create_item(store, ItemDraft(title="seminar"), now=NOW)[0].id
    child = create_item(store, ItemDraft(title="weekly", parent_id=parent), now=NOW)[0].id
    set_repeat(store, child, Repeat("FREQ=WEEKLY;BYDAY=MO"), now=NOW)
    apply_edit(store, parent, EditPlan(completions=((child, True),)), now=NOW)
    assert get_item(store, child).due_date == date(2026, 11, 30)
    assert history_of(store, child) == [(date(2026, 11, 23), "done")]


def test_a_skipped_occurrence_moves_the_card_as_well(store: Store) -> None:
    item_id = card(store)
    skip_occurrence(store, item_id, now=NOW)
    assert_moved_on(store, item_id, date(2026, 11, 27), NEXT_WEEK)


def test_the_week_follows_the_board_week_start(store: Store) -> None:
    set_settings(store, {"week.start": "sunday"})
    # Sunday 22 Nov opens the board week keyed by Monday 23 Nov, 2026-W48.
    item_id = card(store, "FREQ=WEEKLY;BYDAY=SU,FR")
    complete_occurrence(store, item_id, now=NOW)
    assert_moved_on(store, item_id, date(2026, 11, 22), NEXT_WEEK)


def test_the_last_occurrence_completes_the_item_and_its_card(store: Store) -> None:
    item_id = card(store, "FREQ=DAILY;UNTIL=20261120")
    board.move_card(store, item_id, Column.DONE, now=NOW)
    assert get_item(store, item_id).completed_at is not None
    assert placement(store, item_id) == (str(THIS_WEEK), Column.DONE.value)


def test_an_item_on_no_board_stays_off_it(store: Store) -> None:
    item_id = create_item(store, ItemDraft(title="water plants", due_date=FRIDAY), now=NOW)[0].id
    set_repeat(store, item_id, Repeat("FREQ=WEEKLY"), now=NOW)
    complete_occurrence(store, item_id, now=NOW)
    assert placement(store, item_id) is None


def test_undoing_a_drop_in_completed_brings_the_occurrence_back(store: Store) -> None:
    item_id = card(store)
    run_accepted(
        store,
        lambda now: board.move_cards(store, [item_id], Column.DONE, week=THIS_WEEK, now=now),
    )


def test_undo_restores_the_card_the_due_date_and_the_history(store: Store) -> None:
    from tests.services.undo_harness import history_of as undo_history

    item_id = card(store)
    history = undo_history(store)
    _, step = history.run(
        lambda: board.move_cards(store, [item_id], Column.DONE, week=THIS_WEEK, now=NOW)
    )
    assert step is not None
    assert get_item(store, item_id).due_date == FRIDAY + timedelta(days=7)
    history.undo(step, now=NOW)
    assert get_item(store, item_id).due_date == FRIDAY
    assert placement(store, item_id) == (str(THIS_WEEK), Column.ACTIVE.value)
    assert history_of(store, item_id) == []
