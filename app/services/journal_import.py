"""Importing a Markdown journal into the log, in one transaction.

What goes where (app/domain/journal/parse.py reads the file):

* each dated entry becomes a log entry (`source` import) on its day, or on the day the
  sequence suggests when its date was flagged; the flag is stored with it as JSON;
* front matter becomes a journal note with the values as metadata; the text before the
  first date becomes a note too, or, with `preamble_as_items`, backlog items (its list
  lines, nested as written, with the horizon of the section they are in: Today, Short
  term, Long term, Someday) plus a note with its other lines;
* units defined in the journal (`Unit 1: 2-01 to 2-10` and its goals) become study units.

Importing the same journal again adds nothing: entries and notes carry an import key
(a digest of their day, heading and text), and an entry whose exact text is already on
its day counts as present too, so importing an export of the log adds nothing either.
Units are present when their number is. A dry run reads the same way and writes nothing.
Raw SQL: the whole `rizhi import markdown` of a years-long journal has half a second.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import NamedTuple

from app.domain.capture import parse_capture
from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.domain.enums import EntrySource, Horizon
from app.domain.errors import InvalidInput
from app.domain.ids import new_uid
from app.domain.journal.code import LineKind, line_kinds, mask_code_spans
from app.domain.journal.parse import (
    Anomaly,
    NoteKind,
    ParsedEntry,
    ParsedJournal,
    ParsedNote,
    entry_keys,
    note_key,
    parse_journal,
    split_lines,
)
from app.domain.journal.status import LineStatus, line_status, plain_text
from app.domain.journal.unit_lines import UnitDefinition
from app.domain.units import GoalSpec, UnitSpan, default_title, find_category
from app.domain.words import plural
from app.store import item_rows
from app.store.db import Store
from app.store.formats import utc_text

Progress = Callable[[int, int], None]
_PROGRESS_EVERY = 200


class ImportReport(NamedTuple):
    """What a journal holds and what importing it added; the same for a dry run."""

    source: str
    dry_run: bool
    direction: str  # "oldest first", "newest first" or ""
    days: int  # distinct days entries start on
    ranges: int  # entries covering a range of days
    entries: int
    notes: int
    units: int
    items: int  # backlog items made from the preamble
    added: Mapping[str, int]  # entries, notes, units, items, categories
    skipped: Mapping[str, int]  # entries, notes, units already present
    anomalies: tuple[Anomaly, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "direction": self.direction,
            "days": self.days,
            "ranges": self.ranges,
            "entries": self.entries,
            "notes": self.notes,
            "units": self.units,
            "items": self.items,
            "added": dict(self.added),
            "skipped": dict(self.skipped),
            "anomalies": [anomaly.to_dict() for anomaly in self.anomalies],
        }


# What each of the `added` and `skipped` counts is, in words for people.
THING_WORDS = {
    "entries": "entry",
    "notes": "note",
    "units": "unit",
    "items": "backlog item",
    "categories": "goal category",
}


def things_text(counts: Mapping[str, int]) -> str:
    """`3 entries, 1 unit`: the counts of `added` or `skipped` that are not zero."""
    return ", ".join(plural(n, THING_WORDS[name]) for name, n in counts.items() if n)


def load_journal(path: str | os.PathLike[str]) -> str:
    """The text of a journal file (UTF-8, with or without a byte-order mark)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {name}: {exc.strerror}.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{name} is not UTF-8 text (line {line} has bytes that are not). "
            "Save it as UTF-8 in your editor and import it again; nothing was imported."
        ) from exc


def import_file(
    store: Store,
    path: str | os.PathLike[str],
    *,
    now: datetime,
    dry_run: bool = False,
    preamble_as_items: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportReport, Changes]:
    """Read, parse and import the journal at `path`."""
    text = load_journal(path)
    parsed = parse_journal(text, year_hint=now.year)
    return import_journal(
        store,
        parsed,
        now=now,
        source=os.path.abspath(os.fspath(path)),
        dry_run=dry_run,
        preamble_as_items=preamble_as_items,
        progress=progress,
    )


