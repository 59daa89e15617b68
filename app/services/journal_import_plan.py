"""Planning a journal import: what the parsed journal holds, split into what is new and
what the log already has.

Entries and notes carry an import key (a digest of their day, heading and text); an
entry whose exact text is already on its day counts as present too, so importing an
export of the log adds nothing either. A unit is present when a unit on the same days
is (whatever its number, so that a unit imported under another number is present when
the journal is imported again); a unit whose number the store gives to other days is
imported under the next free number, with a notice saying so; a new unit that would
share days with another is reported, not imported. Goal categories a journal names and
the store lacks are planned as new. Planning only reads: a dry run is
the plan's report, and the writer (journal_import_write.py) writes what it holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import NamedTuple

from app.domain.journal.parse import (
    Anomaly,
    NoteKind,
    ParsedEntry,
    ParsedJournal,
    ParsedNote,
    entry_keys,
    note_key,
)
from app.domain.journal.unit_lines import UnitDefinition
from app.domain.units import UnitSpan, find_category
from app.services.journal_import_summary import ImportReport, covered_span
from app.services.journal_preamble import NewItem, preamble_items


class NewEntry(NamedTuple):
    entry: ParsedEntry
    key: str


class NewNote(NamedTuple):
    note: ParsedNote
    body: str
    key: str


class NewGoal(NamedTuple):
    category: str  # the existing category's name, or the new one's
    target: int
    stretch: int | None
    description: str


class NewUnit(NamedTuple):
    unit: UnitDefinition
    number: int  # the number it is imported under: the journal's, unless that is taken
    span: UnitSpan
    goals: tuple[NewGoal, ...]


class ImportPlan:
    """Everything the journal holds, split into what is new and what is present."""

    def __init__(
        self, conn: sqlite3.Connection, parsed: ParsedJournal, as_items: bool, now: datetime
    ) -> None:
        self.parsed = parsed
        self.now = now
        self.anomalies = list(parsed.anomalies)
        self.skipped = {"entries": 0, "notes": 0, "units": 0}
        self.notices: list[str] = []
        self.entries = self._entries(conn)
        self.notes, self.items = self._notes(conn, as_items)
        self.categories: list[str] = []
        self.units = self._units(conn)

    @property
    def item_count(self) -> int:
        def count(items: Sequence[NewItem]) -> int:
            return sum(1 + count(item.children) for item in items)

        return count(self.items)

    @property
    def total(self) -> int:
        return len(self.entries) + len(self.notes) + len(self.units) + self.item_count

    def _entries(self, conn: sqlite3.Connection) -> list[NewEntry]:
        entries = self.parsed.entries
        contents = [(e.day, e.end_day, e.heading, e.body) for e in entries]
        keys = entry_keys(contents)
        present = _present_keys(conn, "log_entries", keys)
        days_with_entries = {row[0] for row in conn.execute("SELECT DISTINCT day FROM log_entries")}
        occurrence: dict[tuple[date, date | None, str, str], int] = {}
        new = []
        for entry, content, key in zip(entries, contents, keys, strict=True):
            seen = occurrence.get(content, 0)
            occurrence[content] = seen + 1
            if key in present or (
                entry.day.isoformat() in days_with_entries
                and _identical_entries(conn, content) > seen
            ):
                self.skipped["entries"] += 1
                continue
            new.append(NewEntry(entry, key))
        return new

    def _notes(
        self, conn: sqlite3.Connection, as_items: bool
    ) -> tuple[list[NewNote], list[NewItem]]:
        notes: list[NewNote] = []
        items: list[NewItem] = []
        for note in self.parsed.notes:
            body = note.body
            mode = note.kind.value
            if as_items and note.kind is NoteKind.PREAMBLE:
                mode = f"{mode} as items"
                planned_items, body = preamble_items(note.body, self.now)
            else:
                planned_items = []
            key = note_key(mode, note.body)
            if _present_keys(conn, "journal_notes", [key]):
                self.skipped["notes"] += 1
                continue
            notes.append(NewNote(note, body, key))
            items.extend(planned_items)
        return notes, items

    def _units(self, conn: sqlite3.Connection) -> list[NewUnit]:
        spans = {
            int(number): UnitSpan(date.fromisoformat(start), int(days))
            for number, start, days in conn.execute(
                "SELECT number, start_date, days FROM study_units"
            )
        }
        known = [str(row[0]) for row in conn.execute("SELECT name FROM goal_categories")]
        # Units without a year or days were reported as anomalies by the parser.
        readable = [
            (unit, UnitSpan(unit.start, unit.days))
            for unit in self.parsed.units
            if unit.start is not None and unit.days >= 1
        ]
        # Numbers the journal's units will keep: a renumbered unit does not take them.
        wanted = {unit.number for unit, _ in readable} - spans.keys()
        units = []
        for unit, span in readable:
            if span in spans.values():
                self.skipped["units"] += 1  # imported before (perhaps renumbered), or made
                continue
            clash = next((n for n, other in spans.items() if other.overlaps(span)), None)
            if clash is not None:
                self.anomalies.append(
                    Anomaly(
                        unit.line,
                        unit.text,
                        None,
                        f"unit {unit.number} would share days with unit {clash}, and units "
                        "never share a day; it was not imported",
                    )
                )
                continue
            number = unit.number
            if number in spans:
                number = _next_free(number, spans.keys() | wanted)
                self.notices.append(_renumbered(unit, span, number, spans[unit.number]))
            goals = []
            for spec in unit.goals:
                name = " ".join(spec.category.split())[:64]
                if not name or "=" in name:
                    continue
                found = find_category(name, known)
                if found is None:
                    known.append(name)
                    self.categories.append(name)
                    found = name
                goals.append(NewGoal(found, spec.target, spec.stretch, spec.description))
            spans[number] = span
            units.append(NewUnit(unit, number, span, tuple(goals)))
        self.anomalies.sort(key=lambda anomaly: anomaly.line)
        return units

    def report(self, source: str, *, dry_run: bool) -> ImportReport:
        parsed = self.parsed
        first_day, last_day = covered_span(parsed.entries)
        return ImportReport(
            source=source,
            dry_run=dry_run,
            direction=parsed.direction,
            days=len({entry.day for entry in parsed.entries}),
            ranges=parsed.range_count,
            entries=len(parsed.entries),
            notes=len(parsed.notes),
            units=sum(u.start is not None and u.days > 0 for u in parsed.units),
            items=self.item_count,
            added={
                "entries": len(self.entries),
                "notes": len(self.notes),
                "units": len(self.units),
                "items": self.item_count,
                "categories": len(self.categories),
            },
            skipped=dict(self.skipped),
            anomalies=tuple(self.anomalies),
            first_day=first_day,
            last_day=last_day,
            notices=(*parsed.notices, *self.notices),
        )


def _next_free(number: int, taken: Collection[int]) -> int:
    """The first number after `number` that no unit has or will have."""
    while number in taken:
        number += 1
    return number


def _renumbered(unit: UnitDefinition, span: UnitSpan, number: int, other: UnitSpan) -> str:
    return (
        f"Unit {unit.number} (line {unit.line}, {_days(span)}) is imported as unit {number}: "
        f"unit {unit.number} is already on other days ({_days(other)})."
    )


def _days(span: UnitSpan) -> str:
    return f"{span.start.isoformat()} to {span.last.isoformat()}"


def _present_keys(conn: sqlite3.Connection, table: str, keys: Sequence[str]) -> set[str]:
    present: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        marks = ",".join("?" * len(chunk))
        present.update(
            row[0]
            for row in conn.execute(
                f"SELECT import_key FROM {table} WHERE import_key IN ({marks})", chunk
            )
        )
    return present


def _identical_entries(
    conn: sqlite3.Connection, content: tuple[date, date | None, str, str]
) -> int:
    day, end_day, heading, body = content
    row = conn.execute(
        "SELECT COUNT(*) FROM log_entries WHERE day = ? AND end_day IS ? AND heading = ?"
        " AND body = ?",
        (day.isoformat(), end_day.isoformat() if end_day else None, heading, body),
    ).fetchone()
    return int(row[0])
