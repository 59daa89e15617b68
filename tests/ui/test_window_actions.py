"""The window's commands as data (app/ui/window_actions.py): every declared action is
bound to what it runs and every binding is declared, the window registers exactly the
table, and the menus and toolbar name only what is declared."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from app.services.settings import set_settings
from app.store.db import Store
from app.ui.actions import MENU_SEPARATOR, unmatched
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.window_actions import MENU_ORDER, TOOLBAR, WINDOW_ACTIONS

DECLARED = [spec.id for spec in WINDOW_ACTIONS]


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    return win


def test_every_declared_action_is_bound_and_every_binding_is_declared(
    window: MainWindow,
) -> None:
    unbound, undeclared = unmatched(WINDOW_ACTIONS, window.commands())
    assert unbound == [], "declared in window_actions.py but not in MainWindow.commands"
    assert undeclared == [], "in MainWindow.commands but not declared in window_actions.py"


def test_the_window_registers_the_table_in_its_order(window: MainWindow) -> None:
    assert window.registry.specs() == list(WINDOW_ACTIONS)
    window_wide = [action.objectName() for action in window.registry.window_actions()]
    assert [action.objectName() for action in window.actions()] == window_wide


def test_binding_the_commands_builds_no_page(window: MainWindow) -> None:
    assert not any(slot.built for slot in window.slots.values())  # never shown
    window.commands()
    assert not any(slot.built for slot in window.slots.values())


def test_ids_are_unique_and_every_menu_has_its_place_in_the_menu_bar() -> None:
    assert len(DECLARED) == len(set(DECLARED))
    tops = {spec.menu.split(MENU_SEPARATOR)[0] for spec in WINDOW_ACTIONS if spec.menu}
    assert tops == set(MENU_ORDER)


def test_the_toolbar_shows_declared_actions(window: MainWindow) -> None:
    assert {action_id for action_id in TOOLBAR if action_id is not None} <= set(DECLARED)
    toolbar = window.findChild(QToolBar, "MainToolbar")
    shown = [action.objectName() or None for action in toolbar.actions()]
    assert shown == list(TOOLBAR)