def import_journal(
    store: Store,
    parsed: ParsedJournal,
    *,
    now: datetime,
    source: str = "",
    dry_run: bool = False,
    preamble_as_items: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportReport, Changes]:
    """Import a parsed journal: everything or, on any error, nothing. With `dry_run`
    the report is the same and nothing is written. `progress(done, total)` is called as
    the work advances, last with done == total."""
    if dry_run:
        with store.raw_read() as conn:  # one consistent view of what is present
            plan = _Plan(conn, parsed, preamble_as_items, now)
        if progress is not None:
            progress(plan.total, plan.total)
        return plan.report(source, dry_run=True), Changes()
    with store.raw_write() as conn:
        plan = _Plan(conn, parsed, preamble_as_items, now)
        writer = _Writer(conn, plan, now, source, progress)
        item_ids = writer.run()
        report = plan.report(source, dry_run=False)
        added = report.added
        changes = Changes(
            items=frozenset(item_ids),
            tags=any(item.draft.tags for item in plan.items),
            units=frozenset(writer.unit_ids),
            categories=bool(added["categories"]),
            log=bool(added["entries"] or added["notes"]),
        )
        store.publish(changes)
    return report, changes


# --- planning: what is new ----------------------------------------------------------------


class _NewEntry(NamedTuple):
    entry: ParsedEntry
    key: str


class _NewNote(NamedTuple):
    note: ParsedNote
    body: str
    key: str


class _NewGoal(NamedTuple):
    category: str  # the existing category's name, or the new one's
    target: int
    stretch: int | None
    description: str


class _NewUnit(NamedTuple):
    unit: UnitDefinition
    span: UnitSpan
    goals: tuple[_NewGoal, ...]


class _NewItem(NamedTuple):
    draft: ItemDraft
    done: bool
    children: tuple[_NewItem, ...]


class _Plan:
    """Everything the journal holds, split into what is new and what is present."""

    def __init__(
        self, conn: sqlite3.Connection, parsed: ParsedJournal, as_items: bool, now: datetime
    ) -> None:
        self.parsed = parsed
        self.now = now
        self.anomalies = list(parsed.anomalies)
        self.skipped = {"entries": 0, "notes": 0, "units": 0}
        self.entries = self._entries(conn)
        self.notes, self.items = self._notes(conn, as_items)
        self.categories: list[str] = []
        self.units = self._units(conn)

    @property
    def item_count(self) -> int:
        def count(items: Sequence[_NewItem]) -> int:
            return sum(1 + count(item.children) for item in items)

        return count(self.items)

    @property
    def total(self) -> int:
        return len(self.entries) + len(self.notes) + len(self.units) + self.item_count

    def _entries(self, conn: sqlite3.Connection) -> list[_NewEntry]:
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
            new.append(_NewEntry(entry, key))
        return new

    def _notes(
        self, conn: sqlite3.Connection, as_items: bool
    ) -> tuple[list[_NewNote], list[_NewItem]]:
        notes: list[_NewNote] = []
        items: list[_NewItem] = []
        for note in self.parsed.notes:
            body = note.body
            mode = note.kind.value
            if as_items and note.kind is NoteKind.PREAMBLE:
                mode = f"{mode} as items"
                planned_items, body = _preamble_items(note.body, self.now)
            else:
                planned_items = []
            key = note_key(mode, note.body)
            if _present_keys(conn, "journal_notes", [key]):
                self.skipped["notes"] += 1
                continue
            notes.append(_NewNote(note, body, key))
            items.extend(planned_items)
        return notes, items

    def _units(self, conn: sqlite3.Connection) -> list[_NewUnit]:
        taken = {int(row[0]) for row in conn.execute("SELECT number FROM study_units")}
        spans = [
            (int(number), UnitSpan(date.fromisoformat(start), int(days)))
            for number, start, days in conn.execute(
                "SELECT number, start_date, days FROM study_units"
            )
        ]
        known = [str(row[0]) for row in conn.execute("SELECT name FROM goal_categories")]
        units = []
        for unit in self.parsed.units:
            if unit.start is None or unit.days < 1:
                continue  # already reported as an anomaly by the parser
            if unit.number in taken:
                self.skipped["units"] += 1
                continue
            span = UnitSpan(unit.start, unit.days)
            clash = next((n for n, other in spans if other.overlaps(span)), None)
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
                goals.append(_NewGoal(found, spec.target, spec.stretch, spec.description))
            taken.add(unit.number)
            spans.append((unit.number, span))
            units.append(_NewUnit(unit, span, tuple(goals)))
        self.anomalies.sort(key=lambda anomaly: anomaly.line)
        return units

    def report(self, source: str, *, dry_run: bool) -> ImportReport:
        parsed = self.parsed
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
        )


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


# --- the preamble as backlog items --------------------------------------------------------

