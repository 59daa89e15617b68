"""What the day planner reads: a day's blocks with the focus time spent in each, the
totals of a week's days, and the candidates to plan (this week's cards, what is due).

Blocks are wall-clock minutes on a local day and time entries UTC moments: a block's
stretch is placed in the zone of `now` (its named zone, config/zone.py), so the focus
time inside a block is the overlap of the two (services/time_entries.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from app.config.zone import zone_of
from app.domain.enums import Column
from app.domain.timebox_settings import TimeboxSettings
from app.domain.weeks import Week
from app.services.time_entries import block_span, block_spent, day_bounds, overlap
from app.store import item_rows, smart_rows, time_rows
from app.store.db import Store
from app.store.item_rows import ItemQuery
from app.store.time_rows import BlockRow


class PlannedBlock(NamedTuple):
    """A block as the planner draws it."""

    row: BlockRow
    spent: float  # seconds of focus time inside the block
    missed: bool  # over, tied to an item, and no focus time in it


class DayTotal(NamedTuple):
    day: date
    planned: int  # minutes in blocks
    spent: float  # seconds in time entries, the running one up to now


class Candidate(NamedTuple):
    item_id: int
    planned: int  # minutes planned in the shown week
    spent: float  # seconds spent on it, ever


def day_plan(store: Store, day: date, now: datetime) -> list[PlannedBlock]:
    """`day`'s blocks by start, each with its focus time; a block that is over, is tied
    to an item and had no focus time in it is missed (a meeting's block is not work the
    timer tracks, so it is never missed)."""
    zone = zone_of(now)
    with store.raw_read() as conn:
        blocks = time_rows.blocks_between(conn, day, day)
        entries = time_rows.entries_between(conn, *day_bounds(day, zone)) if blocks else []
    spent = block_spent(blocks, entries, zone, now)
    planned = []
    for block in blocks:
        over = block_span(block, zone)[1] <= now
        missed = over and block.item_id is not None and not spent[block.id]
        planned.append(PlannedBlock(block, spent[block.id], missed))
    return planned


def week_totals(store: Store, days: Sequence[date], now: datetime) -> list[DayTotal]:
    """Planned minutes and time spent on each of `days` (consecutive), in two queries."""
    first, last = days[0], days[-1]
    zone = zone_of(now)
    with store.raw_read() as conn:
        planned = {
            date.fromisoformat(str(day)): int(total)
            for day, total in conn.execute(
                "SELECT b.day, SUM(b.minutes) FROM time_blocks b"
                " LEFT JOIN items i ON i.id = b.item_id"
                " WHERE b.day BETWEEN ? AND ? AND (b.item_id IS NULL OR i.deleted_at IS NULL)"
                " GROUP BY b.day",
                (first.isoformat(), last.isoformat()),
            )
        }
        entries = time_rows.entries_between(
            conn, day_bounds(first, zone)[0], day_bounds(last, zone)[1]
        )
    totals = []
    for day in days:
        start, end = day_bounds(day, zone)
        spent = sum(overlap(e, start, end, now) for e in entries)
        totals.append(DayTotal(day, planned.get(day, 0), spent))
    return totals


def available_minutes(settings: TimeboxSettings) -> int:
    """The working hours a day offers, against which its plan is measured."""
    return settings.day_end - settings.day_start


def candidate_sections(store: Store, week: Week, now: datetime) -> list[tuple[str, list[int]]]:
    """What to plan: the week's To do and Active cards, then what is due (overdue,
    today, the next seven days) from the whole backlog and not on the week already."""
    with store.raw_read() as conn:
        on_week = [
            *item_rows.query_ids(conn, ItemQuery(week=str(week), column=Column.TODO)),
            *item_rows.query_ids(conn, ItemQuery(week=str(week), column=Column.ACTIVE)),
        ]
        seen = set(on_week)
        due = [i for i in smart_rows.list_ids(conn, "7d", now.date()) if i not in seen]
    return [("This week", on_week), ("Due", due)]


def candidate_facts(
    store: Store, ids: Sequence[int], week: Week, week_start: int, now: datetime
) -> dict[int, Candidate]:
    """For each item: minutes planned in `week` and seconds ever spent on it."""
    first, last = week.first_day(week_start), week.last_day(week_start)
    with store.raw_read() as conn:
        planned = time_rows.planned_minutes(conn, ids, first, last)
        spent = time_rows.spent_seconds(conn, ids, now)
    return {i: Candidate(i, planned.get(i, 0), spent.get(i, 0.0)) for i in ids}


def timebox_settings(store: Store) -> TimeboxSettings:
    from app.domain.settings import in_force
    from app.services.settings import stored_settings

    return TimeboxSettings.of(in_force(stored_settings(store)))
