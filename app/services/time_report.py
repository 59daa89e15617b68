"""The time report: for a day, a board week or a study unit, the time planned (blocks) and
spent (entries) per day, per item, per tag, per goal category and in total.

Everything is counted on local days in the zone the caller gives: an entry across midnight,
or across a daylight-saving change, counts on each day for its part
(app/domain/time_days.py); a running entry counts up to `now`. The report is built from
rows of one item on one day, and every total is a sum of those rows, so the totals agree
with each other to the second.

Time not tied to an item is reported under its block's title (or the entry's note). An
item with several tags counts in full for each tag; for categories it counts once
(app/services/time_items.py), so the categories of a day add up to the day.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple, TypeVar

from app.domain.errors import InvalidInput
from app.domain.time_days import day_parts, midnight, minutes_of
from app.domain.weeks import Week
from app.services.time_items import ItemFacts, item_facts
from app.store import time_rows
from app.store.db import Store

NO_ITEM = "Time without an item"
K = TypeVar("K")
KINDS = ("day", "week", "unit")


class ReportSpan(NamedTuple):
    kind: str  # day | week | unit
    label: str  # "2026-11-20", "2026-W47", "Unit 3: 11-10 to 11-19"
    first: date
    last: date

    def dates(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


class Totals(NamedTuple):
    planned_minutes: int = 0
    spent_seconds: float = 0.0

    def __add__(self, other: object) -> Totals:
        if not isinstance(other, Totals):
            return NotImplemented
        return Totals(
            self.planned_minutes + other.planned_minutes, self.spent_seconds + other.spent_seconds
        )

    @property
    def spent_minutes(self) -> float:
        return minutes_of(self.spent_seconds)

    def to_dict(self) -> dict[str, object]:
        return {"planned_minutes": self.planned_minutes, "spent_minutes": self.spent_minutes}


class ReportRow(NamedTuple):
    """One item (or one title of time without an item) on one day."""

    day: date
    item_id: int | None
    title: str
    category: str | None
    tags: tuple[str, ...]
    totals: Totals


class TimeReport(NamedTuple):
    span: ReportSpan
    zone: str
    rows: tuple[ReportRow, ...]  # by day, then item id (None last), then title

    # --- sums -----------------------------------------------------------------------------

    @property
    def total(self) -> Totals:
        return _sum(row.totals for row in self.rows)

    def days(self) -> list[tuple[date, Totals]]:
        """Every day of the span, with nothing on it too."""
        by_day = self._grouped(lambda row: [row.day])
        return [(day, by_day.get(day, Totals())) for day in self.span.dates()]

    def day_categories(self) -> dict[date, dict[str | None, Totals]]:
        found: dict[date, dict[str | None, Totals]] = {}
        for row in self.rows:
            day = found.setdefault(row.day, {})
            day[row.category] = day.get(row.category, Totals()) + row.totals
        return found

    def items(self) -> list[tuple[int | None, str, Totals]]:
        """(item id, title, totals), most time spent first."""
        grouped = self._grouped(lambda row: [(row.item_id, row.title)])
        return [(key[0], key[1], totals) for key, totals in _ordered(grouped)]

    def categories(self) -> list[tuple[str | None, Totals]]:
        """Per goal category (None: time no category matches), most time spent first."""
        return _ordered(self._grouped(lambda row: [row.category]))

    def tags(self) -> list[tuple[str | None, Totals]]:
        """Per tag (None: items without tags); an item counts for each of its tags."""
        return _ordered(self._grouped(lambda row: list(row.tags) or [None]))

    def _grouped(self, keys: Callable[[ReportRow], Iterable[K]]) -> dict[K, Totals]:
        found: dict[K, Totals] = {}
        for row in self.rows:
            for key in keys(row):
                found[key] = found.get(key, Totals()) + row.totals
        return found

    # --- output ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, object]:
        categories = self.day_categories()
        return {
            "kind": self.span.kind,
            "label": self.span.label,
            "first": self.span.first.isoformat(),
            "last": self.span.last.isoformat(),
            "zone": self.zone,
            "total": self.total.to_dict(),
            "days": [
                {
                    "date": day.isoformat(),
                    **totals.to_dict(),
                    "categories": [
                        {"category": name, **part.to_dict()}
                        for name, part in _ordered(categories.get(day, {}))
                    ],
                }
                for day, totals in self.days()
            ],
            "items": [
                {"id": item_id, "title": title, **totals.to_dict()}
                for item_id, title, totals in self.items()
            ],
            "categories": [
                {"category": name, **totals.to_dict()} for name, totals in self.categories()
            ],
            "tags": [{"tag": name, **totals.to_dict()} for name, totals in self.tags()],
        }

    def csv_text(self) -> str:
        """One line per item per day, for a spreadsheet's pivot table."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["date", "item_id", "title", "category", "tags", "planned_minutes", "spent_minutes"]
        )
        for row in self.rows:
            writer.writerow(
                [
                    row.day.isoformat(),
                    "" if row.item_id is None else row.item_id,
                    row.title,
                    row.category or "",
                    " ".join(f"#{tag}" for tag in row.tags),
                    row.totals.planned_minutes,
                    row.totals.spent_minutes,
                ]
            )
        return out.getvalue()


