from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.weeks import Week
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.main_window import MENU_ORDER, MainWindow
from app.ui.settings import UiSettings
from tests.ui.conftest import add, this_week


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_views_menus_and_last_view_are_remembered(
    qtbot: QtBot, store: Store, ui_settings: UiSettings, window: MainWindow
) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == MENU_ORDER
    window.registry.action("view.backlog").trigger()
    assert window.current_view() == "backlog"
    window.resize(800, 500)
    window.close()
    again = MainWindow(store, ui_settings)
    qtbot.addWidget(again)
    assert again.current_view() == "backlog"
    assert again.size().height() == 500


def test_every_action_has_a_title_and_no_shortcut_conflicts(window: MainWindow) -> None:
    assert window.registry.conflicts() == []
    for spec in window.registry.specs():
        assert spec.title
    assert window.registry.effective_shortcut("edit.undo") == "Ctrl+Z"


def test_undo_and_redo_from_the_edit_menu(window: MainWindow, store: Store) -> None:
    card = add(store, "write intro", column=Column.TODO)
    window.board.apply(Changes(board=True))
    window.board.select([card])
    window.board.move_selection_sideways(1)
    assert window.board.models[Column.ACTIVE].ids == [card]
    undo = window.registry.action("edit.undo")
    assert undo.isEnabled() and "Move card" in undo.text()
    undo.trigger()
    assert window.board.models[Column.TODO].ids == [card]
    window.registry.action("edit.redo").trigger()
    assert window.board.models[Column.ACTIVE].ids == [card]


def test_items_added_on_the_command_line_appear_within_a_second(
    qtbot: QtBot, home: Path, window: MainWindow
) -> None:
    env = dict(os.environ, RIZHI_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "app", "add", "--week", "from the terminal #cli"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    qtbot.waitUntil(lambda: len(window.board.models[Column.TODO].ids) == 1, timeout=1500)
    window.show_view("backlog")
    qtbot.waitUntil(lambda: window.backlog.model.rowCount() == 1, timeout=1500)
    assert window.backlog.model.index(0, 0).data() == "from the terminal"


def test_rollover_on_open_carries_unfinished_cards(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    last_week = this_week().shifted(-1)
    left = add(store, "left in todo", week=last_week, column=Column.TODO)
    doing = add(store, "still active", week=last_week, column=Column.ACTIVE)
    finished = add(store, "finished", week=last_week, column=Column.DONE)
    set_settings(store, {"board.rollover": "auto"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    assert win.board.models[Column.ACTIVE].ids == []  # carried over once on screen
    win.show()
    qtbot.waitUntil(lambda: win.board.models[Column.ACTIVE].ids == [doing], timeout=2000)
    assert win.board.models[Column.TODO].ids == [left]
    assert finished not in win.board.models[Column.DONE].ids
    record = win.rows.get(left)
    assert record is not None and record.placement is not None
    assert record.placement.carried_over == 1
    assert record.planned_weeks == (str(last_week), str(this_week()))


def test_a_refused_rollover_says_so_instead_of_claiming_it_carried(
    qtbot: QtBot, store: Store, ui_settings: UiSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import board

    def locked(*args: object, **kwargs: object) -> Changes:
        raise sqlite3.OperationalError("database is locked")

    warned: list[str] = []
    left = add(store, "left in todo", week=this_week().shifted(-1), column=Column.TODO)
    monkeypatch.setattr(board, "rollover", locked)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    set_settings(store, {"board.rollover": "auto"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: bool(warned), timeout=2000)
    assert "database is locked" in warned[0]
    assert "Carried" not in win.statusBar().currentMessage()
    assert win.board.models[Column.TODO].ids == []
    record = win.rows.get(left)
    assert record is not None and record.placement is not None
    assert record.placement.week == str(this_week().shifted(-1))


def test_wip_limit_zero_means_no_limit(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> None:
    set_settings(store, {"board.wip_limit": "0"})
    set_settings(store, {"board.rollover": "manual"})
    add(store, "a", column=Column.ACTIVE)
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    assert win.board.panels[Column.ACTIVE].count.text() == "1"


def test_week_navigation_updates_the_header(window: MainWindow) -> None:
    window.show_view("board")
    start = window.board.week
    window.registry.action("board.next_week").trigger()
    assert window.board.week == start.shifted(1)
    assert "Week" in window.board.week_label.text()
    window.registry.action("board.this_week").trigger()
    assert window.board.week == Week.containing(date.today())
    assert window.board.week_label.text().startswith("This week")


def test_quick_add_shortcut_focuses_the_capture_line(qtbot: QtBot, window: MainWindow) -> None:
    window.show_view("units")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "backlog"
    assert window.focusWidget() is window.backlog.quick_add.edit


def test_a_restore_elsewhere_clears_the_undo_history(
    qtbot: QtBot, home: Path, store: Store, window: MainWindow
) -> None:
    card = add(store, "a card", column=Column.TODO)
    window.board.apply(Changes(board=True))
    window.board.select([card])
    window.board.move_selection_sideways(1)
    assert window.registry.action("edit.undo").isEnabled()
    backup = home / "snapshot.sqlite3"
    env = dict(os.environ, RIZHI_HOME=str(home))
    subprocess.run([sys.executable, "-m", "app", "backup", "-o", str(backup)], env=env, check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run([sys.executable, "-m", "app", "restore", str(backup)], env=env, check=True,
                   capture_output=True)  # fmt: skip
    qtbot.waitUntil(lambda: not window.registry.action("edit.undo").isEnabled(), timeout=2000)


def test_open_item_shows_the_editor(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    from app.ui.editor import ItemEditor

    card = add(store, "MAE paper", column=Column.TODO)
    window.board.apply(Changes(board=True))
    window.board.select([card])
    window.registry.action("edit.open").trigger()
    editors = window.findChildren(ItemEditor)
    assert len(editors) == 1 and editors[0].isVisible()
    index = window.board.models[Column.TODO].index(0)
    window.board.panels[Column.TODO].view.doubleClicked.emit(index)
    assert len(window.findChildren(ItemEditor)) == 1  # the open editor is raised, not doubled


def test_items_dropped_on_the_sidebar_are_filed_there(store: Store, window: MainWindow) -> None:
    idea = add(store, "from the backlog")
    card = add(store, "on the board", column=Column.ACTIVE)
    window.sidebar.dropped.emit("board", [idea])
    assert window.board.models[Column.TODO].ids == [idea]
    window.sidebar.dropped.emit("backlog", [card])
    assert window.board.models[Column.ACTIVE].ids == []
    window.registry.action("edit.undo").trigger()
    assert window.board.models[Column.ACTIVE].ids == [card]


def test_resting_on_a_sidebar_entry_while_dragging_opens_its_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragMoveEvent

    from app.ui.dnd import encode_ids

    window.show_view("backlog")
    sidebar = window.sidebar
    mime: QMimeData = encode_ids([1])
    point = sidebar.visualItemRect(sidebar.item(1)).center()
    move = QDragMoveEvent(point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)  # fmt: skip
    sidebar.dragMoveEvent(move)
    assert move.isAccepted()
    qtbot.waitUntil(lambda: window.current_view() == "board", timeout=2000)
