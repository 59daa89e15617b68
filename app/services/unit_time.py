"""Goals counted in hours (`coding=6h`): the minutes of time entries inside the unit's
local days, on items that count for the goal by the rules that make an item count
toward an item goal (app/services/unit_progress.py): linked to the goal, or, for the
first goal of its category, a tag naming the category or a kind it lists, when the item
is not linked to another of the unit's goals. Time not tied to an item counts for no
goal. An entry across midnight counts for its part inside the unit."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import datetime, tzinfo
from typing import NamedTuple

from app.domain.time_days import day_parts
from app.domain.units import GoalMeasure, UnitSpan, day_bounds
from app.services.goal_categories import CategoryRecord
from app.services.time_items import ItemFacts, item_facts, matches_category
from app.services.unit_records import GoalRecord
from app.store import time_rows


class SpentItem(NamedTuple):
    item_id: int
    title: str
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {"id": self.item_id, "title": self.title, "seconds": round(self.seconds, 3)}


def spent_in_unit(
    conn: sqlite3.Connection, span: UnitSpan, tz: tzinfo, now: datetime
) -> dict[int, float]:
    """Seconds spent on each item inside the unit's days (a running entry up to `now`)."""
    start, end = day_bounds(span, tz)
    spent: dict[int, float] = {}
    for entry in time_rows.entries_between(conn, start, end):
        if entry.item_id is None:
            continue
        stop = entry.ended_at if entry.ended_at is not None else max(now, entry.started_at)
        for _, seconds in day_parts(entry.started_at, stop, tz, first=span.start, last=span.last):
            spent[entry.item_id] = spent.get(entry.item_id, 0.0) + seconds
    return spent


def timed_goals(
    conn: sqlite3.Connection,
    span: UnitSpan,
    goals: Sequence[GoalRecord],
    categories: Mapping[int, CategoryRecord],
    *,
    tz: tzinfo,
    now: datetime,
) -> dict[int, tuple[SpentItem, ...]]:
    """For each goal in hours, the items whose time counts for it, most time first."""
    timed = [g for g in goals if g.measure is GoalMeasure.MINUTES]
    if not timed:
        return {}
    spent = spent_in_unit(conn, span, tz, now)
    facts = item_facts(conn, spent, list(categories.values()))
    first_of: dict[int, int] = {}
    for goal in sorted(goals, key=lambda g: (g.position, g.id)):
        first_of.setdefault(goal.category_id, goal.id)
    linked = {item for goal in goals for item in goal.item_ids}
    found = {}
    for goal in timed:
        category = categories[goal.category_id]
        by_category = first_of[goal.category_id] == goal.id
        elsewhere = linked - set(goal.item_ids)
        items = [
            SpentItem(item, facts[item].title, seconds)
            for item, seconds in spent.items()
            if item in facts
            and _counts(
                goal, category, item, facts[item], by_category=by_category, elsewhere=elsewhere
            )
        ]
        items.sort(key=lambda i: (-i.seconds, i.item_id))
        found[goal.id] = tuple(items)
    return found


def _counts(
    goal: GoalRecord,
    category: CategoryRecord,
    item: int,
    facts: ItemFacts,
    *,
    by_category: bool,
    elsewhere: AbstractSet[int],
) -> bool:
    if item in goal.item_ids:
        return True
    return by_category and item not in elsewhere and matches_category(category, facts, False)
