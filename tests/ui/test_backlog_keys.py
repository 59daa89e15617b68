"""The backlog from the keyboard, in the real window: Tab and Shift+Tab nest and un-nest
the selection while the list has the focus (and move the focus everywhere else); the
moved items stay selected, in view and focused, under their parent opened, also after
undo and redo; Esc clears the filter and gives the list the focus back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import ItemKind
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.backlog.view import BacklogPage
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from tests.ui.conftest import add, redo_step, run_queued, undo_step

Tab = Qt.Key.Key_Tab


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> Iterator[MainWindow]:
    set_settings(store, {"board.rollover": "manual"})
    ui_settings.set_last_view("backlog")
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.resize(1100, 420)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.backlog.model.loaded)
    yield win
    win.ops.undo_stack.clear()


def parent_of(store: Store, item_id: int) -> int | None:
    row = store.raw.execute("SELECT parent_id FROM items WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else row[0]


def focus_list(qtbot: QtBot, page: BacklogPage, ids: list[int]) -> None:
    page.select(ids)
    page.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree)


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """A key press on whichever widget has the focus, as a user's keyboard sends it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier or Qt.KeyboardModifier.NoModifier)


def in_view(page: BacklogPage, item_id: int) -> bool:
    """The item's row is shown (every row above it expanded) inside the viewport,
    selected, and the current row of the focused list."""
    tree = page.tree
    index = page.model.index_of(item_id)
    if not index.isValid() or not tree.in_sight(item_id):
        return False
    rect = tree.visualRect(index)
    return (
        rect.isValid()
        and tree.viewport().rect().contains(rect.center())
        and page.selected_ids() == [item_id]
        and page.model.id_at(tree.currentIndex()) == item_id
        and QApplication.focusWidget() is tree
    )


def fill(store: Store, count: int) -> list[int]:
    """`count` top-level items; the last added is shown first."""
    return [add(store, f"item {n:02d}") for n in range(count)]


# --- Tab and Shift+Tab -----------------------------------------------------------------


