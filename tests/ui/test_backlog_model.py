from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column, Horizon, ItemKind
from app.services.item_edits import ItemPatch, edit_item
from app.store import backlog_query
from app.store.backlog_query import BacklogFilter
from app.store.db import Store
from app.ui.backlog.model import BacklogModel
from app.ui.backlog.view import BacklogPage
from app.ui.capture.quick_add import chip_texts
from app.ui.dnd import encode_ids
from app.ui.ops import Operations
from app.ui.rows import RowCache
from tests.ui.conftest import add, this_week


def top_titles(model: BacklogModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def build_tree(store: Store) -> dict[str, int]:
    ids = {}
    ids["thesis"] = add(store, "Thesis", tags=("thesis",))
    ids["ch1"] = add(store, "Chapter 1 引言", parent_id=ids["thesis"])
    ids["fig"] = add(store, "Figure for chapter 1", parent_id=ids["ch1"])
    ids["paper"] = add(store, "MAE paper", kind=ItemKind.PAPER, tags=("paper",))
    ids["idea"] = add(store, "Idea: 对比学习 for speech", horizon=Horizon.SOMEDAY)
    return ids


def test_tree_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store, ops: Operations, rows: RowCache
) -> None:
    build_tree(store)
    model = BacklogModel(ops, rows)
    qtmodeltester.check(model)
    assert top_titles(model) == ["Idea: 对比学习 for speech", "MAE paper", "Thesis"]
    thesis = model.index(2, 0)
    assert model.hasChildren(thesis) and model.rowCount(thesis) == 1
    chapter = model.index(0, 0, thesis)
    assert chapter.data() == "Chapter 1 引言"
    assert model.index(0, 0, chapter).data() == "Figure for chapter 1"
    assert model.parent(chapter) == thesis


def test_filter_models_pass_the_model_tester(
    qtmodeltester: ModelTester, store: Store, ops: Operations, rows: RowCache
) -> None:
    build_tree(store)
    model = BacklogModel(ops, rows)
    # In the manual order the matches stand under the items above them...
    model.set_filter(BacklogFilter(text="chapter"))
    qtmodeltester.check(model)
    assert top_titles(model) == ["Thesis"]
    # ...in another order they are a flat list.
    model.set_filter(BacklogFilter(text="chapter", sort="title"))
    qtmodeltester.check(model)
    assert top_titles(model) == ["Chapter 1 引言", "Figure for chapter 1"]


def test_filters(store: Store, ops: Operations, rows: RowCache) -> None:
    ids = build_tree(store)
    model = BacklogModel(ops, rows)
    cases = {
        BacklogFilter(text="对比"): ["Idea: 对比学习 for speech"],  # two characters: scanned
        BacklogFilter(text="对比学习"): ["Idea: 对比学习 for speech"],  # trigram index
        BacklogFilter(kind=ItemKind.PAPER): ["MAE paper"],
        BacklogFilter(tag="thesis"): ["Thesis"],
        BacklogFilter(horizon=Horizon.SOMEDAY): ["Idea: 对比学习 for speech"],
        BacklogFilter(has_due=True): [],
        BacklogFilter(sort="title"): [
            "Chapter 1 引言", "Figure for chapter 1", "Idea: 对比学习 for speech",
            "MAE paper", "Thesis",
        ],
    }  # fmt: skip
    for query, expected in cases.items():
        model.set_filter(query)
        assert top_titles(model) == expected, query
    edit_item(store, ids["paper"], ItemPatch(due_date=date(2026, 12, 1)), now=ops.clock())
    model.set_filter(BacklogFilter(has_due=True))
    assert top_titles(model) == ["MAE paper"]


def test_drop_onto_an_item_nests_it_and_undo_puts_it_back(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    ids = build_tree(store)
    model = BacklogModel(ops, rows)
    ops.changed.connect(lambda ch: (rows.invalidate(ch), model.apply(ch)))
    thesis = model.index_of(ids["thesis"])
    mime = model.mimeData([model.index_of(ids["paper"])])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, thesis)
    assert top_titles(model) == ["Idea: 对比学习 for speech", "Thesis"]
    thesis = model.index_of(ids["thesis"])
    children = [model.index(r, 0, thesis).data() for r in range(model.rowCount(thesis))]
    assert children == ["MAE paper", "Chapter 1 引言"]
    ops.undo_stack.undo()
    assert top_titles(model) == ["Idea: 对比学习 for speech", "MAE paper", "Thesis"]


