"""The focus timer in the window: F on a selected board card starts it, the status bar
shows it counting and its menu stops it, Shift+F starts a pomodoro, Stop focus is a
window-wide command; the tray's entry lists this week's cards and the running timer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.focus.commands import attach_focus
from app.ui.focus.controller import focus_controller
from app.ui.focus.tray_entry import FocusTrayEntry
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.tray import build_tray
from tests.ui.conftest import add


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_f_on_a_card_starts_the_timer_and_the_status_bar_shows_and_stops_it(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    paper = add(store, "MAE paper", column=Column.ACTIVE)
    window.ops.external(Changes(everything=True))  # added beside the window
    window.show_view("board")
    window.board.select([paper])
    status = attach_focus(window)
    assert status.isHidden()
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_F)
    controller = focus_controller(window.ops)
    qtbot.waitUntil(lambda: controller.state is not None)
    assert controller.state is not None and controller.state.mode == "timer"
    assert status.isVisible() and status.text().startswith("● 00:0")
    assert status.text().endswith("MAE paper")
    texts = [text for text, _ in status.menu_actions()]
    assert texts == ["Stop focus", "Open the item"]
    status.menu_actions()[0][1]()
    assert controller.state is None and status.isHidden()
    qtbot.keyClick(focused, Qt.Key.Key_F, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: controller.state is not None)
    assert controller.state is not None and controller.state.mode == "pomodoro"
    assert status.text().startswith("🍅 1/4 2")
    window.registry.action("focus.stop").trigger()
    assert controller.state is None


def test_f_with_nothing_selected_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.show_view("board")
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.registry.action("focus.start").trigger()
    assert messages and "Select a card" in messages[-1]
    assert focus_controller(window.ops).state is None


def test_the_tray_lists_the_weeks_cards_and_shows_the_running_timer(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: True)
    add(store, "Ablation runs", column=Column.TODO)
    paper = add(store, "MAE paper", column=Column.ACTIVE)
    tray = build_tray(QIcon(), show=lambda: None, capture=lambda: None, quit=lambda: None)
    assert tray is not None
    controller = focus_controller(window.ops)
    entry = FocusTrayEntry(tray, tray.menu, controller)
    assert not entry.line.isVisible() and tray.toolTip() == "Rizhi"
    entry.start_menu.aboutToShow.emit()
    cards = [action.text() for action in entry.start_menu.actions()]
    assert cards == ["MAE paper", "Ablation runs"]  # Active first
    entry.start_menu.actions()[0].trigger()
    assert controller.state is not None and controller.state.item_id == paper
    assert entry.line.isVisible() and entry.line.text().endswith("MAE paper")
    assert tray.toolTip().startswith("Rizhi: ● ")
    entry.stop.trigger()
    assert controller.state is None and tray.toolTip() == "Rizhi"
    tray.hide()


def test_a_timer_started_on_the_command_line_shows_in_the_window(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    from datetime import datetime

    from app.domain.timebox_settings import TimeboxSettings
    from app.services import focus

    paper = add(store, "MAE paper")
    status = attach_focus(window)
    other = Store(store.path, store.backups)  # `rizhi focus start` in another process
    try:
        now = datetime.now().astimezone()
        focus.start_focus(other, item_id=paper, settings=TimeboxSettings(), now=now)
        # The window's feed polls every 400 ms: within a second, with room for a busy CI.
        qtbot.waitUntil(status.isVisible, timeout=2000)
        assert status.text().endswith("MAE paper")
    finally:
        other.close()
