"""The day planner's blocks: plan an item (or a titled stretch) at a time of day, move,
resize and remove blocks, push later blocks when one grows, and carry yesterday's
unfinished blocks to today. Each mutation is one `@use_case`.

A block tied to an item that is not on the board of the block's week puts it there (in
To do), so what is planned for a day is on that week's board.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.timebox import (
    DEFAULT_BLOCK,
    SNAP,
    Span,
    check_span,
    grid_after,
    pushed_later,
    snap,
)
from app.services.board import move_card
from app.services.settings import preferences
from app.services.time_entries import check_item, time_changes
from app.services.use_case import use_case
from app.store import time_rows
from app.store.db import Store
from app.store.time_rows import BlockRow

MAX_TITLE = 200


def _block(conn: sqlite3.Connection, block_id: int) -> BlockRow:
    found = time_rows.block(conn, block_id)
    if found is None:
        raise NotFound(f"No time block {block_id}.")
    return found


def remaining_minutes(conn: sqlite3.Connection, item_id: int, now: datetime) -> int:
    """What a new block for the item lasts: its estimate less the time already spent on
    it, on the grid; 30 minutes when it has no estimate or it is used up."""
    estimate = conn.execute(
        "SELECT estimate_minutes FROM items WHERE id = ?", (item_id,)
    ).fetchone()
    if estimate is None or estimate[0] is None:
        return DEFAULT_BLOCK
    spent = time_rows.spent_seconds(conn, [item_id], now).get(item_id, 0.0) / 60
    left = int(estimate[0]) - int(spent)
    return max(SNAP, snap(left)) if left > 0 else DEFAULT_BLOCK


def _put_on_board(store: Store, item_id: int, day: date, now: datetime) -> Changes:
    """Put an open item that is not on the board of `day`'s week in that week's To do."""
    from app.domain.weeks import Week

    week = Week.containing(day, preferences(store).week_start)
    found = store.raw.execute(
        "SELECT i.completed_at, c.week FROM items i LEFT JOIN board_cards c ON c.item_id = i.id"
        " WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    completed, on_week = found
    if completed is not None or on_week == str(week):
        return Changes()
    return move_card(store, item_id, Column.TODO, week=week, now=now)


def _push(conn: sqlite3.Connection, placed: BlockRow) -> None:
    """Move the blocks after `placed` on its day down so none overlaps the one before."""
    others = [
        Span(b.id, b.start, b.minutes)
        for b in time_rows.blocks_between(conn, placed.day, placed.day)
        if b.id != placed.id
    ]
    minutes = {b.key: b.minutes for b in others}
    for block_id, start in pushed_later(
        others, Span(placed.id, placed.start, placed.minutes)
    ).items():
        time_rows.place_block(conn, block_id, placed.day, start, minutes[block_id])


@use_case
def add_block(
    store: Store,
    *,
    day: date,
    start: int,
    minutes: int | None = None,
    item_id: int | None = None,
    title: str = "",
    push: bool = False,
    now: datetime,
) -> tuple[BlockRow, Changes]:
    """Plan `item_id` (or a block titled `title`) on `day` from `start` (minutes after
    midnight) for `minutes`, by default what is left of the item's estimate."""
    title = " ".join(title.split())
    with store.raw_write() as conn:
        if item_id is None:
            if not title:
                raise InvalidInput("A block needs an item or a title.")
            if len(title) > MAX_TITLE:
                raise InvalidInput(f"A block's title is at most {MAX_TITLE} characters.")
            length = minutes if minutes is not None else DEFAULT_BLOCK
        else:
            check_item(conn, item_id)
            title = ""
            length = minutes if minutes is not None else remaining_minutes(conn, item_id, now)
        start = min(start, 24 * 60 - length) if minutes is None else start
        check_span(start, length)
        block_id = time_rows.insert_block(
            conn,
            uid=new_uid(),
            day=day,
            start=start,
            minutes=length,
            item_id=item_id,
            title=title,
            now=now,
        )
        placed = _block(conn, block_id)
        if push:
            _push(conn, placed)
    changes = time_changes(item_id)
    if item_id is not None:
        changes |= _put_on_board(store, item_id, day, now)
    return placed, changes


@use_case
def move_block(
    store: Store,
    block_id: int,
    *,
    start: int,
    day: date | None = None,
    minutes: int | None = None,
    push: bool = False,
    now: datetime,
) -> tuple[BlockRow, Changes]:
    """Move a block to `start` (on `day`, its own by default) and, given `minutes`,
    resize it. With `push`, later blocks move down so none overlaps."""
    with store.raw_write() as conn:
        old = _block(conn, block_id)
        day = old.day if day is None else day
        length = old.minutes if minutes is None else minutes
        check_span(start, length)
        time_rows.place_block(conn, block_id, day, start, length)
        placed = _block(conn, block_id)
        if push:
            _push(conn, placed)
    changes = time_changes(old.item_id)
    if old.item_id is not None and day != old.day:
        changes |= _put_on_board(store, old.item_id, day, now)
    return placed, changes


@use_case
def remove_block(store: Store, block_id: int) -> Changes:
    with store.raw_write() as conn:
        old = _block(conn, block_id)
        time_rows.delete_block(conn, block_id)
    return time_changes(old.item_id)


def unfinished_blocks(store: Store, day: date) -> list[BlockRow]:
    """Blocks of `day` for items still open: what "carry to today" moves."""
    with store.raw_read() as conn:
        blocks = time_rows.blocks_between(conn, day, day)
        ids = [b.item_id for b in blocks if b.item_id is not None]
        done = {
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM items WHERE completed_at IS NOT NULL"
                " AND id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids),),
            )
        }
    return [b for b in blocks if b.item_id is not None and b.item_id not in done]


@use_case
def carry_unfinished(
    store: Store, *, from_day: date, to_day: date, now: datetime
) -> tuple[list[BlockRow], Changes]:
    """Move `from_day`'s blocks of open items to `to_day`: at the same time of day where
    that is still ahead (or `to_day` is not today), else one after another from the next
    grid line at or after now."""
    blocks = unfinished_blocks(store, from_day)
    if not blocks:
        return [], Changes()
    today = now.date()
    cursor = grid_after(now.hour * 60 + now.minute) if to_day == today else 0
    moved: list[BlockRow] = []
    changes = Changes(time=True)
    with store.raw_write():
        for block in blocks:
            start = block.start if block.start >= cursor else cursor
            start = min(start, 24 * 60 - block.minutes)
            placed, step = move_block(store, block.id, day=to_day, start=start, now=now)
            cursor = max(cursor, placed.end) if start != block.start else cursor
            moved.append(placed)
            changes |= step
    return moved, changes


def day_blocks(store: Store, day: date) -> list[BlockRow]:
    with store.raw_read() as conn:
        return time_rows.blocks_between(conn, day, day)
