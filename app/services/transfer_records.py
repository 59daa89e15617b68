"""What ties the records of a Rizhi export together, beyond their fields: the rules over
a whole record (a due time needs a due date, a goal's stretch above its target, a block
inside its day), what makes a record itself (ids, uids, names, numbers, days), and which
fields refer to which records. app/services/transfer_checks.py applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.settings import SETTINGS, canonical
from app.domain.timebox import check_span as check_block_span
from app.domain.units import check_counts
from app.services.log_entries import check_range

Row = Mapping[str, Any]


def _item(row: Row) -> tuple[str, str] | None:
    if row.get("due_time") is not None and row.get("due_date") is None:
        return "due_time", "A due time needs a due date."
    return None


def _goal(row: Row) -> tuple[str, str] | None:
    measure = row.get("measure") or "items"
    for field, stretch in (("target", None), ("stretch", row.get("stretch"))):
        try:
            check_counts(row["target"], stretch, measure)
        except InvalidInput as exc:
            return field, str(exc)
    return None


def _entry(row: Row) -> tuple[str, str] | None:
    end = row.get("end_day")
    try:
        check_range(date.fromisoformat(row["day"]), date.fromisoformat(end) if end else None)
    except InvalidInput as exc:
        return "end_day", str(exc)
    return None


def _block(row: Row) -> tuple[str, str] | None:
    try:
        check_block_span(row["start_minute"], row["minutes"])
    except InvalidInput as exc:
        return "minutes", str(exc)
    if row.get("item_id") is None and not str(row["title"]).strip():
        return "title", "A block needs an item or a title."
    return None


def _time_entry(row: Row) -> tuple[str, str] | None:
    end = row.get("ended_at")
    if end is not None and end < row["started_at"]:
        return "ended_at", "A time entry ends after it starts."
    return None


def _setting(row: Row) -> tuple[str, str] | None:
    if row["key"] in SETTINGS:
        try:
            canonical(row["key"], row["value"])
        except InvalidInput as exc:
            return "value", str(exc)
    return None


# A record's problem that no single field shows: (the field to name, what is wrong).
RECORD_RULES: Mapping[str, Callable[[Row], tuple[str, str] | None]] = {
    "items": _item,
    "unit_goals": _goal,
    "log_entries": _entry,
    "time_blocks": _block,
    "time_entries": _time_entry,
    "settings": _setting,
}

# What makes a record itself: no two records of a table share one of these.
UNIQUE: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "tags": (("id",), ("name",)),
    "items": (("id",), ("uid",)),
    "item_tags": (("item_id", "tag_id"),),
    "item_links": (("id",),),
    "reading_notes": (("item_id", "pass"),),
    "reading_passes": (("item_id", "pass"),),
    "board_cards": (("item_id",),),
    "planned_weeks": (("id",), ("item_id", "week")),
    "reminders": (("id",), ("uid",)),
    "repeat_history": (("id",),),
    "time_blocks": (("id",), ("uid",)),
    "time_entries": (("id",), ("uid",)),
    "goal_categories": (("id",), ("uid",), ("name",)),
    "study_units": (("id",), ("uid",), ("number",)),
    "unit_goals": (("id",), ("uid",)),
    "goal_items": (("goal_id", "item_id"),),
    "unit_review_items": (("unit_id", "item_id"),),
    "log_days": (("day",),),
    "log_entries": (("id",), ("uid",), ("import_key",)),
    "journal_notes": (("id",), ("uid",), ("import_key",)),
    "settings": (("key",),),
}

# (table, field) -> (the table it refers to, the field there, what a person calls it)
REFERENCES: Mapping[tuple[str, str], tuple[str, str, str]] = {
    ("items", "parent_id"): ("items", "id", "item"),
    ("item_tags", "item_id"): ("items", "id", "item"),
    ("item_tags", "tag_id"): ("tags", "id", "tag"),
    ("item_links", "item_id"): ("items", "id", "item"),
    ("reading_notes", "item_id"): ("items", "id", "item"),
    ("reading_passes", "item_id"): ("items", "id", "item"),
    ("board_cards", "item_id"): ("items", "id", "item"),
    ("planned_weeks", "item_id"): ("items", "id", "item"),
    ("reminders", "item_id"): ("items", "id", "item"),
    ("repeat_history", "item_id"): ("items", "id", "item"),
    ("time_blocks", "item_id"): ("items", "id", "item"),
    ("time_entries", "item_id"): ("items", "id", "item"),
    ("time_entries", "block_id"): ("time_blocks", "id", "time block"),
    ("unit_goals", "unit_id"): ("study_units", "id", "unit"),
    ("unit_goals", "category_id"): ("goal_categories", "id", "goal category"),
    ("goal_items", "goal_id"): ("unit_goals", "id", "goal"),
    ("goal_items", "item_id"): ("items", "id", "item"),
    ("unit_review_items", "unit_id"): ("study_units", "id", "unit"),
    ("unit_review_items", "item_id"): ("items", "id", "item"),
    ("log_entries", "day"): ("log_days", "day", "log day"),
}
