"""How the command line prints items: one readable line each, or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from app.domain.entities import ItemRecord
from app.domain.enums import Priority
from app.domain.estimates import estimate_text
from app.domain.reading import pass_fraction, pass_text

PRIORITY_MARK = {Priority.HIGH: "!high", Priority.MEDIUM: "!medium", Priority.LOW: "!low"}


def item_line(item: ItemRecord) -> str:
    parts = [f"{item.id:>5}", "[x]" if item.done else "[ ]", item.title]
    if item.kind.value != "task":
        reading = pass_text(item)  # a paper: "pass 1/2"
        parts.append(f"({item.kind.value}, {reading})" if reading else f"({item.kind.value})")
    parts.extend(f"#{tag}" for tag in item.tags)
    if item.priority in PRIORITY_MARK:
        parts.append(PRIORITY_MARK[item.priority])
    if item.estimate_minutes:
        parts.append(f"~{estimate_text(item.estimate_minutes)}")
    if item.due_date:
        due = f"due {item.due_date:%a %Y-%m-%d}"
        if item.due_time:
            due += f" {item.due_time:%H:%M}"
        parts.append(due)
    if item.placement:
        parts.append(f"[{item.placement.week} {item.placement.column.label}]")
    if item.deleted_at:
        parts.append("(in trash)")
    return "  ".join(parts)


def item_details(item: ItemRecord) -> str:
    lines = [item_line(item).strip()]
    fields = {
        "horizon": item.horizon.value if item.horizon else None,
        "parent": item.parent_id,
        "reading pass": _reading_pass(item),
        "created": f"{item.created_at.astimezone():%Y-%m-%d %H:%M}",
        "completed": f"{item.completed_at.astimezone():%Y-%m-%d %H:%M}"
        if item.completed_at
        else None,
        "planned in": ", ".join(item.planned_weeks) or None,
        "carried over": item.placement.carried_over
        if item.placement and item.placement.carried_over
        else None,
    }
    lines.extend(f"  {name}: {value}" for name, value in fields.items() if value is not None)
    if item.notes:
        lines.append("")
        lines.extend(f"  {line}" for line in item.notes.splitlines())
    return "\n".join(lines)


def _reading_pass(item: ItemRecord) -> str | None:
    """ "1/2 (target 2)", "1/3 (no target)": a paper's pass against the chosen one."""
    if not pass_text(item):
        return None
    chosen = f"target {item.target_pass}" if item.target_pass else "no target"
    return f"{pass_fraction(item)} ({chosen})"


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_items(items: Iterable[ItemRecord], as_json: bool) -> None:
    items = list(items)
    if as_json:
        print_json([item.to_dict() for item in items])
        return
    for item in items:
        print(item_line(item))
    if not items:
        print("No items.", file=sys.stderr)


def report_item(verb: str, item: ItemRecord, as_json: bool) -> None:
    """What a command that changed one item prints: the item as JSON, or a line."""
    if as_json:
        print_json(item.to_dict())
    else:
        print(f"{verb} {item_line(item).strip()}")
