"""The review's rating: one to five stars, or none, by key or by click."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.domain.units import MAX_RATING
from app.ui.theme import Tokens


class StarRating(QWidget):
    """1 to 5 stars, or none: keys 1-5, Left/Right, 0 or Backspace to clear; a click
    on the chosen star clears it."""

    changed = Signal(object)  # int | None

    def __init__(self, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens = tokens
        self._rating: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Rating")
        self.setToolTip("Rate the unit: keys 1 to 5, 0 to clear")
        self.setMouseTracking(True)

    @property
    def rating(self) -> int | None:
        return self._rating

    def set_rating(self, rating: int | None) -> None:
        if rating is not None and not 1 <= rating <= MAX_RATING:
            return
        if rating != self._rating:
            self._rating = rating
            self.setAccessibleDescription(f"{rating} of 5" if rating else "not rated")
            self.update()
            self.changed.emit(rating)

    def _star_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        return font

    def _star_width(self) -> int:
        return QFontMetrics(self._star_font()).horizontalAdvance("★") + 6

    def sizeHint(self) -> QSize:
        return QSize(
            MAX_RATING * self._star_width() + 8, QFontMetrics(self._star_font()).height() + 6
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setFont(self._star_font())
        width, height = self._star_width(), self.height()
        for n in range(1, MAX_RATING + 1):
            filled = self._rating is not None and n <= self._rating
            painter.setPen(self.tokens.accent if filled else self.tokens.muted_text)
            painter.drawText(QRect(4 + (n - 1) * width, 0, width, height),
                             int(Qt.AlignmentFlag.AlignCenter), "★" if filled else "☆")  # fmt: skip
        if self.hasFocus():
            painter.setPen(QPen(self.tokens.accent, 1, Qt.PenStyle.DotLine))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_rating(int(key) - int(Qt.Key.Key_0))
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_rating(None)
        elif key == Qt.Key.Key_Right:
            self.set_rating(min((self._rating or 0) + 1, MAX_RATING))
        elif key == Qt.Key.Key_Left:
            self.set_rating((self._rating or 1) - 1 or None)
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        star = int((event.position().x() - 4) // self._star_width()) + 1
        if 1 <= star <= MAX_RATING:
            self.set_rating(None if star == self._rating else star)
        self.setFocus()
