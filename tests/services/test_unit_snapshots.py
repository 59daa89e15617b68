"""Undo and redo of unit operations: units, goals, links, review decisions and goal
categories come back exactly, together with the items a review changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import Horizon
from app.domain.errors import InvalidInput
from app.domain.units import ReviewDecision, parse_goal_spec
from app.domain.weeks import Week
from app.services import snapshots, unit_snapshots
from app.services.changes import Changes
from app.services.item_edits import set_completed
from app.services.items import create_item
from app.services.unit_review import review_unit
from app.services.units import (
    add_category,
    add_goal,
    create_unit,
    edit_category,
    edit_goal,
    edit_unit,
    link_items,
    list_categories,
    remove_category,
    remove_goal,
    set_adjustment,
    unit_by_number,
)
from app.store.db import Store
from tests.services.undo_harness import check_search_index, document

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 2, 11, 9, 0, tzinfo=SHANGHAI)
Operation = Callable[[datetime], Changes]


def cycle(
    store: Store,
    operation: Operation,
    *,
    touches: Iterable[int] = (),
    units: Iterable[int] = (),
    categories: bool = False,
) -> Changes:
    """Run `operation` as the window does for unit operations, then undo, redo, undo and
    redo it again, comparing the whole store each time."""
    touch, unit_ids = frozenset(touches), frozenset(units)
    before_doc = document(store)
    items_before = snapshots.take(store, touch)
    units_before = unit_snapshots.take(store, unit_ids, categories=categories)
    changes = operation(NOW)
    touched = touch | changes.items
    items_before = snapshots.merge(items_before, snapshots.absent(touched - touch))
    made = unit_snapshots.created_since(store, units_before)
    units_before = unit_snapshots.merge(units_before, unit_snapshots.absent(made))
    items_after = snapshots.take(store, touched)
    units_after = unit_snapshots.take(store, unit_ids | made, categories=categories)
    after_doc = document(store)
    assert after_doc != before_doc, "the operation changed nothing: the test proves nothing"
    for _ in range(2):
        assert unit_snapshots.restore(store, units_before).units
        snapshots.restore(store, items_before, now=NOW)
        assert document(store) == before_doc, "undo"
        check_search_index(store)
        unit_snapshots.restore(store, units_after)
        snapshots.restore(store, items_after, now=NOW)
        assert document(store) == after_doc, "redo"
    return changes


def add(store: Store, title: str, **fields: object) -> int:
    week = fields.pop("week", None)
    record, _ = create_item(
        store,
        ItemDraft(title=title, **fields),  # type: ignore[arg-type]
        now=datetime(2022, 1, 31, 9, tzinfo=SHANGHAI),
        week=week,  # type: ignore[arg-type]
    )
    return record.id


def make_unit(store: Store, *specs: str, start: date = date(2022, 2, 1)) -> int:
    unit, _ = create_unit(
        store, now=NOW, start=start, goals=[parse_goal_spec(spec) for spec in specs]
    )
    return unit.id


def goal_of(store: Store, unit_id: int, category: str) -> int:
    unit = next(u for u in (unit_by_number(store, n) for n in range(1, 10)) if u.id == unit_id)
    return next(g.id for g in unit.goals if g.category == category)


def test_creating_a_unit_is_undone_by_removing_it(store: Store) -> None:
    make_unit(store, "papers=2")
    cycle(
        store,
        lambda now: create_unit(
            store, now=now, goals=[parse_goal_spec("lectures=3 NYU"), parse_goal_spec("math=1")]
        )[1],
    )
    assert [u.number for u in (unit_by_number(store, 1), unit_by_number(store, 2))] == [1, 2]


def test_editing_a_unit_and_its_goals_comes_back_exactly(store: Store) -> None:
    unit = make_unit(store, "papers=2..3 SSL", "math=1", "coding=1")
    paper, chapter = add(store, "Barlow Twins", tags=("paper",)), add(store, "chapter 3")
    link_items(store, goal_of(store, unit, "Papers"), [paper])
    papers, math, coding = (goal_of(store, unit, c) for c in ("Papers", "Math", "Coding"))

    def edit(now: datetime) -> Changes:
        changes = edit_unit(store, unit, title="Unit 1: a quiet one", days=12)[1]
        changes |= edit_goal(store, papers, description="two on SSL", target=1, clear_stretch=True)[
            1
        ]
        changes |= remove_goal(store, coding)
        changes |= add_goal(store, unit, parse_goal_spec("lectures=4 NYU weeks 5-6"))[1]
        changes |= set_adjustment(store, math, 2)[1]
        changes |= link_items(store, math, [chapter])[1]
        return changes

    cycle(store, edit, units=[unit])


def test_a_review_and_the_items_it_changed_come_back_exactly(store: Store) -> None:
    unit = make_unit(store, "papers=2..3", "math=1", "coding=1")
    week = Week(2022, 5)
    read = add(store, "read Barlow Twins", tags=("paper",), week=week)
    transducer = add(store, "implement transducer", week=week, horizon=Horizon.WEEK)
    chapter = add(store, "chapter 3")
    section = add(store, "section 3.1", parent_id=chapter)
    done = add(store, "Graves '12", tags=("paper",))
    set_completed(store, done, True, now=datetime(2022, 2, 3, 12, tzinfo=SHANGHAI))
    link_items(store, goal_of(store, unit, "Papers"), [read, done])
    link_items(store, goal_of(store, unit, "Coding"), [transducer])
    link_items(store, goal_of(store, unit, "Math"), [chapter])
    decisions = {
        read: ReviewDecision.CARRY,
        transducer: ReviewDecision.BACKLOG,
        chapter: ReviewDecision.DROP,
    }

    changes = cycle(
        store,
        lambda now: review_unit(
            store, unit, reflection="A game came out.", rating=2, decisions=decisions,
            tz=SHANGHAI, now=now,
        )[1],
        touches=decisions,
        units=[unit],
    )  # fmt: skip
    assert section in changes.items  # trashed with its parent, and restored with it
    closed, following = unit_by_number(store, 1), unit_by_number(store, 2)
    assert closed.closed and closed.reflection == "A game came out."
    assert read in following.goals[0].item_ids


def test_categories_come_back_with_their_names_colours_and_kinds(store: Store) -> None:
    unit = make_unit(store, "papers=2")
    by_name = {c.name: c.id for c in list_categories(store)}

    def change(now: datetime) -> Changes:
        changes = add_category(store, "Writing", color="#db2777", kinds=["note"])[1]
        changes |= edit_category(store, by_name["Math"], name="Coding-tmp")[1]
        changes |= edit_category(store, by_name["Coding"], name="Math", color="#000000")[1]
        changes |= edit_category(store, by_name["Math"], name="Coding")[1]
        changes |= remove_category(store, by_name["Lectures"])
        changes |= edit_category(store, by_name["Papers"], kinds=["paper", "note"])[1]
        return changes

    cycle(store, change, units=[unit], categories=True)


def test_a_category_used_meanwhile_stops_the_undo_of_its_creation(store: Store) -> None:
    before = unit_snapshots.take(store, [], categories=True)
    add_category(store, "Writing")
    make_unit(store, "writing=1")  # a unit the undo does not cover uses it
    current = document(store)
    with pytest.raises(InvalidInput, match="no longer match"):
        unit_snapshots.restore(store, before)
    assert document(store) == current


def test_an_absence_is_kept_only_for_units_made_after_the_snapshot(store: Store) -> None:
    old = make_unit(store, "papers=2")
    before = unit_snapshots.take(store, [])
    new = make_unit(store, "math=1", start=date(2022, 3, 1))
    merged = unit_snapshots.merge(before, unit_snapshots.absent([old, new]))
    assert dict(merged.units) == {new: None}
    assert unit_snapshots.created_since(store, before) == {new}
    unit_snapshots.restore(store, merged)
    assert [u.id for u in (unit_by_number(store, 1),)] == [old]
    assert store.raw.execute("SELECT COUNT(*) FROM study_units").fetchone()[0] == 1


def test_a_unit_id_now_holding_another_unit_refuses_and_writes_nothing(store: Store) -> None:
    make_unit(store, "papers=2")
    second = make_unit(store, "math=1", start=date(2022, 3, 1))
    taken = unit_snapshots.take(store, [second])
    edit_unit(store, second, title="changed")
    store.raw.execute("UPDATE study_units SET number = 7 WHERE id = ?", (second,))
    current = document(store)
    with pytest.raises(InvalidInput, match="different unit"):
        unit_snapshots.restore(store, taken)
    assert document(store) == current


def test_links_to_items_that_are_gone_are_left_out(store: Store) -> None:
    unit = make_unit(store, "papers=2")
    paper = add(store, "a paper", tags=("paper",))
    link_items(store, goal_of(store, unit, "Papers"), [paper])
    taken = unit_snapshots.take(store, [unit])
    store.raw.execute("DELETE FROM items WHERE id = ?", (paper,))
    unit_snapshots.restore(store, taken)
    assert unit_by_number(store, 1).goals[0].item_ids == ()
