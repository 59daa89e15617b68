"""The smart lists TickTick users expect: "Today" (overdue, due today, or planned in a
block today) and "Next 7 days" (overdue, or due from today through the sixth day after),
plus "Overdue" alone. Open items only: completed and trashed items are never in them.

"Today" is the day of `now` on the clock it carries (the caller's local time, with its
offset), never the UTC day: at 00:30 in Shanghai it is still yesterday in UTC, and due
dates are the user's days.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from app.domain.entities import ItemRecord
from app.domain.errors import InvalidInput
from app.store import item_rows, smart_rows
from app.store.db import Store
from app.store.smart_rows import SmartCounts

LISTS: Final = ("today", "overdue", "7d")
TITLES: Final = {"today": "Today", "overdue": "Overdue", "7d": "Next 7 days"}


def local_day(now: datetime) -> date:
    """The user's day at `now`, read on the clock `now` carries."""
    return now.date()


def smart_ids(store: Store, name: str, now: datetime) -> list[int]:
    if name not in LISTS:
        raise InvalidInput(f"No list '{name}'; choose one of {', '.join(LISTS)}.")
    with store.raw_read() as conn:
        return smart_rows.list_ids(conn, name, local_day(now))


def smart_list(store: Store, name: str, now: datetime) -> list[ItemRecord]:
    """The items of list `name` ('today', 'overdue', '7d'), the most overdue first."""
    ids = smart_ids(store, name, now)
    with store.raw_read() as conn:
        return item_rows.fetch_records(conn, ids)


def smart_counts(store: Store, now: datetime) -> SmartCounts:
    with store.raw_read() as conn:
        return smart_rows.counts(conn, local_day(now))
