"""The window's pages (app/ui/window_pages.py): each is built when first needed, carries
the actions scoped to it, and is wired to the window (units opened from the log, sentences
for the status bar)."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from app.domain.units import parse_goal_spec
from app.services.settings import set_settings
from app.services.units import create_unit
from app.store.db import Store
from app.ui.actions import WINDOW_SCOPE
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.window_actions import WINDOW_ACTIONS
from app.ui.window_pages import PAGE_BUILDERS, VIEW_TITLES, VIEWS

# Tab and Shift+Tab: the backlog's tree handles them itself (window_actions.py); F and
# Shift+F are added by the pages that have something to focus on (the board, the planner).
UNADDED_SCOPES = {"backlog-tree", "focus-target"}


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    ui_settings.set_last_view("board")
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_every_view_has_a_title_and_a_builder() -> None:
    assert list(VIEW_TITLES) == list(VIEWS) == list(PAGE_BUILDERS)


def test_each_page_is_built_when_first_shown_with_the_actions_scoped_to_it(
    window: MainWindow,
) -> None:
    scopes = {spec.scope for spec in WINDOW_ACTIONS} - {WINDOW_SCOPE}
    assert scopes <= {*VIEWS, *UNADDED_SCOPES}
    assert [view for view in VIEWS if window.slots[view].built] == ["board"]
    for view in VIEWS:
        window.show_view(view)
        assert window.slots[view].built
        page = window.slots[view].page()
        carried = {action.objectName() for action in page.actions()}
        scoped = {action.objectName() for action in window.registry.scoped_actions(view)}
        assert scoped <= carried
    board = {action.objectName() for action in window.board.actions()}
    focus = {action.objectName() for action in window.registry.scoped_actions("focus-target")}
    assert focus and focus <= board


def test_a_unit_opened_from_the_log_shows_on_the_units_page(
    store: Store, window: MainWindow
) -> None:
    now = datetime.now().astimezone()
    create_unit(store, now=now, goals=[parse_goal_spec("papers=2")])
    later, _ = create_unit(store, now=now, goals=[parse_goal_spec("papers=2")])
    window.show_view("log")
    window.log.open_unit.emit(later.id)
    assert window.current_view() == "units"
    unit = window.units.unit
    assert unit is not None and unit.id == later.id


@pytest.mark.parametrize("view", ["units", "log"])
def test_a_page_sentence_reaches_the_status_bar(window: MainWindow, view: str) -> None:
    window.show_view(view)
    page = window.units if view == "units" else window.log
    page.status.emit(f"said by the {view} page")
    assert window.statusBar().currentMessage() == f"said by the {view} page"