def test_drop_between_items_reorders_the_top_level(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    ids = build_tree(store)
    model = BacklogModel(ops, rows)
    ops.changed.connect(lambda ch: (rows.invalidate(ch), model.apply(ch)))
    mime = model.mimeData([model.index_of(ids["thesis"])])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert top_titles(model) == ["Thesis", "Idea: 对比学习 for speech", "MAE paper"]


def test_a_card_dragged_to_the_backlog_leaves_the_board(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    card = add(store, "on the board", column=Column.ACTIVE)
    model = BacklogModel(ops, rows)
    mime = encode_ids([card], "board")
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    rows.invalidate(Changes(everything=True))
    record = rows.get(card)
    assert record is not None and record.placement is None
    assert str(this_week()) in record.planned_weeks  # the trail is kept


def test_checking_an_item_completes_it(store: Store, ops: Operations, rows: RowCache) -> None:
    ids = build_tree(store)
    model = BacklogModel(ops, rows)
    model.set_filter(BacklogFilter(show_done=True))
    ops.changed.connect(lambda ch: (rows.invalidate(ch), model.apply(ch)))
    index = model.index_of(ids["idea"])
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.index_of(ids["idea"]).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_filter(BacklogFilter())
    assert "Idea: 对比学习 for speech" not in top_titles(model)


def test_a_quick_add_the_database_refuses_keeps_the_line(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = BacklogPage(ops, rows, lambda day: this_week())
    qtbot.addWidget(page)
    page.show()
    ops.changed.connect(lambda ch: (rows.invalidate(ch), page.apply(ch)))
    refusals: list[str] = []
    ops.failed.connect(refusals.append)
    page.quick_add.edit.setText("an idea worth keeping #idea")
    store.raw.execute("PRAGMA query_only = ON")  # as a read-only file or a full disk
    qtbot.keyClick(page.quick_add.edit, Qt.Key.Key_Return)
    assert refusals and page.quick_add.edit.text() == "an idea worth keeping #idea"
    store.raw.execute("PRAGMA query_only = OFF")
    qtbot.keyClick(page.quick_add.edit, Qt.Key.Key_Return)
    assert page.quick_add.edit.text() == ""
    assert store.raw.execute("SELECT title FROM items").fetchall() == [("an idea worth keeping",)]


def test_quick_add_shows_chips_and_adds_an_undoable_item(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = BacklogPage(ops, rows, lambda day: this_week())
    qtbot.addWidget(page)
    page.show()
    ops.changed.connect(lambda ch: (rows.invalidate(ch), page.apply(ch)))
    page.quick_add.edit.setText("Read MAE paper #paper !high ~2h")
    assert page.quick_add.chips.chips == ["paper", "#paper", "!high", "~2h"]
    page.quick_add.edit.setText("broken @blorf")
    assert "blorf" in page.quick_add.chips.error
    page.quick_add.edit.setText("Read MAE paper #paper !high ~2h")
    qtbot.keyClick(page.quick_add.edit, Qt.Key.Key_Return)
    assert top_titles(page.model) == ["Read MAE paper"]
    assert page.quick_add.edit.text() == ""
    assert page.selected_ids() != []
    ops.undo_stack.undo()
    assert top_titles(page.model) == []
    ops.undo_stack.redo()
    assert top_titles(page.model) == ["Read MAE paper"]


def test_quick_add_with_week_puts_the_item_on_this_weeks_board(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = BacklogPage(ops, rows, lambda day: this_week())
    qtbot.addWidget(page)
    page.show()
    ops.changed.connect(lambda ch: (rows.invalidate(ch), page.apply(ch)))
    page.quick_add.edit.setText("Write related work ~3h ^week")
    assert page.quick_add.chips.chips == ["~3h", "^week"]
    qtbot.keyClick(page.quick_add.edit, Qt.Key.Key_Return)
    (item_id,) = page.selected_ids()
    record = rows.get(item_id)
    assert record is not None and record.horizon is Horizon.WEEK
    assert record.placement is not None
    assert (record.placement.week, record.placement.column) == (str(this_week()), Column.TODO)
    ops.undo_stack.undo()  # one step takes the item and its card
    assert top_titles(page.model) == []
    assert store.raw.execute("SELECT COUNT(*) FROM board_cards").fetchone()[0] == 0


def test_chip_texts_cover_every_part() -> None:
    from datetime import datetime

    from app.domain.capture import parse_capture

    capture = parse_capture("x #a !low ~90 ^someday due:2026-12-01", datetime(2026, 11, 20, 10))
    assert chip_texts(capture) == ["#a", "!low", "~1h30m", "due Tue 01 Dec", "^someday"]


def test_a_long_filtered_list_is_read_a_page_at_a_time(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    from app.ui.backlog import model as backlog_model

    for n in range(backlog_model.PAGE * 2 + 5):
        add(store, f"note {n:04d}")
    model = BacklogModel(ops, rows)
    model.set_filter(BacklogFilter(text="note", sort="title"))
    assert model.rowCount() == backlog_model.PAGE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * backlog_model.PAGE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * backlog_model.PAGE + 5
    assert not model.canFetchMore(QModelIndex())
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == sorted(titles) and len(set(titles)) == len(titles)


def test_clearing_a_filter_gives_back_the_tree_and_nothing_more(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    from app.ui.backlog import model as backlog_model

    ids = build_tree(store)
    for n in range(backlog_model.PAGE + 5):
        add(store, f"note {n:04d}")
    model = BacklogModel(ops, rows)
    model.set_filter(BacklogFilter(text="note"))
    assert model.canFetchMore(QModelIndex())  # a flat list with a page still unread
    model.set_filter(BacklogFilter())
    # A tree reads each list whole: scrolling on shows the rest of the top level, and
    # no page of the flat list may be appended to it.
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    shown = [model.id_at(model.index(r, 0)) for r in range(model.rowCount())]
    assert shown == backlog_query.children_ids(store.raw, None, show_done=False)
    assert ids["fig"] not in shown and ids["ch1"] not in shown


def test_typing_on_keeps_the_rows_when_the_matches_stay_the_same(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    build_tree(store)
    model = BacklogModel(ops, rows)
    model.set_filter(BacklogFilter(text="chap"))
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_filter(BacklogFilter(text="chapt"))  # the same two items
    with qtbot.waitSignal(model.modelReset, timeout=0):
        model.set_filter(BacklogFilter(text="chapter 1 引"))  # one of them
    thesis = model.index(0, 0)
    assert top_titles(model) == ["Thesis"] and model.rowCount(thesis) == 1
    assert model.index(0, 0, thesis).data() == "Chapter 1 引言"
    assert not model.hasChildren(model.index(0, 0, thesis))  # the figure does not match


def test_a_keystroke_reads_the_list_once_and_the_second_page_comes_from_it(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    from app.ui.backlog import model as backlog_model

    for n in range(backlog_model.PAGE * 5):
        add(store, f"note {n:04d}" + (" odd" if n % 2 else ""))
    model = BacklogModel(ops, rows)
    model.set_filter(BacklogFilter(text="note"))
    model.fetchMore(QModelIndex())  # what the view asks for right after a reset
    reads: list[str] = []
    store.raw.set_trace_callback(
        lambda sql: reads.append(sql) if sql.startswith("SELECT i.id FROM") else None
    )
    try:
        model.set_filter(BacklogFilter(text="note od"))  # fewer matches: a reset
        assert model.rowCount() == backlog_model.PAGE
        model.fetchMore(QModelIndex())
        assert model.rowCount() == 2 * backlog_model.PAGE
    finally:
        store.raw.set_trace_callback(None)
    assert len(reads) == 1  # the check, the reset and the second page share one query
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert all(t.endswith(" odd") for t in titles) and len(set(titles)) == len(titles)
    model.fetchMore(QModelIndex())  # the third page is read when it is needed
    assert model.rowCount() == backlog_model.PAGE * 5 // 2
    assert not model.canFetchMore(QModelIndex())


def test_rows_are_painted_whole_with_the_check_box_where_qt_takes_clicks(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtTest import QTest

    from tests.e2e.app_under_test import check_rect

    ids = build_tree(store)
    page = BacklogPage(ops, rows, lambda day: this_week())
    qtbot.addWidget(page)
    page.resize(1000, 400)
    page.show()
    qtbot.waitExposed(page)
    tree, model = page.tree, page.model
    thesis = model.index_of(ids["thesis"])
    tree.expand(thesis)
    tree.selectionModel().select(
        thesis,
        tree.selectionModel().SelectionFlag.ClearAndSelect
        | tree.selectionModel().SelectionFlag.Rows,
    )
    image = tree.viewport().grab().toImage()
    band = tree.visualRect(thesis)
    highlight = tree.palette().color(QPalette.ColorRole.Highlight)
    base = tree.palette().color(QPalette.ColorRole.Base)

    def colour(x: int, y: int) -> QColor:
        return QColor(image.pixel(x, y))

    # The selection band runs under the whole row, the branch area included.
    assert colour(2, band.center().y()) == highlight
    assert colour(tree.viewport().width() - 3, band.center().y()) == highlight
    # The title is drawn: some pixels of its cell differ from the band.
    title = tree.visualRect(thesis)
    inked = {
        colour(x, title.center().y()).name()
        for x in range(title.left() + 30, min(title.right(), title.left() + 120))
    }
    assert len(inked) > 2
    # A child row is indented under its parent and is not selected.
    chapter = model.index_of(ids["ch1"])
    assert tree.visualRect(chapter).left() > title.left()
    assert colour(tree.visualRect(chapter).center().x(), tree.visualRect(chapter).top() + 2) == base
    # Clicking the check box Qt hit-tests completes the item: drawing and clicks agree.
    box = check_rect(tree, chapter, tree.visualRect(chapter))
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert rows.get(ids["ch1"]) is not None
    assert store.raw.execute(
        "SELECT completed_at IS NOT NULL FROM items WHERE id = ?", (ids["ch1"],)
    ).fetchone() == (1,)
