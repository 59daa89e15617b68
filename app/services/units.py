"""Study units: creating and editing units, their goals and the goal categories, and
counting each goal's progress from what was completed and logged inside the unit.

Counting rules (docs/units.md says the same for users). An item counts toward a goal
when it was completed inside the unit's local days, is not in the trash, and

* is linked to the goal (`link_items`), or
* has a tag naming the goal's category: any case, singular or plural (`#paper`,
  `#Papers`), separators ignored (`#deep-learning` for "Deep Learning"), or
* is of a kind the category lists (`kinds`: a paper counts for Papers).

A paper (kind `paper`) with a target pass counts only once its reading pass reached
that target, whichever rule matched it; a paper without a target counts when completed.
It counts on its completion day: the store keeps no date for reaching a pass (the
notes of a pass carry the date they were last edited, not when the pass was done), so
a pass reached without completing the paper cannot be placed in a unit. Papers that
were completed short of their target are reported apart (`below_pass`), not counted.

A log entry counts when its heading or body carries a hashtag naming the category and
its day, or any day of its range, is a day of the unit. Entries the log wrote itself
from the board (`source = auto`) never count: the items they mirror already do.

Each item and each entry counts at most once per goal. `achieved` is what was counted
plus the goal's manual adjustment, never below zero; the adjustment is shown apart.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.enums import EntrySource, ItemKind
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.units import (
    DEFAULT_UNIT_DAYS,
    MAX_GOAL_COUNT,
    GoalSpec,
    UnitSpan,
    check_color,
    check_counts,
    check_days,
    day_bounds,
    default_title,
    empty_days,
    find_category,
    hashtags,
    name_key,
    parse_kinds,
    same_name,
    unknown_category,
)
from app.domain.weeks import Week
from app.services.use_case import use_case
from app.store import item_rows
from app.store.db import Store
from app.store.formats import parse_utc, utc_text

# New categories take the first colour no other category uses.
PALETTE = ("#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#db2777", "#ca8a04")
FALLBACK_COLOR = "#6b7280"


# --- records ------------------------------------------------------------------------------


class CategoryRecord(NamedTuple):
    id: int
    name: str
    color: str
    position: int
    kinds: tuple[str, ...]  # item kinds that count for it ("paper" for Papers)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "color": self.color,
            "position": self.position,
            "kinds": list(self.kinds),
        }


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


class CountReason(StrEnum):
    LINKED = "linked"
    TAG = "tag"
    KIND = "kind"


class CountedItem(NamedTuple):
    item_id: int
    title: str
    kind: str
    day: date  # the local day it was completed
    why: tuple[CountReason, ...]  # every rule that matched, in the order linked, tag, kind

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.item_id,
            "title": self.title,
            "kind": self.kind,
            "day": self.day.isoformat(),
            "why": [reason.value for reason in self.why],
        }


class CountedEntry(NamedTuple):
    entry_id: int
    day: date
    end_day: date | None
    text: str  # the first line with words in it

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.entry_id,
            "day": self.day.isoformat(),
            "end_day": self.end_day.isoformat() if self.end_day else None,
            "text": self.text,
        }


class GoalProgress(NamedTuple):
    goal: GoalRecord
    items: tuple[CountedItem, ...]  # by completion day, then id
    entries: tuple[CountedEntry, ...]  # by day, then id
    below_pass: tuple[CountedItem, ...]  # papers completed short of their target pass

    @property
    def counted(self) -> int:
        return len(self.items) + len(self.entries)

    @property
    def achieved(self) -> int:
        return max(0, self.counted + self.goal.adjustment)

    @property
    def met(self) -> bool:
        return self.achieved >= self.goal.target

    @property
    def stretch_met(self) -> bool:
        return self.goal.stretch is not None and self.achieved >= self.goal.stretch

    def to_dict(self) -> dict[str, object]:
        return {
            **self.goal.to_dict(),
            "counted": self.counted,
            "achieved": self.achieved,
            "items": [item.to_dict() for item in self.items],
            "log_entries": [entry.to_dict() for entry in self.entries],
            "below_pass": [item.to_dict() for item in self.below_pass],
        }


class DayActivity(NamedTuple):
    day: date
    completed_items: int
    log_entries: int

    @property
    def empty(self) -> bool:
        return self.completed_items == 0 and self.log_entries == 0


class UnitProgress(NamedTuple):
    unit: UnitRecord
    goals: tuple[GoalProgress, ...]  # in the unit's goal order
    days: tuple[DayActivity, ...]  # every day of the unit
    empty_days: tuple[date, ...]  # days without activity (not counting days to come)
    cards: tuple[ItemRecord, ...]  # board cards that belong to the unit, in board order

    def to_dict(self) -> dict[str, object]:
        return {
            **self.unit.to_dict(),
            "goals": [goal.to_dict() for goal in self.goals],
            "activity": [
                {
                    "day": d.day.isoformat(),
                    "completed_items": d.completed_items,
                    "log_entries": d.log_entries,
                }
                for d in self.days
            ],
            "empty_days": [d.isoformat() for d in self.empty_days],
            "cards": [card.id for card in self.cards],
        }


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
        number = _next_number(conn)
        latest = load_units(conn, "ORDER BY start_date DESC LIMIT 1")
    if not latest:
        span = UnitSpan(today, DEFAULT_UNIT_DAYS)
        return UnitProposal(number, span.start, span.days, default_title(number, span), ())
    previous = latest[0]
    span = UnitSpan(previous.span.next_start, previous.days)
    goals = tuple(
        GoalSpec(goal.category, goal.target, goal.stretch, goal.description)
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
    goals = _goals_of(conn, [int(r[0]) for r in rows])
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


def _goals_of(conn: sqlite3.Connection, unit_ids: Sequence[int]) -> dict[int, list[GoalRecord]]:
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
        " g.stretch, g.adjustment, g.position, g.achieved_at_review"
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
        )
        goals.setdefault(goal.unit_id, []).append(goal)
    return goals


def _next_number(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM study_units").fetchone()[0])


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
        span = UnitSpan(start, days)
        _check_free(conn, span)
        categories = [_resolve_category(conn, spec.category) for spec in goals]
        for spec in goals:
            check_counts(spec.target, spec.stretch)
        number = _next_number(conn)
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
        " adjustment, position) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
        (
            new_uid(),
            unit_id,
            category_id,
            spec.description.strip(),
            spec.target,
            spec.stretch,
            position,
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
            _check_free(conn, span, except_id=unit.id)
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


def _check_free(conn: sqlite3.Connection, span: UnitSpan, except_id: int | None = None) -> None:
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
    check_counts(spec.target, spec.stretch)
    with store.raw_write() as conn:
        unit = _open_unit(conn, unit_id)
        category_id = _resolve_category(conn, spec.category)
        position = max((g.position for g in unit.goals), default=-1) + 1
        goal_id = insert_goal(conn, unit.id, category_id, spec, position)
        goal = _fetch_goal(conn, goal_id)
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
        check_counts(new_target, new_stretch)
        category_id = goal.category_id if category is None else _resolve_category(conn, category)
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
        edited = _fetch_goal(conn, goal.id)
    return edited, Changes(units=frozenset({edited.unit_id}))


@use_case
def remove_goal(store: Store, goal_id: int) -> Changes:
    """Delete a goal of an open unit; the items linked to it stay as they are."""
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        conn.execute("DELETE FROM unit_goals WHERE id = ?", (goal.id,))
    return Changes(units=frozenset({goal.unit_id}))


@use_case
def set_adjustment(store: Store, goal_id: int, adjustment: int) -> tuple[GoalRecord, Changes]:
    """Add `adjustment` (may be negative) by hand to what counts for a goal: for work the
    data cannot show. It replaces the previous adjustment and is always shown apart."""
    if abs(adjustment) > MAX_GOAL_COUNT:
        raise InvalidInput(
            f"An adjustment is between -{MAX_GOAL_COUNT} and {MAX_GOAL_COUNT}, not {adjustment}."
        )
    with store.raw_write() as conn:
        goal = _goal_of_open_unit(conn, goal_id)
        conn.execute("UPDATE unit_goals SET adjustment = ? WHERE id = ?", (adjustment, goal.id))
        edited = _fetch_goal(conn, goal.id)
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
        edited = _fetch_goal(conn, goal.id)
    # Linking writes goal_items rows only: the items themselves are unchanged (and must
    # not be, so undo does not snapshot and rewrite them).
    return edited, Changes(units=frozenset({edited.unit_id}))


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
        edited = _fetch_goal(conn, goal.id)
    return edited, Changes(units=frozenset({edited.unit_id}))


def get_goal(store: Store, goal_id: int) -> GoalRecord:
    with store.raw_read() as conn:
        return _fetch_goal(conn, goal_id)


def _fetch_goal(conn: sqlite3.Connection, goal_id: int) -> GoalRecord:
    row = conn.execute("SELECT unit_id FROM unit_goals WHERE id = ?", (goal_id,)).fetchone()
    if row is None:
        raise NotFound(f"No goal {goal_id}; `rizhi unit show` lists the goals with their ids.")
    return next(g for g in _goals_of(conn, [int(row[0])])[int(row[0])] if g.id == goal_id)


def _open_unit(conn: sqlite3.Connection, unit_id: int) -> UnitRecord:
    unit = fetch_unit(conn, unit_id)
    if unit.closed:
        raise InvalidInput(
            f"Unit {unit.number} was reviewed and closed; its goals stay as they were reviewed."
        )
    return unit


def _goal_of_open_unit(conn: sqlite3.Connection, goal_id: int) -> GoalRecord:
    goal = _fetch_goal(conn, goal_id)
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


# --- categories ---------------------------------------------------------------------------


def list_categories(store: Store) -> list[CategoryRecord]:
    return _categories(store.raw)


def category_named(store: Store, name: str) -> CategoryRecord:
    """The category `name` names (any case, singular or plural)."""
    categories = _categories(store.raw)
    found = find_category(name, [c.name for c in categories])
    if found is None:
        raise unknown_category(name, [c.name for c in categories])
    return next(c for c in categories if c.name == found)


@use_case
def add_category(
    store: Store, name: str, *, color: str | None = None, kinds: Iterable[str] = ()
) -> tuple[CategoryRecord, Changes]:
    """A new goal category, last in order; its colour defaults to an unused one."""
    clean = _check_name(name)
    kind_values = parse_kinds(kinds)
    chosen = check_color(color) if color is not None else None
    with store.raw_write() as conn:
        existing = _categories(conn)
        _check_unique(clean, existing)
        if chosen is None:
            used = {c.color for c in existing}
            chosen = next((c for c in PALETTE if c not in used), FALLBACK_COLOR)
        position = max((c.position for c in existing), default=-1) + 1
        cursor = conn.execute(
            "INSERT INTO goal_categories (uid, name, color, position, kinds)"
            " VALUES (?, ?, ?, ?, ?)",
            (new_uid(), clean, chosen, position, " ".join(kind_values)),
        )
        assert cursor.lastrowid is not None
        category = _category(conn, cursor.lastrowid)
    return category, Changes(categories=True)


@use_case
def edit_category(
    store: Store,
    category_id: int,
    *,
    name: str | None = None,
    color: str | None = None,
    kinds: Iterable[str] | None = None,
) -> tuple[CategoryRecord, Changes]:
    """Rename, recolour or change the kinds of a category; its goals follow."""
    clean = _check_name(name) if name is not None else None
    kind_values = parse_kinds(kinds) if kinds is not None else None
    chosen = check_color(color) if color is not None else None
    with store.raw_write() as conn:
        category = _category(conn, category_id)
        if clean is not None:
            _check_unique(clean, [c for c in _categories(conn) if c.id != category.id])
        conn.execute(
            "UPDATE goal_categories SET name = ?, color = ?, kinds = ? WHERE id = ?",
            (
                clean or category.name,
                chosen or category.color,
                " ".join(kind_values) if kind_values is not None else " ".join(category.kinds),
                category.id,
            ),
        )
        edited = _category(conn, category.id)
    return edited, Changes(categories=True)


@use_case
def remove_category(store: Store, category_id: int) -> Changes:
    """Delete a category no goal uses."""
    with store.raw_write() as conn:
        category = _category(conn, category_id)
        numbers = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT u.number FROM unit_goals g JOIN study_units u ON u.id = g.unit_id"
                " WHERE g.category_id = ? ORDER BY u.number",
                (category.id,),
            )
        ]
        if numbers:
            listed = ", ".join(map(str, numbers))
            raise InvalidInput(
                f"Goals in unit{'s' * (len(numbers) > 1)} {listed} use {category.name}; "
                "it is kept so they keep their history. Rename it instead if the name is wrong."
            )
        conn.execute("DELETE FROM goal_categories WHERE id = ?", (category.id,))
    return Changes(categories=True)


def _categories(conn: sqlite3.Connection) -> list[CategoryRecord]:
    return [
        _category_record(row)
        for row in conn.execute(
            "SELECT id, name, color, position, kinds FROM goal_categories ORDER BY position, id"
        )
    ]


def _category(conn: sqlite3.Connection, category_id: int) -> CategoryRecord:
    row = conn.execute(
        "SELECT id, name, color, position, kinds FROM goal_categories WHERE id = ?",
        (category_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"No goal category with id {category_id}.")
    return _category_record(row)


def _category_record(row: Sequence[object]) -> CategoryRecord:
    return CategoryRecord(
        id=int(str(row[0])),
        name=str(row[1]),
        color=str(row[2]),
        position=int(str(row[3])),
        kinds=tuple(str(row[4]).split()),
    )


def _check_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean or "=" in clean or len(clean) > 64:
        raise InvalidInput(f"'{name}' cannot name a category: give 1 to 64 characters without '='.")
    return clean


def _check_unique(name: str, others: Sequence[CategoryRecord]) -> None:
    for other in others:
        if same_name(name, other.name):
            raise InvalidInput(
                f"'{name}' would be the same category as {other.name} "
                "(names match in any case, singular or plural)."
            )


def _resolve_category(conn: sqlite3.Connection, name: str) -> int:
    categories = _categories(conn)
    found = find_category(name, [c.name for c in categories])
    if found is None:
        raise unknown_category(name, [c.name for c in categories])
    return next(c.id for c in categories if c.name == found)


# --- progress -----------------------------------------------------------------------------


class _Completed(NamedTuple):
    id: int
    title: str
    kind: str
    day: date
    reading_pass: int
    target_pass: int | None
    tag_keys: frozenset[str]


class _Entry(NamedTuple):
    id: int
    day: date
    end_day: date | None
    text: str
    tag_keys: frozenset[str]


def unit_progress(
    store: Store,
    unit_id: int,
    *,
    tz: tzinfo,
    today: date | None = None,
    week_start: int = 0,
) -> UnitProgress:
    """Everything the unit view shows: per goal what counted (see the module's rules),
    activity per day, the empty days, and the board cards that belong to the unit.

    Days are local days in `tz`. With `today`, days after it are not reported empty.
    Cards belong to the unit when their item was completed in it, is linked to one of its
    goals, or was planned in a board week (starting on `week_start`, 0 = Monday) that
    shares a day with it."""
    with store.raw_read() as conn:
        unit = fetch_unit(conn, unit_id)
        return progress_of(conn, unit, tz=tz, today=today, week_start=week_start)


def progress_of(
    conn: sqlite3.Connection,
    unit: UnitRecord,
    *,
    tz: tzinfo,
    today: date | None = None,
    week_start: int = 0,
) -> UnitProgress:
    """`unit_progress` over an open connection, so a review can count inside its own
    transaction."""
    completed = _completed_in(conn, unit.span, tz)
    entries = _entries_in(conn, unit.span)
    categories = {c.id: c for c in _categories(conn)}
    # One item, one goal: an item linked to goals counts for those only, and one that
    # matches a category by tag or kind counts for the first goal of that category, so
    # two goals of one category never both count the same paper.
    first_of: dict[int, int] = {}
    for goal in sorted(unit.goals, key=lambda g: (g.position, g.id)):
        first_of.setdefault(goal.category_id, goal.id)
    linked = {item_id for goal in unit.goals for item_id in goal.item_ids}
    goals = tuple(
        _goal_progress(
            goal,
            categories[goal.category_id],
            completed,
            entries,
            by_category=first_of[goal.category_id] == goal.id,
            linked_elsewhere=linked - set(goal.item_ids),
        )
        for goal in unit.goals
    )
    activity = _activity(unit.span, completed, entries)
    active = [d.day for d in activity if not d.empty]
    return UnitProgress(
        unit=unit,
        goals=goals,
        days=activity,
        empty_days=tuple(empty_days(unit.span, active, today=today)),
        cards=tuple(_cards(conn, unit, [c.id for c in completed], week_start)),
    )


def _completed_in(conn: sqlite3.Connection, span: UnitSpan, tz: tzinfo) -> list[_Completed]:
    low, high = day_bounds(span, tz)
    rows = conn.execute(
        "SELECT id, title, kind, completed_at, reading_pass, target_pass FROM items"
        " WHERE completed_at >= ? AND completed_at < ? AND deleted_at IS NULL"
        " ORDER BY completed_at, id",
        (utc_text(low), utc_text(high)),
    ).fetchall()
    tags: dict[int, set[str]] = {}
    for item_id, name in conn.execute(
        "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
        " WHERE it.item_id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(r[0]) for r in rows]),),
    ):
        tags.setdefault(int(item_id), set()).add(name_key(str(name)))
    return [
        _Completed(
            id=int(r[0]),
            title=str(r[1]),
            kind=str(r[2]),
            day=parse_utc(r[3]).astimezone(tz).date(),
            reading_pass=int(r[4]),
            target_pass=None if r[5] is None else int(r[5]),
            tag_keys=frozenset(tags.get(int(r[0]), ())),
        )
        for r in rows
    ]


def _entries_in(conn: sqlite3.Connection, span: UnitSpan) -> list[_Entry]:
    entries = []
    for entry_id, day, end_day, heading, body in conn.execute(
        "SELECT id, day, end_day, heading, body FROM log_entries"
        " WHERE source != ? AND day <= ? AND COALESCE(end_day, day) >= ?"
        " ORDER BY day, position, id",
        (EntrySource.AUTO.value, span.last.isoformat(), span.start.isoformat()),
    ):
        lines = [line.strip() for line in f"{body}\n{heading}".splitlines() if line.strip()]
        if not lines:
            continue
        entries.append(
            _Entry(
                id=int(entry_id),
                day=date.fromisoformat(day),
                end_day=date.fromisoformat(end_day) if end_day else None,
                text=lines[0],
                tag_keys=frozenset(name_key(tag) for tag in hashtags(f"{heading}\n{body}")),
            )
        )
    return entries


def _goal_progress(
    goal: GoalRecord,
    category: CategoryRecord,
    completed: Sequence[_Completed],
    entries: Sequence[_Entry],
    *,
    by_category: bool = True,
    linked_elsewhere: AbstractSet[int] = frozenset(),
) -> GoalProgress:
    """What counts for `goal`: items linked to it, and, when `by_category` (it is the
    first goal of its category), items and log entries carrying the category that are
    not linked to another of the unit's goals."""
    key = name_key(category.name)
    linked = set(goal.item_ids)
    counted: list[CountedItem] = []
    below: list[CountedItem] = []
    for item in completed:
        if item.id not in linked and (not by_category or item.id in linked_elsewhere):
            continue
        why = tuple(
            reason
            for reason, matched in (
                (CountReason.LINKED, item.id in linked),
                (CountReason.TAG, key in item.tag_keys),
                (CountReason.KIND, item.kind in category.kinds),
            )
            if matched
        )
        if not why:
            continue
        record = CountedItem(item.id, item.title, item.kind, item.day, why)
        short_of_pass = (
            item.kind == ItemKind.PAPER.value
            and item.target_pass is not None
            and item.reading_pass < item.target_pass
        )
        (below if short_of_pass else counted).append(record)
    counted.sort(key=lambda c: (c.day, c.item_id))
    logged = tuple(
        CountedEntry(e.id, e.day, e.end_day, e.text)
        for e in entries
        if by_category and key in e.tag_keys
    )
    return GoalProgress(goal, tuple(counted), logged, tuple(below))


def _activity(
    span: UnitSpan, completed: Sequence[_Completed], entries: Sequence[_Entry]
) -> tuple[DayActivity, ...]:
    items: dict[date, int] = {}
    for item in completed:
        items[item.day] = items.get(item.day, 0) + 1
    logged: dict[date, int] = {}
    for entry in entries:
        for day in span.dates():
            if entry.day <= day <= (entry.end_day or entry.day):
                logged[day] = logged.get(day, 0) + 1
    return tuple(DayActivity(d, items.get(d, 0), logged.get(d, 0)) for d in span.dates())


def _cards(
    conn: sqlite3.Connection, unit: UnitRecord, completed_ids: Sequence[int], week_start: int
) -> list[ItemRecord]:
    weeks = sorted({str(Week.containing(day, week_start)) for day in unit.span.dates()})
    linked = sorted({i for goal in unit.goals for i in goal.item_ids})
    rows = conn.execute(
        "SELECT c.item_id FROM board_cards c JOIN items i ON i.id = c.item_id"
        " WHERE i.deleted_at IS NULL AND ("
        " c.item_id IN (SELECT value FROM json_each(?1))"
        " OR c.week IN (SELECT value FROM json_each(?2))"
        " OR c.item_id IN (SELECT item_id FROM planned_weeks"
        "   WHERE week IN (SELECT value FROM json_each(?2))))"
        " ORDER BY c.week, CASE c.col WHEN 'todo' THEN 0 WHEN 'active' THEN 1 ELSE 2 END,"
        " c.rank, c.item_id",
        (json.dumps(sorted({*completed_ids, *linked})), json.dumps(weeks)),
    ).fetchall()
    return item_rows.fetch_records(conn, [int(r[0]) for r in rows])
