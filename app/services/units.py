"""Creating and editing study units and their goals, each as one use case: a unit's
title and days, its goals, the items linked to a goal and the count added by hand.

Units never share a day. A reviewed (closed) unit keeps its days, and its goals stay as
they were reviewed. The records and the reading are in app/services/unit_records.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from app.domain.changes import Changes
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.units import (
    DEFAULT_UNIT_DAYS,
    GoalSpec,
    UnitSpan,
    check_adjustment,
    check_counts,
    check_days,
    check_span,
    default_title,
)
from app.services.goal_categories import resolve_category
from app.services.unit_records import (
    GoalRecord,
    UnitRecord,
    fetch_goal,
    fetch_unit,
    load_units,
    next_unit_number,
)
from app.services.use_case import use_case
from app.store.db import Store

# --- units --------------------------------------------------------------------------------


@use_case
def create_unit(
    store: Store,
    *,
    now: datetime,
    start: date | None = None,
    days: int = DEFAULT_UNIT_DAYS,
    title: str | None = None,
    goals: Sequence[GoalSpec] = (),
) -> tuple[UnitRecord, Changes]:
    """Add the next unit (numbered after the highest). `start` defaults to the day after
    the latest unit ends, or today (`now`'s local date) when there is none; the title to
    `Unit N: M-DD to M-DD`. Units never share a day. Goals name known categories."""
    check_days(days)
    with store.raw_write() as conn:
        if start is None:
            latest = load_units(conn, "ORDER BY start_date DESC LIMIT 1")
            start = latest[0].span.next_start if latest else now.date()
        span = check_span(start, days)
        check_free(conn, span)
        categories = [resolve_category(conn, spec.category) for spec in goals]
        for spec in goals:
            check_counts(spec.target, spec.stretch, spec.measure)
        number = next_unit_number(conn)
        unit_id = insert_unit(
            conn, number, span, _clean_title(title) or default_title(number, span)
        )
        for position, (spec, category_id) in enumerate(zip(goals, categories, strict=True)):
            insert_goal(conn, unit_id, category_id, spec, position)
        unit = fetch_unit(conn, unit_id)
    return unit, Changes(units=frozenset({unit.id}))


def insert_unit(conn: sqlite3.Connection, number: int, span: UnitSpan, title: str) -> int:
    cursor = conn.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
        " VALUES (?, ?, ?, ?, ?, '')",
        (new_uid(), number, title, span.start.isoformat(), span.days),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_goal(
    conn: sqlite3.Connection, unit_id: int, category_id: int, spec: GoalSpec, position: int
) -> int:
    cursor = conn.execute(
        "INSERT INTO unit_goals (uid, unit_id, category_id, description, target, stretch,"
        " adjustment, position, measure) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
        (
            new_uid(),
            unit_id,
            category_id,
            spec.description.strip(),
            spec.target,
            spec.stretch,
            position,
            spec.measure.value,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


@use_case
def edit_unit(
    store: Store,
    unit_id: int,
    *,
    title: str | None = None,
    start: date | None = None,
    days: int | None = None,
) -> tuple[UnitRecord, Changes]:
    """Change a unit's title, first day or length. A title still in the default form
    follows new dates; an empty title goes back to the default. A reviewed unit keeps
    its days: its review was made over them."""
    if days is not None:
        check_days(days)
    with store.raw_write() as conn:
        unit = fetch_unit(conn, unit_id)
        span = UnitSpan(start or unit.start, days or unit.days)
        if span != unit.span:
            if unit.closed:
                raise InvalidInput(
                    f"Unit {unit.number} was reviewed; its days stay as they were reviewed."
                )
            check_span(span.start, span.days)
            check_free(conn, span, except_id=unit.id)
        new_title = _clean_title(title) if title is not None else unit.title
        if not new_title or (title is None and unit.title == default_title(unit.number, unit.span)):
            new_title = default_title(unit.number, span)
        conn.execute(
            "UPDATE study_units SET title = ?, start_date = ?, days = ? WHERE id = ?",
            (new_title, span.start.isoformat(), span.days, unit.id),
        )
        edited = fetch_unit(conn, unit.id)
    return edited, Changes(units=frozenset({edited.id}))


def _clean_title(title: str | None) -> str:
    return " ".join((title or "").split())


def check_free(conn: sqlite3.Connection, span: UnitSpan, except_id: int | None = None) -> None:
    for unit_id, number, start, days in conn.execute(
        "SELECT id, number, start_date, days FROM study_units ORDER BY start_date"
    ):
        other = UnitSpan(date.fromisoformat(start), int(days))
        if unit_id != except_id and other.overlaps(span):
            raise InvalidInput(
                f"Unit {number} already covers {other.start.isoformat()} to "
                f"{other.last.isoformat()}, and units never share a day. Start after "
                f"{other.last.isoformat()} or shorten unit {number} with "
                f"`rizhi unit edit {number} --days N`."
            )


# --- goals --------------------------------------------------------------------------------


@use_case
def add_goal(store: Store, unit_id: int, spec: GoalSpec) -> tuple[GoalRecord, Changes]:
    """Add a goal at the end of an open unit's goals."""
    check_counts(spec.target, spec.stretch, spec.measure)
    with store.raw_write() as conn:
        unit = _open_unit(conn, unit_id)
        category_id = resolve_category(conn, spec.category)
        position = max((g.position for g in unit.goals), default=-1) + 1
        goal_id = insert_goal(conn, unit.id, category_id, spec, position)
        goal = fetch_goal(conn, goal_id)
    return goal, Changes(units=frozenset({goal.unit_id}))


@use_case
def edit_goal(
    store: Store,
    goal_id: int,
    *,
    category: str | None = None,
    description: str | None = None,
    target: int | None = None,
    stretch: int | None = None,
    clear_stretch: bool = False,
) -> tuple[GoalRecord, Changes]:
    """Change what a goal asks for; None leaves a field as it is."""
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        new_target = goal.target if target is None else target
        new_stretch = None if clear_stretch else (goal.stretch if stretch is None else stretch)
        check_counts(new_target, new_stretch, goal.measure)
        category_id = goal.category_id if category is None else resolve_category(conn, category)
        conn.execute(
            "UPDATE unit_goals SET category_id = ?, description = ?, target = ?, stretch = ?"
            " WHERE id = ?",
            (
                category_id,
                goal.description if description is None else " ".join(description.split()),
                new_target,
                new_stretch,
                goal.id,
            ),
        )
        edited = fetch_goal(conn, goal.id)
    return edited, Changes(units=frozenset({edited.unit_id}))


@use_case
def remove_goal(store: Store, goal_id: int) -> Changes:
    """Delete a goal of an open unit; the items linked to it stay as they are."""
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        conn.execute("DELETE FROM unit_goals WHERE id = ?", (goal.id,))
    # Its links go with it; the items they named stay as they are.
    return Changes(items=frozenset(goal.item_ids), units=frozenset({goal.unit_id}))


@use_case
def set_adjustment(store: Store, goal_id: int, adjustment: int) -> tuple[GoalRecord, Changes]:
    """Add `adjustment` (may be negative) by hand to what counts for a goal: for work the
    data cannot show. It replaces the previous adjustment and is always shown apart."""
    check_adjustment(adjustment)
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        conn.execute("UPDATE unit_goals SET adjustment = ? WHERE id = ?", (adjustment, goal.id))
        edited = fetch_goal(conn, goal.id)
    return edited, Changes(units=frozenset({edited.unit_id}))


@use_case
def link_items(store: Store, goal_id: int, item_ids: Iterable[int]) -> tuple[GoalRecord, Changes]:
    """Link items (not in the trash) to a goal of an open unit; linking twice is harmless."""
    ids = list(dict.fromkeys(item_ids))
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        _check_live_items(conn, ids)
        conn.executemany(
            "INSERT OR IGNORE INTO goal_items (goal_id, item_id) VALUES (?, ?)",
            [(goal.id, item_id) for item_id in ids],
        )
        edited = fetch_goal(conn, goal.id)
    # The items' rows are unchanged; the links that are new are reported, as what their
    # views show (what counts toward a goal) changed.
    linked = frozenset(ids) - frozenset(goal.item_ids)
    return edited, Changes(items=linked, units=frozenset({edited.unit_id}))


@use_case
def unlink_items(store: Store, goal_id: int, item_ids: Iterable[int]) -> tuple[GoalRecord, Changes]:
    """Take items off a goal; each must be linked to it."""
    ids = list(dict.fromkeys(item_ids))
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        missing = [i for i in ids if i not in goal.item_ids]
        if missing:
            raise NotFound(
                f"Item{'s' * (len(missing) > 1)} {', '.join(map(str, missing))} "
                f"{'are' if len(missing) > 1 else 'is'} not linked to goal {goal.id}."
            )
        conn.executemany(
            "DELETE FROM goal_items WHERE goal_id = ? AND item_id = ?",
            [(goal.id, item_id) for item_id in ids],
        )
        edited = fetch_goal(conn, goal.id)
    return edited, Changes(items=frozenset(ids), units=frozenset({edited.unit_id}))


def _open_unit(conn: sqlite3.Connection, unit_id: int) -> UnitRecord:
    unit = fetch_unit(conn, unit_id)
    if unit.closed:
        raise InvalidInput(
            f"Unit {unit.number} was reviewed and closed; its goals stay as they were reviewed."
        )
    return unit


def _goal_of_open_unit(conn: sqlite3.Connection, goal_id: int) -> GoalRecord:
    goal = fetch_goal(conn, goal_id)
    _open_unit(conn, goal.unit_id)
    return goal


def _check_live_items(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    live = {
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))"
            " AND deleted_at IS NULL",
            (json.dumps(list(ids)),),
        )
    }
    missing = [i for i in ids if i not in live]
    if missing:
        raise NotFound(
            f"No item{'s' * (len(missing) > 1)} {', '.join(map(str, missing))} (or in the trash)."
        )
