"""The end-of-unit goal review: what it shows, when it falls due, what completing it does,
and the history of closed units for the achievement chart.

Completing a review is one transaction: it freezes each goal's achieved count, records
and applies a decision for every unfinished item linked to the unit's goals, saves the
reflection and rating, closes the unit and makes sure the next unit exists. Any refusal
changes nothing. The decisions:

* carry — the item stays linked here and is linked to the matching goal of the next unit
  (the goal copied from this one; in a next unit that already existed, its first goal of
  the same category, added when it has none);
* backlog — the item leaves the board (its card is removed; the weeks it was planned in
  stay on record) and its horizon, if it was "this week", becomes short-term; it stays
  linked to this unit's goal as a record of the plan;
* drop — the item and everything nested in it go to the trash, as `rizhi rm` does, and
  can be restored from there. Nothing is deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.enums import Horizon
from app.domain.errors import InvalidInput
from app.domain.units import (
    GoalSpec,
    ReviewDecision,
    UnitSpan,
    check_rating,
    check_review_day,
    default_title,
    review_moment,
)
from app.services.items import mark_trashed, subtree_ids
from app.services.unit_progress import UnitProgress, progress_of
from app.services.unit_records import GoalRecord, UnitRecord, fetch_unit, load_units
from app.services.units import insert_goal, insert_unit
from app.services.use_case import use_case
from app.store import item_rows
from app.store.db import Store
from app.store.formats import utc_text


class UnfinishedItem(NamedTuple):
    """An item linked to one or more of the unit's goals and not completed."""

    item: ItemRecord
    goal_ids: tuple[int, ...]


class ReviewPreview(NamedTuple):
    """What the review dialog shows before the user decides."""

    progress: UnitProgress
    unfinished: tuple[UnfinishedItem, ...]
    next_unit: UnitRecord | None  # the unit after this one, when it already exists
    next_start: date  # where the next unit starts (the day after this one's last)


class ReviewResult(NamedTuple):
    unit: UnitRecord  # now closed, with `achieved_at_review` on every goal
    next_unit: UnitRecord
    created_next: bool  # False when the next unit already existed
    carried: tuple[int, ...]
    backlogged: tuple[int, ...]
    dropped: tuple[int, ...]
    trashed: tuple[int, ...]  # the dropped items and everything nested in them

    def to_dict(self) -> dict[str, object]:
        return {
            "unit": self.unit.to_dict(),
            "next_unit": self.next_unit.to_dict(),
            "created_next": self.created_next,
            "carried": list(self.carried),
            "backlogged": list(self.backlogged),
            "dropped": list(self.dropped),
            "trashed": list(self.trashed),
        }


class DueReview(NamedTuple):
    unit: UnitRecord
    due_at: datetime


class Achievement(NamedTuple):
    """One category in one closed unit: its goals' targets and what was achieved, summed."""

    unit_id: int
    number: int
    start: date
    days: int
    category_id: int
    category: str
    color: str
    target: int
    stretch: int | None  # None when no goal of the category had a stretch
    achieved: int
    by_hand: int = 0  # the goals' manual adjustments, part of `achieved`

    @property
    def ratio(self) -> float:
        return self.achieved / self.target if self.target else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "unit": self.number,
            "start": self.start.isoformat(),
            "days": self.days,
            "category": self.category,
            "color": self.color,
            "target": self.target,
            "stretch": self.stretch,
            "achieved": self.achieved,
            "by_hand": self.by_hand,
        }


# --- before the review --------------------------------------------------------------------


def unfinished_items(store: Store, unit_id: int) -> list[UnfinishedItem]:
    with store.raw_read() as conn:
        return _unfinished(conn, fetch_unit(conn, unit_id))


def review_preview(
    store: Store, unit_id: int, *, tz: tzinfo, today: date | None = None, week_start: int = 0
) -> ReviewPreview:
    with store.raw_read() as conn:
        unit = fetch_unit(conn, unit_id)
        return ReviewPreview(
            progress=progress_of(conn, unit, tz=tz, today=today, week_start=week_start),
            unfinished=tuple(_unfinished(conn, unit)),
            next_unit=_next_unit(conn, unit),
            next_start=_new_unit_start(conn, unit),
        )


