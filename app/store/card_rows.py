"""Board cards in raw SQL, for services that move a card as part of a raw transaction
(a repeating item moving on to its next occurrence). Placement by hand, with anchors
and respacing, is `services/board.place` over the ORM."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import NamedTuple

from app.domain.enums import Column
from app.domain.ranks import STEP
from app.store.item_rows import note_planned_week


class CardPlace(NamedTuple):
    week: str  # YYYY-Www
    column: Column


def card_of(conn: sqlite3.Connection, item_id: int) -> CardPlace | None:
    """Where the item's card is, or None when it is on no board."""
    found = conn.execute(
        "SELECT week, col FROM board_cards WHERE item_id = ?", (item_id,)
    ).fetchone()
    return None if found is None else CardPlace(str(found[0]), Column(str(found[1])))


def to_bottom(
    conn: sqlite3.Connection, item_id: int, week: str, column: Column, now: datetime
) -> bool:
    """Move the item's card to the bottom of `column` in `week`, the week joining its
    trail; whether it moved (False when it is on no board or already there). Its
    carry-over count stays: moving a card is not a rollover."""
    current = card_of(conn, item_id)
    if current is None or current == CardPlace(week, column):
        return False
    row = conn.execute(
        "SELECT MAX(rank) FROM board_cards WHERE week = ? AND col = ?", (week, column.value)
    ).fetchone()
    conn.execute(
        "UPDATE board_cards SET week = ?, col = ?, rank = ? WHERE item_id = ?",
        (week, column.value, (row[0] or 0) + STEP, item_id),
    )
    note_planned_week(conn, item_id, week, now)
    return True
