"""Writing log entries back as one Markdown document that reads into the same entries.

Each entry is a `## YYYY-MM-DD` heading (`## YYYY-MM-DD ~ YYYY-MM-DD` for a range) with its
heading words after the date, then its body verbatim. Two entries of one day are two
headings with the same date; reading the document merges them into that day again. A
heading that would read back differently ("2021-06-12 Saturday fun" would lose its
weekday-looking word) is written with a colon after the date, which keeps every word.
A body line that would read as a date line is written with a backslash in front, which
reading takes off again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from app.domain.journal.dates import escape_date_line, read_date_line
from app.domain.journal.parse import trim_blank_lines
from app.domain.journal.sequence import place_dates

__all__ = [
    "EntryText",
    "FrontMatter",
    "clean_heading",
    "escape_body",
    "heading_line",
    "render_front_matter",
    "render_journal",
]

FrontMatter = Mapping[str, str | int | bool | Sequence[str]]


class EntryText(NamedTuple):
    day: date
    end_day: date | None
    heading: str
    body: str


def clean_heading(text: str) -> str:
    """A heading is one line without spaces at its ends; line breaks become one space."""
    parts = (part.strip() for part in text.replace("\r", "\n").split("\n"))
    return " ".join(part for part in parts if part)


def heading_line(day: date, end_day: date | None, heading: str, *, level: int = 2) -> str:
    """The date line for an entry; it reads back as exactly this day, range and heading."""
    marks = "#" * level
    dates = day.isoformat() + (f" ~ {end_day.isoformat()}" if end_day else "")
    heading = clean_heading(heading)
    plain = f"{marks} {dates} {heading}" if heading else f"{marks} {dates}"
    if _reads_back(plain, day, end_day, heading):
        return plain
    return f"{marks} {dates}: {heading}"


def _reads_back(line: str, day: date, end_day: date | None, heading: str) -> bool:
    found = read_date_line(line)
    if found is None:
        return False
    placement = place_dates([found])[0][0]
    return (placement.day, placement.end_day, placement.problem, found.title) == (
        day,
        end_day,
        "",
        heading,
    )


def escape_body(body: str) -> str:
    """The body with a backslash before each line that would read as a date line."""
    return "\n".join(escape_date_line(line) for line in body.split("\n"))


def render_front_matter(meta: FrontMatter) -> str:
    """YAML front matter; strings are double-quoted (JSON strings are YAML strings)."""
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        lines.append(f"{key}: {text}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def render_journal(
    entries: Iterable[EntryText],
    *,
    newest_first: bool = False,
    front_matter: FrontMatter | None = None,
) -> str:
    """One Markdown document; entries of one day keep the order given."""
    sign = -1 if newest_first else 1
    ordered = sorted(entries, key=lambda entry: sign * entry.day.toordinal())
    parts = [render_front_matter(front_matter) + "\n"] if front_matter else []
    for entry in ordered:
        parts.append(heading_line(entry.day, entry.end_day, entry.heading) + "\n\n")
        body = escape_body(trim_blank_lines(entry.body))
        if body:
            parts.append(body + "\n\n")
    return "".join(parts).rstrip("\n") + "\n" if parts else ""