def _unfinished(conn: sqlite3.Connection, unit: UnitRecord) -> list[UnfinishedItem]:
    goals_of: dict[int, list[int]] = {}
    for goal in unit.goals:
        for item_id in goal.item_ids:
            goals_of.setdefault(item_id, []).append(goal.id)
    records = item_rows.fetch_records(conn, sorted(goals_of))
    return [
        UnfinishedItem(record, tuple(goals_of[record.id]))
        for record in records
        if record.completed_at is None and record.deleted_at is None
    ]


def _next_unit(conn: sqlite3.Connection, unit: UnitRecord) -> UnitRecord | None:
    """The first unit after `unit` not reviewed yet: the one carried items go to. A
    reviewed unit is history; nobody would be asked about items put into it."""
    later = load_units(
        conn,
        "WHERE start_date > ? AND closed_at IS NULL ORDER BY start_date LIMIT 1",
        (unit.last.isoformat(),),
    )
    return later[0] if later else None


def _new_unit_start(conn: sqlite3.Connection, unit: UnitRecord) -> date:
    """Where a unit made by reviewing `unit` starts: the day after it, or after the
    latest unit when later ones exist (all reviewed), since units never share a day."""
    latest = load_units(conn, "ORDER BY start_date DESC LIMIT 1")
    after = latest[0].span.next_start if latest else unit.span.next_start
    return max(unit.span.next_start, after)


class PastDecision(NamedTuple):
    item: ItemRecord  # as it is now: a dropped item shows as in the trash
    decision: ReviewDecision


def review_decisions(store: Store, unit_id: int) -> list[PastDecision]:
    """What the review of a closed unit decided for each unfinished item, by item id;
    empty for a unit not reviewed yet."""
    with store.raw_read() as conn:
        fetch_unit(conn, unit_id)  # NotFound
        chosen = {
            int(item_id): ReviewDecision(decision)
            for item_id, decision in conn.execute(
                "SELECT item_id, decision FROM unit_review_items WHERE unit_id = ?"
                " ORDER BY item_id",
                (unit_id,),
            )
        }
        records = item_rows.fetch_records(conn, list(chosen))
    return [PastDecision(record, chosen[record.id]) for record in records]


# --- when ---------------------------------------------------------------------------------


def review_due(store: Store, *, now: datetime, review_time: time | None = None) -> list[DueReview]:
    """Open units whose review has fallen due by `now`: at `review_time` on the last day,
    or when the last day has ended if no time is set. Days are local to `now`'s zone, so
    a window opened days later still finds every unit it missed."""
    tz = _zone(now)
    due = []
    with store.raw_read() as conn:
        units = load_units(conn, "WHERE closed_at IS NULL ORDER BY number")
    for unit in units:
        moment = review_moment(unit.span, tz, review_time)
        if now >= moment:
            due.append(DueReview(unit, moment))
    return due


def next_review_at(
    store: Store, *, now: datetime, review_time: time | None = None
) -> datetime | None:
    """The next moment after `now` when an open unit's review falls due, so a window can
    wait for it; None when no open unit has its review ahead."""
    tz = _zone(now)
    with store.raw_read() as conn:
        units = load_units(conn, "WHERE closed_at IS NULL")
    moments = [review_moment(unit.span, tz, review_time) for unit in units]
    ahead = [m for m in moments if m > now]
    return min(ahead) if ahead else None


def _zone(now: datetime) -> tzinfo:
    if now.tzinfo is None:
        raise InvalidInput("The clock must carry a time zone.")
    return now.tzinfo


# --- the review ---------------------------------------------------------------------------


