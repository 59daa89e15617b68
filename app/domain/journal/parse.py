"""A Markdown journal, read into days, entries, notes and units, losing no line.

Every date line (see `dates.py`) starts an entry; the lines up to the next date line are
its body, verbatim, except that a line escaped with a backslash so as not to start a day
(`\\## 2021-06-15`, as an export writes it) loses the backslash. What comes before the
first date line is the preamble: front matter (kept as metadata and as text; YAML that
cannot be read is kept as text, with a notice) and the rest (a title, to-do sections)
as a note. Units defined anywhere are read as well, and
their lines stay where they are. `fates` records where each line of the file went, which
is how the tests check that nothing was lost.

Parsing never raises: any text is some journal, possibly one with no days.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from app.domain.journal.dates import DateLine, read_date_line, unescape_date_line
from app.domain.journal.frontmatter import (
    FrontMatterValue,
    find_front_matter,
    parse_front_matter,
)
from app.domain.journal.sequence import place_dates
from app.domain.journal.unit_lines import UnitDefinition, find_units

__all__ = [
    "Anomaly",
    "Fate",
    "LineFate",
    "NoteKind",
    "ParsedDay",
    "ParsedEntry",
    "ParsedJournal",
    "ParsedNote",
    "entry_keys",
    "note_key",
    "parse_journal",
    "split_lines",
    "trim_blank_lines",
]

_TITLE_CHARS = 120
_KEY_VERSION = "rizhi-journal-1"


class Anomaly(NamedTuple):
    """Something about a date the importer could not take as written."""

    line: int  # 1-based
    original: str  # the line's text, without heading marks
    suggested: date | None  # where the entry was placed; None when nothing was placed
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "original": self.original,
            "suggested": self.suggested.isoformat() if self.suggested else None,
            "reason": self.reason,
        }


class ParsedEntry(NamedTuple):
    day: date
    end_day: date | None  # the last day of a range, else None
    heading: str  # the words after the date; the whole original line when flagged
    body: str  # the lines under the date line, verbatim, without blank lines at the ends
    line: int  # 1-based line number of the date line
    anomaly: Anomaly | None = None


class NoteKind(StrEnum):
    FRONT_MATTER = "front matter"
    PREAMBLE = "preamble"


class ParsedNote(NamedTuple):
    kind: NoteKind
    title: str
    body: str  # the lines, verbatim
    meta: Mapping[str, FrontMatterValue]
    line: int  # 1-based line number of its first line


class Fate(StrEnum):
    BLANK = "blank"
    NOTE = "note"
    HEADING = "heading"
    BODY = "body"


class LineFate(NamedTuple):
    """Where one line of the file went: a note or an entry (by index), or nowhere if blank."""

    fate: Fate
    target: int


class ParsedDay(NamedTuple):
    day: date
    entries: tuple[ParsedEntry, ...]


class ParsedJournal(NamedTuple):
    front_matter: Mapping[str, FrontMatterValue]
    notes: tuple[ParsedNote, ...]
    units: tuple[UnitDefinition, ...]
    entries: tuple[ParsedEntry, ...]  # in file order
    anomalies: tuple[Anomaly, ...]  # in line order
    fates: tuple[LineFate, ...]  # one per line of the file
    direction: str  # "oldest first", "newest first", or "" when the dates do not say
    # Sentences about the file as a whole for the user to read: front matter that is not
    # valid YAML, say. Problems with one date or unit are anomalies.
    notices: tuple[str, ...] = ()

    @property
    def days(self) -> tuple[ParsedDay, ...]:
        """The entries by day, oldest first; an entry covering a range is under its first day."""
        by_day: dict[date, list[ParsedEntry]] = {}
        for entry in self.entries:
            by_day.setdefault(entry.day, []).append(entry)
        return tuple(ParsedDay(day, tuple(by_day[day])) for day in sorted(by_day))

    @property
    def range_count(self) -> int:
        return sum(entry.end_day is not None for entry in self.entries)


def split_lines(text: str) -> list[str]:
    """Lines on \\n, \\r\\n or \\r only (not on the other characters str.splitlines takes)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_journal(text: str, *, year_hint: int | None = None) -> ParsedJournal:
    """Read a journal. `year_hint` gives units written without a year (`Unit 1: 2-01 to
    2-10`) a year when no dated entry does."""
    lines = split_lines(text)
    fates: list[LineFate] = [LineFate(Fate.BLANK, -1)] * len(lines)
    notes: list[ParsedNote] = []
    front_lines = find_front_matter(lines)
    front_matter: dict[str, FrontMatterValue] = {}
    notices: list[str] = []
    if front_lines:
        read = parse_front_matter(lines[1 : front_lines - 1], first_line=2)
        front_matter = read.values
        if read.problem:
            notices.append(
                f"The front matter (lines 1 to {front_lines}) {read.problem}. Its text is "
                "kept as written, in a note; its values are not read."
            )
        title = front_matter.get("title")
        notes.append(
            ParsedNote(
                NoteKind.FRONT_MATTER,
                title if isinstance(title, str) and title else "Front matter",
                "\n".join(lines[:front_lines]),
                front_matter,
                1,
            )
        )
        _mark(fates, lines, range(front_lines), Fate.NOTE, 0)

    heads: list[tuple[int, DateLine]] = []
    for index in range(front_lines, len(lines)):
        found = read_date_line(lines[index])
        if found is not None:
            heads.append((index, found))
    placements, direction = place_dates([line for _, line in heads])

    first_date = heads[0][0] if heads else len(lines)
    preamble = _trimmed(lines, front_lines, first_date)
    if preamble is not None:
        start, stop = preamble
        fates_index = len(notes)
        notes.append(
            ParsedNote(
                NoteKind.PREAMBLE,
                _note_title(lines[start]),
                "\n".join(lines[start:stop]),
                {},
                start + 1,
            )
        )
        _mark(fates, lines, range(start, stop), Fate.NOTE, fates_index)

    entries: list[ParsedEntry] = []
    anomalies: list[Anomaly] = []
    for number, ((index, line), placement) in enumerate(zip(heads, placements, strict=True)):
        stop = heads[number + 1][0] if number + 1 < len(heads) else len(lines)
        body = _trimmed(lines, index + 1, stop)
        anomaly = None
        if placement.problem:
            anomaly = Anomaly(index + 1, line.content, placement.day, placement.problem)
            anomalies.append(anomaly)
        entries.append(
            ParsedEntry(
                day=placement.day,
                end_day=placement.end_day,
                heading=line.content if anomaly else line.title,
                body="\n".join(map(unescape_date_line, lines[body[0] : body[1]])) if body else "",
                line=index + 1,
                anomaly=anomaly,
            )
        )
        fates[index] = LineFate(Fate.HEADING, number)
        if body:
            _mark(fates, lines, range(*body), Fate.BODY, number)

    dated = [
        (index, placement.day) for (index, _), placement in zip(heads, placements, strict=True)
    ]
    units = find_units(lines, dated, year_hint, first=front_lines)
    for unit in units:
        if unit.problem:
            anomalies.append(Anomaly(unit.line, unit.text, None, unit.problem))
    anomalies.sort(key=lambda anomaly: anomaly.line)
    return ParsedJournal(
        front_matter=front_matter,
        notes=tuple(notes),
        units=tuple(units),
        entries=tuple(entries),
        anomalies=tuple(anomalies),
        fates=tuple(fates),
        direction=direction,
        notices=tuple(notices),
    )


