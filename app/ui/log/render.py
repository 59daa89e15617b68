"""Log entries as rich text: Markdown rendered by Qt, with each line's status shown as a
coloured chip and every line traceable back to its entry and line number.

Before Qt reads an entry's Markdown, a token `\\ue000line:key\\u2e2e` (characters
nobody types) goes where each line's content starts, after its list mark or
heading marks; status markers (`[DONE]`, task boxes) are taken out of the text, since
the chip says it. Markers inside code (a fenced block or a `code span`) are code: they
stay as written and give the line no status. Raw HTML is shown as text.

Images (`![alt](url)`) are shown when the caller's image source has the picture now (the
Log page's `ImageCache`, app/ui/log/images.py, which fetches in the background and asks
for a new rendering when a picture arrives): the picture, scaled down to fit, is
registered on the document under its URL before Qt reads the Markdown, so Qt never
loads anything itself. Without a source, or while the source has nothing (not fetched
yet, failed, web pictures turned off), an image is a link (`Image: alt`). Images inside
code stay code.

After Qt has laid
the Markdown out, one pass over the document's blocks finds every token, and the tokens
are then replaced by the lines' chips (or nothing) from the last one back, all in one
edit, so the cost grows with the length of the text, not with its square (plain lines
written one under another make a single paragraph, and years of logging make long ones).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.domain.journal.code import (
    LINE_PREFIX,
    LineKind,
    code_spans,
    code_start,
    line_kinds,
    mask_code_spans,
)
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
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
_MARKER = re.compile(r"[ \t]*\[(?:done|delayed|delay|todo)\]", re.IGNORECASE)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)(?:[ \t]+\"[^\"\n]*\")?\)")
# Lines a token would break: tables, rules and setext underlines, link definitions.
_SKIP = re.compile(r"[ \t]*(?:\||[-=*_](?:[ \t]*[-=*_])*[ \t]*$|:?-+:?[ \t]*\||\[[^\]\n]+\]:[ \t])")
_BREAK = "\u2028"  # a line break inside a paragraph, as Markdown's hard break makes
# The widest a picture is shown, in logical pixels (a plot stays readable beside the text).
MAX_IMAGE_WIDTH = 560
_TOKEN = re.compile(f"{OPEN}([0-9]+):([0-9]+){CLOSE}")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# A picture by its URL as written, when it can be shown now; None otherwise.
ImageSource = Callable[[str], QImage | None]


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


def prepare(
    body: str, key: int, images: ImageSource | None = None
) -> tuple[str, dict[int, LineStatus]]:
    """`body` with a token at the start of every line's content, markers and task boxes
    taken out, and images as links unless `images` has the picture; and the status of
    each line that has one. Lines in fenced code are traced but never changed
    (app/domain/journal/code.py)."""
    if images is None:
        image = _image_link
    else:
        source = images

        def image(match: re.Match[str]) -> str:
            found = source(match.group(2))
            return match.group() if found is not None and not found.isNull() else _image_link(match)

    out: list[str] = []
    statuses: dict[int, LineStatus] = {}
    lines = body.split("\n")
    for index, (line, kind) in enumerate(zip(lines, line_kinds(body), strict=True)):
        if kind is LineKind.CODE:
            at = code_start(line)
            out.append(f"{line[:at]}{OPEN}{index}:{key}{CLOSE}{line[at:]}")
            continue
        if kind is not LineKind.TEXT:
            out.append(line)
            continue
        if _SKIP.match(line):  # a table row may hold a picture
            out.append(_outside_code(line, code_spans(line), lambda text: _IMAGE.sub(image, text)))
            continue
        start = LINE_PREFIX.match(line)
        assert start is not None  # every part of it is optional
        at = start.end()
        spans = code_spans(line)
        status = line_status(mask_code_spans(line, spans))
        if status is not None:
            statuses[index] = status
        head, rest = line[:at], line[at:]
        if status is not None:
            box = _TASK_BOX.match(rest)
            if box:
                rest = rest[box.end() :]
        spans = code_spans(rest) if spans else []
        if status is not None and status is not LineStatus.STRUCK:
            rest = _outside_code(rest, spans, lambda text: _MARKER.sub("", text)).strip()
        rest = _outside_code(rest, spans, lambda text: _IMAGE.sub(image, text))
        out.append(f"{head}{OPEN}{index}:{key}{CLOSE}{rest}")
    return "\n".join(out), statuses


def _outside_code(text: str, spans: list[tuple[int, int]], change: Callable[[str], str]) -> str:
    """`text` with `change` applied to what lies outside its code spans."""
    if not spans:
        return change(text)
    parts, last = [], 0
    for start, end in spans:
        parts += [change(text[last:start]), text[start:end]]
        last = end
    parts.append(change(text[last:]))
    return "".join(parts)


def _image_link(match: re.Match[str]) -> str:
    alt = match.group(1).strip()
    return f"[Image: {alt}]({match.group(2)})" if alt else f"[Image]({match.group(2)})"


def insert_markdown(
    cursor: QTextCursor,
    body: str,
    key: int,
    images: ImageSource | None = None,
    *,
    width: int = MAX_IMAGE_WIDTH,
    ratio: float = 1.0,
) -> dict[int, LineStatus]:
    """Insert `body` as Markdown at `cursor`, with tokens (see `finish`). The pictures
    `images` has are shown at most `width` logical pixels wide, for a screen of device
    pixel ratio `ratio`; each is also a link to its URL."""
    shown: dict[str, QImage] = {}
    source: ImageSource | None = None
    if images is not None:
        wanted = images

        def source(url: str) -> QImage | None:
            found = shown.get(url)
            if found is None:
                found = wanted(url)
                if found is None or found.isNull():
                    return None
                shown[url] = found
            return found

    text, statuses = prepare(body, key, source)
    doc = cursor.document()
    # Registered before Qt reads the Markdown: it finds them instead of loading anything.
    for url, picture in shown.items():
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(url), fit_image(picture, width, ratio)
        )
    start = cursor.position()
    cursor.insertMarkdown(text, _FEATURES)
    _drop_leading_empty_block(cursor.document(), start, cursor.position())
    if shown:
        _link_images(doc, start, cursor.position(), shown.keys())
    return statuses


def fit_image(image: QImage, width: int = MAX_IMAGE_WIDTH, ratio: float = 1.0) -> QImage:
    """`image` as the log shows it: at most `width` logical pixels wide, never enlarged (a
    picture's pixel is a logical pixel, as in a browser), and with as many of its pixels
    as a screen of device pixel ratio `ratio` can show."""
    width, ratio = max(width, 16), max(ratio, 1.0)
    logical = min(image.width(), width)
    pixels = min(image.width(), round(logical * ratio))
    if pixels < image.width():
        fitted = image.scaledToWidth(pixels, Qt.TransformationMode.SmoothTransformation)
    else:
        fitted = QImage(image)  # shares the pixels
    fitted.setDevicePixelRatio(pixels / logical)
    return fitted


def _link_images(doc: QTextDocument, start: int, end: int, urls: Iterable[str]) -> None:
    """Make each shown picture between `start` and `end` a link to its URL (a click opens
    it whole), with its alternative text as a tooltip, on a line of its own: a picture
    amid words would make their line as tall as itself, status chip included."""
    names = set(urls)
    found: list[tuple[int, int, int, QTextCharFormat]] = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name() in names:
                last = block.position() + block.length() - 1
                found.append((fragment.position(), fragment.length(), last, fmt))
            fragments += 1
        block = block.next()
    cursor = QTextCursor(doc)
    plain = QTextCharFormat()
    # From the last one back, so the positions found stay where they were.
    for position, length, last, fmt in reversed(found):
        picture = fmt.toImageFormat()
        name = picture.name()
        url = QUrl(name)
        href = name if url.scheme() and not _is_drive(name) else QUrl.fromLocalFile(name).toString()
        alt = picture.property(QTextFormat.Property.ImageAltText)
        picture.setAnchor(True)
        picture.setAnchorHref(href)
        picture.setToolTip(alt if isinstance(alt, str) and alt else name)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(picture)
        if position + length < last and doc.characterAt(position + length) != _BREAK:
            cursor.setPosition(position + length)
            cursor.insertText(_BREAK, plain)
        if (
            position > doc.findBlock(position).position()
            and doc.characterAt(position - 1) != _BREAK
        ):
            cursor.setPosition(position)
            cursor.insertText(_BREAK, plain)


def _is_drive(name: str) -> bool:
    """`C:/plots/a.png`: a Windows path, whose drive letter QUrl reads as a scheme."""
    return len(name) > 2 and name[0].isalpha() and name[1] == ":" and name[2] in "/\\"


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


class _Found(NamedTuple):
    position: int  # in the document, in UTF-16 units as Qt counts
    length: int
    ref: LineRef


def _tokens(doc: QTextDocument) -> list[_Found]:
    """Every token in `doc`, in order: one read of each block's text."""
    found: list[_Found] = []
    block = doc.begin()
    while block.isValid():
        text = block.text()
        if OPEN in text:
            base = block.position()
            # Qt counts UTF-16 units; Python counts characters. They differ only after
            # a character outside the BMP (an emoji), so count those only when present.
            astral = _ASTRAL.search(text) is not None
            done, shift = 0, 0
            for match in _TOKEN.finditer(text):
                if astral:
                    shift += len(_ASTRAL.findall(text, done, match.start()))
                    done = match.start()
                ref = LineRef(int(match.group(2)), int(match.group(1)))
                found.append(_Found(base + match.start() + shift, len(match.group()), ref))
        block = block.next()
    return found


def finish(
    doc: QTextDocument,
    statuses: Mapping[int, Mapping[int, LineStatus]],
    tokens: Tokens,
) -> LineMap:
    """Replace every token by its line's status chip (or nothing) and map the lines.
    `statuses` holds, per entry key, the statuses `prepare` found."""
    colours = status_colours(tokens)
    found = _tokens(doc)
    chips = {status: f"\u2009{label}\u2009" for status, label in STATUS_LABELS.items()}
    # Lines are mapped where they start once every token before them has been replaced.
    lines = LineMap()
    moved = 0
    wanted: list[LineStatus | None] = []
    for token in found:
        lines.add(token.position + moved, token.ref)
        status = statuses.get(token.ref.key, {}).get(token.ref.line)
        wanted.append(status)
        moved += (len(chips[status]) + 1 if status is not None else 0) - token.length
    # From the last token back, so every position found is still where it was.
    keep = QTextCursor.MoveMode.KeepAnchor
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    formats: tuple[QTextCharFormat, LineStatus, QTextCharFormat] | None = None
    for token, status in zip(reversed(found), reversed(wanted), strict=True):
        cursor.setPosition(token.position + token.length)
        base = cursor.charFormat()
        cursor.setPosition(token.position, keep)
        cursor.removeSelectedText()
        if status is None:
            continue
        # Neighbouring lines mostly share one format: build the chip's once for them.
        if formats is None or formats[1] is not status or formats[0] != base:
            formats = (base, status, _chip_format(base, *colours[status], status))
        cursor.insertText(chips[status], formats[2])
        cursor.insertText("\u2002", base)
    cursor.endEditBlock()
    return lines


def _chip_format(
    base: QTextCharFormat, background: QColor, ink: QColor, status: LineStatus
) -> QTextCharFormat:
    chip = QTextCharFormat(base)
    chip.setBackground(background)
    chip.setForeground(ink)
    chip.setFontWeight(QFont.Weight.DemiBold)
    chip.setFontStrikeOut(False)
    chip.setAnchor(False)
    chip.setAnchorHref("")
    chip.setToolTip(f"Status: {STATUS_LABELS[status].lower()}")
    return chip


def render_body(
    doc: QTextDocument,
    body: str,
    tokens: Tokens,
    key: int = 0,
    images: ImageSource | None = None,
    *,
    width: int = MAX_IMAGE_WIDTH,
    ratio: float = 1.0,
) -> LineMap:
    """`doc` holding only `body` (the editor's preview); pictures as `insert_markdown`."""
    doc.clear()
    cursor = QTextCursor(doc)
    # One edit, so a shown document is laid out once, not again after the tokens go.
    cursor.beginEditBlock()
    statuses = insert_markdown(cursor, body, key, images, width=width, ratio=ratio)
    lines = finish(doc, {key: statuses}, tokens)
    cursor.endEditBlock()
    return lines
