from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.domain.enums import Column, Horizon, Priority
from app.domain.errors import InvalidInput, NotFound
from app.domain.weeks import Week
from app.services import bulk
from app.services.items import create_item, get_item, list_items, trash_item
from app.services.transfer import export_data
from app.store.db import Store
from app.store.item_rows import ItemQuery
from tests.conftest import NOW

WEEK = Week.of(NOW.date())
LATER = NOW + timedelta(hours=1)


def add(store: Store, title: str, **fields: object) -> int:
    week = fields.pop("week", None)
    column = fields.pop("column", Column.TODO)
    record, _ = create_item(
        store,
        ItemDraft(title=title, **fields),  # type: ignore[arg-type]
        now=NOW,
        week=week,  # type: ignore[arg-type]
        column=column,  # type: ignore[arg-type]
    )
    return record.id


def column_ids(store: Store, column: Column, week: Week = WEEK) -> list[int]:
    return [r.id for r in list_items(store, ItemQuery(week=str(week), column=column))]


def test_tag_items_adds_and_removes_case_insensitively(store: Store) -> None:
    a = add(store, "a", tags=("Vision",))
    b = add(store, "b")
    changes = bulk.tag_items(store, [a, b], add=("vision", "#thesis"), now=LATER)
    assert get_item(store, a).tags == ("thesis", "Vision")  # the existing tag's spelling
    assert get_item(store, b).tags == ("thesis", "Vision")
    assert changes.items == {a, b} and changes.tags
    changes = bulk.tag_items(store, [a, b], add=("thesis",), now=LATER)
    assert changes.empty  # nothing new: nothing stamped
    changes = bulk.tag_items(store, [a, b], remove=("VISION",), now=LATER)
    assert get_item(store, a).tags == ("thesis",) and changes.items == {a, b}
    assert get_item(store, a).updated_at == LATER
    with pytest.raises(InvalidInput, match="needs a name"):
        bulk.tag_items(store, [a], add=("  # ",), now=LATER)


def test_horizon_and_priority_touch_only_items_that_change(store: Store) -> None:
    a = add(store, "a", horizon=Horizon.SHORT, priority=Priority.HIGH)
    b = add(store, "b")
    changes = bulk.set_horizon(store, [a, b], Horizon.SHORT, now=LATER)
    assert changes.items == {b}
    assert get_item(store, a).updated_at == NOW and get_item(store, b).updated_at == LATER
    assert bulk.set_horizon(store, [a, b], None, now=LATER).items == {a, b}
    assert get_item(store, a).horizon is None
    assert bulk.set_priority(store, [a, b], Priority.HIGH, now=LATER).items == {b}
    assert get_item(store, b).priority is Priority.HIGH


@pytest.mark.parametrize(
    "action",
    [
        lambda s, ids: bulk.tag_items(s, ids, add=("x",), now=LATER),
        lambda s, ids: bulk.set_horizon(s, ids, Horizon.LONG, now=LATER),
        lambda s, ids: bulk.set_priority(s, ids, Priority.LOW, now=LATER),
        lambda s, ids: bulk.plan_items(s, ids, WEEK, now=LATER),
        lambda s, ids: bulk.unplan_items(s, ids, now=LATER),
        lambda s, ids: bulk.trash_items(s, ids, now=LATER),
        lambda s, ids: bulk.restore_items(s, ids, now=LATER),
        lambda s, ids: bulk.complete_items(s, ids, True, now=LATER),
    ],
)
def test_every_action_checks_all_ids_first_and_writes_nothing_on_error(
    store: Store, action: Callable[[Store, list[int]], Changes]
) -> None:
    a = add(store, "a", week=WEEK)
    b = add(store, "b")
    before = export_data(store, now=NOW)
    with pytest.raises(NotFound, match="No items 998, 999"):
        action(store, [a, 999, b, 998])
    assert export_data(store, now=NOW) == before
    assert action(store, []).empty


def test_plan_items_appends_backlog_items_and_moves_cards(store: Store) -> None:
    here = add(store, "here", week=WEEK)
    elsewhere = add(store, "elsewhere", week=WEEK.shifted(-1), column=Column.ACTIVE)
    x, y = add(store, "x"), add(store, "y")
    changes = bulk.plan_items(store, [y, here, elsewhere, x], WEEK, now=LATER)
    # `here` is already in To do of this week and stays put; the card comes before the
    # backlog items, which keep the order given.
    assert column_ids(store, Column.TODO) == [here, elsewhere, y, x]
    assert changes.items == {elsewhere, x, y} and changes.board
    assert get_item(store, x).planned_weeks == (str(WEEK),)
    assert get_item(store, elsewhere).planned_weeks == (str(WEEK.shifted(-1)), str(WEEK))
    bulk.plan_items(store, [x], WEEK.shifted(1), column=Column.DONE, now=LATER)
    assert get_item(store, x).completed_at == LATER
    gone = add(store, "gone")
    trash_item(store, gone, now=NOW)
    with pytest.raises(NotFound, match=f"No item {gone}"):
        bulk.plan_items(store, [gone], WEEK, now=LATER)


def test_unplan_items_keeps_the_trail_and_skips_backlog_items(store: Store) -> None:
    a = add(store, "a", week=WEEK, column=Column.DONE)
    b = add(store, "b")
    changes = bulk.unplan_items(store, [a, b], now=LATER)
    assert changes.items == {a} and changes.board
    record = get_item(store, a)
    assert record.placement is None and record.planned_weeks == (str(WEEK),)
    assert record.completed_at is not None  # leaving the board is not reopening
    assert bulk.unplan_items(store, [a, b], now=LATER).empty


def test_trash_items_takes_nested_items_and_restore_brings_them_back(store: Store) -> None:
    root = add(store, "root")
    child = add(store, "child", parent_id=root)
    grandchild = add(store, "grandchild", parent_id=child)
    other = add(store, "other")
    trash_item(store, grandchild, now=NOW)  # trashed before: keeps its time
    changes = bulk.trash_items(store, [root, other], now=LATER)
    assert changes.items == {root, child, other} and changes.board
    assert get_item(store, grandchild).deleted_at == NOW
    assert get_item(store, child).deleted_at == LATER
    assert list_items(store, ItemQuery()) == []
    changes = bulk.restore_items(store, [root], now=LATER)
    assert changes.items == {root, child, grandchild}
    assert {r.id for r in list_items(store, ItemQuery())} == {root, child, grandchild}


def test_complete_items_moves_cards_and_reopen_only_leaves_completed(store: Store) -> None:
    a = add(store, "a", week=WEEK)
    b = add(store, "b", week=WEEK, column=Column.ACTIVE)
    c = add(store, "c")
    changes = bulk.complete_items(store, [c, b, a], True, now=LATER)
    assert changes.items == {a, b, c} and changes.board
    assert column_ids(store, Column.DONE) == [a, b]  # board order, not the order given
    assert get_item(store, c).completed_at == LATER
    assert bulk.complete_items(store, [a, c], True, now=LATER + timedelta(1)).empty
    assert get_item(store, a).completed_at == LATER
    bulk.complete_items(store, [a, b, c], False, now=LATER)
    assert column_ids(store, Column.TODO) == [a, b]
    assert all(get_item(store, i).completed_at is None for i in (a, b, c))
    # Reopening an open card that is Active leaves it there.
    bulk.plan_items(store, [a], WEEK, column=Column.ACTIVE, now=LATER)
    assert bulk.complete_items(store, [a], False, now=LATER).empty
    assert column_ids(store, Column.ACTIVE) == [a]
