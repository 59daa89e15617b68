"""The tray icon: its menu shows the window, opens quick capture and quits; a click brings
the window forward; none where the desktop has no tray."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.ui.tray import build_tray


def test_the_menu_shows_captures_and_quits_and_a_click_brings_the_window_back(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: True)
    asked: list[str] = []
    tray = build_tray(
        QIcon(),
        show=lambda: asked.append("show"),
        capture=lambda: asked.append("capture"),
        quit=lambda: asked.append("quit"),
    )
    assert tray is not None
    menu = tray.contextMenu()
    texts = [action.text() for action in menu.actions()]
    assert texts == ["Show Rizhi", "Quick capture", "", "Quit Rizhi"]
    for action in menu.actions():
        action.trigger()
    assert asked == ["show", "capture", "quit"]
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the menu, not the window
    assert asked == ["show", "capture", "quit"]
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert asked == ["show", "capture", "quit", "show"]
    tray.hide()


def test_no_tray_where_the_desktop_has_none(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: False)
    assert build_tray(QIcon(), show=print, capture=print, quit=print) is None
