"""The focus timer: one at a time across the window, the command line and the
background instance, kept in the store so it survives a restart.

A timer runs on an item, a block, or both, counting up or in pomodoros. Its state is the
one row of `focus_timer` and the running entry of `time_entries` (no end yet); every
change is one write transaction, so two processes starting timers at once end with one
running (the second start ends the first's entry). A Pomodoro timer moves through its
phases by the stored phase end, whoever looks first (`advance`): focus → break (a long
break after every few pomodoros) → ready for the next one, each focus phase recording
its own entry that ends when the phase did, even if nobody was running then.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Literal, NamedTuple

from app.domain.changes import Changes
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.timebox_settings import TimeboxSettings
from app.services.time_entries import check_item, time_changes
from app.services.use_case import use_case
from app.store import time_rows
from app.store.db import Store
from app.store.time_rows import EntryRow, TimerRow

IdleChoice = Literal["keep", "drop", "split"]


class FocusState(NamedTuple):
    """The running timer as the views and the command line show it."""

    mode: str  # timer | pomodoro
    phase: str  # focus | break | long_break | ready
    item_id: int | None
    block_id: int | None
    title: str  # the item's title, the block's, or ""
    entry: EntryRow | None  # the running entry (None in a break or when ready)
    phase_started_at: datetime
    phase_ends_at: datetime | None  # a pomodoro's or a break's planned end
    pomodoros: int

    def elapsed(self, now: datetime) -> float:
        """Seconds into the phase."""
        return max(0.0, (now - self.phase_started_at).total_seconds())

    def remaining(self, now: datetime) -> float | None:
        """Seconds left in a Pomodoro phase; None when counting up."""
        if self.phase_ends_at is None:
            return None
        return max(0.0, (self.phase_ends_at - now).total_seconds())


class PhaseEnd(NamedTuple):
    """A Pomodoro phase that ended: what a notification says."""

    phase: str  # the phase that ended: focus | break | long_break
    at: datetime
    next_phase: str
    pomodoros: int
    title: str


def utc(moment: datetime) -> datetime:
    """`moment` in UTC. Arithmetic on aware times in a named zone is wall-clock
    arithmetic (25 minutes across a clock change would be an hour off), so every length
    is added in UTC."""
    return moment.astimezone(UTC)


def _title(conn: sqlite3.Connection, item_id: int | None, block_id: int | None) -> str:
    if item_id is not None:
        found = conn.execute("SELECT title FROM items WHERE id = ?", (item_id,)).fetchone()
        if found is not None:
            return str(found[0])
    if block_id is not None:
        block = time_rows.block(conn, block_id)
        if block is not None:
            return block.title
    return ""


def _state(conn: sqlite3.Connection, row: TimerRow | None) -> FocusState | None:
    if row is None:
        return None
    entry = None if row.entry_id is None else time_rows.entry(conn, row.entry_id)
    return FocusState(
        row.mode,
        row.phase,
        row.item_id,
        row.block_id,
        _title(conn, row.item_id, row.block_id),
        entry,
        row.phase_started_at,
        row.phase_ends_at,
        row.pomodoros,
    )


def focus_status(store: Store) -> FocusState | None:
    """The timer as stored (a Pomodoro phase past its end moves on at `advance`)."""
    with store.raw_read() as conn:
        return _state(conn, time_rows.timer(conn))


# A stretch shorter than this is not kept when a timer stops: starting on the wrong card
# and switching at once should not leave entries of a few seconds behind.
MIN_SECONDS = 60


def _close_running(conn: sqlite3.Connection, at: datetime) -> list[int | None]:
    """End every running entry at `at` (never before it started), dropping one shorter
    than a minute; the items touched."""
    touched: list[int | None] = []
    for entry_id in time_rows.running_entries(conn):
        entry = time_rows.entry(conn, entry_id)
        assert entry is not None
        end = max(at, entry.started_at)
        if (end - entry.started_at).total_seconds() < MIN_SECONDS:
            conn.execute("DELETE FROM time_entries WHERE id = ?", (entry_id,))
        else:
            time_rows.end_entry(conn, entry_id, end)
        touched.append(entry.item_id)
    return touched


def _open_entry(
    conn: sqlite3.Connection, row: TimerRow, source: str, at: datetime, now: datetime
) -> int:
    return time_rows.insert_entry(
        conn,
        uid=new_uid(),
        item_id=row.item_id,
        block_id=row.block_id,
        started_at=at,
        ended_at=None,
        source=source,
        note="",
        now=now,
    )


@use_case
def start_focus(
    store: Store,
    *,
    item_id: int | None = None,
    block_id: int | None = None,
    pomodoro: bool = False,
    settings: TimeboxSettings,
    now: datetime,
) -> tuple[FocusState, Changes]:
    """Start the timer on an item or a block (a block's item when it has one). A timer
    already running stops first: its entry ends now."""
    with store.raw_write() as conn:
        if block_id is not None:
            block = time_rows.block(conn, block_id)
            if block is None:
                raise NotFound(f"No time block {block_id}.")
            item_id = block.item_id if item_id is None else item_id
        if item_id is None and block_id is None:
            raise InvalidInput("Say what to focus on: an item or a block.")
        check_item(conn, item_id)
        touched = _close_running(conn, now)
        ends = utc(now) + timedelta(minutes=settings.pomodoro) if pomodoro else None
        mode = "pomodoro" if pomodoro else "timer"
        row = TimerRow(mode, "focus", item_id, block_id, None, now, ends, 0)
        row = row._replace(entry_id=_open_entry(conn, row, mode, now, now))
        time_rows.save_timer(conn, row)
        state = _state(conn, row)
    assert state is not None
    return state, time_changes(item_id, *touched)


@use_case
def stop_focus(
    store: Store, *, now: datetime, at: datetime | None = None
) -> tuple[EntryRow | None, Changes]:
    """Stop the timer; its entry ends at `at` (the moment the screen locked, say) or now.
    The entry it ended; None when the timer was in a break or ready, or the stretch was
    too short to keep."""
    with store.raw_write() as conn:
        row = time_rows.timer(conn)
        if row is None:
            raise NotFound("No focus timer is running.")
        touched = _close_running(conn, now if at is None else min(at, now))
        time_rows.clear_timer(conn)
        entry = None if row.entry_id is None else time_rows.entry(conn, row.entry_id)
    return entry, time_changes(row.item_id, *touched)


@use_case
def advance(
    store: Store, *, settings: TimeboxSettings, now: datetime
) -> tuple[list[PhaseEnd], Changes]:
    """Move a Pomodoro timer through every phase that has ended by `now`; the phase ends,
    for notifications. A focus phase's entry ends at the phase's end."""
    ended: list[PhaseEnd] = []
    with store.raw_write() as conn:
        row = time_rows.timer(conn)
        while row is not None and row.phase_ends_at is not None and row.phase_ends_at <= now:
            at, was = row.phase_ends_at, row.phase
            title = _title(conn, row.item_id, row.block_id)
            if was == "focus":
                if row.entry_id is not None:
                    time_rows.end_entry(conn, row.entry_id, at)
                count = row.pomodoros + 1
                long = count % settings.long_break_every == 0
                length = settings.long_break if long else settings.short_break
                row = row._replace(
                    phase="long_break" if long else "break",
                    entry_id=None,
                    phase_started_at=at,
                    phase_ends_at=at + timedelta(minutes=length),
                    pomodoros=count,
                )
            else:
                row = row._replace(phase="ready", phase_started_at=at, phase_ends_at=None)
            ended.append(PhaseEnd(was, at, row.phase, row.pomodoros, title))
            time_rows.save_timer(conn, row)
    if not ended:
        return [], Changes()
    assert row is not None
    return ended, time_changes(row.item_id)


@use_case
def next_pomodoro(
    store: Store, *, settings: TimeboxSettings, now: datetime
) -> tuple[FocusState, Changes]:
    """Start the next pomodoro of a Pomodoro timer, in a break (cutting it short) or
    ready."""
    with store.raw_write() as conn:
        row = time_rows.timer(conn)
        if row is None or row.mode != "pomodoro":
            raise NotFound("No Pomodoro timer is running.")
        if row.phase == "focus":
            raise InvalidInput("A pomodoro is running already.")
        row = row._replace(
            phase="focus",
            phase_started_at=now,
            phase_ends_at=utc(now) + timedelta(minutes=settings.pomodoro),
        )
        row = row._replace(entry_id=_open_entry(conn, row, "pomodoro", now, now))
        time_rows.save_timer(conn, row)
        state = _state(conn, row)
    assert state is not None
    return state, time_changes(row.item_id)


@use_case
def resolve_idle(
    store: Store,
    *,
    idle_from: datetime,
    returned_at: datetime,
    choice: IdleChoice,
    split_item_id: int | None = None,
    now: datetime,
) -> Changes:
    """What the time away from the computer counts as, asked on return:
    keep: the running entry keeps it; drop: it counts for nothing (the entry ends when
    idle began and a new one starts at the return; a pomodoro's end moves by as much);
    split: it becomes an entry of its own, for `split_item_id` or for no item, and the
    timer goes on from the return."""
    if returned_at <= idle_from:
        raise InvalidInput("Idle time ends after it starts.")
    if choice == "keep":
        return Changes()
    with store.raw_write() as conn:
        row = time_rows.timer(conn)
        if row is None or row.entry_id is None:
            return Changes()
        entry = time_rows.entry(conn, row.entry_id)
        assert entry is not None
        idle_from = max(idle_from, entry.started_at)
        time_rows.end_entry(conn, row.entry_id, idle_from)
        touched = [row.item_id]
        if choice == "split":
            check_item(conn, split_item_id)
            time_rows.insert_entry(
                conn,
                uid=new_uid(),
                item_id=split_item_id,
                block_id=None,
                started_at=idle_from,
                ended_at=returned_at,
                source="manual",
                note="idle time",
                now=now,
            )
            touched.append(split_item_id)
        ends = row.phase_ends_at
        if choice == "drop" and ends is not None:
            ends = ends + (utc(returned_at) - utc(idle_from))
        row = row._replace(
            entry_id=_open_entry(conn, row, entry.source, returned_at, now), phase_ends_at=ends
        )
        time_rows.save_timer(conn, row)
    return time_changes(*touched)
