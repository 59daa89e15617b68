"""The one card frame every painted view draws: which fill and border each state gets,
and a painter left as it was found."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle

from app.ui.card_frame import CardFrame, paint_frame
from app.ui.theme import tokens_for

T = tokens_for(False)
SELECTED = QStyle.StateFlag.State_Selected
HOVERED = QStyle.StateFlag.State_MouseOver
PLAIN = QStyle.StateFlag.State_None


def colour_at(frame: CardFrame, state: QStyle.StateFlag, x: int, y: int) -> QColor:
    image = QImage(60, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    frame.paint(painter, QRectF(5, 5, 50, 30), T, state)
    painter.end()
    return image.pixelColor(x, y)


def test_a_card_is_filled_and_outlined_and_takes_the_accent_when_selected(
    qapp: QApplication,
) -> None:
    card = CardFrame(6)
    assert colour_at(card, PLAIN, 30, 20) == T.card_bg
    assert colour_at(card, HOVERED, 30, 20) == T.card_hover
    assert colour_at(card, SELECTED, 30, 20) == T.selected
    assert colour_at(card, SELECTED | HOVERED, 30, 20) == T.selected
    assert card.pen(T, False) == QPen(T.card_border, 1)
    assert card.pen(T, True) == QPen(T.accent, 1)


def test_the_board_keeps_its_fill_and_thickens_the_border_when_selected() -> None:
    board = CardFrame(8, selection_fill=False, selected_width=2)
    assert board.fill(T, selected=True, hovered=True) == T.card_bg
    assert board.fill(T, selected=False, hovered=True) == T.card_hover
    assert board.pen(T, True) == QPen(T.accent, 2)


def test_a_card_without_hover_ignores_the_mouse() -> None:
    goal = CardFrame(8, hover=False)
    assert goal.fill(T, selected=False, hovered=True) == T.card_bg
    assert goal.fill(T, selected=True, hovered=True) == T.selected


def test_a_plain_row_is_tinted_only_when_selected_or_hovered(qapp: QApplication) -> None:
    row = CardFrame(6, border=False)
    assert row.pen(T, True) is None
    assert colour_at(row, PLAIN, 30, 20) == QColor("#808080")
    assert colour_at(row, HOVERED, 30, 20) == T.card_hover
    assert colour_at(row, SELECTED, 30, 20) == T.selected


def test_painting_a_frame_leaves_the_painters_pen_and_brush(qapp: QApplication) -> None:
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setPen(QPen(QColor("red"), 3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    paint_frame(painter, QRectF(2, 2, 30, 30), 5, fill=QColor("blue"), border=QPen(QColor("green")))
    assert painter.pen() == QPen(QColor("red"), 3)
    assert painter.brush().style() == Qt.BrushStyle.NoBrush
    painter.end()