_SECTIONS = {
    "today": Horizon.WEEK,
    "thisweek": Horizon.WEEK,
    "week": Horizon.WEEK,
    "今天": Horizon.WEEK,
    "本周": Horizon.WEEK,
    "shortterm": Horizon.SHORT,
    "short": Horizon.SHORT,
    "近期": Horizon.SHORT,
    "短期": Horizon.SHORT,
    "longterm": Horizon.LONG,
    "long": Horizon.LONG,
    "长期": Horizon.LONG,
    "someday": Horizon.SOMEDAY,
    "maybe": Horizon.SOMEDAY,
    "somedaymaybe": Horizon.SOMEDAY,
}


def _section(line: str) -> Horizon | bool | None:
    """The horizon a section line names, None for another section, False for no section."""
    text = line.strip()
    if not (text.startswith("#") or (text.endswith(":") and not text.startswith(("-", "*")))):
        return False
    key = "".join(ch for ch in text.lower() if ch.isalnum())
    return _SECTIONS.get(key)


class _Node:
    """An item being gathered from the preamble, before its children are known."""

    __slots__ = ("children", "done", "draft")

    def __init__(self, draft: ItemDraft, done: bool) -> None:
        self.draft = draft
        self.done = done
        self.children: list[_Node] = []

    def freeze(self) -> _NewItem:
        return _NewItem(self.draft, self.done, tuple(child.freeze() for child in self.children))


def _preamble_items(body: str, now: datetime) -> tuple[list[_NewItem], str]:
    """Backlog items from the list lines of a preamble (nested as indented), and the
    lines left for the note. Struck-out lines are not items: they were dropped; nor is
    anything in a fenced code block, where "- x" and "# x" are code."""
    roots: list[_Node] = []
    stack: list[tuple[int, list[_Node]]] = [(-1, roots)]  # (indent, where children go)
    horizon: Horizon | None = None
    rest: list[str] = []
    lines = split_lines(body)
    for line, kind in zip(lines, line_kinds("\n".join(lines)), strict=True):
        if kind is LineKind.CODE or kind is LineKind.FENCE:
            rest.append(line)
            continue
        section = _section(line)
        if section is not False:
            horizon = section if isinstance(section, Horizon) else None
            stack = [(-1, roots)]
            rest.append(line)
            continue
        indent = _list_indent(line)
        status = line_status(mask_code_spans(line))
        text = plain_text(line)
        if indent is None or status is LineStatus.STRUCK or not text:
            rest.append(line)
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        node = _Node(_draft(text, horizon, now), status is LineStatus.DONE)
        stack[-1][1].append(node)
        stack.append((indent, node.children))
    return [node.freeze() for node in roots], "\n".join(rest).strip("\n")


def _list_indent(line: str) -> int | None:
    """The indent of a list line ("- x", "* x", "1. x"), or None for another line."""
    stripped = line.lstrip(" \t")
    marker, _, rest = stripped.partition(" ")
    if not rest.strip():
        return None
    if marker not in ("-", "*", "+") and not (marker[:-1].isdigit() and marker[-1:] in (".", ")")):
        return None
    return len(line[: len(line) - len(stripped)].expandtabs(4))


def _draft(text: str, horizon: Horizon | None, now: datetime) -> ItemDraft:
    try:
        draft = parse_capture(text, now).to_draft()
    except InvalidInput:
        # Markers the grammar cannot read ("due whenever") are kept as words: the line is
        # the user's own text, and the item is better with it whole than not at all.
        draft = ItemDraft(title=text)
    if draft.horizon is None and horizon is not None:
        draft = draft._replace(horizon=horizon)
    return draft


# --- writing ------------------------------------------------------------------------------


