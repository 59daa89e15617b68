"""A journal's preamble (the text before its first date) as backlog items.

With `preamble_as_items`, the importer makes an item of every list line of the
preamble, nested as the lines are indented, with the horizon of the section it is in
(Today, Short term, Long term, Someday; English or Chinese headings). Each line is read
with the capture grammar (`#tags`, `!priority`, dates); a line marked done makes a
completed item. The lines that are not items stay in the preamble's note.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from app.domain.capture import parse_capture
from app.domain.entities import ItemDraft
from app.domain.enums import Horizon
from app.domain.errors import InvalidInput
from app.domain.journal.code import LineKind, line_kinds, mask_code_spans
from app.domain.journal.parse import split_lines
from app.domain.journal.status import LineStatus, line_status, plain_text


class NewItem(NamedTuple):
    """A backlog item to make, with the items nested under it."""

    draft: ItemDraft
    done: bool
    children: tuple[NewItem, ...]


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

    def freeze(self) -> NewItem:
        return NewItem(self.draft, self.done, tuple(child.freeze() for child in self.children))


def preamble_items(body: str, now: datetime) -> tuple[list[NewItem], str]:
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
