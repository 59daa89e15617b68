"""Done titles are struck in every script, Chinese set in a fallback font included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.ui.strike import draw_struck_text

ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RECT = QRect(4, 4, 392, 40)


def render(text: str, struck: bool) -> tuple[QImage, QRect]:
    image = QImage(400, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(QApplication.font())
    font.setPointSize(14)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    if struck:
        draw_struck_text(painter, RECT, ALIGN, text)
    else:
        painter.drawText(RECT, ALIGN, text)
    bounds = painter.fontMetrics().boundingRect(RECT, ALIGN, text)
    painter.end()
    return image, bounds


def widest_dark_run(image: QImage, bounds: QRect) -> float:
    """The largest share of the text's width that one pixel row covers in ink."""
    best = 0.0
    for y in range(bounds.top(), bounds.bottom() + 1):
        dark = sum(
            1 for x in range(bounds.left(), bounds.right() + 1)
            if image.pixelColor(x, y).lightness() < 128
        )  # fmt: skip
        best = max(best, dark / bounds.width())
    return best


@pytest.mark.parametrize("text", ["整理上周组会记录", "Set up job scripts", "读 MAE 论文"])
def test_a_line_runs_through_the_whole_text(qapp: QApplication, text: str) -> None:
    plain, bounds = render(text, struck=False)
    struck, _ = render(text, struck=True)
    assert widest_dark_run(plain, bounds) < 0.9  # glyphs alone leave gaps in every row
    assert widest_dark_run(struck, bounds) > 0.95


def test_blank_text_draws_no_line(qapp: QApplication) -> None:
    image, _ = render("   ", struck=True)
    assert all(
        image.pixelColor(x, y).lightness() > 200
        for x in range(0, 400, 4) for y in range(0, 48, 4)
    )  # fmt: skip