def _sum(values: Iterable[Totals]) -> Totals:
    total = Totals()
    for value in values:
        total += value
    return total


def _ordered(grouped: dict[K, Totals]) -> list[tuple[K, Totals]]:
    """Most time spent first, then most planned; what has no name last."""
    return sorted(
        grouped.items(),
        key=lambda pair: (pair[0] is None, -pair[1].spent_seconds, -pair[1].planned_minutes),
    )


# --- spans ----------------------------------------------------------------------------------


def day_span(day: date) -> ReportSpan:
    return ReportSpan("day", day.isoformat(), day, day)


def week_span(week: Week, week_start: int = 0) -> ReportSpan:
    return ReportSpan("week", str(week), week.first_day(week_start), week.last_day(week_start))


def unit_span(store: Store, number: int) -> ReportSpan:
    from app.services.unit_records import unit_by_number

    unit = unit_by_number(store, number)  # NotFound
    return ReportSpan("unit", unit.title, unit.start, unit.last)


# --- the report -----------------------------------------------------------------------------


class _Key(NamedTuple):
    day: date
    item_id: int | None
    title: str  # for time without an item


def time_report(store: Store, span: ReportSpan, *, now: datetime, zone: tzinfo) -> TimeReport:
    """The report over `span`'s local days in `zone`."""
    if span.last < span.first:
        raise InvalidInput("A report's last day comes on or after its first.")
    conn = store.raw
    cells: dict[_Key, Totals] = {}

    def add(key: _Key, totals: Totals) -> None:
        cells[key] = cells.get(key, Totals()) + totals

    for block in time_rows.blocks_between(conn, span.first, span.last):
        untied = "" if block.item_id is not None else block.title or NO_ITEM
        add(_Key(block.day, block.item_id, untied), Totals(planned_minutes=block.minutes))
    start, end = midnight(span.first, zone), midnight(span.last + timedelta(days=1), zone)
    for entry in time_rows.entries_between(conn, start, end):
        stop = entry.ended_at if entry.ended_at is not None else max(now, entry.started_at)
        untied = "" if entry.item_id is not None else entry.note or NO_ITEM
        for day, seconds in day_parts(
            entry.started_at, stop, zone, first=span.first, last=span.last
        ):
            add(_Key(day, entry.item_id, untied), Totals(spent_seconds=seconds))
    facts = item_facts(conn, {key.item_id for key in cells if key.item_id is not None})
    rows = [_row(key, totals, facts) for key, totals in cells.items()]
    rows.sort(key=lambda r: (r.day, r.item_id is None, r.item_id or 0, r.title))
    return TimeReport(span, getattr(zone, "key", str(zone)), tuple(rows))


def _row(key: _Key, totals: Totals, facts: dict[int, ItemFacts]) -> ReportRow:
    if key.item_id is None:
        return ReportRow(key.day, None, key.title, None, (), totals)
    known = facts.get(key.item_id, ItemFacts(f"Item {key.item_id}", "task", (), None))
    return ReportRow(key.day, key.item_id, known.title, known.category, known.tags, totals)
