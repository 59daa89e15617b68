"""Checking a whole Rizhi export before an import writes any of it.

Every field of every record is checked (app/services/transfer_fields.py), then what ties
records together: each record once (ids, uids, names, numbers, days), every reference to
a record the file holds, no item nested in itself, no two units sharing a day. The first
problem found is raised as `InvalidInput` naming the record (its table and index, with its
uid, id, day or key) and the field, so that the user can find it in the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from app.domain.enums import MAX_READING_PASS, Column, EntrySource, Horizon, ItemKind, Priority
from app.domain.errors import InvalidInput
from app.domain.item_fields import has_scheme, not_a_link
from app.domain.reminders import Anchor, ReminderState
from app.domain.repeats import check_rule
from app.domain.timebox import DAY_MINUTES
from app.domain.units import (
    MAX_GOAL_MINUTES,
    GoalMeasure,
    ReviewDecision,
    UnitSpan,
    check_adjustment,
    check_category_name,
    check_color,
    check_days,
    check_rating,
    check_span,
    name_key,
    parse_kinds,
)
from app.domain.weeks import Week
from app.services.log_entries import check_day
from app.services.transfer_fields import (
    ANY_TEXT,
    IDENTIFIER,
    ORDER,
    SOME_TEXT,
    UID,
    BadValue,
    Check,
    both,
    choice,
    clock,
    day,
    integer,
    json_object,
    maybe,
    moment,
    rule,
    shown,
    text,
    wall_clock,
)
from app.services.transfer_records import RECORD_RULES, REFERENCES, UNIQUE, Row


class Field(NamedTuple):
    name: str
    check: Check
    required: bool = True  # False: may be left out (null, or the column's default)


def _week(value: str) -> None:
    if str(Week.parse(value)) != value:
        raise InvalidInput(f"'{value}' is not a week as Rizhi writes it, e.g. 2026-W48.")


def _link(value: str) -> None:
    if not has_scheme(value) or value != value.strip():
        raise InvalidInput(not_a_link(value))


def _log_day(value: str) -> None:
    check_day(date.fromisoformat(value), "day")


WEEK = both(SOME_TEXT, rule(_week))
LOG_DAY = both(day, rule(_log_day))
COLOUR = both(SOME_TEXT, rule(check_color))
PASS = integer(0, MAX_READING_PASS)
NEW_UID = maybe(UID)  # exports made before units, goals and categories had uids have none


def _kinds(value: str) -> None:
    parse_kinds(value.split())


def _category_name(value: str) -> None:
    if check_category_name(value) != value:
        raise InvalidInput(f"'{value}' is not a category name as Rizhi writes it (spaces tidied).")


FIELDS: Mapping[str, tuple[Field, ...]] = {
    "tags": (
        Field("id", IDENTIFIER),
        Field("name", SOME_TEXT),
        Field("color", maybe(COLOUR), False),
    ),
    "items": (
        Field("id", IDENTIFIER),
        Field("uid", UID),
        Field("kind", choice(k.value for k in ItemKind)),
        Field("title", SOME_TEXT),
        Field("notes", ANY_TEXT),
        Field("parent_id", maybe(IDENTIFIER), False),
        Field("position", ORDER),
        Field("priority", integer(min(Priority), max(Priority))),
        Field("estimate_minutes", maybe(integer(1)), False),
        Field("due_date", maybe(day), False),
        Field("due_time", maybe(clock), False),
        Field("horizon", maybe(choice(h.value for h in Horizon)), False),
        Field("reading_pass", PASS),
        Field("target_pass", maybe(PASS), False),
        Field("created_at", moment),
        Field("updated_at", moment),
        Field("completed_at", maybe(moment), False),
        Field("deleted_at", maybe(moment), False),
        Field("repeat_rule", maybe(both(SOME_TEXT, rule(check_rule))), False),
        Field("repeat_from_completion", integer(0, 1), False),
    ),
    "item_tags": (Field("item_id", IDENTIFIER), Field("tag_id", IDENTIFIER)),
    "item_links": (
        Field("id", IDENTIFIER),
        Field("item_id", IDENTIFIER),
        Field("url", both(SOME_TEXT, rule(_link))),
        Field("title", ANY_TEXT),
        Field("position", ORDER),
    ),
    "reading_notes": (
        Field("item_id", IDENTIFIER),
        Field("pass", integer(1, MAX_READING_PASS)),
        Field("notes", ANY_TEXT),
        Field("updated_at", moment),
    ),
    "reading_passes": (
        Field("item_id", IDENTIFIER),
        Field("pass", integer(1, MAX_READING_PASS)),
        Field("reached_at", moment),
    ),
    "board_cards": (
        Field("item_id", IDENTIFIER),
        Field("week", WEEK),
        Field("col", choice(c.value for c in Column)),
        Field("rank", ORDER),
        Field("carried_over", integer(0)),
    ),
    "planned_weeks": (
        Field("id", IDENTIFIER),
        Field("item_id", IDENTIFIER),
        Field("week", WEEK),
        Field("planned_at", moment),
    ),
    "reminders": (
        Field("id", IDENTIFIER),
        Field("uid", UID),
        Field("item_id", IDENTIFIER),
        Field("anchor", choice(a.value for a in Anchor)),
        Field("at_time", maybe(wall_clock), False),
        Field("before_minutes", maybe(integer(0)), False),
        Field("clock", maybe(clock), False),
        Field("next_fire", maybe(wall_clock), False),
        Field("state", choice(s.value for s in ReminderState)),
        Field("claimed_by", maybe(ANY_TEXT), False),
        Field("lease_until", maybe(moment), False),
        Field("snooze_until", maybe(wall_clock), False),
        Field("shown_at", maybe(moment), False),
        Field("created_at", moment),
    ),
    "repeat_history": (
        Field("id", IDENTIFIER),
        Field("item_id", IDENTIFIER),
        Field("due_date", day),
        Field("due_time", maybe(clock), False),
        Field("outcome", choice(("done", "skipped"))),
        Field("at", moment),
    ),
    "time_blocks": (
        Field("id", IDENTIFIER),
        Field("uid", UID),
        Field("day", day),
        Field("start_minute", integer(0, DAY_MINUTES - 1)),
        Field("minutes", integer(1, DAY_MINUTES)),
        Field("item_id", maybe(IDENTIFIER), False),
        Field("title", ANY_TEXT),
        Field("created_at", moment),
    ),
    "time_entries": (
        Field("id", IDENTIFIER),
        Field("uid", UID),
        Field("item_id", maybe(IDENTIFIER), False),
        Field("block_id", maybe(IDENTIFIER), False),
        Field("started_at", moment),
        Field("ended_at", maybe(moment), False),
        Field("source", choice(("timer", "pomodoro", "manual"))),
        Field("note", ANY_TEXT),
        Field("created_at", moment),
    ),
    "goal_categories": (
        Field("id", IDENTIFIER),
        Field("uid", NEW_UID, False),
        Field("name", both(SOME_TEXT, rule(_category_name))),
        Field("color", COLOUR),
        Field("position", ORDER),
        Field("kinds", both(ANY_TEXT, rule(_kinds)), False),
    ),
    "study_units": (
        Field("id", IDENTIFIER),
        Field("uid", NEW_UID, False),
        Field("number", IDENTIFIER),
        Field("title", ANY_TEXT),
        Field("start_date", day),
        Field("days", both(integer(), rule(check_days))),
        Field("reflection", ANY_TEXT),
        Field("rating", maybe(both(integer(), rule(check_rating))), False),
        Field("closed_at", maybe(moment), False),
    ),
    "unit_goals": (
        Field("id", IDENTIFIER),
        Field("uid", NEW_UID, False),
        Field("unit_id", IDENTIFIER),
        Field("category_id", IDENTIFIER),
        Field("description", ANY_TEXT),
        # A goal in hours keeps minutes; `_goal` checks the bounds of its measure.
        Field("target", integer(1, MAX_GOAL_MINUTES)),
        Field("stretch", maybe(integer(1, MAX_GOAL_MINUTES)), False),
        Field("adjustment", both(integer(), rule(check_adjustment))),
        Field("position", ORDER),
        Field("achieved_at_review", maybe(integer(0)), False),
        Field("measure", choice(m.value for m in GoalMeasure), False),
    ),
    "goal_items": (Field("goal_id", IDENTIFIER), Field("item_id", IDENTIFIER)),
    "unit_review_items": (
        Field("unit_id", IDENTIFIER),
        Field("item_id", IDENTIFIER),
        Field("decision", choice(d.value for d in ReviewDecision)),
    ),
    "log_days": (Field("day", LOG_DAY), Field("title", ANY_TEXT)),
    "log_entries": (
        Field("id", IDENTIFIER),
        Field("uid", UID),
        Field("day", LOG_DAY),
        Field("end_day", maybe(day), False),
        Field("body", ANY_TEXT),
        Field("source", choice(s.value for s in EntrySource)),
        Field("position", ORDER),
        Field("created_at", moment),
        Field("updated_at", moment),
        Field("heading", ANY_TEXT, False),
        Field("import_key", maybe(text(blank=False, longest=64)), False),
        Field("anomaly", maybe(json_object), False),
    ),
    "journal_notes": (
        Field("id", IDENTIFIER),
        Field("uid", UID),
        Field("title", ANY_TEXT),
        Field("body", ANY_TEXT),
        Field("meta", json_object),
        Field("source", ANY_TEXT),
        Field("import_key", maybe(text(blank=False, longest=64)), False),
        Field("created_at", moment),
    ),
    "settings": (Field("key", text(blank=False, longest=64)), Field("value", ANY_TEXT)),
}


NOTHING = "Nothing was imported."


def check_document(document: Mapping[str, Any]) -> None:
    """Raise InvalidInput at the first record of `document` that this store would not
    have written; nothing is written by this."""
    tables = {table: _rows(document, table) for table in FIELDS}
    for table, rows in tables.items():
        for index, row in enumerate(rows):
            _check_record(table, index, row)
    for table, rows in tables.items():
        _check_unique(table, rows)
    for source, target in REFERENCES.items():
        _check_references(tables, source, target)
    _check_nesting(tables["items"])
    _check_unit_days(tables["study_units"])


def _rows(document: Mapping[str, Any], table: str) -> Sequence[Row]:
    rows = document.get(table, [])
    if not isinstance(rows, list):
        raise InvalidInput(f"'{table}' must be a list of objects, not {shown(rows)}. {NOTHING}")
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidInput(f"{table}[{index}] must be an object, not {shown(row)}. {NOTHING}")
    return rows


def where(table: str, index: int, row: Row) -> str:
    """The record as a message names it: `items[3] (uid 1c2d…)`."""
    for key in ("uid", "id", "day", "key", "item_id"):
        value = row.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
            continue
        named = value if isinstance(value, int) or len(value) <= 40 else value[:39] + "…"
        return f"{table}[{index}] ({key.replace('_', ' ')} {named})"
    return f"{table}[{index}]"


def _check_record(table: str, index: int, row: Row) -> None:
    for field in FIELDS[table]:
        if field.name not in row:
            if field.required:
                raise InvalidInput(f"{where(table, index, row)} has no '{field.name}'. {NOTHING}")
            continue
        try:
            field.check(row[field.name])
        except BadValue as exc:
            raise InvalidInput(
                f"{where(table, index, row)}, {field.name}: {exc} {NOTHING}"
            ) from exc
    record_rule = RECORD_RULES.get(table)
    problem = record_rule(row) if record_rule else None
    if problem is not None:
        raise InvalidInput(f"{where(table, index, row)}, {problem[0]}: {problem[1]} {NOTHING}")


def _identity(table: str, fields: tuple[str, ...], row: Row) -> tuple[object, ...] | None:
    values = tuple(row.get(f) for f in fields)
    if any(v is None for v in values):
        return None  # a uid or an import key not given is no one's
    if table == "tags":
        return tuple(str(v).casefold() for v in values)  # names match in any case
    if table == "goal_categories" and fields == ("name",):
        return tuple(name_key(str(v)) for v in values)  # ... and singular or plural
    return values


def _check_unique(table: str, rows: Sequence[Row]) -> None:
    for fields in UNIQUE[table]:
        seen: dict[tuple[object, ...], int] = {}
        for index, row in enumerate(rows):
            key = _identity(table, fields, row)
            if key is None:
                continue
            first = seen.setdefault(key, index)
            if first != index:
                named = ", ".join(f"{f} {shown(row[f])}" for f in fields)
                raise InvalidInput(
                    f"{where(table, index, row)}: {table}[{first}] has the same {named}; "
                    f"each record is in an export once. {NOTHING}"
                )


def _check_references(
    tables: Mapping[str, Sequence[Row]], source: tuple[str, str], target: tuple[str, str, str]
) -> None:
    (table, field), (target_table, target_field, called) = source, target
    known = {row[target_field] for row in tables[target_table]}
    for index, row in enumerate(tables[table]):
        value = row.get(field)
        if value is not None and value not in known:
            raise InvalidInput(
                f"{where(table, index, row)}, {field}: the file has no {called} with "
                f"{target_field} {shown(value)} ({target_table}). {NOTHING}"
            )


def _check_nesting(items: Sequence[Row]) -> None:
    parents = {row["id"]: row.get("parent_id") for row in items}
    for index, row in enumerate(items):
        seen = {row["id"]}
        cursor = row.get("parent_id")
        while cursor is not None:
            if cursor in seen:
                raise InvalidInput(
                    f"{where('items', index, row)}, parent_id: the item would be nested "
                    f"inside itself (through item {cursor}). {NOTHING}"
                )
            seen.add(cursor)
            cursor = parents.get(cursor)


def _check_unit_days(units: Sequence[Row]) -> None:
    """Units never share a day (app/services/units.py keeps the same rule)."""
    spans = []
    for index, row in enumerate(units):
        try:
            span = check_span(date.fromisoformat(row["start_date"]), row["days"])
        except InvalidInput as exc:
            raise InvalidInput(
                f"{where('study_units', index, row)}, start_date: {exc} {NOTHING}"
            ) from exc
        spans.append((span, index))
    spans.sort()
    latest: tuple[UnitSpan, int] | None = None  # the span reaching furthest so far
    for span, index in spans:
        if latest is not None and latest[0].overlaps(span):
            row, other = units[index], units[latest[1]]
            raise InvalidInput(
                f"{where('study_units', index, row)}: unit {row['number']} shares days with "
                f"unit {other['number']} (study_units[{latest[1]}]); units never share a "
                f"day. {NOTHING}"
            )
        if latest is None or span.last > latest[0].last:
            latest = (span, index)