@use_case
def review_unit(
    store: Store,
    unit_id: int,
    *,
    reflection: str,
    rating: int | None = None,
    decisions: Mapping[int, ReviewDecision] | None = None,
    early: bool = False,
    tz: tzinfo,
    now: datetime,
) -> tuple[ReviewResult, Changes]:
    """Complete the review of an open unit (see the module's docstring). `decisions`
    must name every unfinished linked item, and only those. A unit is reviewed from its
    last day on; before that only when `early` says the user confirmed it, and never
    before its first day (`check_review_day`; days are local to `tz`)."""
    check_rating(rating)
    chosen = dict(decisions or {})
    stamp = utc_text(now)
    with store.raw_write() as conn:
        unit = fetch_unit(conn, unit_id)
        if unit.closed:
            raise InvalidInput(
                f"Unit {unit.number} was already reviewed; its review is kept as it was."
            )
        check_review_day(unit.number, unit.span, now.astimezone(tz).date(), early=early)
        unfinished = _unfinished(conn, unit)
        _check_decisions(conn, unit, unfinished, chosen)
        progress = progress_of(conn, unit, tz=tz)
        for goal_progress in progress.goals:
            conn.execute(
                "UPDATE unit_goals SET achieved_at_review = ? WHERE id = ?",
                (goal_progress.achieved, goal_progress.goal.id),
            )
        conn.executemany(
            "INSERT INTO unit_review_items (unit_id, item_id, decision) VALUES (?, ?, ?)",
            [(unit.id, item_id, decision.value) for item_id, decision in chosen.items()],
        )
        next_unit, created = _ensure_next(conn, unit)
        by_decision = {
            d: tuple(sorted(i for i, c in chosen.items() if c is d)) for d in ReviewDecision
        }
        goals_of = {u.item.id: u.goal_ids for u in unfinished}
        _carry(conn, unit, next_unit, by_decision[ReviewDecision.CARRY], goals_of)
        on_board = _to_backlog(conn, by_decision[ReviewDecision.BACKLOG], stamp)
        trashed = subtree_ids(conn, list(by_decision[ReviewDecision.DROP]))
        trashed = mark_trashed(conn, trashed, trashed=True, now=now) if trashed else []
        conn.execute(
            "UPDATE study_units SET reflection = ?, rating = ?, closed_at = ? WHERE id = ?",
            (reflection.strip(), rating, stamp, unit.id),
        )
        result = ReviewResult(
            unit=fetch_unit(conn, unit.id),
            next_unit=fetch_unit(conn, next_unit.id),
            created_next=created,
            carried=by_decision[ReviewDecision.CARRY],
            backlogged=by_decision[ReviewDecision.BACKLOG],
            dropped=by_decision[ReviewDecision.DROP],
            trashed=tuple(trashed),
        )
    touched = frozenset(chosen) | frozenset(trashed)
    units = frozenset({result.unit.id, result.next_unit.id})
    return result, Changes(items=touched, board=on_board or bool(trashed), units=units)


def _check_decisions(
    conn: sqlite3.Connection,
    unit: UnitRecord,
    unfinished: list[UnfinishedItem],
    chosen: dict[int, ReviewDecision],
) -> None:
    open_ids = [u.item.id for u in unfinished]
    strangers = sorted(set(chosen) - set(open_ids))
    if strangers:
        listed = ", ".join(map(str, strangers))
        raise InvalidInput(
            f"Item{'s' * (len(strangers) > 1)} {listed} "
            f"{'are' if len(strangers) > 1 else 'is'} not an unfinished item linked to "
            f"unit {unit.number}'s goals; only those get a decision."
        )
    undecided = [i for i in open_ids if i not in chosen]
    if undecided:
        listed = ", ".join(map(str, undecided))
        raise InvalidInput(
            f"Unit {unit.number} has unfinished linked item{'s' * (len(undecided) > 1)} "
            f"{listed}; decide each: carry it to the next unit, send it back to the "
            "backlog, or drop it (--carry, --backlog, --drop)."
        )
    dropped = [i for i, d in chosen.items() if d is ReviewDecision.DROP]
    inside = set(subtree_ids(conn, dropped)) - set(dropped) if dropped else set()
    kept_inside = sorted(
        i for i, d in chosen.items() if i in inside and d is not ReviewDecision.DROP
    )
    if kept_inside:
        listed = ", ".join(map(str, kept_inside))
        raise InvalidInput(
            f"Item{'s' * (len(kept_inside) > 1)} {listed} "
            f"{'are' if len(kept_inside) > 1 else 'is'} nested in an item being dropped and "
            "would go to the trash with it; drop it too, or move it out first."
        )


