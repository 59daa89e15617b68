"""Quick add: one line in the capture grammar, with chips showing what was understood
before Enter is pressed.

One widget for every place a line is captured: the backlog's quick add, the line at the
foot of each board column and the capture popup (popup.py). What a line means is the
`LineReader`'s to say (the grammar alone by default; the popup's also reads where the
line goes and its links); the widget shows its chips, or its error, as the user types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from app.domain.enums import ItemKind, Priority
from app.domain.errors import InvalidInput
from app.domain.estimates import estimate_text
from app.ui.card_frame import paint_frame

if TYPE_CHECKING:
    from app.domain.capture import Capture

ERROR_COLOR = "#d9534f"
BACKLOG_PLACEHOLDER = (
    "Add to backlog:  Read MAE paper #paper !high ~2h due fri 3pm   ·   明天下午三点 组会"
)
PRIORITY_LABEL = {Priority.HIGH: "!high", Priority.MEDIUM: "!medium", Priority.LOW: "!low"}


class LineReader(NamedTuple):
    """What a line means: `read(text, now)` returns it or raises `InvalidInput` saying
    which words could not be read; `chips(result)` says it in chips, in reading order."""

    read: Callable[[str, datetime], Any]
    chips: Callable[[Any], list[str]]


def chip_texts(capture: Capture) -> list[str]:
    """What the chips say, in reading order."""
    chips: list[str] = []
    if capture.kind is not ItemKind.TASK:
        chips.append(capture.kind.value)
    chips.extend(f"#{tag}" for tag in capture.tags)
    if capture.priority in PRIORITY_LABEL:
        chips.append(PRIORITY_LABEL[capture.priority])
    if capture.estimate_minutes:
        chips.append(f"~{estimate_text(capture.estimate_minutes)}")
    if capture.due:
        due = f"due {capture.due.date:%a %d %b}"
        chips.append(f"{due} {capture.due.time:%H:%M}" if capture.due.time else due)
    if capture.horizon:
        chips.append(f"^{capture.horizon.value}")
    return chips


def _read_capture(text: str, now: datetime) -> Capture:
    # The grammar (the date phrases of two languages) loads with the first line typed,
    # not with the window's first frame, which shows a quick add in every board column.
    from app.domain.capture import parse_capture

    return parse_capture(text, now)


# The capture grammar alone: the backlog's and the board columns' lines.
GRAMMAR = LineReader(_read_capture, lambda capture: chip_texts(capture) or ["task"])


class ChipRow(QWidget):
    """A row of painted chips, or one line of error text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[str] = []
        self.error = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_chips(self, chips: list[str]) -> None:
        self.chips, self.error = chips, ""
        self.update()

    def show_error(self, message: str) -> None:
        self.chips, self.error = [], message
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if self.error:
            painter.setPen(ERROR_COLOR)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter), self.error)
            return
        metrics = self.fontMetrics()
        x = 0.0
        for chip in self.chips:
            width = metrics.horizontalAdvance(chip) + 14
            rect = QRectF(x, 2, width, self.height() - 4)
            paint_frame(painter, rect, 5, fill=palette.midlight())
            painter.setPen(palette.text().color())
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), chip)
            x += width + 6


class QuickAdd(QWidget):
    """On Enter, when the text reads (a `Capture` with the default reader), hands it to
    `save` and clears the line only when `save` says it saved: a refused save (the
    window said why) keeps what was typed. Emits `cancelled` on Esc and `left_empty`
    when the focus leaves the line with nothing typed. A window that handles Enter and
    Esc itself (the capture popup) gives no `save`, asks `read()` and clears the line
    when it has saved."""

    cancelled = Signal()
    left_empty = Signal()

    def __init__(
        self,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        placeholder: str = BACKLOG_PLACEHOLDER,
        reader: LineReader = GRAMMAR,
        keep_chip_row: bool = False,
        save: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._save = save
        self._reader = reader
        # A box of its own (the popup) keeps the row's room while the line is empty, so
        # it does not grow under the first key; a line in a page gives the room back.
        self._keep_chip_row = keep_chip_row
        self.edit = QLineEdit(self)
        self.edit.setObjectName("QuickAdd")
        self.edit.setPlaceholderText(placeholder)
        self.edit.installEventFilter(self)
        self.edit.setClearButtonEnabled(True)
        self.chips = ChipRow(self)
        self.chips.setObjectName("QuickAddChips")
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self._submit)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.chips)
        self.chips.setVisible(keep_chip_row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit:
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self.edit.clear()
                self.cancelled.emit()
                return True
            if event.type() == QEvent.Type.FocusOut and not self.edit.text().strip():
                self.left_empty.emit()
        return super().eventFilter(watched, event)

    def _parse(self) -> object:
        """What the line says, or the `InvalidInput` that says why it cannot be read."""
        try:
            return self._reader.read(self.edit.text(), self._clock())
        except InvalidInput as exc:
            return exc

    def refresh(self) -> None:
        """Show again what the line says (after the text, or what reading it depends
        on, changed)."""
        if not self.edit.text().strip():
            self.chips.show_chips([])
            self.chips.setVisible(self._keep_chip_row)
            return
        result = self._parse()
        if isinstance(result, InvalidInput):
            self.chips.show_error(str(result))
        else:
            self.chips.show_chips(self._reader.chips(result))
        self.chips.show()

    def read(self) -> object | None:
        """What the line says now; None, with the reason shown under it, when it cannot
        be read."""
        result = self._parse()
        if isinstance(result, InvalidInput):
            self.refresh()
            return None
        return result

    def _submit(self) -> None:
        if self._save is None:
            return
        result = self.read()
        if result is not None and self._save(result):
            self.edit.clear()
