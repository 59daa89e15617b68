"""The main window's pages: their names, titles, and how each is built and wired.

Each page stands in the window as a `PageSlot` and is built the first time it is shown
or used, so a builder imports its page's module itself: the window paints its first
frame without the pages it does not open on. Wiring a page means opening its items in
the editor, passing its sentences to the status bar, following the theme and adding the
actions scoped to it (window_actions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

# The sidebar's entries and the window's stack, top to bottom.
VIEWS: Final = ("backlog", "board", "units", "log", "today", "next7", "trash")
VIEW_TITLES: Final = {
    "backlog": "Backlog",
    "board": "This week",
    "units": "Units",
    "log": "Log",
    "today": "Today",
    "next7": "Next 7 days",
    "trash": "Trash",
}


def build_backlog(window: MainWindow) -> QWidget:
    from app.ui.backlog.view import BacklogPage

    page = BacklogPage(window.ops, window.rows, window.week_of)
    page.open_item.connect(window.open_item)
    page.status.connect(window.show_status)
    page.addActions(window.registry.scoped_actions("backlog"))
    page.tree.addActions(window.registry.scoped_actions("backlog-tree"))  # Tab, Shift+Tab
    return page


def build_board(window: MainWindow) -> QWidget:
    from app.ui.actions import native_text
    from app.ui.board.view import BoardPage

    prefs = window.prefs
    registry = window.registry
    page = BoardPage(
        window.ops,
        window.rows,
        window.theme.tokens,
        week_start=prefs.week_start,
        wip_limit=prefs.wip_limit or None,
        keys_for=lambda action_id: native_text(registry.effective_shortcut(action_id)),
    )
    page.open_item.connect(window.open_item)
    page.status.connect(window.show_status)
    registry.shortcuts_changed.connect(page.refresh_hints)
    window.theme.theme_changed.connect(lambda resolved: page.set_tokens(resolved.tokens))
    page.addActions(window.registry.scoped_actions("board"))
    page.addActions(window.registry.scoped_actions("focus-target"))  # F, Shift+F
    return page


def build_units(window: MainWindow) -> QWidget:
    from app.ui.units.page import UnitsPage

    week_start = window.prefs.week_start
    page = UnitsPage(window.ops, window.rows, window.theme.tokens, week_start=week_start)
    page.open_item.connect(window.open_item)
    page.status.connect(window.show_status)
    window.theme.theme_changed.connect(lambda resolved: page.set_tokens(resolved.tokens))
    return page


def build_log(window: MainWindow) -> QWidget:
    from app.ui.log.page import LogPage

    page = LogPage(
        window.ops, window.theme.tokens, window.settings, week_start=window.prefs.week_start
    )
    page.open_item.connect(window.open_item)
    page.open_unit.connect(window.show_unit)
    page.status.connect(window.show_status)
    window.theme.theme_changed.connect(lambda resolved: page.set_tokens(resolved.tokens))
    page.addActions(window.registry.scoped_actions("log"))
    return page


def build_today(window: MainWindow) -> QWidget:
    from app.ui.planner.page import PlannerPage

    page = PlannerPage(
        window.ops, window.rows, window.theme.tokens, week_start=window.prefs.week_start
    )
    page.open_item.connect(window.open_item)
    page.status.connect(window.show_status)
    window.theme.theme_changed.connect(lambda resolved: page.set_tokens(resolved.tokens))
    page.addActions(window.registry.scoped_actions("today"))
    page.addActions(window.registry.scoped_actions("focus-target"))  # F, Shift+F on a block
    return page


def build_next7(window: MainWindow) -> QWidget:
    from app.ui.planner.next_days import NextDaysPage

    page = NextDaysPage(
        window.ops, window.rows, window.theme.tokens, week_start=window.prefs.week_start
    )
    page.open_item.connect(window.open_item)
    window.theme.theme_changed.connect(lambda resolved: page.set_tokens(resolved.tokens))
    return page


def build_trash(window: MainWindow) -> QWidget:
    from app.ui.trash_page import TrashPage

    page = TrashPage(window.ops)
    page.status.connect(window.show_status)
    return page


PAGE_BUILDERS: Final[dict[str, Callable[[MainWindow], QWidget]]] = {
    "backlog": build_backlog,
    "board": build_board,
    "units": build_units,
    "log": build_log,
    "today": build_today,
    "next7": build_next7,
    "trash": build_trash,
}
