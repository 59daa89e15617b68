"""The day page: one read-only `QTextBrowser` over the day's document
(app/ui/log/day_document.py), rebuilt when the day or its entries change.

Links inside entries open in the system's browser; Rizhi's own links (`rizhi:edit/12`)
become signals. A click on a card selects its entry (it opens in the editor), a
double-click puts the cursor there; the context menu offers the line under the pointer
as a backlog item.

Pictures come from the page's image source (app/ui/log/images.py): those it has now are
shown, at most `MAX_IMAGE_WIDTH` wide and never wider than the page; the others stay
links until the page renders the day again. A narrower window renders them again to fit.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QImage,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QMenu, QTextBrowser, QTextEdit, QWidget

from app.domain.journal.status import plain_text
from app.services.log_days import DayPage
from app.ui.log.day_document import SCHEME, DayBuilder, DayLayout
from app.ui.log.render import MAX_IMAGE_WIDTH, ImageSource, LineRef
from app.ui.theme import Tokens

# Room beside a picture inside a card: the document's margins, the card's padding and
# border, a list's indent, and a scroll bar.
PICTURE_ROOM = 2 * 14 + 2 * 14 + 40 + 20
RESIZE_RENDER_MS = 150
REVEAL_MARGIN = 8  # room kept above and below a card scrolled into view


class DayView(QTextBrowser):
    """The rendered day; read-only. Signals carry entry ids (and line indexes)."""

    entry_clicked = Signal(int)
    edit_requested = Signal(int)
    move_requested = Signal(int)
    confirm_requested = Signal(int)
    delete_requested = Signal(int)
    # Entry id, line index, and the line as shown: the entry may have changed since.
    line_to_item_requested = Signal(int, int, str)
    item_requested = Signal(int)
    unit_requested = Signal(int)

    def __init__(
        self, tokens: Tokens, parent: QWidget | None = None, *, images: ImageSource | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogDayView")
        self.tokens = tokens
        self.images = images
        self.tz: tzinfo | None = None
        self._pictures = False  # the day shown has pictures
        self._picture_width = MAX_IMAGE_WIDTH  # as wide as they were rendered
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_RENDER_MS)
        self._resize_timer.timeout.connect(self.render_again)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("The day's entries")
        self.anchorClicked.connect(self._anchor)
        self.layout_info = DayLayout()
        self.page: DayPage | None = None
        self.selected: int | None = None
        self._press: QPoint | None = None
        self._terms: list[str] = []

    # --- content ------------------------------------------------------------------------

    def show_page(self, page: DayPage, selected: int | None, tz: tzinfo) -> None:
        keep = self.page is not None and page.day == self.page.day
        scroll = self.verticalScrollBar().value()
        self.page = page
        self.selected = selected
        self.tz = tz
        self._pictures = False
        self._picture_width = self.picture_width()
        source = self._picture if self.images is not None else None
        builder = DayBuilder(
            self.document(),
            self.tokens,
            self.font(),
            tz,
            source,
            image_width=self._picture_width,
            ratio=self.devicePixelRatioF(),
        )
        self.layout_info = builder.build(page, selected)
        self._highlight()
        if keep:
            self.verticalScrollBar().setValue(scroll)
        else:
            self.verticalScrollBar().setValue(0)

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def render_again(self) -> None:
        """Build the day shown again (pictures that arrived since, a new width)."""
        self._resize_timer.stop()
        if self.page is not None and self.tz is not None:
            self.show_page(self.page, self.selected, self.tz)

    def picture_width(self) -> int:
        """How wide a picture may be shown now, in logical pixels."""
        if not self.isVisible():
            return MAX_IMAGE_WIDTH  # the real width comes with the first resize
        return max(48, min(MAX_IMAGE_WIDTH, self.width() - PICTURE_ROOM))

    def _picture(self, url: str) -> QImage | None:
        assert self.images is not None
        found = self.images(url)
        if found is not None:
            self._pictures = True
        return found

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pictures()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_pictures()

    def _fit_pictures(self) -> None:
        # The widget's width, not the viewport's: a scroll bar coming and going as the
        # pictures change the page's height must not render it again and again.
        if self._pictures and self.picture_width() != self._picture_width:
            self._resize_timer.start()

    def highlight(self, terms: list[str]) -> None:
        """Mark the words of a search in the page (until the day changes)."""
        self._terms = [t for t in terms if t]
        self._highlight()

    def _highlight(self) -> None:
        selections = []
        colour = QColor(self.tokens.chips[3])
        colour.setAlphaF(0.55 if not self.tokens.dark else 0.7)
        doc = self.document()
        for term in self._terms:
            cursor = doc.find(term, 0)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(colour)
                selections.append(selection)
                cursor = doc.find(term, cursor)
        self.setExtraSelections(selections)

    def scroll_to_entry(self, entry_id: int, line: int | None = None) -> None:
        position = None
        if line is not None and line >= 0:
            position = self.layout_info.lines.position(LineRef(entry_id, line))
        if position is None:
            position = self.layout_info.entry_start(entry_id)
        if position is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 24)

    def reveal_entry(self, entry_id: int) -> None:
        """Scroll as little as shows the entry's card whole (its top, when it is taller
        than the page)."""
        start = self.layout_info.entry_start(entry_id)
        if start is None:
            return
        doc = self.document()
        frame = doc.frameAt(start)
        while frame is not None and frame.parentFrame() not in (None, doc.rootFrame()):
            frame = frame.parentFrame()  # from a table inside the card to the card
        if frame is None:
            return
        card = doc.documentLayout().frameBoundingRect(frame)
        bar = self.verticalScrollBar()
        top, bottom = card.top() - REVEAL_MARGIN, card.bottom() + REVEAL_MARGIN
        value = float(bar.value())
        if bottom > value + self.viewport().height():
            value = bottom - self.viewport().height()
        bar.setValue(int(min(value, top)))

    # --- where things are ---------------------------------------------------------------

    def position_at(self, point: QPoint) -> int:
        return self.cursorForPosition(point).position()

    def entry_at(self, point: QPoint) -> int | None:
        return self.layout_info.entry_at(self.position_at(point))

    def line_at(self, point: QPoint) -> LineRef | None:
        position = self.position_at(point)
        entry_id = self.layout_info.entry_at(position)
        if entry_id is None:
            return None
        return self.layout_info.lines.at(position, entry_id)

    def line_text(self, ref: LineRef) -> str:
        return plain_text(self.body_line(ref))

    def body_line(self, ref: LineRef) -> str:
        """The line of the entry's body as shown (as written, with its marks)."""
        if self.page is None:
            return ""
        for entry in self.page.entries:
            if entry.id == ref.key:
                lines = entry.body.split("\n")
                return lines[ref.line] if 0 <= ref.line < len(lines) else ""
        return ""

    def current_line(self) -> LineRef | None:
        """The line holding the caret (after a click), in the selected entry if any."""
        position = self.textCursor().position()
        entry_id = self.layout_info.entry_at(position) or self.selected
        if entry_id is None:
            return None
        return self.layout_info.lines.at(position, entry_id)

    # --- events -------------------------------------------------------------------------

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() != SCHEME:
            if url.scheme() in ("http", "https", "mailto", "file"):
                QDesktopServices.openUrl(url)
            return
        action, _, number = url.path().partition("/")
        if not number.isdigit():
            return
        target = int(number)
        signal = {
            "edit": self.edit_requested,
            "move": self.move_requested,
            "confirm": self.confirm_requested,
            "delete": self.delete_requested,
            "item": self.item_requested,
            "unit": self.unit_requested,
        }.get(action)
        if signal is not None:
            signal.emit(target)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        pressed, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (point - pressed).manhattanLength() > 4 or self.anchorAt(point):
            return  # a drag to select text, or a link
        entry_id = self.entry_at(point)
        if entry_id is not None:
            self.entry_clicked.emit(entry_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        entry_id = self.entry_at(point)
        on_card = entry_id is not None and not self.anchorAt(point)
        if event.button() == Qt.MouseButton.LeftButton and entry_id is not None and on_card:
            self.edit_requested.emit(entry_id)  # straight into the editor
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = event.pos()
        entry_id = self.entry_at(point)
        ref = self.line_at(point)
        menu = QMenu(self)
        if ref is not None:
            text = self.line_text(ref)
            if text:
                shown = text if len(text) <= 40 else text[:39] + "…"
                menu.addAction(
                    f"Make a backlog item: “{shown}”",
                    lambda: self.line_to_item_requested.emit(
                        ref.key, ref.line, self.body_line(ref)
                    ),
                )
                menu.addSeparator()
        if entry_id is not None:
            menu.addAction("Edit entry", lambda: self.edit_requested.emit(entry_id))
            menu.addAction("Move entry to another day…", lambda: self.move_requested.emit(entry_id))
            menu.addAction("Delete entry", lambda: self.delete_requested.emit(entry_id))
            menu.addSeparator()
        copy = menu.addAction("Copy", self.copy)
        copy.setEnabled(self.textCursor().hasSelection())
        menu.addAction("Select all", self.selectAll)
        menu.exec(event.globalPos())
