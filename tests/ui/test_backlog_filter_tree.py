"""A filter in the manual order shows each match in its place in the tree, under the
items above it (greyed when they do not match), expanded; its matches are still read a
page at a time, each page's rows put where they belong."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.enums import ItemKind
from app.services.item_edits import ItemPatch, edit_item
from app.store import backlog_query
from app.store.backlog_query import BacklogFilter, TreeNode
from app.store.db import Store
from app.ui.backlog import model as backlog_model
from app.ui.backlog.filter_tree import ROOT, context_children, parents_first
from app.ui.backlog.model import BacklogModel
from app.ui.backlog.view import BacklogPage
from app.ui.ops import Operations
from app.ui.rows import RowCache
from tests.ui.conftest import add, this_week


def shown_tree(model: BacklogModel, parent: QModelIndex | None = None) -> dict[int, list[int]]:
    """The rows Qt is told of, as {parent id (ROOT for the top): child ids}."""
    parent = parent or QModelIndex()
    key = model.id_at(parent) or ROOT
    children = [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
    tree = {key: [model.id_at(child) or 0 for child in children]}
    for child in children:
        if model.hasChildren(child):
            tree |= shown_tree(model, child)
    return tree


def make_page(qtbot: QtBot, ops: Operations, rows: RowCache) -> BacklogPage:
    page = BacklogPage(ops, rows, lambda day: this_week())
    qtbot.addWidget(page)
    page.resize(1000, 400)
    page.show()
    qtbot.waitExposed(page)
    ops.changed.connect(lambda ch: (rows.invalidate(ch), page.apply(ch)))
    return page


def test_a_match_is_shown_under_its_greyed_parents_opened(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    thesis = add(store, "Thesis")
    chapter = add(store, "Chapter 1 引言", parent_id=thesis)
    figure = add(store, "Figure for chapter 1", parent_id=chapter)
    add(store, "Table for chapter 2", parent_id=thesis)
    other = add(store, "Another figure, at the top")
    add(store, "Unrelated")
    page = make_page(qtbot, ops, rows)
    model, tree = page.model, page.tree
    qtbot.keyClicks(page.search, "figure")
    qtbot.waitUntil(lambda: model.filter.text == "figure")

    assert shown_tree(model) == {ROOT: [other, thesis], thesis: [chapter], chapter: [figure]}
    assert tree.isExpanded(model.index_of(thesis)) and tree.isExpanded(model.index_of(chapter))
    assert model.is_context(thesis) and model.is_context(chapter)
    assert not model.is_context(figure) and not model.is_context(other)
    tip = model.index_of(chapter).data(Qt.ItemDataRole.ToolTipRole)
    assert "does not match the filter" in tip
    assert "does not match" not in model.index_of(figure).data(Qt.ItemDataRole.ToolTipRole)

    # The parents shown for context are painted fainter than the matches.
    image = tree.viewport().grab().toImage()

    def darkest(item_id: int) -> int:
        rect = tree.visualRect(model.index_of(item_id))
        y = rect.center().y()
        return min(
            QColor(image.pixel(x, yy)).lightness()
            for x in range(rect.left(), rect.left() + 200)
            for yy in (y - 3, y, y + 3)
        )

    assert darkest(chapter) > darkest(figure) + 40
    assert darkest(thesis) > darkest(other) + 40


def test_the_pages_of_matches_each_land_in_their_place(
    qtmodeltester: ModelTester, store: Store, ops: Operations, rows: RowCache
) -> None:
    # More matches than a page: top-level ones, and ones under parents that do not
    # match, some parents holding several, one two levels down.
    expected: list[int] = []
    for n in range(90):
        parent = add(store, f"group {n:02d}")
        expected.append(add(store, f"needle {n:02d} a", parent_id=parent))
        if n % 3 == 0:
            expected.append(add(store, f"needle {n:02d} b", parent_id=parent))
        if n % 7 == 0:
            inner = add(store, f"inner {n:02d}", parent_id=parent)
            expected.append(add(store, f"needle {n:02d} deep", parent_id=inner))
        if n % 2 == 0:
            expected.append(add(store, f"needle {n:02d} top"))
    assert len(expected) > backlog_model.FIRST_LOAD + backlog_model.PAGE
    model = BacklogModel(ops, rows)
    model.set_filter(BacklogFilter(text="needle"))
    assert model.rowCount() == backlog_model.PAGE and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)  # it stays connected: every insertion below is checked
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    whole = context_children(backlog_query.with_ancestors(store.raw, expected))
    assert shown_tree(model) == {k: v for k, v in whole.items() if v}
    assert all(not model.is_context(i) for i in expected)


def test_an_edit_that_makes_a_parent_match_shows_it_as_a_match(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    thesis = add(store, "Thesis")
    figure = add(store, "Figure", parent_id=thesis)
    model = BacklogModel(ops, rows)
    ops.changed.connect(lambda ch: (rows.invalidate(ch), model.apply(ch)))
    model.set_filter(BacklogFilter(text="figure"))
    assert model.is_context(thesis)
    with qtbot.assertNotEmitted(model.modelReset):
        ops.run(
            "Rename",
            lambda now: edit_item(store, thesis, ItemPatch(title="Thesis figures"), now=now)[1],
        )
    assert not model.is_context(thesis) and not model.is_context(figure)
    assert shown_tree(model) == {ROOT: [thesis], thesis: [figure]}


def test_a_kind_chosen_in_its_box_filters_the_list(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    paper = add(store, "MAE paper", kind=ItemKind.PAPER)
    add(store, "A task")
    page = make_page(qtbot, ops, rows)
    page.kind.setCurrentIndex(page.kind.findData(ItemKind.PAPER))
    assert page.model.filter.kind is ItemKind.PAPER
    assert shown_tree(page.model) == {ROOT: [paper]}


def test_parents_come_before_their_children() -> None:
    nodes = [TreeNode(3, 2, 0), TreeNode(4, None, 0), TreeNode(2, 1, 0), TreeNode(1, None, 5)]
    order = [node.id for node in parents_first(nodes)]
    assert order.index(1) < order.index(2) < order.index(3)
    # A parent not among them (in the trash) makes its child a top-level row.
    assert context_children([TreeNode(7, 99, 0), TreeNode(8, None, 3)]) == {ROOT: [7, 8]}
