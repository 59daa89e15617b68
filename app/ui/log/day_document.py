"""The day page's document: the user's entries as cards, then what Rizhi derived for
the day, written from a `DayPage` into a `QTextDocument`.

Each entry is a frame (a card) with a header (its title, its range, when it was written,
and links to edit, move or delete it), the importer's flag when it has one (why, and
links to keep it on this day or move it), and its Markdown with a chip per status line
(app/ui/log/render.py). The derived entries follow in a panel of their own, each a link
to the item or unit; they are never editable. Rizhi's own links use the `rizhi:` scheme
(`rizhi:edit/12`); the view (app/ui/log/day_view.py) turns them into signals.

`DayBuilder.build` returns a `DayLayout`: where each card and each line of an entry's
body lie in the document, so that a position (a click, the caret) finds its entry and
line, and an entry or a line can be scrolled to.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
)

from app.domain.journal.status import LineStatus
from app.domain.timebox import seconds_text
from app.services.log_days import AutoEntry, AutoKind, DayPage
from app.services.log_entries import LogEntryRecord
from app.services.log_focus import SHOWN, DayFocus
from app.ui.log.render import MAX_IMAGE_WIDTH, ImageSource, LineMap, finish, insert_markdown
from app.ui.log.wording import anomaly_text, range_text
from app.ui.theme import Tokens

SCHEME = "rizhi"
AUTO_LABELS = {
    AutoKind.COMPLETED: ("✓", "Completed"),
    AutoKind.CAPTURED: ("+", "Captured"),
    AutoKind.REVIEWED: ("★", "Reviewed"),
}
EMPTY_TITLE = "Nothing written on this day yet."
EMPTY_HINT = "Type in the editor below: it saves as you type, and Ctrl+Enter starts another entry."


class DayLayout:
    """Where each entry's card lies in the document, and where each line starts."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.ids: list[int] = []
        self.lines = LineMap()

    def add(self, first: int, last: int, entry_id: int) -> None:
        self.starts.append(first)
        self.ends.append(last)
        self.ids.append(entry_id)

    def entry_at(self, position: int) -> int | None:
        index = bisect_right(self.starts, position) - 1
        if index >= 0 and position <= self.ends[index]:
            return self.ids[index]
        return None

    def entry_start(self, entry_id: int) -> int | None:
        for start, known in zip(self.starts, self.ids, strict=True):
            if known == entry_id:
                return start
        return None


