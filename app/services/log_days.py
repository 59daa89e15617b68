"""Reading the log by day: a day's page, the days with entries, the heatmap and streaks.

A day page holds the entries written for that day (and ranges covering it) and the
entries Rizhi derives from the data when the page is read: items completed that day
(each occurrence of a repeating item done that day, app/store/completions.py), items
captured that day, unit reviews closed that day, and the time spent that day
(app/services/log_focus.py). Derived entries are never
stored, so they cannot go stale. "That day" is the user's local day in the zone given.
A range counts for every day it covers, in the calendar, the heatmap and the streaks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from app.domain.enums import EntrySource
from app.domain.errors import InvalidInput
from app.domain.journal.sequence import MAX_RANGE_DAYS
from app.services.log_entries import ENTRY_COLUMNS, LogEntryRecord, check_day, entry_record
from app.services.log_focus import DayFocus, day_focus
from app.store.completions import completions_between, first_completion
from app.store.db import Store
from app.store.formats import parse_utc, utc_text


class AutoKind(StrEnum):
    COMPLETED = "completed"  # an item completed that day
    CAPTURED = "captured"  # an item created that day
    REVIEWED = "reviewed"  # a unit's review closed that day


class AutoEntry(NamedTuple):
    """An entry the log derives from the data when a day is read; never stored."""

    kind: AutoKind
    text: str  # the item's title, or the unit's title
    at: datetime  # in the zone the page was read in
    item_id: int | None = None
    unit_id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "at": self.at.isoformat(),
            "item_id": self.item_id,
            "unit_id": self.unit_id,
        }


class DayPage(NamedTuple):
    day: date
    title: str
    entries: tuple[LogEntryRecord, ...]  # the day's own, in order, then ranges covering it
    auto: tuple[AutoEntry, ...]  # by time
    focus: DayFocus | None = None  # the time spent that day, from its time entries

    def to_dict(self) -> dict[str, object]:
        return {
            "day": self.day.isoformat(),
            "title": self.title,
            "entries": [entry.to_dict() for entry in self.entries],
            "auto": [entry.to_dict() for entry in self.auto],
            "focus": self.focus.to_dict() if self.focus else None,
        }


class LoggedDay(NamedTuple):
    """A day with entries, for a calendar or a list of dates."""

    day: date
    title: str
    entries: int  # entries covering the day, ranges included


class HeatDay(NamedTuple):
    day: date
    entries: int  # log entries covering the day
    completed: int  # items completed that day


class Streaks(NamedTuple):
    """Runs of consecutive logged days (a range counts for every day it covers)."""

    current: int  # the run ending today, or yesterday while today is not logged yet
    longest: int
    current_start: date | None
    longest_start: date | None
    longest_end: date | None
    today_logged: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "current": self.current,
            "longest": self.longest,
            "current_start": self.current_start.isoformat() if self.current_start else None,
            "longest_start": self.longest_start.isoformat() if self.longest_start else None,
            "longest_end": self.longest_end.isoformat() if self.longest_end else None,
            "today_logged": self.today_logged,
        }


# --- a day and the days with entries ------------------------------------------------------


def day_page(store: Store, day: date, *, tz: tzinfo, now: datetime | None = None) -> DayPage:
    """Everything the log shows for `day`: its entries and what Rizhi derives, the time
    spent that day with them (a running timer counted up to `now`, the clock when not
    given). A day outside the years the log keeps is refused (InvalidInput), as writing
    one is."""
    check_day(day, "day")
    with store.raw_read() as conn:
        row = conn.execute(
            "SELECT title FROM log_days WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        entries = [
            entry_record(r)
            for r in conn.execute(
                f"SELECT {ENTRY_COLUMNS} FROM log_entries e WHERE e.day = ?"
                " ORDER BY e.position, e.id",
                (day.isoformat(),),
            )
        ]
        entries += [
            entry_record(r)
            for r in conn.execute(
                f"SELECT {ENTRY_COLUMNS} FROM log_entries e"
                " WHERE e.day < ? AND e.end_day >= ? AND e.day >= ?"
                " ORDER BY e.day, e.position, e.id",
                (day.isoformat(), day.isoformat(), (day - timedelta(MAX_RANGE_DAYS)).isoformat()),
            )
        ]
        auto = _auto_entries(conn, day, tz)
        focus = day_focus(conn, day, tz, now or datetime.now(UTC))
    return DayPage(day, str(row[0]) if row else "", tuple(entries), tuple(auto), focus)


def _day_bounds(day: date, tz: tzinfo) -> tuple[str, str]:
    """The UTC text bounds [day 00:00, next day 00:00) of a local day."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return utc_text(start), utc_text(end)


