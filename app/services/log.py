"""The daily log: day pages, the user's entries, search, the heatmap and streaks.

A day page holds the entries written for that day (and ranges covering it) and the
entries Rizhi derives from the data when the page is read: items completed that day,
items captured that day, and unit reviews closed that day. Derived entries are never
stored, so they cannot go stale. "That day" is the user's local day in the zone given.

Entries are Markdown; a line's status comes from its markers (`[DONE]`, `[DELAY]`,
`[TODO]`, `~~struck~~`, task boxes; see app/domain/journal/status.py). The full-text index
`log_fts` follows the table through triggers (migration 0006). Raw SQL throughout: these
run on every keystroke of a search box and from the command line.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
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
from app.services.items import create_item
from app.services.use_case import use_case
from app.store.db import Store
from app.store.formats import parse_utc, utc_text
from app.store.item_rows import FTS_MIN_CHARS

SNIPPET_CHARS = 120
_ENTRY_COLUMNS = (
    "e.id, e.uid, e.day, e.end_day, e.heading, e.body, e.source, e.position,"
    " e.created_at, e.updated_at, e.anomaly"
)
# What a line must contain to possibly carry each status: a cheap filter before reading lines.
_STATUS_HINTS = {
    LineStatus.DONE: ("[done]", "[x]"),
    LineStatus.DELAY: ("[delay",),
    LineStatus.TODO: ("[todo]", "[ ]"),
    LineStatus.STRUCK: ("~~",),
}


# --- records ------------------------------------------------------------------------------


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

    def to_dict(self) -> dict[str, object]:
        return {
            "day": self.day.isoformat(),
            "title": self.title,
            "entries": [entry.to_dict() for entry in self.entries],
            "auto": [entry.to_dict() for entry in self.auto],
        }


class LoggedDay(NamedTuple):
    """A day with entries, for a calendar or a list of dates."""

    day: date
    title: str
    entries: int  # entries covering the day, ranges included


class LogHit(NamedTuple):
    """One search result: the entry, its day, and the line that matched."""

    entry_id: int
    day: date
    end_day: date | None
    heading: str
    snippet: str  # the matching line, shortened around the match
    line: int  # index of that line in the body; -1 for the heading
    status: LineStatus | None  # the status of that line

    def to_dict(self) -> dict[str, object]:
        return {
            "entry_id": self.entry_id,
            "day": self.day.isoformat(),
            "end_day": self.end_day.isoformat() if self.end_day else None,
            "heading": self.heading,
            "snippet": self.snippet,
            "line": self.line,
            "status": self.status.value if self.status else None,
        }


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


def _record(row: Sequence[Any]) -> LogEntryRecord:
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
    return _fetch(store.raw, entry_id)


def _fetch(conn: sqlite3.Connection, entry_id: int) -> LogEntryRecord:
    row = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM log_entries e WHERE e.id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"No log entry {entry_id}.")
    return _record(row)


def day_page(store: Store, day: date, *, tz: tzinfo) -> DayPage:
    """Everything the log shows for `day`: its entries and what Rizhi derives."""
    with store.raw_read() as conn:
        row = conn.execute(
            "SELECT title FROM log_days WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        entries = [
            _record(r)
            for r in conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM log_entries e WHERE e.day = ?"
                " ORDER BY e.position, e.id",
                (day.isoformat(),),
            )
        ]
        entries += [
            _record(r)
            for r in conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM log_entries e"
                " WHERE e.day < ? AND e.end_day >= ? AND e.day >= ?"
                " ORDER BY e.day, e.position, e.id",
                (day.isoformat(), day.isoformat(), (day - timedelta(MAX_RANGE_DAYS)).isoformat()),
            )
        ]
        auto = _auto_entries(conn, day, tz)
    return DayPage(day, str(row[0]) if row else "", tuple(entries), tuple(auto))


def _day_bounds(day: date, tz: tzinfo) -> tuple[str, str]:
    """The UTC text bounds [day 00:00, next day 00:00) of a local day."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return utc_text(start), utc_text(end)


def _auto_entries(conn: sqlite3.Connection, day: date, tz: tzinfo) -> list[AutoEntry]:
    low, high = _day_bounds(day, tz)
    found = []
    # Captured before completed: an item done the minute it was captured reads in order.
    for kind, column in ((AutoKind.CAPTURED, "created_at"), (AutoKind.COMPLETED, "completed_at")):
        for item_id, title, at in conn.execute(
            f"SELECT id, title, {column} FROM items WHERE deleted_at IS NULL"
            f" AND {column} >= ? AND {column} < ? ORDER BY {column}, id",
            (low, high),
        ):
            found.append(AutoEntry(kind, str(title), parse_utc(at).astimezone(tz), item_id=item_id))
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


# --- writing ------------------------------------------------------------------------------


