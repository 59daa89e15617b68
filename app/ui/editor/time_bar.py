"""The item editor's line on time: what was spent on the item against its estimate
("◷ 1h20m / 2h spent"), over a thin bar that turns amber past the estimate, as the
board's cards show it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.domain.estimates import estimate_text
from app.domain.timebox import seconds_text
from app.ui.card_frame import paint_frame
from app.ui.editor.common import tokens_of

BAR_H = 4


def spent_text(estimate: int | None, spent: float) -> str:
    if spent < 60:
        return f"no time spent yet of {estimate_text(estimate)}" if estimate else ""
    if not estimate:
        return f"◷ {seconds_text(spent)} spent"
    return f"◷ {seconds_text(spent)} / {estimate_text(estimate)} spent"


class SpentBar(QWidget):
    """The share of the estimate spent; hidden for an item without an estimate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorSpentBar")
        self.share = 0.0
        self.setFixedHeight(BAR_H)

    def set_time(self, estimate: int | None, spent: float) -> None:
        self.share = spent / 60 / estimate if estimate else 0.0
        self.setVisible(bool(estimate))
        self.setToolTip(spent_text(estimate, spent))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, BAR_H)

    def paintEvent(self, event: QPaintEvent) -> None:
        tokens = tokens_of(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(self.rect())
        paint_frame(painter, track, BAR_H / 2, fill=tokens.card_border)
        done = QRectF(track.left(), track.top(), track.width() * min(self.share, 1.0), BAR_H)
        color = tokens.due_soon if self.share > 1.0 else tokens.accent
        paint_frame(painter, done, BAR_H / 2, fill=color)
        painter.end()
