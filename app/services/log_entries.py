"""The user's log entries: the record, reading one, and every edit (add, edit, move,
delete, a line made into a backlog item).

An entry belongs to its first day (`log_days` holds a row for every day with entries or
a title); a range covers `day`..`end_day`. Entries are Markdown; a line's status comes
from its markers (`[DONE]`, `[DELAY]`, `[TODO]`, `~~struck~~`, task boxes; see
app/domain/journal/status.py). The full-text index `log_fts` follows the table through
triggers (migration 0006). Raw SQL throughout: the command line adds entries too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from app.domain.capture import parse_capture
from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.enums import EntrySource
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.journal.dates import FIRST_YEAR, LAST_YEAR
from app.domain.journal.parse import split_lines, trim_blank_lines
from app.domain.journal.render import clean_heading
from app.domain.journal.sequence import MAX_RANGE_DAYS
from app.domain.journal.status import LineStatus, line_statuses, plain_text
from app.services.items import add_capture
from app.services.use_case import use_case
from app.store.db import Store
from app.store.formats import parse_utc, utc_text

# The columns `entry_record` reads, from `log_entries` under the alias `e`.
ENTRY_COLUMNS = (
    "e.id, e.uid, e.day, e.end_day, e.heading, e.body, e.source, e.position,"
    " e.created_at, e.updated_at, e.anomaly"
)


class LogEntryRecord(NamedTuple):
    id: int
    uid: str
    day: date
    end_day: date | None  # the last day of a range
    heading: str  # the words after the date in an imported heading, or the user's title
    body: str  # Markdown
    source: EntrySource  # user, or import
    position: int  # order among the entries of its first day
    created_at: datetime
    updated_at: datetime
    anomaly: Mapping[str, Any] | None  # what the importer flagged about its date

    @property
    def last_day(self) -> date:
        return self.end_day or self.day

    def covers(self, day: date) -> bool:
        return self.day <= day <= self.last_day

    @property
    def statuses(self) -> tuple[tuple[int, LineStatus], ...]:
        """(line index in the body, status) of every line with a status marker."""
        return tuple(line_statuses(self.body))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "uid": self.uid,
            "day": self.day.isoformat(),
            "end_day": self.end_day.isoformat() if self.end_day else None,
            "heading": self.heading,
            "body": self.body,
            "source": self.source.value,
            "position": self.position,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "anomaly": dict(self.anomaly) if self.anomaly else None,
            "statuses": [{"line": i, "status": s.value} for i, s in self.statuses],
        }


def entry_record(row: Sequence[Any]) -> LogEntryRecord:
    id_, uid, day, end_day, heading, body, source, position, created, updated, anomaly = row
    return LogEntryRecord(
        id=int(id_),
        uid=str(uid),
        day=date.fromisoformat(day),
        end_day=date.fromisoformat(end_day) if end_day else None,
        heading=str(heading),
        body=str(body),
        source=EntrySource(source),
        position=int(position),
        created_at=parse_utc(created),
        updated_at=parse_utc(updated),
        anomaly=json.loads(anomaly) if anomaly else None,
    )


# --- reading ------------------------------------------------------------------------------


def get_entry(store: Store, entry_id: int) -> LogEntryRecord:
    return fetch_entry(store.raw, entry_id)


def fetch_entry(conn: sqlite3.Connection, entry_id: int) -> LogEntryRecord:
    row = conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM log_entries e WHERE e.id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"No log entry {entry_id}.")
    return entry_record(row)


# --- writing ------------------------------------------------------------------------------


def check_day(day: date, what: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(f"The {what} {day.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}.")


def check_range(day: date, end_day: date | None) -> date | None:
    check_day(day, "day")
    if end_day is None or end_day == day:
        return None
    if end_day < day:
        raise InvalidInput(
            f"A range ends on or after its first day; {end_day.isoformat()} is before "
            f"{day.isoformat()}."
        )
    if (end_day - day).days > MAX_RANGE_DAYS:
        raise InvalidInput(
            f"A range covers at most {MAX_RANGE_DAYS + 1} days; "
            f"{day.isoformat()} to {end_day.isoformat()} is longer."
        )
    return end_day


def _clean_body(body: str) -> str:
    return trim_blank_lines("\n".join(split_lines(body)))


def ensure_day(conn: sqlite3.Connection, day: date) -> None:
    conn.execute("INSERT OR IGNORE INTO log_days (day, title) VALUES (?, '')", (day.isoformat(),))


def _drop_day_if_empty(conn: sqlite3.Connection, day: date) -> None:
    """A day row without entries and without a title holds nothing: remove it."""
    conn.execute(
        "DELETE FROM log_days WHERE day = ? AND title = ''"
        " AND NOT EXISTS (SELECT 1 FROM log_entries WHERE day = ?)",
        (day.isoformat(), day.isoformat()),
    )


def _next_position(conn: sqlite3.Connection, day: date) -> int:
    row = conn.execute(
        "SELECT MAX(position) FROM log_entries WHERE day = ?", (day.isoformat(),)
    ).fetchone()
    return 0 if row[0] is None else int(row[0]) + 1


@use_case
def add_entry(
    store: Store,
    day: date,
    body: str,
    *,
    now: datetime,
    end_day: date | None = None,
    heading: str = "",
) -> tuple[LogEntryRecord, Changes]:
    """Add the user's entry at the end of `day` (covering `day`..`end_day` if given)."""
    end_day = check_range(day, end_day)
    body, heading = _clean_body(body), clean_heading(heading)
    if not body and not heading:
        raise InvalidInput("An entry needs some text.")
    stamp = utc_text(now)
    with store.raw_write() as conn:
        ensure_day(conn, day)
        cursor = conn.execute(
            "INSERT INTO log_entries (uid, day, end_day, body, source, position, created_at,"
            " updated_at, heading) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_uid(),
                day.isoformat(),
                end_day.isoformat() if end_day else None,
                body,
                EntrySource.USER.value,
                _next_position(conn, day),
                stamp,
                stamp,
                heading,
            ),
        )
        entry_id = int(cursor.lastrowid or 0)
        record = fetch_entry(conn, entry_id)
    return record, Changes(entries=frozenset({entry_id}))