def _link(href: str, ink: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(href)
    fmt.setForeground(ink)
    return fmt


def _text(ink: QColor, *, bold: bool = False, scale: float = 1.0, base: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(ink)
    font = QFont(base)
    if scale != 1.0:
        font.setPointSizeF(base.pointSizeF() * scale)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    fmt.setFont(font)
    return fmt


class DayBuilder:
    """Writes a `DayPage` into a document."""

    def __init__(
        self,
        doc: QTextDocument,
        tokens: Tokens,
        font: QFont,
        tz: tzinfo,
        images: ImageSource | None = None,
        *,
        image_width: int = MAX_IMAGE_WIDTH,
        ratio: float = 1.0,
    ) -> None:
        self.doc = doc
        self.t = tokens
        self.font = font
        self.tz = tz
        self.images = images
        self.image_width = image_width
        self.ratio = ratio

    def build(self, page: DayPage, selected: int | None) -> DayLayout:
        doc, t = self.doc, self.t
        doc.clear()
        doc.setDefaultFont(self.font)
        doc.setDocumentMargin(14)
        layout = DayLayout()
        cursor = QTextCursor(doc)
        # A frame always follows a block of the root frame; keep that block thin.
        thin = QTextBlockFormat()
        thin.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        cursor.setBlockFormat(thin)
        statuses: dict[int, dict[int, LineStatus]] = {}
        frames = []
        if not page.entries:
            cursor.setBlockFormat(QTextBlockFormat())
            self._empty(cursor)
        for entry in page.entries:
            frame = cursor.insertFrame(self._card_format(entry.id == selected))
            self._header(cursor, entry, page.day)
            if entry.anomaly:
                self._flag(cursor, entry)
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            statuses[entry.id] = insert_markdown(
                cursor,
                entry.body,
                entry.id,
                self.images,
                width=self.image_width,
                ratio=self.ratio,
            )
            frames.append((frame, entry.id))
            cursor = frame.lastCursorPosition()
            cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        if page.auto or page.focus:
            self._derived(cursor, page.auto, page.focus)
        layout.lines = finish(doc, statuses, t)
        for frame, entry_id in frames:
            layout.add(frame.firstPosition(), frame.lastPosition(), entry_id)
        return layout

    def _card_format(self, selected: bool) -> QTextFrameFormat:
        t = self.t
        fmt = QTextFrameFormat()
        fmt.setBackground(t.card_bg)
        fmt.setBorder(2 if selected else 1)
        fmt.setBorderBrush(t.accent if selected else t.card_border)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setPadding(12 if selected else 13)
        fmt.setTopMargin(0)
        fmt.setBottomMargin(12)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        return fmt

    def _header(self, cursor: QTextCursor, entry: LogEntryRecord, day: date) -> None:
        t, base = self.t, self.font
        block = QTextBlockFormat()
        block.setBottomMargin(4)
        cursor.setBlockFormat(block)
        if entry.heading:
            cursor.insertText(entry.heading, _text(t.text, bold=True, scale=1.08, base=base))
            cursor.insertText("   ", _text(t.text, base=base))
        if entry.end_day is not None:
            chip = _text(t.text, bold=True, scale=0.9, base=base)
            chip.setBackground(t.selected)
            cursor.insertText(f"\u2009{range_text(entry.day, entry.end_day)}\u2009", chip)
            cursor.insertText("   ", _text(t.text, base=base))
        muted = _text(t.muted_text, scale=0.9, base=base)
        cursor.insertText(self._written(entry, day), muted)
        for index, (label, action) in enumerate((("Edit", "edit"), ("Move…", "move"),
                                                 ("Delete", "delete"))):  # fmt: skip
            cursor.insertText("  ·  " if index else "     ", muted)
            link = _link(f"{SCHEME}:{action}/{entry.id}", t.accent)
            link.setFont(muted.font())
            cursor.insertText(label, link)

    def _written(self, entry: LogEntryRecord, day: date) -> str:
        if entry.source.value == "import":
            return "imported"
        written = entry.created_at.astimezone(self.tz)
        if written.date() == day:
            return f"written {written:%H:%M}"
        return f"written {written.day} {written:%b %Y}"

    def _flag(self, cursor: QTextCursor, entry: LogEntryRecord) -> None:
        t, base = self.t, self.font
        assert entry.anomaly is not None
        block = QTextBlockFormat()
        block.setBackground(t.due_soon_bg)
        block.setTopMargin(4)
        block.setBottomMargin(4)
        block.setLeftMargin(0)
        cursor.insertBlock(block, QTextCharFormat())
        warn = _text(t.due_soon, bold=True, base=base)
        cursor.insertText(" ⚑ Date flagged on import. ", warn)
        cursor.insertText(anomaly_text(dict(entry.anomaly)) + "  ", _text(t.text, base=base))
        cursor.insertText("Keep it on this day", _link(f"{SCHEME}:confirm/{entry.id}", t.accent))
        cursor.insertText("  ·  ", _text(t.muted_text, base=base))
        cursor.insertText("Move to another day…", _link(f"{SCHEME}:move/{entry.id}", t.accent))

    def _empty(self, cursor: QTextCursor) -> None:
        t, base = self.t, self.font
        block = QTextBlockFormat()
        block.setTopMargin(36)
        block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        cursor.setBlockFormat(block)
        cursor.insertText(EMPTY_TITLE, _text(t.text, bold=True, scale=1.15, base=base))
        hint = QTextBlockFormat()
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setTopMargin(6)
        hint.setBottomMargin(24)
        cursor.insertBlock(hint, QTextCharFormat())
        cursor.insertText(EMPTY_HINT, _text(t.muted_text, base=base))
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())

    def _derived(
        self, cursor: QTextCursor, auto: tuple[AutoEntry, ...], focus: DayFocus | None = None
    ) -> None:
        t, base = self.t, self.font
        fmt = QTextFrameFormat()
        fmt.setBackground(t.column_header_bg)
        fmt.setBorder(0)
        fmt.setPadding(12)
        fmt.setTopMargin(4)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        frame = cursor.insertFrame(fmt)
        title = QTextBlockFormat()
        title.setBottomMargin(6)
        cursor.setBlockFormat(title)
        cursor.insertText("FROM YOUR BOARD", _text(t.muted_text, bold=True, scale=0.82, base=base))
        cursor.insertText(
            "   written by Rizhi from what you did; not editable",
            _text(t.muted_text, scale=0.82, base=base),
        )
        marks = {
            AutoKind.COMPLETED: t.chips[2] if not t.dark else QColor("#6FCF7F"),
            AutoKind.CAPTURED: t.accent,
            AutoKind.REVIEWED: t.due_soon,
        }
        if focus is not None:
            self._focus(cursor, focus)
        for entry in auto:
            row = QTextBlockFormat()
            row.setTopMargin(3)
            cursor.insertBlock(row, QTextCharFormat())
            glyph, label = AUTO_LABELS[entry.kind]
            mark = _text(marks[entry.kind], bold=True, base=base)
            if entry.kind is AutoKind.COMPLETED and not t.dark:
                mark.setForeground(QColor("#2F7A3B"))
            cursor.insertText(f"{glyph}  ", mark)
            cursor.insertText(f"{label}  ", _text(t.muted_text, base=base))
            target = (
                f"{SCHEME}:item/{entry.item_id}"
                if entry.item_id is not None
                else f"{SCHEME}:unit/{entry.unit_id}"
            )
            link = _link(target, t.text)
            link.setFont(base)
            cursor.insertText(entry.text, link)
            cursor.insertText(f"  {entry.at:%H:%M}", _text(t.muted_text, scale=0.9, base=base))
        cursor.setPosition(frame.lastPosition())

    def _focus(self, cursor: QTextCursor, focus: DayFocus) -> None:
        """ "◷ Focus: 2h10m — MAE paper (1h20m), …", each item a link to open it."""
        t, base = self.t, self.font
        row = QTextBlockFormat()
        row.setTopMargin(3)
        cursor.insertBlock(row, QTextCharFormat())
        cursor.insertText("◷  ", _text(t.accent, bold=True, base=base))
        cursor.insertText("Focus  ", _text(t.muted_text, base=base))
        cursor.insertText(seconds_text(focus.seconds), _text(t.text, bold=True, base=base))
        for n, item in enumerate(focus.items[:SHOWN]):
            cursor.insertText(" — " if n == 0 else ", ", _text(t.muted_text, base=base))
            if item.item_id is None:
                cursor.insertText(item.title, _text(t.text, base=base))
            else:
                link = _link(f"{SCHEME}:item/{item.item_id}", t.text)
                link.setFont(base)
                cursor.insertText(item.title, link)
            time = f" ({seconds_text(item.seconds)})"
            cursor.insertText(time, _text(t.muted_text, scale=0.9, base=base))
        if len(focus.items) > SHOWN:
            more = f", {len(focus.items) - SHOWN} more"
            cursor.insertText(more, _text(t.muted_text, base=base))
