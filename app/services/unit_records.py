"""Study units as records, and reading them: a unit with its goals (each goal with its
category's name and colour and the items linked to it), by id, by number, the unit that
holds a day, and what the next unit would be.

The use cases that change units and goals are in app/services/units.py; what counts
toward a goal is in app/services/unit_progress.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from app.domain.errors import NotFound
from app.domain.units import DEFAULT_UNIT_DAYS, GoalMeasure, GoalSpec, UnitSpan, default_title
from app.store.db import Store
from app.store.formats import parse_utc


class GoalRecord(NamedTuple):
    id: int
    unit_id: int
    category_id: int
    category: str
    color: str
    description: str
    target: int
    stretch: int | None
    adjustment: int  # added by hand to what counted; 0 unless the user changed it
    position: int
    achieved_at_review: int | None  # frozen when the unit's review closed it
    item_ids: tuple[int, ...]  # items linked to the goal, in id order
    measure: GoalMeasure = GoalMeasure.ITEMS  # minutes: target, stretch, adjustment in minutes

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "category": self.category,
            "color": self.color,
            "description": self.description,
            "target": self.target,
            "stretch": self.stretch,
            "adjustment": self.adjustment,
            "achieved_at_review": self.achieved_at_review,
            "linked_items": list(self.item_ids),
            "measure": self.measure.value,
        }


class UnitRecord(NamedTuple):
    id: int
    number: int
    title: str
    start: date
    days: int
    reflection: str
    rating: int | None
    closed_at: datetime | None  # set by the review
    goals: tuple[GoalRecord, ...]

    @property
    def span(self) -> UnitSpan:
        return UnitSpan(self.start, self.days)

    @property
    def last(self) -> date:
        return self.span.last

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.last.isoformat(),
            "days": self.days,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "reflection": self.reflection,
            "rating": self.rating,
            "goals": [goal.to_dict() for goal in self.goals],
        }


class UnitProposal(NamedTuple):
    """What a new unit would be: the day after the latest unit ends, as long as it was,
    with its goals; today and no goals when there is no unit yet."""

    number: int
    start: date
    days: int
    title: str
    goals: tuple[GoalSpec, ...]


# --- reading ------------------------------------------------------------------------------


_UNIT_COLUMNS = "id, number, title, start_date, days, reflection, rating, closed_at"


def list_units(store: Store) -> list[UnitRecord]:
    """Every unit, by number."""
    with store.raw_read() as conn:
        return load_units(conn, "ORDER BY number")


def get_unit(store: Store, unit_id: int) -> UnitRecord:
    with store.raw_read() as conn:
        return fetch_unit(conn, unit_id)


def unit_by_number(store: Store, number: int) -> UnitRecord:
    with store.raw_read() as conn:
        units = load_units(conn, "WHERE number = ?", (number,))
    if not units:
        raise NotFound(f"No unit {number}; `rizhi unit list` shows the units there are.")
    return units[0]


def current_unit(store: Store, *, today: date) -> UnitRecord:
    """The unit holding `today`; between units, the latest one that has begun and is not
    reviewed yet (its review is what comes next), else the next one to begin."""
    with store.raw_read() as conn:
        begun = load_units(conn, "WHERE start_date <= ? ORDER BY start_date DESC", (today,))
        coming = load_units(conn, "WHERE start_date > ? ORDER BY start_date LIMIT 1", (today,))
    for unit in begun:
        if unit.span.contains(today):
            return unit
    for unit in begun:
        if not unit.closed:
            return unit
    if coming:
        return coming[0]
    raise NotFound(
        f"No unit holds {today.isoformat()}, none is waiting for its review and none is "
        "planned; `rizhi unit new` starts one."
    )


def propose_next_unit(store: Store, *, today: date) -> UnitProposal:
    with store.raw_read() as conn:
        number = next_unit_number(conn)
        latest = load_units(conn, "ORDER BY start_date DESC LIMIT 1")
    if not latest:
        span = UnitSpan(today, DEFAULT_UNIT_DAYS)
        return UnitProposal(number, span.start, span.days, default_title(number, span), ())
    previous = latest[0]
    span = UnitSpan(previous.span.next_start, previous.days)
    goals = tuple(
        GoalSpec(goal.category, goal.target, goal.stretch, goal.description, goal.measure)
        for goal in previous.goals
    )
    return UnitProposal(number, span.start, span.days, default_title(number, span), goals)


def fetch_unit(conn: sqlite3.Connection, unit_id: int) -> UnitRecord:
    units = load_units(conn, "WHERE id = ?", (unit_id,))
    if not units:
        raise NotFound(f"No unit with id {unit_id}.")
    return units[0]


def load_units(
    conn: sqlite3.Connection, clause: str, params: Sequence[object] = ()
) -> list[UnitRecord]:
    """Units selected by an SQL `clause` over study_units, with their goals."""
    rows = conn.execute(
        f"SELECT {_UNIT_COLUMNS} FROM study_units {clause}",
        [p.isoformat() if isinstance(p, date) else p for p in params],
    ).fetchall()
    if not rows:
        return []
    goals = load_goals(conn, [int(r[0]) for r in rows])
    return [
        UnitRecord(
            id=int(r[0]),
            number=int(r[1]),
            title=str(r[2]),
            start=date.fromisoformat(r[3]),
            days=int(r[4]),
            reflection=str(r[5]),
            rating=None if r[6] is None else int(r[6]),
            closed_at=None if r[7] is None else parse_utc(r[7]),
            goals=tuple(goals.get(int(r[0]), ())),
        )
        for r in rows
    ]


def load_goals(conn: sqlite3.Connection, unit_ids: Sequence[int]) -> dict[int, list[GoalRecord]]:
    """The goals of `unit_ids` by unit, each unit's in its order, with their linked items."""
    ids = json.dumps(list(unit_ids))
    links: dict[int, list[int]] = {}
    for goal_id, item_id in conn.execute(
        "SELECT gi.goal_id, gi.item_id FROM goal_items gi JOIN unit_goals g ON g.id = gi.goal_id"
        " WHERE g.unit_id IN (SELECT value FROM json_each(?)) ORDER BY gi.item_id",
        (ids,),
    ):
        links.setdefault(int(goal_id), []).append(int(item_id))
    goals: dict[int, list[GoalRecord]] = {}
    for row in conn.execute(
        "SELECT g.id, g.unit_id, g.category_id, c.name, c.color, g.description, g.target,"
        " g.stretch, g.adjustment, g.position, g.achieved_at_review, g.measure"
        " FROM unit_goals g JOIN goal_categories c ON c.id = g.category_id"
        " WHERE g.unit_id IN (SELECT value FROM json_each(?)) ORDER BY g.position, g.id",
        (ids,),
    ):
        goal = GoalRecord(
            id=int(row[0]),
            unit_id=int(row[1]),
            category_id=int(row[2]),
            category=str(row[3]),
            color=str(row[4]),
            description=str(row[5]),
            target=int(row[6]),
            stretch=None if row[7] is None else int(row[7]),
            adjustment=int(row[8]),
            position=int(row[9]),
            achieved_at_review=None if row[10] is None else int(row[10]),
            item_ids=tuple(links.get(int(row[0]), ())),
            measure=GoalMeasure(str(row[11])),
        )
        goals.setdefault(goal.unit_id, []).append(goal)
    return goals


def next_unit_number(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM study_units").fetchone()[0])


def get_goal(store: Store, goal_id: int) -> GoalRecord:
    with store.raw_read() as conn:
        return fetch_goal(conn, goal_id)


def fetch_goal(conn: sqlite3.Connection, goal_id: int) -> GoalRecord:
    row = conn.execute("SELECT unit_id FROM unit_goals WHERE id = ?", (goal_id,)).fetchone()
    if row is None:
        raise NotFound(f"No goal {goal_id}; `rizhi unit show` lists the goals with their ids.")
    return next(g for g in load_goals(conn, [int(row[0])])[int(row[0])] if g.id == goal_id)
