"""Raw-SQL reads of the smart lists ("Today", "Next 7 days"): open items by due date and
items planned on a day. The sidebar counts them after every change, so the counts are
one query."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Final, NamedTuple

WEEK_AHEAD: Final = 7  # "Next 7 days": today and the six days after it

# Open items: neither completed nor in the trash.
_OPEN = "i.deleted_at IS NULL AND i.completed_at IS NULL"
_PLANNED = "EXISTS (SELECT 1 FROM time_blocks b WHERE b.item_id = i.id AND b.day = :today)"
# Each list's condition, over `items i` with :today and :last bound.
CONDITIONS: Final = {
    "overdue": f"{_OPEN} AND i.due_date < :today",
    "today": f"{_OPEN} AND (i.due_date <= :today OR {_PLANNED})",
    "7d": f"{_OPEN} AND i.due_date <= :last",
}


class SmartCounts(NamedTuple):
    overdue: int
    today: int
    next_days: int  # "Next 7 days"


def _params(today: date) -> dict[str, str]:
    last = today + timedelta(days=WEEK_AHEAD - 1)
    return {"today": today.isoformat(), "last": last.isoformat()}


def list_ids(conn: sqlite3.Connection, name: str, today: date) -> list[int]:
    """The open items of smart list `name` ('overdue', 'today', '7d'), the most overdue
    first, then by due time; items planned today without a due date last."""
    rows = conn.execute(
        f"SELECT i.id FROM items i WHERE {CONDITIONS[name]}"
        " ORDER BY i.due_date IS NULL, i.due_date, i.due_time IS NULL, i.due_time, i.id",
        _params(today),
    )
    return [int(r[0]) for r in rows]


def counts(conn: sqlite3.Connection, today: date) -> SmartCounts:
    """How many open items each list holds, in one pass over the due-date index."""
    found = conn.execute(
        "SELECT"
        f" COALESCE(SUM({CONDITIONS['overdue']}), 0),"
        f" COALESCE(SUM({CONDITIONS['today']}), 0),"
        f" COALESCE(SUM({CONDITIONS['7d']}), 0)"
        f" FROM items i WHERE {_OPEN} AND (i.due_date <= :last OR {_PLANNED})",
        _params(today),
    ).fetchone()
    return SmartCounts(int(found[0]), int(found[1]), int(found[2]))
