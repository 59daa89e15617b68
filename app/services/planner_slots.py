"""Planning cards on a day without choosing a time ("Plan in Today" on the board): each
goes to the next free place of the day, as long as what is left of its estimate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from app.domain.changes import Changes
from app.domain.timebox import Span
from app.domain.timebox_slots import next_free_start
from app.services.time_blocks import add_block, remaining_minutes
from app.services.use_case import use_case
from app.store import time_rows
from app.store.db import Store
from app.store.time_rows import BlockRow


@use_case
def plan_next_free(
    store: Store, item_ids: Sequence[int], *, day: date, earliest: int, now: datetime
) -> tuple[list[BlockRow], Changes]:
    """Blocks for `item_ids` on `day`, one after another in the free time from minute
    `earliest` on (the caller passes now on today, the working day's start otherwise)."""
    placed: list[BlockRow] = []
    changes = Changes()
    with store.raw_write() as conn:
        for item_id in item_ids:
            spans = [
                Span(b.id, b.start, b.minutes) for b in time_rows.blocks_between(conn, day, day)
            ]
            length = remaining_minutes(conn, item_id, now)
            start = next_free_start(spans, length, earliest)
            block, step = add_block(
                store, day=day, start=start, minutes=length, item_id=item_id, now=now
            )
            placed.append(block)
            changes |= step
    return placed, changes
