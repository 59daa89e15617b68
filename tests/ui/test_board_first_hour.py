"""The board for someone who has just started: empty columns that say what to do, "+ Add"
at the foot of every column, Ctrl+N on the board, and a word when Active goes over the
work-in-progress limit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.board.view import BoardPage, ColumnView
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.settings import UiSettings
from app.ui.theme import tokens_for
from tests.ui.conftest import add, this_week
from tests.ui.test_board_model import column_ids


def board(qtbot: QtBot, ops: Operations, rows: RowCache, **options: object) -> BoardPage:
    page = BoardPage(ops, rows, tokens_for(False), **options)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    ops.changed.connect(lambda ch: (rows.invalidate(ch), page.apply(ch)))
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def painted(view: ColumnView) -> QImage:
    return view.viewport().grab().toImage()


def test_each_empty_column_teaches_its_move_with_the_keys_bound_now(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    keys = {"file.new": "Ctrl+N", "view.backlog": "Ctrl+1", "board.move_right": "Ctrl+→"}
    page = board(qtbot, ops, rows, keys_for=lambda action: keys.get(action, ""))
    hints = {column: panel.view.hint for column, panel in page.panels.items()}
    assert "+ Add below (Ctrl+N)" in hints[Column.TODO]
    assert "from the Backlog (Ctrl+1)" in hints[Column.TODO]
    assert "press Ctrl+→" in hints[Column.ACTIVE]
    assert "from the menu undoes any move" in hints[Column.DONE]  # no key bound to undo
    keys["board.move_right"] = "Alt+L"
    page.refresh_hints()
    assert "press Alt+L" in page.panels[Column.ACTIVE].view.hint

    todo = page.panels[Column.TODO].view
    with_hint = painted(todo)
    todo.hint = ""
    assert painted(todo) != with_hint  # the hint is drawn while the column is empty
    page.refresh_hints()
    add(store, "a card", column=Column.TODO)
    page.apply(Changes(board=True))
    with_card = painted(todo)
    todo.hint = ""
    assert painted(todo) == with_card  # and not once it holds a card


def test_add_at_the_foot_of_a_column_puts_the_card_there(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = board(qtbot, ops, rows)
    panel = page.panels[Column.ACTIVE]
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.adder.isVisible() and not panel.add_button.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.adder.edit)
    qtbot.keyClicks(panel.adder.edit, "Draft the intro #paper ~1h")
    qtbot.keyClick(panel.adder.edit, Qt.Key.Key_Return)
    (card,) = column_ids(store, Column.ACTIVE)
    record = rows.get(card)
    assert record is not None and record.title == "Draft the intro"
    assert record.tags == ("paper",) and record.estimate_minutes == 60
    assert page.selected_ids() == [card]
    # The line stays open for the next card; Esc closes it.
    assert panel.adder.isVisible() and panel.adder.edit.text() == ""
    qtbot.keyClick(panel.adder.edit, Qt.Key.Key_Escape)
    assert not panel.adder.isVisible() and panel.add_button.isVisible()
    ops.undo_stack.undo()
    assert column_ids(store, Column.ACTIVE) == []


def test_a_card_the_database_refuses_keeps_its_line(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = board(qtbot, ops, rows)
    panel = page.panels[Column.TODO]
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.adder.edit)
    qtbot.keyClicks(panel.adder.edit, "Draft the intro")
    store.raw.execute("PRAGMA query_only = ON")  # as a read-only file or a full disk
    qtbot.keyClick(panel.adder.edit, Qt.Key.Key_Return)
    assert panel.adder.edit.text() == "Draft the intro" and column_ids(store, Column.TODO) == []
    store.raw.execute("PRAGMA query_only = OFF")
    qtbot.keyClick(panel.adder.edit, Qt.Key.Key_Return)
    assert panel.adder.edit.text() == "" and len(column_ids(store, Column.TODO)) == 1


def test_a_card_added_to_completed_is_completed(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = board(qtbot, ops, rows)
    page.start_adding(Column.DONE)
    edit = page.panels[Column.DONE].adder.edit
    qtbot.keyClicks(edit, "Read the MAE paper")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    (card,) = column_ids(store, Column.DONE)
    record = rows.get(card)
    assert record is not None and record.completed_at is not None


def test_an_unreadable_line_adds_nothing_and_says_why(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = board(qtbot, ops, rows)
    page.start_adding()
    adder = page.panels[Column.TODO].adder
    qtbot.keyClicks(adder.edit, "Meet @notaday")
    qtbot.keyClick(adder.edit, Qt.Key.Key_Return)
    assert column_ids(store, Column.TODO) == []
    assert adder.chips.error  # the grammar's message is shown under the line
    assert adder.edit.text() == "Meet @notaday"  # nothing typed is lost


def test_ctrl_n_on_the_board_opens_the_add_line_of_to_do(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("board")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.board.isVisible() and window.isActiveWindow())
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "board"
    adder = window.board.panels[Column.TODO].adder
    qtbot.waitUntil(lambda: window.focusWidget() is adder.edit)
    qtbot.keyClicks(adder.edit, "Book the seminar room")
    qtbot.keyClick(adder.edit, Qt.Key.Key_Return)
    assert [window.rows.get(i).title for i in column_ids(store, Column.TODO)] == [  # type: ignore[union-attr]
        "Book the seminar room"
    ]
    # Elsewhere Ctrl+N still types into the backlog's quick add.
    window.show_view("log")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "backlog"
    assert window.focusWidget() is window.backlog.quick_add.edit


def test_going_over_the_wip_limit_is_said_once(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    for n in range(3):
        add(store, f"active {n}", column=Column.ACTIVE)
    todo = [add(store, f"todo {n}", column=Column.TODO) for n in range(3)]
    page = board(qtbot, ops, rows, wip_limit=3)
    said: list[str] = []
    page.status.connect(said.append)
    page.select([todo[0]])
    page.move_selection_sideways(1)
    assert said == [
        "Active holds 4 cards, over your limit of 3: finish one before starting another."
    ]
    page.select([todo[1]])
    page.move_selection_sideways(1)
    assert len(said) == 1  # still over: the orange counter is enough
    ops.undo_stack.undo()
    ops.undo_stack.undo()
    assert len(column_ids(store, Column.ACTIVE)) == 3
    page.select([todo[2]])
    page.move_selection_sideways(1)
    assert len(said) == 2  # over again after going back under
    assert str(this_week()) == str(page.week)


def test_toolbar_buttons_stay_put_when_the_undo_step_changes(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    from PySide6.QtWidgets import QToolBar

    set_settings(store, {"board.rollover": "manual"})
    card = add(store, "a card", column=Column.TODO)
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    (toolbar,) = window.findChildren(QToolBar)
    undo = window.registry.action("edit.undo")
    after_undo = window.registry.action("board.prev_week")

    def positions() -> list[int]:
        return [toolbar.widgetForAction(a).x() for a in (undo, after_undo)]  # type: ignore[union-attr]

    before = positions()
    window.board.select([card])
    window.board.move_selection_sideways(1)
    qtbot.waitUntil(undo.isEnabled)
    QApplication.processEvents()  # the toolbar lays itself out again on a posted event
    assert positions() == before
    assert undo.text() == "Undo Move card to Active"  # the Edit menu names the step
    assert "Undo Move card to Active" in undo.toolTip()
    assert toolbar.widgetForAction(undo).text() == "Undo"  # type: ignore[union-attr]