def _check_day(day: date, what: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(f"The {what} {day.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}.")


def _check_range(day: date, end_day: date | None) -> date | None:
    _check_day(day, "day")
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
    end_day = _check_range(day, end_day)
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
        record = _fetch(conn, entry_id)
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
        current = _fetch(conn, entry_id)
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
        record = _fetch(conn, entry_id)
    return record, Changes(entries=frozenset({entry_id}))


@use_case
def move_entry(
    store: Store, entry_id: int, day: date, *, now: datetime, end_day: date | None = None
) -> tuple[LogEntryRecord, Changes]:
    """Move an entry to `day` (the end of that day's entries), covering `day`..`end_day`.
    Moving clears the importer's flag: the user has placed it."""
    end_day = _check_range(day, end_day)
    with store.raw_write() as conn:
        current = _fetch(conn, entry_id)
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
        record = _fetch(conn, entry_id)
    return record, Changes(entries=frozenset({entry_id}))


@use_case
def delete_entry(store: Store, entry_id: int) -> Changes:
    with store.raw_write() as conn:
        current = _fetch(conn, entry_id)
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
    draft = capture.to_draft(notes=f"From the log of {entry.day.isoformat()}.")
    return create_item(store, draft, now=now)


# --- search -------------------------------------------------------------------------------


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_log(
    store: Store, query: str, *, status: LineStatus | None = None, limit: int = 50
) -> list[LogHit]:
    """Entries whose heading or body contains every word of `query` (any substring, so
    Chinese works), best match first, with the matching line. With `status`, an entry
    is a hit only through a line carrying that status and one of the words; an empty
    query then finds every entry with such a line."""
    if limit < 1:
        raise InvalidInput(f"A search shows at least 1 result; {limit} asks for none.")
    terms = query.split()
    if not terms and status is None:
        return []
    long_terms = [t for t in terms if len(t) >= FTS_MIN_CHARS]
    short_terms = [t for t in terms if len(t) < FTS_MIN_CHARS]
    where: list[str] = []
    params: list[object] = []
    # Words shorter than a trigram (二字 Chinese words) cannot use the index.
    for term in short_terms:
        where.append("instr(lower(e.heading || char(10) || e.body), lower(?)) > 0")
        params.append(term)
    if status is not None:
        hints = _STATUS_HINTS[status]
        where.append("(" + " OR ".join("instr(lower(e.body), ?) > 0" for _ in hints) + ")")
        params.extend(hints)
    extra = "".join(f" AND {clause}" for clause in where)
    # With a status, lines are checked here, so the database cannot stop at `limit`.
    cap = -1 if status is not None else limit
    if long_terms:
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM log_fts f JOIN log_entries e ON e.id = f.rowid"
            f" WHERE log_fts MATCH ?{extra}"
            " ORDER BY bm25(log_fts, 2.0, 1.0), e.day DESC, e.position LIMIT ?"
        )
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        rows = store.raw.execute(sql, [match, *params, cap]).fetchall()
    else:
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM log_entries e WHERE 1{extra}"
            " ORDER BY e.day DESC, e.position LIMIT ?"
        )
        rows = store.raw.execute(sql, [*params, cap]).fetchall()
    hits = []
    for row in rows:
        hit = _hit(_record(row), terms, status)
        if hit is not None:
            hits.append(hit)
            if len(hits) >= limit:
                break
    return hits


def _hit(entry: LogEntryRecord, terms: Sequence[str], status: LineStatus | None) -> LogHit | None:
    """The entry as a hit, showing the line with the most of the words (first on ties).
    With `status`, only lines carrying it count, and one of them must hold a word."""
    folded = [t.casefold() for t in terms]
    best: tuple[int, int, str, LineStatus | None] | None = None  # (words, index, line, status)
    states = dict(entry.statuses)
    for index, line in [(-1, entry.heading), *enumerate(entry.body.split("\n"))]:
        line_state = states.get(index)
        if status is not None and line_state is not status:
            continue
        lowered = line.casefold()
        words = sum(t in lowered for t in folded)
        if best is None or words > best[0]:
            best = (words, index, line, line_state)
            if words == len(folded):
                break
    if best is None or (status is not None and folded and best[0] == 0):
        return None  # no line has the status (and, with words, one of the words)
    _, index, line, line_state = best
    if not line.strip() and index == -1:
        index, line = 0, entry.body.split("\n")[0]
    return LogHit(
        entry_id=entry.id,
        day=entry.day,
        end_day=entry.end_day,
        heading=entry.heading,
        snippet=_snippet(line, folded),
        line=index,
        status=line_state,
    )


def _snippet(line: str, folded: Sequence[str]) -> str:
    text = " ".join(line.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    lowered = text.casefold()
    at = min((p for p in (lowered.find(t) for t in folded) if p >= 0), default=0)
    start = max(0, min(at - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    piece = text[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")


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
    for (at,) in conn.execute(
        "SELECT completed_at FROM items WHERE deleted_at IS NULL"
        " AND completed_at >= ? AND completed_at < ?",
        (low, high),
    ):
        day = parse_utc(at).astimezone(tz).date()
        completed[day] = completed.get(day, 0) + 1
    days = (end - start).days + 1
    return [
        HeatDay(day, entries.get(day, 0), completed.get(day, 0))
        for day in (start + timedelta(days=offset) for offset in range(days))
    ]


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
