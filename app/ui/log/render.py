"""Log entries as rich text: Markdown rendered by Qt, with each line's status shown as a
coloured chip and every line traceable back to its entry and line number.

Before Qt reads an entry's Markdown, a token `\\ue000line:key\\u2e2e` (characters
nobody types) goes where each line's content starts, after its list mark or
heading marks; status markers (`[DONE]`, task boxes) are taken out of the text, since
the chip says it. Images become links (`Image: alt`): the log never fetches anything from
the network. Raw HTML is shown as text. After Qt has laid the Markdown out, one pass
over the document replaces each token with the line's chip (or nothing) and records
where the line starts, so a click anywhere can be traced to (entry, line).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from typing import NamedTuple

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument

from app.domain.journal.status import LineStatus, line_status
from app.ui.log.wording import STATUS_LABELS
from app.ui.theme import Tokens

# The closing character is punctuation, so emphasis right after a token still opens
# (`**(note)**`): CommonMark lets `**` before punctuation open only after punctuation.
OPEN, CLOSE = "\ue000", "\u2e2e"
_FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value
    | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)
# Where a line's content starts: indentation, quote marks, heading marks or a list mark.
_PREFIX = re.compile(
    r"[ \t]*(?:>[ \t]?)*[ \t]*"
    r"(?:#{1,6}(?=[ \t]|$)[ \t]*|(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)[ \t]*)?"
)
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
_MARKER = re.compile(r"[ \t]*\[(?:done|delayed|delay|todo)\]", re.IGNORECASE)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)(?:[ \t]+\"[^\"\n]*\")?\)")
# Lines a token would break: fences, tables, rules and setext underlines, link definitions.
_SKIP = re.compile(
    r"[ \t]*(?:```|~~~|\||[-=*_](?:[ \t]*[-=*_])*[ \t]*$|:?-+:?[ \t]*\||\[[^\]\n]+\]:[ \t])"
)
_TOKEN = QRegularExpression(f"{OPEN}([0-9]+):([0-9]+){CLOSE}")


class LineRef(NamedTuple):
    key: int  # which entry (the caller's key, an entry id)
    line: int  # index of the line in the entry's body


def status_colours(tokens: Tokens) -> dict[LineStatus, tuple[QColor, QColor]]:
    """(background, text) of each status chip, from the theme's chip hues."""
    chips, ink = tokens.chips, tokens.chip_text
    return {
        LineStatus.DONE: (QColor(chips[2]), QColor(ink)),
        LineStatus.DELAY: (QColor(chips[3]), QColor(ink)),
        LineStatus.TODO: (QColor(chips[0]), QColor(ink)),
        LineStatus.STRUCK: (QColor(tokens.column_header_bg), QColor(tokens.muted_text)),
    }


def prepare(body: str, key: int) -> tuple[str, dict[int, LineStatus]]:
    """`body` with a token at the start of every line's content, markers and task boxes
    taken out, and images as links; and the status of each line that has one."""
    out: list[str] = []
    statuses: dict[int, LineStatus] = {}
    for index, line in enumerate(body.split("\n")):
        if not line.strip() or _SKIP.match(line):
            out.append(line)
            continue
        status = line_status(line)
        if status is not None:
            statuses[index] = status
        start = _PREFIX.match(line)
        at = start.end() if start else 0
        head, rest = line[:at], line[at:]
        if status is not None:
            box = _TASK_BOX.match(rest)
            if box:
                rest = rest[box.end() :]
            rest = _MARKER.sub("", rest).strip() if status is not LineStatus.STRUCK else rest
        rest = _IMAGE.sub(_image_link, rest)
        out.append(f"{head}{OPEN}{index}:{key}{CLOSE}{rest}")
    return "\n".join(out), statuses


def _image_link(match: re.Match[str]) -> str:
    alt = match.group(1).strip()
    return f"[Image: {alt}]({match.group(2)})" if alt else f"[Image]({match.group(2)})"


def insert_markdown(cursor: QTextCursor, body: str, key: int) -> dict[int, LineStatus]:
    """Insert `body` as Markdown at `cursor`, with tokens (see `finish`)."""
    text, statuses = prepare(body, key)
    start = cursor.position()
    cursor.insertMarkdown(text, _FEATURES)
    _drop_leading_empty_block(cursor.document(), start, cursor.position())
    return statuses


def _drop_leading_empty_block(doc: QTextDocument, start: int, end: int) -> None:
    """Qt opens Markdown that starts with a list with an empty paragraph; take it out."""
    block = doc.findBlock(start)
    following = block.next()
    if block.text() or not following.isValid() or following.position() >= end:
        return
    cursor = QTextCursor(block)
    if QTextCursor(following).currentFrame() != cursor.currentFrame():
        return  # a table follows: removing across its edge would break it
    cursor.setPosition(following.position(), QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()


class LineMap:
    """Where each rendered line starts in a document: position → (entry, line)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._refs: list[LineRef] = []

    def add(self, position: int, ref: LineRef) -> None:
        self._starts.append(position)
        self._refs.append(ref)

    def at(self, position: int, key: int | None = None) -> LineRef | None:
        """The line holding `position`: the last one starting at or before it (of entry
        `key` when given)."""
        index = bisect_right(self._starts, position) - 1
        while index >= 0:
            ref = self._refs[index]
            if key is None or ref.key == key:
                return ref
            index -= 1
        return None

    def position(self, ref: LineRef) -> int | None:
        for start, known in zip(self._starts, self._refs, strict=True):
            if known == ref:
                return start
        return None

    def __len__(self) -> int:
        return len(self._starts)


def finish(
    doc: QTextDocument,
    statuses: Mapping[int, Mapping[int, LineStatus]],
    tokens: Tokens,
) -> LineMap:
    """Replace every token by its line's status chip (or nothing) and map the lines.
    `statuses` holds, per entry key, the statuses `prepare` found."""
    colours = status_colours(tokens)
    lines = LineMap()
    cursor = doc.find(_TOKEN, 0)
    while not cursor.isNull():
        match = _TOKEN.match(cursor.selectedText())
        line, key = int(match.captured(1)), int(match.captured(2))
        base = cursor.charFormat()
        cursor.removeSelectedText()
        lines.add(cursor.position(), LineRef(key, line))
        status = statuses.get(key, {}).get(line)
        if status is not None:
            background, ink = colours[status]
            chip = QTextCharFormat(base)
            chip.setBackground(background)
            chip.setForeground(ink)
            chip.setFontWeight(QFont.Weight.DemiBold)
            chip.setFontStrikeOut(False)
            chip.setAnchor(False)
            chip.setAnchorHref("")
            chip.setToolTip(f"Status: {STATUS_LABELS[status].lower()}")
            cursor.insertText(f"\u2009{STATUS_LABELS[status]}\u2009", chip)
            plain = QTextCharFormat(base)
            cursor.insertText("\u2002", plain)
        cursor = doc.find(_TOKEN, cursor.position())
    return lines


def render_body(doc: QTextDocument, body: str, tokens: Tokens, key: int = 0) -> LineMap:
    """`doc` holding only `body` (the editor's preview)."""
    doc.clear()
    cursor = QTextCursor(doc)
    statuses = insert_markdown(cursor, body, key)
    return finish(doc, {key: statuses}, tokens)
