"""The window opens on a real store (offscreen platform)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings


def test_main_window_opens_on_the_store(qtbot: QtBot, home: Path) -> None:
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    window = MainWindow(store, UiSettings(home / "ui.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert "Rizhi" in window.windowTitle()
    store.close()
