"""Time on the board: what each card has had spent on it against its estimate, a column's
sums, and the week's load against the working hours it has left.

A column reads its cards' time in one query per reload (`column_time`), never per card;
the week adds the columns' sums to the minutes planned in blocks on its days.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from app.store import time_rows


class ColumnTime(NamedTuple):
    spent: dict[int, float]  # item id -> seconds spent, for cards with any
    estimates: dict[int, int]  # item id -> estimated minutes, for cards with one

    @property
    def estimate_minutes(self) -> int:
        return sum(self.estimates.values())

    @property
    def spent_seconds(self) -> float:
        return sum(self.spent.values())

    def remaining_minutes(self) -> int:
        """What the estimates leave to do: each card's estimate less its time spent."""
        return sum(
            max(0, minutes - int(self.spent.get(item, 0.0) // 60))
            for item, minutes in self.estimates.items()
        )


NO_TIME = ColumnTime({}, {})


def column_time(
    conn: sqlite3.Connection,
    item_ids: Sequence[int],
    now: datetime,
    known: dict[int, int] | None = None,
) -> ColumnTime:
    """The cards' time spent (the running entry up to `now`) and estimates. `known` holds
    estimates read before (0 for none), by item: only the others are read, and `known`
    learns them. A drop reads the moved cards' estimates, not the column's."""
    if not item_ids:
        return NO_TIME
    cache = {} if known is None else known
    missing = [i for i in item_ids if i not in cache]
    if missing:
        cache.update(dict.fromkeys(missing, 0))
        cache.update(
            (int(item), int(minutes))
            for item, minutes in conn.execute(
                "SELECT id, estimate_minutes FROM items WHERE estimate_minutes > 0"
                " AND id IN (SELECT value FROM json_each(?))",
                (json.dumps(missing),),
            )
        )
    estimates = {i: cache[i] for i in item_ids if cache[i]}
    spent = {i: s for i, s in time_rows.spent_seconds(conn, item_ids, now).items() if s > 0}
    return ColumnTime(spent, estimates)


class WeekLoad(NamedTuple):
    estimate_minutes: int  # every card's estimate
    remaining_minutes: int  # what To do and Active still need, by their estimates
    spent_seconds: float  # on the week's cards, all told
    planned_minutes: int  # in blocks on the week's days
    available_minutes: int  # working hours of the days not yet over

    @property
    def overfull(self) -> bool:
        return self.remaining_minutes > self.available_minutes


def planned_in(conn: sqlite3.Connection, first: date, last: date) -> int:
    """Minutes planned in blocks on the days `first`..`last`."""
    return sum(b.minutes for b in time_rows.blocks_between(conn, first, last))


def available_minutes(first: date, last: date, today: date, day_start: int, day_end: int) -> int:
    """The working hours (`day_start`..`day_end`, minutes) of the days `first`..`last` from
    `today` on: a week that has not started has all of them, a past week none."""
    days = (last - max(first, today)).days + 1
    return max(0, days) * max(0, day_end - day_start)


def week_load(
    conn: sqlite3.Connection,
    columns: Sequence[ColumnTime],
    first: date,
    last: date,
    *,
    today: date,
    work_day: tuple[int, int],
) -> WeekLoad:
    """The week's load from its columns' time (To do, Active, Done, in that order) and
    the blocks on its days; the working hours left are `work_day`'s (start, end) on each
    day from `today` on."""
    return WeekLoad(
        estimate_minutes=sum(c.estimate_minutes for c in columns),
        remaining_minutes=sum(c.remaining_minutes() for c in columns[:2]),
        spent_seconds=sum(c.spent_seconds for c in columns),
        planned_minutes=planned_in(conn, first, last),
        available_minutes=available_minutes(first, last, today, *work_day),
    )
