"""The seven days of the shown day's week, each with its planned and actual totals; a
click shows that day, and a block dropped on a day moves there (same time of day)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.timebox import seconds_text, span_text
from app.services.planner_reads import DayTotal
from app.ui.card_frame import paint_frame
from app.ui.planner.dnd import MIME_BLOCK_IDS, decode_blocks
from app.ui.theme import Tokens

CELL_GAP = 6


class WeekStrip(QWidget):
    day_chosen = Signal(object)  # date
    block_dropped = Signal(int, object)  # block id, date

    def __init__(self, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PlannerWeekStrip")
        self.tokens = tokens
        self.totals: list[DayTotal] = []
        self.shown: date | None = None
        self.today: date | None = None
        self._drop_day: date | None = None
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Week")

    def sizeHint(self) -> QSize:
        return QSize(700, 54)

    def set_days(self, totals: list[DayTotal], shown: date, today: date) -> None:
        self.totals, self.shown, self.today = totals, shown, today
        self.setToolTip(
            "\n".join(
                f"{t.day:%a %d %b}: planned {span_text(t.planned)}, spent {seconds_text(t.spent)}"
                for t in totals
            )
        )
        self.update()

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.update()

    def cell(self, index: int) -> QRect:
        count = max(len(self.totals), 1)
        width = (self.width() - CELL_GAP * (count - 1)) / count
        left = round(index * (width + CELL_GAP))
        return QRect(left, 2, round(width), self.height() - 4)

    def day_at(self, x: float) -> date | None:
        for index, total in enumerate(self.totals):
            cell = self.cell(index)
            if cell.left() <= x <= cell.right():
                return total.day
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        tokens = self.tokens
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        for index, total in enumerate(self.totals):
            rect = self.cell(index)
            shown = total.day == self.shown
            target = total.day == self._drop_day
            border = QPen(
                tokens.accent if shown or target else tokens.card_border, 2 if shown else 1
            )
            fill = tokens.selected if shown else tokens.card_bg
            paint_frame(
                painter, QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, fill=fill, border=border
            )
            head = QFont(base)
            head.setWeight(
                QFont.Weight.DemiBold if total.day == self.today else QFont.Weight.Normal
            )
            painter.setFont(head)
            painter.setPen(tokens.accent if total.day == self.today else tokens.text)
            inner = rect.adjusted(8, 4, -8, -4)
            label = f"{total.day:%a} {total.day.day}"
            painter.drawText(
                inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), label
            )
            painter.setFont(small)
            painter.setPen(tokens.muted_text)
            bottom_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(inner, int(bottom_left), f"{span_text(total.planned)} planned")
            top_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            painter.drawText(inner, int(top_right), f"{seconds_text(total.spent)} spent")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().x())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_chosen.emit(day)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_BLOCK_IDS):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().x())
        if day != self._drop_day:
            self._drop_day = day
            self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: object) -> None:
        self._drop_day = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_day = None
        self.update()
        day = self.day_at(event.position().x())
        ids = decode_blocks(event.mimeData())
        if day is None or not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.block_dropped.emit(ids[0], day)
