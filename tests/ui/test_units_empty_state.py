"""The Units view with no unit yet: its explanation shows whole, every line of it, in the
window at the size it first opens at and on a small screen (1366×768 available)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from pytestqt.qtbot import QtBot

from app.services.settings import set_settings
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings

# None: the size the window first opens at; then a window filling a 1366×768 screen
# (less a panel and the title bar), and a smaller one still.
SIZES = (None, (1366, 700), (800, 480))


@pytest.mark.parametrize("size", SIZES, ids=["first size", "1366x768 screen", "small"])
def test_the_explanation_is_not_clipped(
    qtbot: QtBot, store: Store, tmp_path: Path, size: tuple[int, int] | None
) -> None:
    set_settings(store, {"board.rollover": "manual"})
    settings = UiSettings(tmp_path / "ui.ini")
    settings.set_last_view("units")
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    page = window.units
    label = page.empty.text
    qtbot.waitUntil(label.isVisible)
    assert page.stack.currentIndex() == 0  # the empty state
    # As tall as its lines need at the width it was given: none is cut off.
    assert label.height() >= label.heightForWidth(label.width())
    room = label.contentsRect()
    flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter)
    lines = label.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10_000), flags, label.text())
    assert lines.height() <= room.height()
    # And inside the page, with the title above it and the button below it.
    shown = QRect(label.mapTo(page, QPoint(0, 0)), label.size())
    assert page.rect().contains(shown)
    title = page.empty.title.geometry()
    button = page.empty.button.geometry()
    assert title.bottom() < label.geometry().top()
    assert label.geometry().bottom() < button.top()
