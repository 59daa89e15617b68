"""Struck-out text that stays struck in every script.

Qt draws a font's strike-out per run of glyphs, with the metrics of the font that drew
the run; a title set wholly in a fallback font (Chinese in a Latin UI font) comes out with
no line at all. Done titles are therefore drawn plain and struck here, one line across
the whole text at the primary font's strike-out position.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QPainter, QPen


def draw_struck_text(painter: QPainter, rect: QRect, flags: int, text: str) -> None:
    """`painter.drawText(rect, flags, text)` with a line through it, in the pen's colour."""
    painter.drawText(rect, flags, text)
    if not text.strip():
        return
    metrics = painter.fontMetrics()
    bounds = metrics.boundingRect(rect, flags, text)
    y = bounds.top() + metrics.ascent() - metrics.strikeOutPos() + 0.5
    painter.save()
    painter.setPen(QPen(painter.pen().color(), max(1.0, metrics.lineWidth())))
    # A little past both ends: through dense Chinese strokes the line reads by its tips.
    painter.drawLine(QPointF(bounds.left() - 2, y), QPointF(bounds.right() + 2, y))
    painter.restore()
