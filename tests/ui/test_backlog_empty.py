"""An empty backlog teaches its three moves; a filter that matches nothing says how to
get the list back."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.store.db import Store
from app.ui.backlog import tree as backlog_tree
from app.ui.ops import Operations
from app.ui.rows import RowCache
from tests.ui.conftest import add
from tests.ui.test_backlog_filter_tree import make_page


def painted(page_tree: backlog_tree.BacklogTree) -> QImage:
    QApplication.processEvents()
    return page_tree.viewport().grab().toImage()


def shows_text(image: QImage) -> bool:
    colours = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, 160)}
    return len(colours) > 2


def test_an_empty_backlog_says_what_to_do(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = make_page(qtbot, ops, rows)
    qtbot.waitUntil(lambda: page.model.loaded)
    assert shows_text(painted(page.tree))
    add(store, "A first idea")
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    image = painted(page.tree)
    # The row is painted, the hint is not: nothing below the first row.
    row = page.tree.visualRect(page.model.index(0, 0))
    below = {image.pixel(x, y) for x in range(0, image.width(), 2)
             for y in range(row.bottom() + 4, row.bottom() + 120)}  # fmt: skip
    assert len(below) == 1


def test_a_filter_matching_nothing_says_how_to_clear_it(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    add(store, "Read the MAE paper")
    page = make_page(qtbot, ops, rows)
    qtbot.keyClicks(page.search, "zzzz")
    qtbot.waitUntil(lambda: page.model.filter.text == "zzzz" and page.model.rowCount() == 0)
    assert shows_text(painted(page.tree))
