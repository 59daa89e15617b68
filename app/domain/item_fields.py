"""An item's fields as text: how a typed field is read and how a stored one is written.

The item editor's fields and `rizhi edit`'s options read estimates, priorities, due dates,
tags and links here, so the window and the command line accept the same text. Writing is
the inverse where a field is shown for editing (`format_estimate`, `due_text`: what is
shown can be typed back) and words for a person elsewhere (`describe_*`, `*_text`).
The estimate and priority words themselves are the capture grammar's
(app/domain/capture.py), so quick add reads them the same way too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Final

from app.domain.capture import priority_named
from app.domain.dates import DueSpec, parse_date_phrase
from app.domain.entities import ItemRecord, Placement
from app.domain.enums import Priority
from app.domain.errors import DomainError, InvalidInput
from app.domain.estimates import estimate_minutes, estimate_text
from app.domain.reading import chosen_pass
from app.domain.words import relative_day

__all__ = [
    "PASS_NAMES",
    "describe_due",
    "describe_estimate",
    "due_text",
    "format_estimate",
    "has_scheme",
    "moment_text",
    "not_a_link",
    "parse_due",
    "parse_estimate",
    "parse_priority",
    "parse_tags",
    "placement_text",
    "reading_progress",
    "record_due",
    "tag_changes",
    "unique_tags",
    "week_text",
]

PASS_NAMES: Final = ("Not started", "1st pass", "2nd pass", "3rd pass")

# A scheme of two letters or more, so a Windows path "C:\x.pdf" is not taken for a URL.
_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:\S")
# Chinese input methods type the full-width comma, enumeration comma and semicolon.
_TAG_SEPARATORS: Final = re.compile(r"[\s,，、;；]+")


# --- estimates ---------------------------------------------------------------------------


def parse_estimate(text: str) -> int | None:
    """Minutes from an estimate field; None when it is empty. Raises InvalidInput when
    the text is not an estimate (the capture grammar's reading, `estimate_minutes`)."""
    if not text.strip():
        return None
    minutes = estimate_minutes(text)
    if minutes is None:
        raise InvalidInput(
            f"Could not read the estimate '{text.strip()}'. Write minutes or hours: 30m, 2h, 1h30m."
        )
    return minutes


def format_estimate(minutes: int | None) -> str:
    """An estimate for editing ("1h30m"); "" when there is none."""
    return estimate_text(minutes) if minutes else ""


def describe_estimate(minutes: int) -> str:
    """An estimate in words: "1 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


# --- priority ----------------------------------------------------------------------------


def parse_priority(text: str) -> Priority:
    """The priority a word names ("high", "!!", "3", "高", "none"); InvalidInput if none."""
    priority = priority_named(text)
    if priority is None:
        raise InvalidInput(f"Unknown priority '{text}'; use high, medium, low or none.")
    return priority


# --- due dates ---------------------------------------------------------------------------


def parse_due(text: str, now: datetime) -> DueSpec | None:
    """The due date a phrase names, relative to `now`; None when the text is empty.
    Raises CaptureError when the phrase is not a date."""
    return parse_date_phrase(text, now) if text.strip() else None


def due_text(spec: DueSpec | None) -> str:
    """A due date as shown for editing; `parse_due` reads it back."""
    if spec is None:
        return ""
    text = spec.date.isoformat()
    return f"{text} {spec.time:%H:%M}" if spec.time is not None else text


def describe_due(spec: DueSpec, today: date) -> str:
    """ "Fri 27 Nov 2026, 15:00 · in 5 days"."""
    text = f"{spec.date:%a %d %b %Y}"
    if spec.time is not None:
        text += f", {spec.time:%H:%M}"
    return f"{text} · {relative_day(spec.date, today)}"


def record_due(record: ItemRecord) -> DueSpec | None:
    """The item's due date and time as one value; None when it has none."""
    return None if record.due_date is None else DueSpec(record.due_date, record.due_time)


# --- tags --------------------------------------------------------------------------------


def unique_tags(names: Iterable[str]) -> tuple[str, ...]:
    """Tag names as typed, without a leading # (or the full-width ＃), blank ones left
    out; names differing only in case are one tag (the first spelling wins)."""
    kept: list[str] = []
    seen: set[str] = set()
    for word in names:
        name = word.strip().lstrip("#＃")
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return tuple(kept)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tag names from text separated by commas or spaces (`unique_tags` of its words)."""
    return unique_tags(_TAG_SEPARATORS.split(text))


def tag_changes(old: Iterable[str], new: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed) going from the tags `old` to `new`, comparing names regardless
    of case: retyping a tag in another case changes nothing."""
    old, new = tuple(old), tuple(new)
    old_keys = {name.casefold() for name in old}
    new_keys = {name.casefold() for name in new}
    added = tuple(name for name in new if name.casefold() not in old_keys)
    removed = tuple(name for name in old if name.casefold() not in new_keys)
    return added, removed


# --- links -------------------------------------------------------------------------------


def has_scheme(url: str) -> bool:
    """Whether `url` starts with a scheme (https://…, file:///…, zotero://…): only such
    links are saved, since a bare "arxiv.org/…" opens nowhere."""
    return _SCHEME.match(url.strip()) is not None


def not_a_link(url: str) -> str:
    """Why `url`, which has no scheme, cannot be saved as a link."""
    return f"'{url}' is not a full link: start it with a scheme, such as https://."


# --- reading -----------------------------------------------------------------------------


def reading_progress(current: int, target: int | None) -> str:
    """Where a paper's reading stands against the pass chosen for it, as the cards say
    it: "Pass 1/2 · 1 more pass to go"; with no target it is read to the last pass."""
    chosen = chosen_pass(target)
    fraction = f"Pass {current}/{chosen}"
    if not target:
        return f"{fraction} · no target chosen"
    if current >= chosen:
        return f"{fraction} · target reached"
    left = chosen - current
    return f"{fraction} · {left} more pass{'es' * (left != 1)} to go"


# --- history -----------------------------------------------------------------------------


def moment_text(moment: datetime | None) -> str:
    """A stored moment in local time: "Fri 27 Nov 2026, 15:00"; "" when there is none."""
    if moment is None:
        return ""
    return f"{moment.astimezone():%a %d %b %Y, %H:%M}"


def week_text(week: str) -> str:
    """A planned week with its days: "2026-W48 · 23 Nov – 29 Nov 2026"; the text as it
    is when it is not a week."""
    # Week is a dataclass, costly to import on the command line's fast paths.
    from app.domain.weeks import Week

    try:
        parsed = Week.parse(week)
    except DomainError:
        return week
    return f"{week} · {parsed.monday:%d %b} – {parsed.sunday:%d %b %Y}"


def placement_text(placement: Placement | None) -> str:
    """Where the item is on the board: "2026-W48, To do (carried over 2×)"."""
    if placement is None:
        return "Not on a board"
    text = f"{placement.week}, {placement.column.label}"
    if placement.carried_over:
        times = "once" if placement.carried_over == 1 else f"{placement.carried_over}×"
        text += f" (carried over {times})"
    return text
