"""What the focus timer's menus offer to start on (the tray's "Start focus on", the idle
question's "Split off to"): this week's open cards."""

from __future__ import annotations

from datetime import datetime

from app.domain.weeks import Week
from app.services.settings import preferences
from app.store.db import Store

LISTED = 12  # cards a menu offers


def week_cards(store: Store, today: datetime, limit: int = LISTED) -> list[tuple[int, str]]:
    """(id, title) of this week's open Active cards, then its To do ones, in board order."""
    week = Week.containing(today.date(), preferences(store).week_start)
    rows = store.raw.execute(
        "SELECT i.id, i.title FROM board_cards c JOIN items i ON i.id = c.item_id"
        " WHERE c.week = ? AND c.col IN ('active', 'todo') AND i.deleted_at IS NULL"
        " AND i.completed_at IS NULL ORDER BY c.col = 'todo', c.rank LIMIT ?",
        (str(week), limit),
    )
    return [(int(item_id), str(title)) for item_id, title in rows]
