from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.domain.capture import parse_capture
from app.domain.entities import ItemDraft
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.errors import InvalidInput, NotFound
from app.domain.weeks import Week
from app.services.item_edits import ItemPatch, edit_item, set_completed
from app.services.items import (
    add_capture,
    create_item,
    get_item,
    list_items,
    restore_item,
    search_items,
    trash_item,
)
from app.store.db import Store
from app.store.item_rows import ItemQuery
from tests.conftest import NOW

WEEK = Week.of(NOW.date())


def add(store: Store, title: str, **fields: object) -> int:
    record, _ = create_item(store, ItemDraft(title=title, **fields), now=NOW)  # type: ignore[arg-type]
    return record.id


def test_create_returns_the_record_and_changes(store: Store) -> None:
    draft = ItemDraft(
        title="Read MAE paper",
        kind=ItemKind.PAPER,
        tags=("paper", "vision"),
        priority=Priority.HIGH,
        estimate_minutes=120,
        due_date=date(2026, 11, 20),
        due_time=time(15, 0),
        horizon=Horizon.SHORT,
    )
    record, changes = create_item(store, draft, now=NOW, week=WEEK)
    assert record.title == "Read MAE paper" and record.kind is ItemKind.PAPER
    assert record.tags == ("paper", "vision")
    assert record.due_time == time(15, 0) and record.estimate_minutes == 120
    assert record.placement is not None and record.placement.column is Column.TODO
    assert record.planned_weeks == (str(WEEK),)
    assert record.created_at == NOW
    assert changes.items == {record.id} and changes.board and changes.tags
    assert get_item(store, record.id) == record


def test_tags_are_shared_case_insensitively(store: Store) -> None:
    add(store, "a", tags=("Paper",))
    b = add(store, "b", tags=("paper",))
    assert get_item(store, b).tags == ("Paper",)
    assert {r.title for r in list_items(store, ItemQuery(tag="PAPER"))} == {"a", "b"}


def test_empty_title_is_refused_and_nothing_saved(store: Store) -> None:
    with pytest.raises(InvalidInput):
        create_item(store, ItemDraft(title="   "), now=NOW)
    assert list_items(store, ItemQuery()) == []


def test_edit_changes_fields_tags_and_refuses_cycles(store: Store) -> None:
    parent = add(store, "parent")
    child = add(store, "child", parent_id=parent)
    later = NOW + timedelta(hours=1)
    record, changes = edit_item(
        store,
        parent,
        ItemPatch(title="Thesis", add_tags=("thesis",), priority=Priority.LOW, reading_pass=2),
        now=later,
    )
    assert (record.title, record.tags, record.priority, record.reading_pass) == (
        "Thesis",
        ("thesis",),
        Priority.LOW,
        2,
    )
    assert record.updated_at == later and changes.tags
    with pytest.raises(InvalidInput, match="cannot be its parent"):
        edit_item(store, parent, ItemPatch(parent_id=child), now=later)
    with pytest.raises(InvalidInput):
        edit_item(store, parent, ItemPatch(reading_pass=4), now=later)
    record, _ = edit_item(store, parent, ItemPatch(remove_tags=("THESIS",)), now=later)
    assert record.tags == ()
    with pytest.raises(NotFound):
        edit_item(store, 999, ItemPatch(title="x"), now=later)


def test_complete_moves_card_to_done_and_reopen_moves_it_back(store: Store) -> None:
    record, _ = create_item(store, ItemDraft(title="run ablation"), now=NOW, week=WEEK)
    done, changes = set_completed(store, record.id, True, now=NOW)
    assert done.completed_at == NOW and done.placement is not None
    assert done.placement.column is Column.DONE and changes.board
    reopened, _ = set_completed(store, record.id, False, now=NOW)
    assert reopened.completed_at is None
    assert reopened.placement is not None and reopened.placement.column is Column.TODO


def test_trash_takes_nested_items_and_restore_brings_them_back(store: Store) -> None:
    root = add(store, "survey")
    child = add(store, "section 1", parent_id=root)
    grandchild = add(store, "figure", parent_id=child)
    other = add(store, "unrelated")
    changes = trash_item(store, root, now=NOW)
    assert changes.items == {root, child, grandchild}
    assert [r.id for r in list_items(store, ItemQuery())] == [other]
    assert {r.id for r in list_items(store, ItemQuery(trashed=True))} == {root, child, grandchild}
    restore_item(store, root, now=NOW)
    assert len(list_items(store, ItemQuery())) == 4


