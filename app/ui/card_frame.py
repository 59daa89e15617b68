"""The rounded frame of a painted card, row or chip: its fill, its border, and how both
answer selection and the mouse. The board's cards, the Units view's goals, counted lines
and card rows, the review's decisions, the day strip, the log's search hits and the tag
chips all draw it here, so that a card looks the same wherever it is painted.

Nothing here draws a focus rectangle: the painted views show the current row by its
selection, as they always have."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle

from app.ui.theme import Tokens


def paint_frame(
    painter: QPainter,
    rect: QRectF,
    radius: float,
    *,
    fill: QColor | QBrush | None = None,
    border: QPen | None = None,
) -> None:
    """Fill a rounded rectangle, outline it, or both. The painter's own pen and brush
    are left as they were, so what is drawn next does not inherit the border."""
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    if fill is not None:
        painter.fillPath(path, fill)
    if border is not None:
        painter.strokePath(path, border)


class CardFrame(NamedTuple):
    """How one kind of painted card answers its state.

    A card (`border`) is always filled and outlined; selected, its border takes the
    accent. A plain row (`border=False`) has no frame of its own and is only tinted
    while selected or under the mouse."""

    radius: float
    border: bool = True
    hover: bool = True  # tinted under the mouse
    # Selected, the card takes the selection's tint; the board's cards keep their own
    # fill and say it with a thicker accent border instead.
    selection_fill: bool = True
    selected_width: float = 1

    def fill(self, tokens: Tokens, selected: bool, hovered: bool) -> QColor | None:
        if selected and self.selection_fill:
            return tokens.selected
        if hovered and self.hover and not selected:
            return tokens.card_hover
        return tokens.card_bg if self.border else None

    def pen(self, tokens: Tokens, selected: bool) -> QPen | None:
        if not self.border:
            return None
        if selected:
            return QPen(tokens.accent, self.selected_width)
        return QPen(tokens.card_border, 1)

    def paint(
        self, painter: QPainter, rect: QRectF, tokens: Tokens, state: QStyle.StateFlag
    ) -> None:
        """The frame for an item view's `option.state`."""
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        paint_frame(
            painter,
            rect,
            self.radius,
            fill=self.fill(tokens, selected, hovered),
            border=self.pen(tokens, selected),
        )