def test_tab_nests_the_selected_item_and_shift_tab_takes_it_out(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    first, second, third = fill(store, 3)  # shown as third, second, first
    page = window.backlog
    page.model.reload()
    focus_list(qtbot, page, [second])

    press(qtbot, Tab)
    assert parent_of(store, second) == third
    assert in_view(page, second)

    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert parent_of(store, second) is None
    assert in_view(page, second)
    assert parent_of(store, first) is None  # nothing else moved


def test_tab_nests_a_selection_of_siblings_together(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    first, second, third = fill(store, 3)
    page = window.backlog
    page.model.reload()
    focus_list(qtbot, page, [second, first])
    press(qtbot, Tab)
    assert parent_of(store, second) == third and parent_of(store, first) == third
    assert sorted(page.selected_ids()) == sorted([first, second])
    assert QApplication.focusWidget() is page.tree


def test_tab_elsewhere_on_the_page_still_moves_the_focus(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    first, _second = fill(store, 2)
    page = window.backlog
    page.model.reload()
    page.select([first])
    page.quick_add.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.quick_add.edit)
    press(qtbot, Tab)
    assert QApplication.focusWidget() is not page.quick_add.edit
    page.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)
    press(qtbot, Tab)
    assert QApplication.focusWidget() is not page.search
    assert parent_of(store, first) is None  # no Tab nested anything


def test_a_tab_that_cannot_nest_says_why_in_the_status_bar(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    _first, second = fill(store, 2)  # `second` is shown first: nothing above it
    page = window.backlog
    page.model.reload()
    focus_list(qtbot, page, [second])
    press(qtbot, Tab)
    assert "Nothing above “item 01”" in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert "at the top level already" in window.statusBar().currentMessage()
    assert window.ops.undo_stack.count() == 0  # no dialog, no operation
    assert QApplication.focusWidget() is page.tree


def test_tab_in_a_filtered_list_says_to_clear_the_filter(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    first, _second = fill(store, 2)
    page = window.backlog
    type_filter(qtbot, page, "item 00")
    focus_list(qtbot, page, [first])
    press(qtbot, Tab)
    assert "Clear the filter (Esc)" in window.statusBar().currentMessage()
    assert parent_of(store, first) is None and QApplication.focusWidget() is page.tree
    press(qtbot, Qt.Key.Key_Escape)
    page.sort.setCurrentIndex(page.sort.findData("title"))
    focus_list(qtbot, page, [first])
    press(qtbot, Tab)
    assert "the list is sorted by title" in window.statusBar().currentMessage()
    assert parent_of(store, first) is None


def test_tab_nests_under_a_shown_done_item_when_done_items_are_shown(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    from app.services.bulk import complete_items

    first, second = fill(store, 2)  # shown: second, first
    complete_items(store, [second], True, now=window.ops.clock())
    page = window.backlog
    page.show_done.setChecked(True)
    focus_list(qtbot, page, [first])
    press(qtbot, Tab)
    assert parent_of(store, first) == second  # the item shown above it, done or not


# --- what the list shows after a move ------------------------------------------------


def test_an_indented_item_stays_in_view_under_its_parent_opened(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    ids = fill(store, 60)
    page = window.backlog
    page.model.reload()
    # Far down the list, with a collapsed parent above it holding a child already.
    target, above = ids[5], ids[6]
    add(store, "already inside", parent_id=above)
    page.model.reload()
    assert not page.tree.isExpanded(page.model.index_of(above))
    window.registry.action("backlog.indent").trigger()  # nothing selected: nothing happens
    focus_list(qtbot, page, [target])
    window.registry.action("backlog.indent").trigger()  # Backlog › Indent, from the menu
    assert parent_of(store, target) == above
    assert page.tree.isExpanded(page.model.index_of(above))
    assert in_view(page, target)

    undo_step(window.ops)
    assert parent_of(store, target) is None
    assert in_view(page, target)
    redo_step(window.ops)
    assert parent_of(store, target) == above
    assert in_view(page, target)

    window.registry.action("backlog.outdent").trigger()
    assert parent_of(store, target) is None
    assert in_view(page, target)


def test_rows_opened_by_hand_stay_open_when_the_tree_changes(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    _first, second, third = fill(store, 3)
    thesis = add(store, "Thesis")
    chapter = add(store, "Chapter", parent_id=thesis)
    add(store, "Figure", parent_id=chapter)
    page = window.backlog
    page.model.reload()
    for item_id in (thesis, chapter):  # as clicks on their arrows open them
        index = page.model.index_of(item_id)
        page.tree.expand(index)
        page.model.rowCount(index)
    focus_list(qtbot, page, [second])
    press(qtbot, Tab)  # changes the tree's shape: a reset
    assert parent_of(store, second) == third
    assert page.tree.isExpanded(page.model.index_of(thesis))
    assert page.tree.isExpanded(page.model.index_of(chapter))
    # A full reload (another writer, a restore) reads the open lists again.
    window.apply(Changes(everything=True))
    assert page.tree.isExpanded(page.model.index_of(thesis))
    assert page.tree.isExpanded(page.model.index_of(chapter))
    # What the user closed stays closed.
    page.tree.collapse(page.model.index_of(chapter))
    other = add(store, "another", parent_id=thesis)
    window.apply(Changes(items=frozenset({other, thesis})))
    assert page.model.index_of(other).isValid()
    assert page.tree.isExpanded(page.model.index_of(thesis))
    assert not page.tree.isExpanded(page.model.index_of(chapter))


def test_a_selected_row_closed_out_of_sight_stays_there_after_a_change(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    thesis = add(store, "Thesis")
    chapter = add(store, "Chapter", parent_id=thesis)
    page = window.backlog
    page.model.reload()
    focus_list(qtbot, page, [chapter])  # opens the thesis
    assert page.tree.in_sight(chapter)
    page.tree.collapse(page.model.index_of(thesis))
    window.apply(Changes(items=frozenset({chapter})))
    window.apply(Changes(everything=True))
    assert not page.tree.isExpanded(page.model.index_of(thesis))
    assert page.selected_ids() == [chapter]


# --- Esc -------------------------------------------------------------------------------


def type_filter(qtbot: QtBot, page: BacklogPage, text: str) -> None:
    page.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)
    qtbot.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: page.model.filter.text == text)


def test_esc_in_the_filter_box_clears_it_and_gives_the_list_the_focus(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    fill(store, 3)
    thesis = add(store, "Thesis")
    figure = add(store, "Figure for chapter 1", parent_id=thesis)
    page = window.backlog
    type_filter(qtbot, page, "figure")
    page.select([figure])
    page.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)

    press(qtbot, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.model.filter.is_tree
    assert in_view(page, figure)  # kept selected, in its place in the whole tree


def test_esc_in_the_list_clears_the_words_then_the_other_choices(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    fill(store, 2)
    paper = add(store, "MAE paper", kind=ItemKind.PAPER)
    page = window.backlog
    page.kind.setCurrentIndex(page.kind.findData(ItemKind.PAPER))
    type_filter(qtbot, page, "mae")
    focus_list(qtbot, page, [paper])

    press(qtbot, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.model.filter.kind is ItemKind.PAPER
    assert in_view(page, paper)
    press(qtbot, Qt.Key.Key_Escape)
    assert page.model.filter.is_tree and page.kind.currentIndex() == 0
    assert in_view(page, paper)
    # With no filter Esc leaves the list as it is.
    press(qtbot, Qt.Key.Key_Escape)
    assert in_view(page, paper)


def test_esc_in_an_empty_filter_box_goes_back_to_the_list(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    (item,) = fill(store, 1)
    page = window.backlog
    page.model.reload()
    page.select([item])
    page.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)
    press(qtbot, Qt.Key.Key_Escape)
    run_queued(qtbot)
    assert in_view(page, item)
    assert page.model.rowCount(QModelIndex()) == 1
