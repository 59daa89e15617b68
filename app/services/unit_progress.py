"""Progress in a study unit: counting each goal's progress from what was completed and
logged inside the unit, the unit's days with and without activity, and its board cards.

Counting rules (docs/units.md says the same for users). An item counts toward a goal
on one day, when that day is one of the unit's local days and the item is not in the
trash, and it

* is linked to the goal (`link_items`), or
* has a tag naming the goal's category: any case, singular or plural (`#paper`,
  `#Papers`), separators ignored (`#deep-learning` for "Deep Learning"), or
* is of a kind the category lists (`kinds`: a paper counts for Papers).

The day is the day it was completed; for a paper (kind `paper`) it is the earlier of
the day it reached its chosen pass (its target pass, or the last pass when none is
chosen; `reading_passes` keeps the day each pass was reached) and the day it was ticked
done. A paper therefore counts once its chosen pass is read, ticked done or not, and a
paper ticked done short of its chosen pass still counts, on the day it was ticked:
dropping out after a pass is a way to finish a paper, and the window and `rizhi done`
say so when it happens. Each counted paper carries its pass against the chosen one.

A log entry counts when its heading or body carries a hashtag naming the category and
its day, or any day of its range, is a day of the unit. Entries the log wrote itself
from the board (`source = auto`) never count: the items they mirror already do.

A repeating item counts each occurrence done in the unit, once, on the day it was done
(app/store/completions.py): "group meeting" done on two Fridays counts twice. Other
items and entries count at most once per goal. `achieved` is what was counted
plus the goal's manual adjustment, never below zero; the adjustment is shown apart.

A goal counted in hours (`coding=6h`) counts the minutes of time entries inside the unit
instead, on the items these rules match (app/services/unit_time.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import NamedTuple

from app.domain.entities import ItemRecord
from app.domain.enums import MAX_READING_PASS, EntrySource, ItemKind
from app.domain.reading import chosen_pass
from app.domain.units import GoalMeasure, UnitSpan, day_bounds, empty_days, hashtags, name_key
from app.domain.weeks import Week
from app.services.goal_categories import CategoryRecord, load_categories
from app.services.unit_records import GoalRecord, UnitRecord, fetch_unit
from app.services.unit_time import SpentItem, timed_goals
from app.store import item_rows
from app.store.completions import OWN_COMPLETION, completions_between
from app.store.db import Store
from app.store.formats import parse_utc, utc_text


class CountReason(StrEnum):
    LINKED = "linked"
    TAG = "tag"
    KIND = "kind"


class CountedOn(StrEnum):
    """What put an item on the day it counts."""

    COMPLETED = "completed"  # ticked done
    PASS = "pass"  # a paper reaching its chosen pass


class CountedItem(NamedTuple):
    item_id: int
    title: str
    kind: str
    day: date  # the local day it counts on
    why: tuple[CountReason, ...]  # every rule that matched, in the order linked, tag, kind
    on: CountedOn = CountedOn.COMPLETED
    reading_pass: int | None = None  # a paper's pass now; None for other kinds
    chosen_pass: int | None = None  # the pass it is read to (its target, else the last)
    occurrence: date | None = None  # a repeating item's occurrence done (its due date)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.item_id,
            "title": self.title,
            "kind": self.kind,
            "day": self.day.isoformat(),
            "why": [reason.value for reason in self.why],
            "counted_on": self.on.value,
            "reading_pass": self.reading_pass,
            "chosen_pass": self.chosen_pass,
            "occurrence": self.occurrence.isoformat() if self.occurrence else None,
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
    items: tuple[CountedItem, ...]  # by the day they count on, then id
    entries: tuple[CountedEntry, ...]  # by day, then id
    # A goal in hours: the items whose time counted, most first (app/services/unit_time.py).
    timed: tuple[SpentItem, ...] = ()

    @property
    def counted(self) -> int:
        """Items and entries counted; for a goal in hours, whole minutes spent."""
        if self.goal.measure is GoalMeasure.MINUTES:
            return int(sum(item.seconds for item in self.timed) // 60)
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
            "time": [item.to_dict() for item in self.timed],
        }


class DayActivity(NamedTuple):
    day: date
    completed_items: int
    log_entries: int
    passes_read: int = 0  # reading passes reached that day, of items not completed on it

    @property
    def empty(self) -> bool:
        return self.completed_items == 0 and self.log_entries == 0 and self.passes_read == 0


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
                    "passes_read": d.passes_read,
                }
                for d in self.days
            ],
            "empty_days": [d.isoformat() for d in self.empty_days],
            "cards": [card.id for card in self.cards],
        }


class _Candidate(NamedTuple):
    """An item that may count in the unit: completed in it, or a paper whose chosen
    pass was reached in it."""

    id: int
    title: str
    kind: str
    day: date | None  # the local day it counts on; None when that is outside the unit
    on: CountedOn
    done_day: date | None  # the local day it was completed, when that is in the unit
    reading_pass: int
    chosen_pass: int | None  # None for other kinds than paper
    tag_keys: frozenset[str]
    occurrence: date | None = None  # a repeating item's occurrence done (its due date)


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
    now: datetime | None = None,
) -> UnitProgress:
    """Everything the unit view shows: per goal what counted (see the module's rules),
    activity per day, the empty days, and the board cards that belong to the unit.

    Days are local days in `tz`. With `today`, days after it are not reported empty.
    Cards belong to the unit when their item was completed or counted in it, is linked to
    one of its goals, or was planned in a board week (starting on `week_start`, 0 = Monday) that
    shares a day with it."""
    with store.raw_read() as conn:
        unit = fetch_unit(conn, unit_id)
        return progress_of(conn, unit, tz=tz, today=today, week_start=week_start, now=now)


def progress_of(
    conn: sqlite3.Connection,
    unit: UnitRecord,
    *,
    tz: tzinfo,
    today: date | None = None,
    week_start: int = 0,
    now: datetime | None = None,
) -> UnitProgress:
    """`unit_progress` over an open connection, so a review can count inside its own
    transaction. Goals in hours count a running timer up to `now` (the clock when not
    given)."""
    candidates = _candidates_in(conn, unit.span, tz)
    counted = [c for c in candidates if c.day is not None]
    entries = _entries_in(conn, unit.span)
    categories = {c.id: c for c in load_categories(conn)}
    # One item, one goal: an item linked to goals counts for those only, and one that
    # matches a category by tag or kind counts for the first goal of that category, so
    # two goals of one category never both count the same paper.
    first_of: dict[int, int] = {}
    for goal in sorted(unit.goals, key=lambda g: (g.position, g.id)):
        first_of.setdefault(goal.category_id, goal.id)
    linked = {item_id for goal in unit.goals for item_id in goal.item_ids}
    timed = timed_goals(
        conn, unit.span, unit.goals, categories, tz=tz, now=now or datetime.now(UTC)
    )
    goals = tuple(
        GoalProgress(goal, (), (), timed[goal.id])
        if goal.id in timed
        else _goal_progress(
            goal,
            categories[goal.category_id],
            counted,
            entries,
            by_category=first_of[goal.category_id] == goal.id,
            linked_elsewhere=linked - set(goal.item_ids),
        )
        for goal in unit.goals
    )
    passes = _passes_read_in(conn, unit.span, tz)
    activity = _activity(unit.span, candidates, entries, passes)
    active = [d.day for d in activity if not d.empty]
    return UnitProgress(
        unit=unit,
        goals=goals,
        days=activity,
        empty_days=tuple(empty_days(unit.span, active, today=today)),
        cards=tuple(
            _cards(conn, unit, [c.id for c in candidates if c.day or c.done_day], week_start)
        ),
    )


def _candidates_in(conn: sqlite3.Connection, span: UnitSpan, tz: tzinfo) -> list[_Candidate]:
    """Items completed in the unit and papers that reached their chosen pass in it, with
    the day each counts on (see the module's rules)."""
    low, high = (utc_text(moment) for moment in day_bounds(span, tz))
    rows = conn.execute(
        f"SELECT i.id, i.title, i.kind, {OWN_COMPLETION}, i.reading_pass, i.target_pass,"
        ' (SELECT r.reached_at FROM reading_passes r WHERE r.item_id = i.id AND r."pass" ='
        "   CASE WHEN i.target_pass > 0 THEN i.target_pass ELSE :last END)"
        " FROM items i WHERE i.deleted_at IS NULL AND i.id IN ("
        "   SELECT id FROM items WHERE completed_at >= :low AND completed_at < :high"
        "   UNION SELECT item_id FROM reading_passes"
        "   WHERE reached_at >= :low AND reached_at < :high)"
        " ORDER BY i.id",
        {"low": low, "high": high, "last": MAX_READING_PASS},
    ).fetchall()
    occurrences = [c for c in completions_between(conn, low, high) if c.occurrence]
    tags: dict[int, set[str]] = {}
    for item_id, name in conn.execute(
        "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
        " WHERE it.item_id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(r[0]) for r in rows] + [c.item_id for c in occurrences]),),
    ):
        tags.setdefault(int(item_id), set()).add(name_key(str(name)))

    def local_day(moment: str | None) -> date | None:
        if moment is None or not low <= moment < high:
            return None
        return parse_utc(moment).astimezone(tz).date()

    found = []
    for item_id, title, kind, completed_at, reading_pass, target_pass, chosen_at in rows:
        paper = kind == ItemKind.PAPER.value
        # Stored moments are UTC text of one width: comparing the text compares them.
        by_pass = (
            paper and chosen_at is not None and (completed_at is None or chosen_at <= completed_at)
        )
        found.append(
            _Candidate(
                id=int(item_id),
                title=str(title),
                kind=str(kind),
                day=local_day(chosen_at if by_pass else completed_at),
                on=CountedOn.PASS if by_pass else CountedOn.COMPLETED,
                done_day=local_day(completed_at),
                reading_pass=int(reading_pass),
                chosen_pass=chosen_pass(target_pass) if paper else None,
                tag_keys=frozenset(tags.get(int(item_id), ())),
            )
        )
    for done in occurrences:  # counted as done, whatever the item's kind
        day = local_day(done.at)
        found.append(
            _Candidate(
                done.item_id,
                done.title,
                done.kind,
                day=day,
                on=CountedOn.COMPLETED,
                done_day=day,
                reading_pass=0,
                chosen_pass=None,
                tag_keys=frozenset(tags.get(done.item_id, ())),
                occurrence=done.occurrence,
            )
        )
    return found


def _passes_read_in(conn: sqlite3.Connection, span: UnitSpan, tz: tzinfo) -> list[tuple[int, date]]:
    """(item id, local day) for each reading pass reached in the unit, of items not in
    the trash."""
    low, high = day_bounds(span, tz)
    rows = conn.execute(
        "SELECT r.item_id, r.reached_at FROM reading_passes r JOIN items i ON i.id = r.item_id"
        " WHERE r.reached_at >= ? AND r.reached_at < ? AND i.deleted_at IS NULL",
        (utc_text(low), utc_text(high)),
    ).fetchall()
    return [(int(item_id), parse_utc(moment).astimezone(tz).date()) for item_id, moment in rows]


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
    counted_items: Sequence[_Candidate],
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
    for item in counted_items:
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
        if not why or item.day is None:
            continue
        paper_pass = item.reading_pass if item.chosen_pass is not None else None
        counted.append(
            CountedItem(
                item.id,
                item.title,
                item.kind,
                item.day,
                why,
                item.on,
                paper_pass,
                item.chosen_pass,
                item.occurrence,
            )
        )
    counted.sort(key=lambda c: (c.day, c.item_id))
    logged = tuple(
        CountedEntry(e.id, e.day, e.end_day, e.text)
        for e in entries
        if by_category and key in e.tag_keys
    )
    return GoalProgress(goal, tuple(counted), logged)


def _activity(
    span: UnitSpan,
    candidates: Sequence[_Candidate],
    entries: Sequence[_Entry],
    passes: Sequence[tuple[int, date]],
) -> tuple[DayActivity, ...]:
    items: dict[date, int] = {}
    done_on: set[tuple[int, date]] = set()
    for item in candidates:
        if item.done_day is not None:
            items[item.done_day] = items.get(item.done_day, 0) + 1
            done_on.add((item.id, item.done_day))
    # A pass read on the day the item was completed is the same work: counted once.
    read: dict[date, int] = {}
    for item_id, day in passes:
        if (item_id, day) not in done_on:
            read[day] = read.get(day, 0) + 1
    logged: dict[date, int] = {}
    for entry in entries:
        for day in span.dates():
            if entry.day <= day <= (entry.end_day or entry.day):
                logged[day] = logged.get(day, 0) + 1
    return tuple(
        DayActivity(d, items.get(d, 0), logged.get(d, 0), read.get(d, 0)) for d in span.dates()
    )


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