@use_case
def edit_entry(
    store: Store,
    entry_id: int,
    *,
    now: datetime,
    body: str | None = None,
    heading: str | None = None,
) -> tuple[LogEntryRecord, Changes]:
    """Change an entry's text; None leaves a part as it is."""
    with store.raw_write() as conn:
        current = fetch_entry(conn, entry_id)
        new_body = current.body if body is None else _clean_body(body)
        new_heading = current.heading if heading is None else clean_heading(heading)
        if not new_body and not new_heading:
            raise InvalidInput(
                f"Entry {entry_id} would be left empty; delete it instead if it is not needed."
            )
        conn.execute(
            "UPDATE log_entries SET body = ?, heading = ?, updated_at = ? WHERE id = ?",
            (new_body, new_heading, utc_text(now), entry_id),
        )
        record = fetch_entry(conn, entry_id)
    return record, Changes(entries=frozenset({entry_id}))


@use_case
def move_entry(
    store: Store, entry_id: int, day: date, *, now: datetime, end_day: date | None = None
) -> tuple[LogEntryRecord, Changes]:
    """Move an entry to `day` (the end of that day's entries), covering `day`..`end_day`.
    Moving clears the importer's flag: the user has placed it."""
    end_day = check_range(day, end_day)
    with store.raw_write() as conn:
        current = fetch_entry(conn, entry_id)
        ensure_day(conn, day)
        position = current.position if current.day == day else _next_position(conn, day)
        conn.execute(
            "UPDATE log_entries SET day = ?, end_day = ?, position = ?, anomaly = NULL,"
            " updated_at = ? WHERE id = ?",
            (
                day.isoformat(),
                end_day.isoformat() if end_day else None,
                position,
                utc_text(now),
                entry_id,
            ),
        )
        if current.day != day:
            _drop_day_if_empty(conn, current.day)
        record = fetch_entry(conn, entry_id)
    return record, Changes(entries=frozenset({entry_id}))


@use_case
def delete_entry(store: Store, entry_id: int) -> Changes:
    with store.raw_write() as conn:
        current = fetch_entry(conn, entry_id)
        conn.execute("DELETE FROM log_entries WHERE id = ?", (entry_id,))
        _drop_day_if_empty(conn, current.day)
    return Changes(entries=frozenset({entry_id}))


@use_case
def line_to_item(
    store: Store, entry_id: int, line: int, *, now: datetime
) -> tuple[ItemRecord, Changes]:
    """Make a backlog item of one line of an entry (0-based index into its body). The
    line is read with the capture grammar (`#tags`, `!priority`, `~2h`, dates) after its
    list mark and status markers are dropped; the item's notes say where it came from."""
    entry = get_entry(store, entry_id)
    lines = entry.body.split("\n")
    if not 0 <= line < len(lines):
        raise InvalidInput(
            f"Entry {entry_id} has lines 0 to {len(lines) - 1}; there is no line {line}."
        )
    text = plain_text(lines[line])
    if not text:
        raise InvalidInput(f"Line {line} of entry {entry_id} has no words to make an item of.")
    capture = parse_capture(text, now)
    return add_capture(store, capture, now=now, notes=f"From the log of {entry.day.isoformat()}.")
