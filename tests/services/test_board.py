from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.entities import ItemDraft
from app.domain.enums import Column
from app.domain.errors import InvalidInput, NotFound
from app.domain.weeks import Week
from app.services.board import (
    move_card,
    move_cards,
    pending_rollover,
    remove_card,
    rollover,
    week_counts,
)
from app.services.items import create_item, get_item, list_items, trash_item
from app.services.transfer import export_data
from app.store.db import Store
from app.store.item_rows import ItemQuery
from tests.conftest import NOW

WEEK = Week.of(NOW.date())


def column_titles(store: Store, column: Column, week: Week = WEEK) -> list[str]:
    return [r.title for r in list_items(store, ItemQuery(week=str(week), column=column))]


def card(store: Store, title: str, column: Column = Column.TODO) -> int:
    return create_item(store, ItemDraft(title=title), now=NOW, week=WEEK, column=column)[0].id


def test_move_between_columns_and_reorder(store: Store) -> None:
    a, b, c = (card(store, t) for t in "abc")
    move_card(store, b, Column.ACTIVE, now=NOW)
    assert column_titles(store, Column.TODO) == ["a", "c"]
    assert column_titles(store, Column.ACTIVE) == ["b"]
    move_card(store, c, Column.ACTIVE, now=NOW, before_id=b)
    assert column_titles(store, Column.ACTIVE) == ["c", "b"]
    move_card(store, a, Column.ACTIVE, now=NOW, before_id=b)
    assert column_titles(store, Column.ACTIVE) == ["c", "a", "b"]


def test_done_column_records_completion_and_leaving_it_reopens(store: Store) -> None:
    a = card(store, "a")
    move_card(store, a, Column.DONE, now=NOW)
    assert get_item(store, a).completed_at == NOW
    move_card(store, a, Column.ACTIVE, now=NOW)
    assert get_item(store, a).completed_at is None


def test_moving_a_backlog_item_onto_another_week_keeps_the_trail(store: Store) -> None:
    item = create_item(store, ItemDraft(title="idea"), now=NOW)[0].id
    move_card(store, item, Column.TODO, now=NOW, week=WEEK)
    move_card(store, item, Column.TODO, now=NOW, week=WEEK.shifted(1))
    assert get_item(store, item).planned_weeks == (str(WEEK), str(WEEK.shifted(1)))
    remove_card(store, item)
    record = get_item(store, item)
    assert record.placement is None and len(record.planned_weeks) == 2


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=60))
def test_repeated_inserts_at_one_spot_keep_order(
    tmp_path_factory: object, spots: list[int]
) -> None:
    # Inserting again and again at the same place exhausts the gap and forces a respace;
    # the resulting order must be exactly what a list insert would give.
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "r.sqlite3", Path(folder) / "b")
        expected: list[int] = []
        for n, spot in enumerate(spots):
            item = card(store, f"c{n}", Column.ACTIVE)
            index = min(spot, len(expected))
            before = expected[index] if index < len(expected) else None
            move_card(store, item, Column.ACTIVE, now=NOW, before_id=before)
            expected.insert(index, item)
        got = [r.id for r in list_items(store, ItemQuery(week=str(WEEK), column=Column.ACTIVE))]
        store.close()
    assert got == expected


# --- several cards at once -----------------------------------------------------------


def ids_in(store: Store, column: Column, week: Week = WEEK) -> list[int]:
    return [r.id for r in list_items(store, ItemQuery(week=str(week), column=column))]


def test_move_cards_keeps_their_board_order_above_the_anchor(store: Store) -> None:
    a, b, c, d = (card(store, t) for t in "abcd")
    x, y = card(store, "x", Column.ACTIVE), card(store, "y", Column.ACTIVE)
    backlog = create_item(store, ItemDraft(title="from backlog"), now=NOW)[0].id
    # Given out of order: the cards keep their order on the board, the backlog item follows.
    changes = move_cards(store, [backlog, d, b], Column.ACTIVE, week=WEEK, before_id=y, now=NOW)
    assert ids_in(store, Column.ACTIVE) == [x, b, d, backlog, y]
    assert ids_in(store, Column.TODO) == [a, c]
    assert changes.items == {backlog, d, b} and changes.board
    assert get_item(store, backlog).planned_weeks == (str(WEEK),)
    move_cards(store, [x, c], Column.ACTIVE, week=WEEK, now=NOW)  # to the bottom
    assert ids_in(store, Column.ACTIVE) == [b, d, backlog, y, c, x]


def test_move_cards_into_done_completes_and_out_of_it_reopens(store: Store) -> None:
    a, b = card(store, "a"), card(store, "b")
    later = NOW + timedelta(hours=2)
    move_cards(store, [a, b], Column.DONE, week=WEEK, now=NOW)
    assert [get_item(store, i).completed_at for i in (a, b)] == [NOW, NOW]
    move_cards(store, [a, b], Column.DONE, week=WEEK.shifted(1), now=later)  # still done
    assert get_item(store, a).completed_at == NOW
    move_cards(store, [b], Column.TODO, week=WEEK, now=later)
    assert get_item(store, b).completed_at is None


