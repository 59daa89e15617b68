"""Exporting the log as one Markdown document, or as a blog post with front matter.

The document holds the user's own entries (written in Rizhi or imported), oldest or newest
day first, each under a `## YYYY-MM-DD` heading; importing it gives back the same days
and entries (app/domain/journal/render.py says how). Entries Rizhi derives from the board
are not written: they are not the user's text, and importing them would store copies.
Journal notes (a journal's preamble and front matter) are not part of the log either.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.domain.journal.render import EntryText, FrontMatter, render_journal
from app.services.files import write_whole
from app.store.db import Store


class BlogFormat(StrEnum):
    JEKYLL = "jekyll"
    HUGO = "hugo"


class ExportReport(NamedTuple):
    path: str
    days: int
    entries: int
    first: date | None
    last: date | None

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "days": self.days,
            "entries": self.entries,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


def log_entries_between(
    store: Store, *, start: date | None = None, end: date | None = None
) -> list[EntryText]:
    """The entries overlapping `start`..`end` (inclusive, both optional), by day and
    position."""
    if start is not None and end is not None and end < start:
        raise InvalidInput(f"--to {end} is before --from {start}; nothing to export.")
    where, params = ["source != 'auto'"], []
    if end is not None:
        where.append("day <= ?")
        params.append(end.isoformat())
    if start is not None:
        where.append("COALESCE(end_day, day) >= ?")
        params.append(start.isoformat())
    rows = store.raw.execute(
        f"SELECT day, end_day, heading, body FROM log_entries WHERE {' AND '.join(where)}"
        " ORDER BY day, position, id",
        params,
    )
    return [
        EntryText(
            date.fromisoformat(day),
            date.fromisoformat(end_day) if end_day else None,
            str(heading),
            str(body),
        )
        for day, end_day, heading, body in rows
    ]


def front_matter(
    blog: BlogFormat, entries: list[EntryText], *, now: datetime, title: str | None = None
) -> FrontMatter:
    """The front matter of a blog post holding `entries`, written at `now`."""
    if entries:
        first = min(entry.day for entry in entries)
        last = max(entry.end_day or entry.day for entry in entries)
        span = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
        default = f"Research log, {span}"
    else:
        default = "Research log"
    heading = title or default
    if blog is BlogFormat.JEKYLL:
        return {"layout": "post", "title": heading, "date": now.strftime("%Y-%m-%d %H:%M:%S %z")}
    return {"title": heading, "date": now.isoformat(timespec="seconds"), "draft": False}


def export_markdown(
    store: Store,
    *,
    now: datetime,
    start: date | None = None,
    end: date | None = None,
    newest_first: bool = False,
    blog: BlogFormat | None = None,
    title: str | None = None,
) -> tuple[str, list[EntryText]]:
    """The log (or the days `start`..`end` of it) as Markdown, and the entries it holds."""
    entries = log_entries_between(store, start=start, end=end)
    meta = front_matter(blog, entries, now=now, title=title) if blog else None
    return render_journal(entries, newest_first=newest_first, front_matter=meta), entries


def export_file(
    store: Store,
    path: str | os.PathLike[str],
    *,
    now: datetime,
    start: date | None = None,
    end: date | None = None,
    newest_first: bool = False,
    blog: BlogFormat | None = None,
    title: str | None = None,
) -> ExportReport:
    """Write the export to `path`, replacing it whole (never a half-written file)."""
    text, entries = export_markdown(
        store, now=now, start=start, end=end, newest_first=newest_first, blog=blog, title=title
    )
    target = os.fspath(path)
    write_whole(target, text)
    days = {entry.day for entry in entries}
    return ExportReport(
        path=target,
        days=len(days),
        entries=len(entries),
        first=min(days) if days else None,
        last=max(entry.end_day or entry.day for entry in entries) if entries else None,
    )
