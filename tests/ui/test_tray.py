"""The tray icon: its menu, a click that brings the window back, none without a tray."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.ui.actions import ActionRegistry
from app.ui.settings import UiSettings
from app.ui.tray import build_tray
from app.ui.window_actions import WINDOW_ACTIONS


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


@pytest.fixture
def registry(tmp_path: Path, window: QMainWindow) -> ActionRegistry:
    registry = ActionRegistry(UiSettings(tmp_path / "ui.ini"), window)
    for spec in WINDOW_ACTIONS:
        if spec.id in ("file.new", "file.quit"):
            registry.register(spec, lambda: None)
    return registry


def test_the_menu_shows_adds_and_quits_and_a_click_brings_the_window_back(
    monkeypatch: pytest.MonkeyPatch, window: QMainWindow, registry: ActionRegistry
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: True)
    brought: list[str] = []
    tray = build_tray(window, registry, lambda: brought.append("front"))
    assert tray is not None
    menu = tray.contextMenu()
    assert [action.text() for action in menu.actions()] == ["Show Rizhi", "New item", "", "Quit"]
    assert menu.actions()[1] is registry.action("file.new")  # the user's shortcut too
    menu.actions()[0].trigger()
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the menu, not the window
    assert brought == ["front"]
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert brought == ["front", "front"]
    tray.hide()


def test_no_tray_where_the_desktop_has_none(
    monkeypatch: pytest.MonkeyPatch, window: QMainWindow, registry: ActionRegistry
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: False)
    assert build_tray(window, registry, lambda: None) is None
