"""The daily log's focus line: the time spent on a local day, in all and per item, from
the day's time entries ("Focus: 2h10m — MAE paper (1h20m), ablation (50m)"). Derived when
the day is read, like the log's other entries from the board, never stored; an entry
across midnight counts on each day for its part (app/domain/time_days.py)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from app.domain.time_days import day_parts, midnight
from app.domain.timebox import seconds_text
from app.store import time_rows

NO_ITEM = "other"  # time not tied to an item, named in the line as such
SHOWN = 5  # items named in the line; the rest are counted as "N more"


class FocusItem(NamedTuple):
    item_id: int | None
    title: str
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {"item_id": self.item_id, "title": self.title, "seconds": round(self.seconds, 3)}


class DayFocus(NamedTuple):
    seconds: float
    items: tuple[FocusItem, ...]  # most time first

    def line(self) -> str:
        """ "Focus: 2h10m — MAE paper (1h20m), ablation (50m)"."""
        named = [f"{i.title} ({seconds_text(i.seconds)})" for i in self.items[:SHOWN]]
        if len(self.items) > SHOWN:
            named.append(f"{len(self.items) - SHOWN} more")
        return f"Focus: {seconds_text(self.seconds)} — {', '.join(named)}"

    def to_dict(self) -> dict[str, object]:
        return {"seconds": round(self.seconds, 3), "items": [i.to_dict() for i in self.items]}


def day_focus(conn: sqlite3.Connection, day: date, tz: tzinfo, now: datetime) -> DayFocus | None:
    """The time spent on `day` (the running entry up to `now`), or None for none at all
    (under a minute is none: the line would read "0m")."""
    start, end = midnight(day, tz), midnight(day + timedelta(days=1), tz)
    spent: dict[int | None, float] = {}
    titles: dict[int | None, str] = {None: NO_ITEM}
    for entry in time_rows.entries_between(conn, start, end):
        stop = entry.ended_at if entry.ended_at is not None else max(now, entry.started_at)
        for _, seconds in day_parts(entry.started_at, stop, tz, first=day, last=day):
            spent[entry.item_id] = spent.get(entry.item_id, 0.0) + seconds
        if entry.item_id is not None:
            titles[entry.item_id] = entry.title
    total = sum(spent.values())
    if total < 60:
        return None
    items = sorted(
        (FocusItem(item, titles[item], seconds) for item, seconds in spent.items()),
        key=lambda i: (i.item_id is None, -i.seconds, i.title),
    )
    return DayFocus(total, tuple(i for i in items if i.seconds >= 60))