def _auto_entries(conn: sqlite3.Connection, day: date, tz: tzinfo) -> list[AutoEntry]:
    low, high = _day_bounds(day, tz)
    found = []
    # Captured before completed: an item done the minute it was captured reads in order.
    for item_id, title, at in conn.execute(
        "SELECT id, title, created_at FROM items WHERE deleted_at IS NULL"
        " AND created_at >= ? AND created_at < ? ORDER BY created_at, id",
        (low, high),
    ):
        found.append(
            AutoEntry(AutoKind.CAPTURED, str(title), parse_utc(at).astimezone(tz), item_id=item_id)
        )
    # Each occurrence of a repeating item done that day is one entry (store/completions.py).
    for done in completions_between(conn, low, high):
        moment = parse_utc(done.at).astimezone(tz)
        found.append(AutoEntry(AutoKind.COMPLETED, done.title, moment, item_id=done.item_id))
    for unit_id, number, title, at in conn.execute(
        "SELECT id, number, title, closed_at FROM study_units"
        " WHERE closed_at >= ? AND closed_at < ? ORDER BY closed_at, id",
        (low, high),
    ):
        text = str(title) or f"Unit {number}"
        found.append(
            AutoEntry(AutoKind.REVIEWED, text, parse_utc(at).astimezone(tz), unit_id=unit_id)
        )
    found.sort(key=lambda entry: entry.at)
    return found


def logged_days(
    store: Store, *, start: date | None = None, end: date | None = None
) -> list[LoggedDay]:
    """Days with at least one entry in `start`..`end` (both optional, inclusive), oldest
    first; a range counts for each day it covers."""
    counts = _covered_days(store.raw, start, end)
    titles = dict(store.raw.execute("SELECT day, title FROM log_days WHERE title != ''").fetchall())
    return [
        LoggedDay(day, str(titles.get(day.isoformat(), "")), n) for day, n in sorted(counts.items())
    ]


def neighbour_day(store: Store, day: date, step: int) -> date | None:
    """The nearest logged day before (`step` < 0) or after `day`: a month is read first,
    then a year, then everything, so the common case reads little."""
    for span in (31, 366, None):
        if step < 0:
            start = day - timedelta(days=span) if span else None
            days = logged_days(store, start=start, end=day - timedelta(days=1))
            if days:
                return days[-1].day
        else:
            end = day + timedelta(days=span) if span else None
            days = logged_days(store, start=day + timedelta(days=1), end=end)
            if days:
                return days[0].day
    return None


def _covered_days(
    conn: sqlite3.Connection, start: date | None, end: date | None
) -> dict[date, int]:
    where, params = ["source != ?"], [EntrySource.AUTO.value]
    if end is not None:
        where.append("day <= ?")
        params.append(end.isoformat())
    if start is not None:
        where.append("COALESCE(end_day, day) >= ?")
        params.append(start.isoformat())
    counts: dict[date, int] = {}
    for first_text, last_text in conn.execute(
        f"SELECT day, end_day FROM log_entries WHERE {' AND '.join(where)}", params
    ):
        first = date.fromisoformat(first_text)
        last = date.fromisoformat(last_text) if last_text else first
        if start is not None and first < start:
            first = start
        if end is not None and last > end:
            last = end
        for offset in range(min((last - first).days, MAX_RANGE_DAYS) + 1):
            day = first + timedelta(days=offset)
            counts[day] = counts.get(day, 0) + 1
    return counts


# --- heatmap and streaks ------------------------------------------------------------------


def heatmap(store: Store, *, start: date, end: date, tz: tzinfo) -> list[HeatDay]:
    """Every day from `start` to `end` (inclusive) with its count of log entries and of
    items completed that local day: what a GitHub-style calendar needs."""
    if end < start:
        raise InvalidInput(f"The heatmap ends ({end}) before it starts ({start}).")
    conn = store.raw
    entries = _covered_days(conn, start, end)
    low, _ = _day_bounds(start, tz)
    _, high = _day_bounds(end, tz)
    completed: dict[date, int] = {}
    for done in completions_between(conn, low, high):
        day = parse_utc(done.at).astimezone(tz).date()
        completed[day] = completed.get(day, 0) + 1
    days = (end - start).days + 1
    return [
        HeatDay(day, entries.get(day, 0), completed.get(day, 0))
        for day in (start + timedelta(days=offset) for offset in range(days))
    ]


def first_active_day(store: Store, *, tz: tzinfo) -> date | None:
    """The earliest day with a log entry or an item completed that local day (None when
    there is neither): how far back the heatmap pages."""
    with store.raw_read() as conn:
        (logged,) = conn.execute(
            "SELECT MIN(day) FROM log_entries WHERE source != ?", (EntrySource.AUTO.value,)
        ).fetchone()
        completed = first_completion(conn)
    days = []
    if logged:
        days.append(date.fromisoformat(logged))
    if completed:
        days.append(parse_utc(completed).astimezone(tz).date())
    return min(days, default=None)


def streaks(store: Store, *, today: date) -> Streaks:
    """The current and the longest run of logged days up to `today`. Today not being
    logged yet does not break the current run; yesterday not logged does."""
    return streaks_of(_covered_days(store.raw, None, today), today=today)


def streaks_of(logged: Iterable[date], *, today: date) -> Streaks:
    days = sorted(day for day in set(logged) if day <= today)
    longest, longest_start, longest_end = 0, None, None
    run_start: date | None = None
    previous: date | None = None
    for day in days:
        if previous is None or (day - previous).days != 1:
            run_start = day
        previous = day
        assert run_start is not None
        length = (day - run_start).days + 1
        if length > longest:
            longest, longest_start, longest_end = length, run_start, day
    today_logged = bool(days) and days[-1] == today
    current, current_start = 0, None
    if days and (today - days[-1]).days <= 1 and run_start is not None:
        current = (days[-1] - run_start).days + 1
        current_start = run_start
    return Streaks(current, longest, current_start, longest_start, longest_end, today_logged)
