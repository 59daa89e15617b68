from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.entities import ItemDraft
from app.domain.enums import Column
from app.domain.weeks import Week
from app.services.board import move_card, remove_card
from app.services.items import create_item, get_item, list_items
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
