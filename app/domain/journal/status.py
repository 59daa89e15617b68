"""Status markers in log lines: `[DONE]`, `[DELAY]`, `[TODO]` anywhere in a line, a line
struck out with `~~...~~` (dropped), and Markdown task boxes `- [x]` and `- [ ]`.

A line has at most one status. Written markers win (the last one, since people append
`[DONE]` to a `[TODO]` line when it is done), then a strike-through of the whole line,
then a task box.
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.domain.journal.code import LineKind, line_kinds, mask_code_spans

__all__ = ["LineStatus", "line_status", "line_statuses", "plain_text"]


class LineStatus(StrEnum):
    DONE = "done"
    DELAY = "delay"
    TODO = "todo"
    STRUCK = "struck"  # struck out: dropped


_MARKER = re.compile(r"\[(done|delayed|delay|todo)\]", re.IGNORECASE)
_MARKER_STATUS = {
    "done": LineStatus.DONE,
    "delay": LineStatus.DELAY,
    "delayed": LineStatus.DELAY,
    "todo": LineStatus.TODO,
}
_LIST_MARK = re.compile(r"[ \t]*+(?:(?:[-*+]|[0-9]{1,3}[.)])[ \t]++)?")
_TASK_BOX = re.compile(r"\[([ xX])\][ \t]++")
# Each try stops at the next "~~", so a line of unclosed "~~" costs one pass, not a square.
_STRUCK = re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)~~")


def line_status(line: str) -> LineStatus | None:
    """The status `line` carries, or None."""
    if "[" not in line and "~~" not in line:
        return None
    markers = _MARKER.findall(line)
    if markers:
        return _MARKER_STATUS[markers[-1].lower()]
    content, box = _content(line)
    if content.startswith("~~") and content.find("~~", 2) > 2:
        return LineStatus.STRUCK
    if box:
        return LineStatus.TODO if box.group(1) == " " else LineStatus.DONE
    return None


def line_statuses(text: str) -> list[tuple[int, LineStatus]]:
    """(line index, status) of every line of `text` that carries a status. Markers in
    code (a fenced block, a `code span`) are code, not a status (journal/code.py)."""
    found = []
    lines = text.split("\n")
    if "`" not in text and "~~~" not in text:  # no code at all: most entries, and fast
        kinds = [LineKind.TEXT] * len(lines)
    else:
        kinds = line_kinds(text)
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind is not LineKind.TEXT:
            continue
        status = line_status(mask_code_spans(line))
        if status is not None:
            found.append((index, status))
    return found


def plain_text(line: str) -> str:
    """A log line without its list mark, task box, status markers (not those in code)
    and strike-through: the words to make a backlog item from."""
    content, _ = _content(line)
    # Markers are found on the masked text, so those inside a `code span` stay.
    markers = [found.span() for found in _MARKER.finditer(mask_code_spans(content))]
    for start, end in reversed(markers):
        content = f"{content[:start]} {content[end:]}"
    content = _STRUCK.sub(r"\1", content)
    return " ".join(content.split())


def _content(line: str) -> tuple[str, re.Match[str] | None]:
    """The line after its list mark and task box, and the task box."""
    mark = _LIST_MARK.match(line)
    content = line[mark.end() :] if mark else line
    box = _TASK_BOX.match(content)
    return (content[box.end() :] if box else content), box
