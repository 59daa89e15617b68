"""What a journal import found and did: the report (`ImportReport`, the same for a dry
run) and its wording, one for the window's import dialog and for `rizhi import markdown`.

Each says it in its own layout (the dialog in a headline, a sentence and a table, the
command line in lines of text), from the same phrases: what the journal holds, what
importing adds or added, what was already there, what the user should know about the
file as a whole (notices), and each date to check with the day it was placed on and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from app.domain.journal.parse import Anomaly, ParsedEntry
from app.domain.words import plural


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
    # The days the journal's entries cover, a range's last day included (None when it
    # has none): where the window's Log opens after an import.
    first_day: date | None = None
    last_day: date | None = None
    # Sentences about the file as a whole: front matter that is not valid YAML, a unit
    # imported under another number.
    notices: tuple[str, ...] = ()

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
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "notices": list(self.notices),
        }


def covered_span(entries: Iterable[ParsedEntry]) -> tuple[date | None, date | None]:
    """The first and the last day `entries` cover (None, None when there are none)."""
    days = [day for entry in entries for day in (entry.day, entry.end_day) if day]
    return min(days, default=None), max(days, default=None)


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


# What is said of each date to check, in order; the dialog's table has these headers.
ANOMALY_COLUMNS = ("Line", "As written", "Placed on", "Why")


def found_counts(report: ImportReport, goals: int | None = None) -> list[str]:
    """What the journal holds: ['18 days', '1 range', '18 entries', '1 note', '1 unit
    with 4 goals']. The goals are said when they were counted (from the parsed journal)."""
    units = plural(report.units, "unit")
    if report.units and goals is not None:
        units += f" with {plural(goals, 'goal')}"
    counts = [
        plural(report.days, "day"),
        plural(report.ranges, "range"),
        plural(report.entries, "entry"),
        plural(report.notes, "note"),
        units,
    ]
    if report.items:
        counts.append(plural(report.items, "backlog item"))
    return counts


def dates_to_check(report: ImportReport) -> str:
    """'2 dates to check': the dates that were not taken as written."""
    return plural(len(report.anomalies), "date") + " to check"


def nothing_new(report: ImportReport) -> bool:
    """Importing adds (or added) nothing: it is all there already, or there is nothing."""
    return not any(report.added.values())


def outcome_sentences(report: ImportReport) -> list[str]:
    """What importing would add (a dry run, as for a preview) or added, what was
    already there and kept, then the notices."""
    present = things_text(report.skipped)
    if nothing_new(report):
        if present:
            sentences = [
                "Already imported: everything in this file is in your log "
                f"({present}). Importing it again changes nothing."
            ]
        else:
            sentences = ["Nothing to import: the file holds no dated entries, notes or units."]
        return [*sentences, *report.notices]
    sentences = [f"{'Would add' if report.dry_run else 'Added'} {things_text(report.added)}."]
    if present:
        sentences.append(f"Already in your log, kept as they are: {present}.")
    return [*sentences, *report.notices]


def placed_text(anomaly: Anomaly) -> str:
    """The day an entry with a date to check goes on, or that it goes on none."""
    return anomaly.suggested.isoformat() if anomaly.suggested else "not placed"


def anomaly_row(anomaly: Anomaly) -> tuple[str, str, str, str]:
    """A date to check, as ANOMALY_COLUMNS say it."""
    return (str(anomaly.line), anomaly.original, placed_text(anomaly), anomaly.reason)


def anomaly_lines(report: ImportReport) -> list[str]:
    """The dates to check as text: a heading naming the columns, then one line each."""
    if not report.anomalies:
        return []
    columns = ", ".join(column.lower() for column in ANOMALY_COLUMNS)
    lines = [f"{dates_to_check(report)} ({columns}):"]
    for anomaly in report.anomalies:
        line, original, placed, why = anomaly_row(anomaly)
        lines.append(f"  line {line}: {original!r} -> {placed}: {why}")
    return lines