class _Writer:
    def __init__(
        self,
        conn: sqlite3.Connection,
        plan: _Plan,
        now: datetime,
        source: str,
        progress: Progress | None,
    ) -> None:
        self.conn = conn
        self.plan = plan
        self.stamp = utc_text(now)
        self.now = now
        self.source = source
        self.progress = progress
        self.done = 0
        self.unit_ids: list[int] = []

    def advance(self, steps: int) -> None:
        self.done += steps
        if self.progress is not None:
            self.progress(self.done, self.plan.total)

    def run(self) -> list[int]:
        self.entries()
        item_ids = self.items()
        self.notes(item_ids)
        self.units()
        if self.progress is not None and self.done != self.plan.total:
            self.progress(self.plan.total, self.plan.total)
        return item_ids

    def entries(self) -> None:
        conn, new = self.conn, self.plan.entries
        titles: dict[str, str] = {}
        for planned in new:
            entry = planned.entry
            if entry.anomaly is None:
                titles.setdefault(entry.day.isoformat(), entry.heading)
        days = sorted({planned.entry.day.isoformat() for planned in new})
        conn.executemany(
            "INSERT OR IGNORE INTO log_days (day, title) VALUES (?, ?)",
            [(day, titles.get(day, "")) for day in days],
        )
        positions = self._next_positions(days)
        rows = []
        for planned in new:
            entry = planned.entry
            day = entry.day.isoformat()
            position = positions[day]
            positions[day] = position + 1
            anomaly = entry.anomaly
            rows.append(
                (
                    new_uid(),
                    day,
                    entry.end_day.isoformat() if entry.end_day else None,
                    entry.body,
                    EntrySource.IMPORT.value,
                    position,
                    self.stamp,
                    self.stamp,
                    entry.heading,
                    planned.key,
                    json.dumps(anomaly.to_dict(), ensure_ascii=False) if anomaly else None,
                )
            )
        for start in range(0, len(rows), _PROGRESS_EVERY):
            chunk = rows[start : start + _PROGRESS_EVERY]
            conn.executemany(
                "INSERT INTO log_entries (uid, day, end_day, body, source, position,"
                " created_at, updated_at, heading, import_key, anomaly)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                chunk,
            )
            self.advance(len(chunk))

    def _next_positions(self, days: Sequence[str]) -> dict[str, int]:
        positions = dict.fromkeys(days, 0)
        for start in range(0, len(days), 500):
            chunk = list(days[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for day, highest in self.conn.execute(
                f"SELECT day, MAX(position) FROM log_entries WHERE day IN ({marks}) GROUP BY day",
                chunk,
            ):
                positions[day] = int(highest) + 1
        return positions

    def items(self) -> list[int]:
        created: list[int] = []

        def insert(items: Sequence[_NewItem], parent_id: int | None) -> None:
            # New items go above their siblings, so the last is inserted first and the
            # backlog lists them in the journal's order.
            for item in reversed(items):
                item_id = item_rows.insert_item(
                    self.conn, item.draft._replace(parent_id=parent_id), new_uid(), self.now
                )
                if item.done:
                    self.conn.execute(
                        "UPDATE items SET completed_at = ? WHERE id = ?", (self.stamp, item_id)
                    )
                created.append(item_id)
                self.advance(1)
                insert(item.children, item_id)

        insert(self.plan.items, None)
        return sorted(created)

    def notes(self, item_ids: Sequence[int]) -> None:
        for planned in self.plan.notes:
            note = planned.note
            meta: dict[str, object] = dict(note.meta)
            if note.kind is NoteKind.PREAMBLE and item_ids:
                meta = {"items": list(item_ids)}
            self.conn.execute(
                "INSERT INTO journal_notes (uid, title, body, meta, source, import_key,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    new_uid(),
                    note.title,
                    planned.body,
                    json.dumps(meta, ensure_ascii=False),
                    self.source,
                    planned.key,
                    self.stamp,
                ),
            )
            self.advance(1)

    def units(self) -> None:
        if not self.plan.units:
            return
        # Imported only when a journal defines units: other journals never load the unit services.
        from app.services.goal_categories import FALLBACK_COLOR, PALETTE
        from app.services.units import insert_goal, insert_unit

        conn = self.conn
        for name in self.plan.categories:
            rows = conn.execute("SELECT color, position FROM goal_categories").fetchall()
            used = {str(color) for color, _ in rows}
            color = next((c for c in PALETTE if c not in used), FALLBACK_COLOR)
            position = max((int(p) for _, p in rows), default=-1) + 1
            conn.execute(
                "INSERT INTO goal_categories (uid, name, color, position, kinds)"
                " VALUES (?, ?, ?, ?, '')",
                (new_uid(), name, color, position),
            )
        ids = {
            str(name): int(category_id)
            for category_id, name in conn.execute("SELECT id, name FROM goal_categories")
        }
        for planned in self.plan.units:
            unit = planned.unit
            title = unit.title or default_title(unit.number, planned.span)
            unit_id = insert_unit(conn, unit.number, planned.span, title)
            self.unit_ids.append(unit_id)
            for position, goal in enumerate(planned.goals):
                spec = GoalSpec(goal.category, goal.target, goal.stretch, goal.description)
                insert_goal(conn, unit_id, ids[goal.category], spec, position)
            self.advance(1)
