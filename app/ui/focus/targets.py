"""What the timer's menus offer to start on, and calling a menu's choice bare."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from app.domain.weeks import Week
from app.services.settings import preferences
from app.store.db import Store

LISTED = 12  # cards a menu offers


def week_cards(store: Store, today: datetime) -> list[tuple[int, str]]:
    """This week's open Active cards, then its To do ones, in board order."""
    week = Week.containing(today.date(), preferences(store).week_start)
    rows = store.raw.execute(
        "SELECT i.id, i.title FROM board_cards c JOIN items i ON i.id = c.item_id"
        " WHERE c.week = ? AND c.col IN ('active', 'todo') AND i.deleted_at IS NULL"
        " AND i.completed_at IS NULL ORDER BY c.col = 'todo', c.rank LIMIT ?",
        (str(week), LISTED),
    )
    return [(int(item_id), str(title)) for item_id, title in rows]


def no_args(run: Callable[[], object]) -> Callable[[], None]:
    """`run` as a menu's slot: `triggered` would pass `checked` as its first argument
    (`stop`'s `at`, say)."""

    def call() -> None:
        run()

    return call