def _ensure_next(conn: sqlite3.Connection, unit: UnitRecord) -> tuple[UnitRecord, bool]:
    """The first open unit after `unit`; made when there is none: from the day after
    its last day (or after the latest unit), as long, with its goals (category,
    description, target, stretch; no adjustment)."""
    existing = _next_unit(conn, unit)
    if existing is not None:
        return existing, False
    number = int(conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM study_units").fetchone()[0])
    span = UnitSpan(_new_unit_start(conn, unit), unit.days)
    unit_id = insert_unit(conn, number, span, default_title(number, span))
    for position, goal in enumerate(unit.goals):
        insert_goal(conn, unit_id, goal.category_id, _spec(goal), position)
    return fetch_unit(conn, unit_id), True


def _spec(goal: GoalRecord) -> GoalSpec:
    return GoalSpec(goal.category, goal.target, goal.stretch, goal.description, goal.measure)


def _carry(
    conn: sqlite3.Connection,
    unit: UnitRecord,
    next_unit: UnitRecord,
    item_ids: tuple[int, ...],
    goals_of: dict[int, tuple[int, ...]],
) -> None:
    if not item_ids:
        return
    targets: dict[int, int] = {}  # this unit's goal id → the next unit's goal id
    taken: set[int] = set()
    next_goals = list(next_unit.goals)
    # Copied goals sit at the same positions; match by position first, then by category.
    for goal, candidate in zip(unit.goals, next_goals, strict=False):
        if candidate.category_id == goal.category_id:
            targets[goal.id] = candidate.id
            taken.add(candidate.id)
    needed = {goal_id for item_id in item_ids for goal_id in goals_of[item_id]}
    for goal in unit.goals:
        if goal.id in targets or goal.id not in needed:
            continue
        same = [g for g in next_goals if g.category_id == goal.category_id]
        free = [g for g in same if g.id not in taken] or same
        if free:
            targets[goal.id] = free[0].id
            continue
        position = max((g.position for g in next_goals), default=-1) + 1
        targets[goal.id] = insert_goal(conn, next_unit.id, goal.category_id, _spec(goal), position)
        next_goals.append(goal._replace(id=targets[goal.id], position=position))
    conn.executemany(
        "INSERT OR IGNORE INTO goal_items (goal_id, item_id) VALUES (?, ?)",
        [(targets[goal_id], item_id) for item_id in item_ids for goal_id in goals_of[item_id]],
    )


def _to_backlog(conn: sqlite3.Connection, item_ids: tuple[int, ...], stamp: str) -> bool:
    """Take the items off the board; True when any card was removed."""
    removed = False
    for item_id in item_ids:
        removed |= (
            conn.execute("DELETE FROM board_cards WHERE item_id = ?", (item_id,)).rowcount > 0
        )
        conn.execute(
            "UPDATE items SET horizon = CASE WHEN horizon = ? THEN ? ELSE horizon END,"
            " updated_at = ? WHERE id = ?",
            (Horizon.WEEK.value, Horizon.SHORT.value, stamp, item_id),
        )
    return removed


# --- history ------------------------------------------------------------------------------


def achievement_history(store: Store) -> list[Achievement]:
    """Per closed unit (by number) and category (in category order): the targets and the
    achieved counts frozen at the review, summed over the category's goals."""
    rows = store.raw.execute(
        "SELECT u.id, u.number, u.start_date, u.days, c.id, c.name, c.color,"
        " SUM(g.target), SUM(COALESCE(g.stretch, g.target)), COUNT(g.stretch),"
        " SUM(COALESCE(g.achieved_at_review, 0)), SUM(g.adjustment)"
        " FROM study_units u JOIN unit_goals g ON g.unit_id = u.id"
        " JOIN goal_categories c ON c.id = g.category_id"
        " WHERE u.closed_at IS NOT NULL"
        " GROUP BY u.id, c.id ORDER BY u.number, c.position, c.id"
    ).fetchall()
    return [
        Achievement(
            unit_id=int(r[0]),
            number=int(r[1]),
            start=date.fromisoformat(r[2]),
            days=int(r[3]),
            category_id=int(r[4]),
            category=str(r[5]),
            color=str(r[6]),
            target=int(r[7]),
            stretch=int(r[8]) if int(r[9]) else None,
            achieved=int(r[10]),
            by_hand=int(r[11]),
        )
        for r in rows
    ]
