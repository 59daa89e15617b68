"""Which parts of a Markdown entry are code: fenced blocks (```` ``` ```` or `~~~`, also
inside list items and quotes) and `code spans`. Status markers written there are code,
not a line's status, for the rendering, the search by status and the counts alike.

Fences follow CommonMark closely enough for logs: a block ends at a fence of the same
character at least as long, or where the list item or quote holding it ends; backticks
in a backtick fence's info string make it a code span instead.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

__all__ = ["LINE_PREFIX", "LineKind", "code_spans", "code_start", "line_kinds", "mask_code_spans"]

# Where a line's content starts: indentation, quote marks, heading marks or a list mark.
LINE_PREFIX = re.compile(
    r"(?P<lead>[ \t]*(?:>[ \t]?)*[ \t]*)"
    r"(?:(?P<heading>#{1,6}(?=[ \t]|$)[ \t]*)|(?P<mark>(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)[ \t]*))?"
)
_LEAD = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
# A code span: a run of backticks up to the next run of the same length (CommonMark).
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)")


class LineKind(Enum):
    TEXT = "text"
    BLANK = "blank"  # empty or whitespace, in code or not
    FENCE = "fence"  # a line opening or closing a fenced block
    CODE = "code"  # a line inside a fenced block


class _Fence(NamedTuple):
    """An open fenced code block."""

    mark: str  # "`" or "~"
    length: int  # a closing fence is at least this long
    indent: int  # a line indented less (the fence is in a list item) ends the item
    quoted: bool  # a line without ">" ends the quote


def line_kinds(body: str) -> list[LineKind]:
    """The kind of each line of `body` (split on "\\n")."""
    kinds: list[LineKind] = []
    fence: _Fence | None = None
    item = 0  # where the content of the list item being read starts (0: none)
    for line in body.split("\n"):
        if fence is not None and not _leaves(fence, line):
            if _closes(fence, line):
                fence = None
                kinds.append(LineKind.FENCE)
            else:
                kinds.append(LineKind.CODE if line.strip() else LineKind.BLANK)
            continue
        fence = None
        if not line.strip():
            kinds.append(LineKind.BLANK)
            continue
        start = LINE_PREFIX.match(line)
        assert start is not None  # every part of it is optional
        if start.group("mark"):
            item = _width(line[: start.end()])
        elif not _indent(line):
            item = 0
        fence = _opens(line, start, item)
        kinds.append(LineKind.TEXT if fence is None else LineKind.FENCE)
    return kinds


def code_start(line: str) -> int:
    """Where a code line's text starts, after its indentation and quote marks."""
    found = _LEAD.match(line)
    return found.end() if found else 0


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every code span in `text`."""
    if "`" not in text:
        return []
    return [found.span() for found in _CODE_SPAN.finditer(text)]


def mask_code_spans(line: str, spans: list[tuple[int, int]] | None = None) -> str:
    """`line` with its code spans blanked out (same length), for finding its status."""
    spans = code_spans(line) if spans is None else spans
    if not spans:
        return line
    parts, last = [], 0
    for start, end in spans:
        parts += [line[last:start], "_" * (end - start)]
        last = end
    parts.append(line[last:])
    return "".join(parts)


def _opens(line: str, start: re.Match[str], item: int) -> _Fence | None:
    """The fenced code block `line` opens, if it opens one (not in a heading); `item`
    is where the content of the list item it may be in starts."""
    if start.group("heading"):
        return None
    found = _FENCE.match(line, start.end())
    if found is None:
        return None
    run, info = found.groups()
    if run[0] == "`" and "`" in info:
        return None  # backticks after a backtick fence make it a code span
    # In a list item when the fence starts it, or is indented to the item's content.
    indent = item if start.group("mark") or 0 < item <= _indent(line) else 0
    return _Fence(run[0], len(run), indent, ">" in start.group("lead"))


def _leaves(fence: _Fence, line: str) -> bool:
    """Whether `line` ends the list item or the quote holding `fence` (and so the block)."""
    if not line.strip():
        return False
    if fence.quoted and not line.lstrip().startswith(">"):
        return True
    return _indent(line) < fence.indent


def _closes(fence: _Fence, line: str) -> bool:
    rest = line[code_start(line) :].rstrip(" \t")
    return len(rest) >= fence.length and rest == fence.mark * len(rest)


def _width(text: str) -> int:
    return len(text.expandtabs(4))


def _indent(line: str) -> int:
    """The width of the whitespace `line` starts with."""
    return _width(line[: len(line) - len(line.lstrip(" \t"))])
