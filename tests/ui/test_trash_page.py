"""The Trash view: a deleted item stays findable after its undo step is gone, comes back
with what was nested in it, and can be deleted for ever (asked first)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.domain.enums import Column
from app.services import bulk
from app.services.items import create_item, get_item
from app.services.settings import set_settings
from app.services.trash import trash_contents
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.trash_page import deleted_text
from tests.ui.conftest import add

NOW = datetime(2026, 12, 7, 15, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def nested(store: Store, title: str, parent: int) -> int:
    record, _ = create_item(store, ItemDraft(title=title, parent_id=parent), now=NOW)
    return record.id


def test_the_trash_lists_what_was_deleted_with_what_went_along(store: Store) -> None:
    thesis = add(store, "Thesis chapter 2")
    section = nested(store, "Related work", thesis)
    nested(store, "Find the 2019 survey", section)
    lone = add(store, "Email the committee")
    kept = add(store, "Still here")
    bulk.trash_items(store, [thesis], now=NOW)
    bulk.trash_items(store, [lone], now=NOW + timedelta(minutes=5))
    entries = trash_contents(store)
    assert [(e.record.title, e.nested) for e in entries] == [
        ("Email the committee", 0),  # newest deletion first
        ("Thesis chapter 2", 2),
    ]
    assert kept not in {e.record.id for e in entries}


def test_deleted_times_read_naturally() -> None:
    assert deleted_text(NOW - timedelta(hours=2), NOW) == "today 13:00"
    assert deleted_text(NOW - timedelta(days=3), NOW) == "Fri 04 Dec 15:00"
    assert deleted_text(NOW - timedelta(days=400), NOW) == "02 Nov 2025"


def test_a_card_deleted_from_the_board_is_restored_from_the_trash_after_undo_is_gone(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    card = add(store, "Draft the abstract", column=Column.ACTIVE)
    window.board.apply(bulk.trash_items(store, [card], now=NOW))
    window.ops.undo_stack.clear()  # as after a restart: no undo step left
    window.registry.action("view.trash").trigger()
    trash = window.trash
    assert window.current_view() == "trash"
    assert [e.record.title for e in trash.model.entries] == ["Draft the abstract"]
    trash.tree.setFocus()
    trash.select([card])
    qtbot.keyClick(trash.tree, Qt.Key.Key_Return)  # Enter restores
    assert get_item(store, card).deleted_at is None
    assert trash.model.entries == []
    window.show_view("board")
    assert card in window.board.models[Column.ACTIVE].ids  # back in its column
    window.ops.undo()
    assert get_item(store, card).deleted_at is not None


def test_delete_for_ever_asks_first_and_removes_the_subtree(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    parent = add(store, "Old project")
    child = nested(store, "Old subtask", parent)
    other = add(store, "Keep in trash")
    bulk.trash_items(store, [parent, other], now=NOW)
    window.show_view("trash")
    trash = window.trash
    asked: list[tuple[str, int]] = []
    answers = [False, True]
    trash.confirm_purge = lambda title, count: asked.append((title, count)) or answers.pop(0)  # type: ignore[method-assign]
    trash.select([parent])
    window.registry.action("edit.delete").trigger()  # Delete in the trash: for ever
    assert asked == [("Delete for ever", 2)]
    assert get_item(store, parent).deleted_at is not None  # said no: nothing happened
    window.registry.action("edit.delete").trigger()
    rows = store.raw.execute("SELECT id FROM items WHERE id IN (?, ?)", (parent, child))
    assert rows.fetchall() == []
    assert [e.record.id for e in trash.model.entries] == [other]
    assert "Deleted 2 items for ever." in window.statusBar().currentMessage()
    window.ops.undo()  # until the window closes, even this can be undone
    assert get_item(store, child).deleted_at is not None
    assert {e.record.id for e in trash.model.entries} == {parent, other}


def test_empty_trash_from_the_palette_command(store: Store, window: MainWindow) -> None:
    for title in ("a", "b"):
        bulk.trash_items(store, [add(store, title)], now=NOW)
    window.show_view("board")
    window.trash.confirm_purge = lambda title, count: count == 2  # type: ignore[method-assign]
    window.registry.action("edit.empty_trash").trigger()
    assert window.current_view() == "trash"
    assert trash_contents(store) == []
    assert not window.trash.empty_button.isEnabled()


def test_dropping_items_on_the_trash_entry_deletes_them(store: Store, window: MainWindow) -> None:
    item = add(store, "Obsolete idea")
    window.sidebar.dropped.emit("trash", [item])
    assert get_item(store, item).deleted_at is not None
    window.show_view("trash")
    assert [e.record.id for e in window.trash.model.entries] == [item]


def test_the_empty_trash_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.show_view("trash")
    tree = window.trash.tree
    qtbot.waitUntil(tree.isVisible)
    assert window.trash.summary.text() == "Nothing deleted"
    assert not window.trash.restore_button.isEnabled()
    QApplication.processEvents()
    image = tree.viewport().grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, 140)}
    assert len(colours) > 2  # the explanation is drawn, not a blank list
