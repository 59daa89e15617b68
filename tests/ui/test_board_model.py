from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column, ItemKind, Priority
from app.store.db import Store
from app.ui.board.delegate import CardDelegate
from app.ui.board.model import ITEM_ROLE, ColumnModel
from app.ui.board.view import BoardPage
from app.ui.dnd import decode_ids, encode_ids
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import apply_theme
from tests.ui.conftest import add, this_week


def column_ids(store: Store, column: Column) -> list[int]:
    from app.store import item_rows
    from app.store.item_rows import ItemQuery

    return item_rows.query_ids(store.raw, ItemQuery(week=str(this_week()), column=column))


def test_column_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store, ops: Operations, rows: RowCache
) -> None:
    for n in range(5):
        add(store, f"card {n}", column=Column.TODO, tags=("paper",))
    model = ColumnModel(ops, rows, Column.TODO, this_week())
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.data(model.index(0), ITEM_ROLE).title == "card 0"


def test_mime_round_trip_and_garbage() -> None:
    assert decode_ids(encode_ids([3, 1, 2])) == [3, 1, 2]
    from PySide6.QtCore import QMimeData

    junk = QMimeData()
    junk.setData("application/x-rizhi-item-ids", b"{not json")
    assert decode_ids(junk) == []


def test_drop_moves_cards_between_columns_and_undo_restores(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    a, b, c = (add(store, t, column=Column.TODO) for t in "abc")
    active = add(store, "already active", column=Column.ACTIVE)
    todo = ColumnModel(ops, rows, Column.TODO, this_week())
    doing = ColumnModel(ops, rows, Column.ACTIVE, this_week())
    ops.changed.connect(lambda ch: (rows.invalidate(ch), todo.apply(ch), doing.apply(ch)))
    mime = todo.mimeData([todo.index(0), todo.index(2)])  # a and c
    assert doing.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert column_ids(store, Column.ACTIVE) == [a, c, active]
    assert todo.ids == [b] and doing.ids == [a, c, active]
    ops.undo_stack.undo()
    assert column_ids(store, Column.TODO) == [a, b, c]
    assert todo.ids == [a, b, c] and doing.ids == [active]
    ops.undo_stack.redo()
    assert doing.ids == [a, c, active]


def test_drop_onto_a_card_inserts_above_it_and_done_records_completion(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    a = add(store, "a", column=Column.TODO)
    done_1 = add(store, "done 1", column=Column.DONE)
    done_2 = add(store, "done 2", column=Column.DONE)
    done = ColumnModel(ops, rows, Column.DONE, this_week())
    assert done.dropMimeData(encode_ids([a]), Qt.DropAction.MoveAction, -1, 0, done.index(1))
    assert column_ids(store, Column.DONE) == [done_1, a, done_2]
    rows.invalidate(Changes(items=frozenset({a})))
    record = rows.get(a)
    assert record is not None and record.completed_at is not None


def test_a_backlog_item_dropped_on_a_column_is_planned(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    idea = add(store, "backlog idea")
    todo = ColumnModel(ops, rows, Column.TODO, this_week())
    assert todo.dropMimeData(encode_ids([idea]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert column_ids(store, Column.TODO) == [idea]
    ops.undo_stack.undo()
    assert column_ids(store, Column.TODO) == []


def test_every_column_takes_drops_and_tracks_the_pointer(
    qtbot: QtBot, ops: Operations, rows: RowCache
) -> None:
    # The columns have their own viewport widget; Qt hands the view's drop and hover
    # settings to whatever viewport it has when they are set.
    page = BoardPage(ops, rows, apply_theme_tokens())
    qtbot.addWidget(page)
    for panel in page.panels.values():
        viewport = panel.view.viewport()
        assert viewport.acceptDrops() and viewport.hasMouseTracking()
        assert not viewport.autoFillBackground()


def test_wip_limit_header_turns_amber_when_exceeded(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    for n in range(3):
        add(store, f"active {n}", column=Column.ACTIVE)
    page = BoardPage(ops, rows, apply_theme_tokens(), wip_limit=3)
    qtbot.addWidget(page)
    count = page.panels[Column.ACTIVE].count
    assert count.text() == "3/3" and not page.panels[Column.ACTIVE].property("overLimit")
    add(store, "one too many", column=Column.ACTIVE)
    page.apply(Changes(board=True))
    assert count.text() == "4/3" and page.panels[Column.ACTIVE].property("overLimit")
    assert page.tokens.wip_exceeded.name() in count.styleSheet()


def test_keyboard_moves_between_and_within_columns(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    a, b, c = (add(store, t, column=Column.TODO) for t in "abc")
    page = BoardPage(ops, rows, apply_theme_tokens())
    qtbot.addWidget(page)
    ops.changed.connect(lambda ch: (rows.invalidate(ch), page.apply(ch)))
    page.select([c])
    page.move_selection_vertically(-1)
    assert column_ids(store, Column.TODO) == [a, c, b]
    page.move_selection_sideways(1)
    assert column_ids(store, Column.ACTIVE) == [c]
    assert page.selected_ids() == [c]
    page.move_selection_sideways(1)
    assert column_ids(store, Column.DONE) == [c]
    page.move_selection_sideways(1)  # already in the last column: nothing happens
    assert column_ids(store, Column.DONE) == [c]


def apply_theme_tokens():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    return apply_theme(QApplication.instance(), "light").tokens  # type: ignore[arg-type]


def test_cards_are_painted_with_their_details(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    from datetime import date, timedelta

    plain = add(store, "短", column=Column.TODO)
    rich = add(
        store,
        "阅读 Masked Autoencoders Are Scalable Vision Learners and write a summary for the group",
        column=Column.TODO,
        tags=("paper", "vision", "ssl"),
        kind=ItemKind.PAPER,
        priority=Priority.HIGH,
        estimate_minutes=120,
        due_date=date.today() - timedelta(days=1),
    )
    model = ColumnModel(ops, rows, Column.TODO, this_week())
    delegate = CardDelegate(apply_theme_tokens())
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 10)
    heights = {}
    for row, item_id in enumerate(model.ids):
        heights[item_id] = delegate.sizeHint(option, model.index(row)).height()
    assert heights[rich] > heights[plain]  # wrapped title, chips and a meta line
    image = QImage(300, heights[rich], QImage.Format.Format_ARGB32)
    background = QColor("#123456")
    image.fill(background)
    painter = QPainter(image)
    option.rect = QRect(0, 0, 300, heights[rich])
    delegate.paint(painter, option, model.index(model.ids.index(rich)))
    painter.end()
    painted = {image.pixelColor(QPoint(x, y)).name() for x in range(0, 300, 3)
               for y in range(0, heights[rich], 3)}  # fmt: skip
    assert len(painted) > 20  # text, chips, border, overdue colour: not a blank card
    assert background.name() in painted  # the margins were left alone