def trim_blank_lines(text: str) -> str:
    """`text` without blank lines (empty or only spaces) at its start and end, the way
    an entry's body is kept."""
    lines = split_lines(text)
    span = _trimmed(lines, 0, len(lines))
    return "\n".join(lines[span[0] : span[1]]) if span else ""


def _trimmed(lines: Sequence[str], start: int, stop: int) -> tuple[int, int] | None:
    """`start`..`stop` without blank lines at either end; None if all are blank."""
    while start < stop and not lines[start].strip():
        start += 1
    while stop > start and not lines[stop - 1].strip():
        stop -= 1
    return (start, stop) if start < stop else None


def _mark(
    fates: list[LineFate], lines: Sequence[str], indexes: Iterable[int], fate: Fate, target: int
) -> None:
    for index in indexes:
        if lines[index].strip():
            fates[index] = LineFate(fate, target)


def _note_title(line: str) -> str:
    text = line.strip().lstrip("#").strip()
    for mark in ("**", "__"):
        if len(text) > 4 and text.startswith(mark) and text.endswith(mark):
            text = text[2:-2].strip()
    return text[:_TITLE_CHARS]


# --- import keys --------------------------------------------------------------------------


def _digest(parts: Sequence[object]) -> str:
    payload = json.dumps([_KEY_VERSION, *parts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def entry_keys(entries: Iterable[tuple[date, date | None, str, str]]) -> list[str]:
    """The import key of each (day, end day, heading, body): a digest of the four and of
    how many identical entries came before it, so that two identical entries in one
    journal stay two, and importing the journal again finds both."""
    seen: dict[tuple[date, date | None, str, str], int] = {}
    keys = []
    for entry in entries:
        occurrence = seen.get(entry, 0)
        seen[entry] = occurrence + 1
        day, end_day, heading, body = entry
        keys.append(
            _digest(
                [
                    day.isoformat(),
                    end_day.isoformat() if end_day else None,
                    heading,
                    body,
                    occurrence,
                ]
            )
        )
    return keys


def note_key(kind: str, body: str) -> str:
    return _digest(["note", kind, body])
