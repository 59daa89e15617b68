"""Fusion with check boxes and radio buttons that can be seen in both themes.

Fusion outlines an indicator with the window colour made darker, which on a dark theme is
near-black on near-black: an unchecked box all but disappears. A stylesheet cannot fix it
either, since styling `::indicator` drops Fusion's check mark. So the indicators are drawn
here (a clear outline when off, the accent colour with a mark when on) and everything
else is left to Fusion.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

_PE = QStyle.PrimitiveElement
_STATE = QStyle.StateFlag
_BOXES = (_PE.PE_IndicatorCheckBox, _PE.PE_IndicatorItemViewItemCheck)
DISABLED_OPACITY = 0.45


class IndicatorColours:
    """What an indicator is painted with: `outline` when off (at least 3:1 against the
    backgrounds it sits on, the contrast WCAG asks of controls), `fill` and `mark` when on."""

    def __init__(self, outline: QColor, fill: QColor, mark: QColor) -> None:
        self.outline, self.fill, self.mark = outline, fill, mark


class IndicatorStyle(QProxyStyle):
    def __init__(self, colours: IndicatorColours) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.colours = colours

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in _BOXES:
            self._indicator(option, painter, round_=False)
        elif element == _PE.PE_IndicatorRadioButton:
            self._indicator(option, painter, round_=True)
        else:
            super().drawPrimitive(element, option, painter, widget)

    def _indicator(self, option: QStyleOption, painter: QPainter, *, round_: bool) -> None:
        state = option.state
        on = bool(state & _STATE.State_On)
        partial = bool(state & _STATE.State_NoChange)
        bounds = QRectF(option.rect)
        side = min(bounds.width(), bounds.height()) - 1.0
        box = QRectF(0, 0, side, side)
        box.moveCenter(bounds.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not state & _STATE.State_Enabled:
            painter.setOpacity(DISABLED_OPACITY)
        radius = side / 2 if round_ else min(3.0, side / 4)
        if on or partial:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colours.fill)
        else:
            hovered = bool(state & _STATE.State_MouseOver)
            painter.setPen(QPen(self.colours.fill if hovered else self.colours.outline, 1.2))
            painter.setBrush(option.palette.base())
        painter.drawRoundedRect(box, radius, radius)
        if round_ and on:
            painter.setBrush(self.colours.mark)
            painter.drawEllipse(box.center(), side * 0.2, side * 0.2)
        elif on or partial:
            pen = QPen(self.colours.mark, max(1.5, side * 0.13))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_dash(box) if partial and not on else _tick(box))
        painter.restore()


def _at(box: QRectF, x: float, y: float) -> QPointF:
    return QPointF(box.left() + x * box.width(), box.top() + y * box.height())


def _tick(box: QRectF) -> QPainterPath:
    path = QPainterPath(_at(box, 0.24, 0.52))
    path.lineTo(_at(box, 0.43, 0.70))
    path.lineTo(_at(box, 0.77, 0.31))
    return path


def _dash(box: QRectF) -> QPainterPath:
    path = QPainterPath(_at(box, 0.27, 0.5))
    path.lineTo(_at(box, 0.73, 0.5))
    return path
