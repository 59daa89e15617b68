"""What each column of a backlog row says as text: the model's display role and tool
tips, and the delegate's painted cells, read it here so that they say the same."""

from __future__ import annotations

from datetime import date

from app.domain.entities import ItemRecord
from app.domain.enums import Priority
from app.domain.estimates import estimate_text
from app.domain.reading import kind_text
from app.domain.words import day_name
from app.ui.wording import short_day

HEADERS = ("Title", "Kind", "Tags", "Priority", "Due", "Estimate", "Horizon")
TITLE, KIND, TAGS, PRIORITY, DUE, ESTIMATE, HORIZON = range(len(HEADERS))
PRIORITY_NAMES = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}
NOTES_IN_TIP = 400  # characters of the notes a title's tool tip shows
CONTEXT_TIP = "Shown for what is under it: it does not match the filter itself."


def due_label(record: ItemRecord, today: date) -> str:
    """'Today', 'Tomorrow', 'Yesterday', else 'Fri 20 Nov' (with the year when it is
    not this year's), and the time when there is one."""
    due = record.due_date
    assert due is not None
    text = day_name(due, today, capital=True)
    if text is None:
        text = short_day(due) if due.year == today.year else f"{due.day} {due:%b %Y}"
    return f"{text} {record.due_time:%H:%M}" if record.due_time else text


def cell_text(record: ItemRecord, column: int, today: date) -> str:
    if column == TITLE:
        return record.title
    if column == KIND:
        return kind_text(record)
    if column == TAGS:
        return "  ".join(f"#{tag}" for tag in record.tags)
    if column == PRIORITY:
        return PRIORITY_NAMES.get(record.priority, "")
    if column == DUE and record.due_date:
        return due_label(record, today)
    if column == ESTIMATE and record.estimate_minutes:
        return estimate_text(record.estimate_minutes)
    if column == HORIZON and record.horizon:
        return record.horizon.value.capitalize()
    return ""


def title_tip(record: ItemRecord, *, board: str | None, context: bool) -> str:
    """The title's tool tip: the title, where the item is on the board, whether it is
    only shown for context, and the start of its notes."""
    lines = [record.title]
    if board:
        lines.append(board)
    if context:
        lines.append(CONTEXT_TIP)
    tip = "\n".join(lines)
    return f"{tip}\n\n{record.notes[:NOTES_IN_TIP]}" if record.notes else tip