def test_search_ranks_and_matches_chinese_substrings(store: Store) -> None:
    a = add(store, "自监督学习综述", notes="对比学习 contrastive")
    b = add(store, "Masked autoencoders", notes="self-supervised vision 自监督")
    add(store, "Grocery list")
    assert {r.id for r in search_items(store, "自监督")} == {a, b}
    assert [r.id for r in search_items(store, "自监督学习")] == [a]
    assert [r.id for r in search_items(store, "autoenc")] == [b]
    assert [r.id for r in search_items(store, "学习")] == [a]  # two characters: substring path
    assert search_items(store, "") == []
    assert [r.id for r in search_items(store, 'quote"d')] == []  # no FTS syntax error
    trash_item(store, a, now=NOW)
    assert [r.id for r in search_items(store, "自监督")] == [b]


def test_search_follows_edits(store: Store) -> None:
    item = add(store, "draft intro")
    edit_item(store, item, ItemPatch(title="polish conclusion"), now=NOW)
    assert search_items(store, "intro") == []
    assert [r.id for r in search_items(store, "conclusion")] == [item]


def test_reopening_an_open_active_card_leaves_it_active(store: Store) -> None:
    record, _ = create_item(
        store, ItemDraft(title="running"), now=NOW, week=WEEK, column=Column.ACTIVE
    )
    reopened, _ = set_completed(store, record.id, False, now=NOW)
    assert reopened.placement is not None and reopened.placement.column is Column.ACTIVE


def test_a_new_parent_puts_the_item_first_among_its_children(store: Store) -> None:
    parent = add(store, "parent")
    older = add(store, "older child", parent_id=parent)
    newer = add(store, "newer child", parent_id=parent)
    moved = add(store, "moved")
    edit_item(store, moved, ItemPatch(parent_id=parent), now=NOW)
    order = store.raw.execute(
        "SELECT id FROM items WHERE parent_id = ? ORDER BY position, id", (parent,)
    ).fetchall()
    assert [r[0] for r in order] == [moved, newer, older]


def test_cannot_nest_under_an_item_in_the_trash(store: Store) -> None:
    parent = add(store, "old project")
    trash_item(store, parent, now=NOW)
    with pytest.raises(NotFound, match="trash"):
        create_item(store, ItemDraft(title="child", parent_id=parent), now=NOW)


def test_a_capture_with_week_is_planned_onto_this_weeks_board(store: Store) -> None:
    record, changes = add_capture(store, parse_capture("Write intro ^week", NOW), now=NOW)
    assert record.horizon is Horizon.WEEK
    assert record.placement is not None and record.placement.column is Column.TODO
    assert record.planned_weeks == (str(WEEK),)
    assert changes.board
    later, _ = add_capture(store, parse_capture("Run baseline ~2h ^week", NOW), now=NOW)
    on_board = list_items(store, ItemQuery(week=str(WEEK)))
    assert [item.id for item in on_board] == [record.id, later.id]  # in the order added


def test_a_capture_without_week_stays_in_the_backlog_unless_asked(store: Store) -> None:
    for text in ("Write intro", "Write intro ^short", "Write intro ^someday"):
        record, changes = add_capture(store, parse_capture(text, NOW), now=NOW)
        assert record.placement is None and not changes.board
    asked, _ = add_capture(store, parse_capture("Write ^someday", NOW), now=NOW, this_week=True)
    assert asked.placement is not None and asked.planned_weeks == (str(WEEK),)
    assert asked.horizon is Horizon.SOMEDAY


def test_week_plans_into_the_board_week_the_settings_start(store: Store) -> None:
    from app.services.settings import set_settings

    sunday = NOW + timedelta(days=2)  # Sunday 22 November, in ISO week 47
    record, _ = add_capture(store, parse_capture("a ^week", sunday), now=sunday)
    assert record.planned_weeks == ("2026-W47",)
    set_settings(store, {"week.start": "sunday"})
    record, _ = add_capture(store, parse_capture("b ^week", sunday), now=sunday)
    assert record.planned_weeks == ("2026-W48",)  # the board week that opens that Sunday