def test_move_cards_is_all_or_nothing(store: Store) -> None:
    a, b = card(store, "a"), card(store, "b")
    gone = card(store, "gone")
    trash_item(store, gone, now=NOW)
    before = export_data(store, now=NOW)
    with pytest.raises(NotFound, match=f"No items {gone}, 999"):
        move_cards(store, [a, 999, gone], Column.ACTIVE, week=WEEK, now=NOW)
    with pytest.raises(NotFound):
        move_cards(store, [a], Column.ACTIVE, week=WEEK, before_id=b, now=NOW)  # b: To do
    with pytest.raises(InvalidInput):
        move_cards(store, [a, b], Column.TODO, week=WEEK, before_id=b, now=NOW)
    assert export_data(store, now=NOW) == before
    assert move_cards(store, [], Column.TODO, week=WEEK, now=NOW).empty


def test_move_card_refuses_items_in_the_trash(store: Store) -> None:
    a = card(store, "a")
    trash_item(store, a, now=NOW)
    with pytest.raises(NotFound):
        move_card(store, a, Column.ACTIVE, now=NOW)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, 11), min_size=1, max_size=4, unique=True),
            st.sampled_from(list(Column)),
            st.integers(0, 12),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_multi_card_drops_match_a_list_model(drops: list[tuple[list[int], Column, int]]) -> None:
    # A model of three columns as lists: a drop removes the cards (in board order) and
    # inserts them at the anchor. Repeated drops at one spot force respacing.
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "r.sqlite3", Path(folder) / "b")
        ids = [card(store, f"c{n}") for n in range(12)]
        model: dict[Column, list[int]] = {c: [] for c in Column}
        model[Column.TODO] = list(ids)
        for picks, column, spot in drops:
            moving = [ids[p] for p in picks]
            in_order = [i for c in Column for i in model[c] if i in moving]
            for c in Column:
                model[c] = [i for i in model[c] if i not in moving]
            target = model[column]
            index = min(spot, len(target))
            before = target[index] if index < len(target) else None
            move_cards(store, moving, column, week=WEEK, before_id=before, now=NOW)
            target[index:index] = in_order
        got = {c: ids_in(store, c) for c in Column}
        store.close()
    assert got == model


# --- a new week ----------------------------------------------------------------------


def test_rollover_carries_unfinished_cards_in_order(store: Store) -> None:
    old, older = WEEK.shifted(-1), WEEK.shifted(-3)
    here = card(store, "already here")
    b = create_item(store, ItemDraft(title="b"), now=NOW, week=old)[0].id
    a = create_item(store, ItemDraft(title="a"), now=NOW, week=older)[0].id
    c = create_item(store, ItemDraft(title="c"), now=NOW, week=old)[0].id
    busy = create_item(store, ItemDraft(title="busy"), now=NOW, week=old, column=Column.ACTIVE)
    done = create_item(store, ItemDraft(title="done"), now=NOW, week=old, column=Column.DONE)
    future = create_item(store, ItemDraft(title="next"), now=NOW, week=WEEK.shifted(1))[0].id
    trashed = create_item(store, ItemDraft(title="trashed"), now=NOW, week=old)[0].id
    trash_item(store, trashed, now=NOW)
    move_card(store, c, Column.TODO, now=NOW, before_id=b)  # c above b in the old week
    assert pending_rollover(store, WEEK) == 4
    later = NOW + timedelta(days=3)

    changes = rollover(store, WEEK, now=later)

    assert changes.items == {a, b, c, busy[0].id} and changes.board
    # Older week first, then by rank; appended below what was there.
    assert ids_in(store, Column.TODO) == [here, a, c, b]
    assert ids_in(store, Column.ACTIVE) == [busy[0].id]
    assert get_item(store, done[0].id).placement.week == str(old)  # type: ignore[union-attr]
    assert get_item(store, future).placement.week == str(WEEK.shifted(1))  # type: ignore[union-attr]
    assert get_item(store, trashed).placement.week == str(old)  # type: ignore[union-attr]
    record = get_item(store, a)
    assert record.placement is not None and record.placement.carried_over == 1
    assert record.planned_weeks == (str(older), str(WEEK))
    assert record.updated_at == NOW  # a rollover moves placements, it does not edit items
    assert week_counts(store, WEEK) == {Column.TODO: 4, Column.ACTIVE: 1, Column.DONE: 0}
    # Idempotent: nothing left to carry.
    snapshot = export_data(store, now=NOW)
    assert rollover(store, WEEK, now=later).empty
    assert export_data(store, now=NOW) == snapshot
    assert pending_rollover(store, WEEK) == 0
    # Next week: carried once more, and the trail grows by one week.
    rollover(store, WEEK.shifted(2), now=later)
    record = get_item(store, a)
    assert record.placement is not None and record.placement.carried_over == 2
    assert record.planned_weeks == (str(older), str(WEEK), str(WEEK.shifted(2)))
    assert get_item(store, future).placement.carried_over == 1  # type: ignore[union-attr]


def test_week_counts_ignore_the_trash_and_other_weeks(store: Store) -> None:
    card(store, "a")
    card(store, "b", Column.DONE)
    gone = card(store, "c", Column.ACTIVE)
    trash_item(store, gone, now=NOW)
    create_item(store, ItemDraft(title="elsewhere"), now=NOW, week=WEEK.shifted(1))
    assert week_counts(store, WEEK) == {Column.TODO: 1, Column.ACTIVE: 0, Column.DONE: 1}
    assert week_counts(store, WEEK.shifted(5)) == dict.fromkeys(Column, 0)
