"""Time on the board: a card shows its time spent against its estimate with a bar that
turns amber past it, each column sums its cards, and the week's header says when the
estimates ask for more hours than are left. Read in one query per column reload."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column
from app.services import card_time
from app.services.time_entries import add_entry, delete_entry
from app.store.db import Store
from app.ui.board.delegate import CardDelegate, time_part
from app.ui.board.model import ColumnModel
from app.ui.board.view import BoardPage
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import Tokens, apply_theme
from tests.ui.conftest import add, this_week


def tokens() -> Tokens:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return apply_theme(app, "light").tokens


def spend(store: Store, item_id: int, minutes: int) -> int:
    now = datetime.now().astimezone()
    start = now - timedelta(minutes=minutes + 1)
    entry, _ = add_entry(
        store, item_id=item_id, start=start, end=start + timedelta(minutes=minutes), now=now
    )
    return entry.id


def test_a_card_shows_time_spent_against_its_estimate_amber_past_it(qapp: object) -> None:
    t = tokens()
    assert time_part(120, 0.0, t) == ("◷ 2h", t.muted_text)
    assert time_part(120, 80 * 60.0, t) == ("◷ 1h20m / 2h", t.muted_text)
    assert time_part(120, 150 * 60.0, t) == ("◷ 2h30m / 2h", t.due_soon)
    assert time_part(None, 45 * 60.0, t) == ("◷ 45m spent", t.muted_text)


def test_the_column_reads_its_time_in_one_query_and_sums_it(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    paper = add(store, "MAE paper", column=Column.TODO, estimate_minutes=120)
    runs = add(store, "ablation runs", column=Column.TODO, estimate_minutes=60)
    add(store, "no estimate", column=Column.TODO)
    spend(store, paper, 80)
    spend(store, runs, 90)
    queries: list[str] = []
    store.raw.set_trace_callback(queries.append)
    model = ColumnModel(ops, rows, Column.TODO, this_week())
    store.raw.set_trace_callback(None)
    assert sum("FROM time_entries" in q for q in queries) == 1
    assert model.spent(model.row_of(paper)) == 80 * 60
    assert model.time.estimate_minutes == 180
    assert round(model.time.spent_seconds) == 170 * 60
    assert model.time.remaining_minutes() == 40  # 2h - 1h20, and nothing left of 1h


def test_the_card_paints_its_bar_and_grows_a_meta_line_for_time_spent(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    over = add(store, "over its estimate", column=Column.TODO, estimate_minutes=30)
    bare = add(store, "no estimate yet", column=Column.TODO)
    model = ColumnModel(ops, rows, Column.TODO, this_week())
    delegate = CardDelegate(tokens())
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 10)
    short = delegate.sizeHint(option, model.index(model.row_of(bare))).height()
    spend(store, over, 45)
    spend(store, bare, 20)
    model.apply(Changes(items=frozenset({over, bare}), time=True))
    assert delegate.sizeHint(option, model.index(model.row_of(bare))).height() > short
    row = model.row_of(over)
    option.rect = QRect(0, 0, 300, delegate.sizeHint(option, model.index(row)).height())
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(row))
    painter.end()
    bar_y = option.rect.height() - 4 - 6 + 1  # card margin 4, bar 6 above the card's foot
    amber = delegate.tokens.due_soon
    assert image.pixelColor(150, bar_y).name() == amber.name()


def test_columns_and_the_week_show_their_sums_and_follow_time_changes(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    paper = add(store, "MAE paper", column=Column.ACTIVE, estimate_minutes=120)
    page = BoardPage(ops, rows, tokens())
    qtbot.addWidget(page)
    panel = page.panels[Column.ACTIVE]
    assert panel.time.text() == "◷ 0m / 2h"
    entry = spend(store, paper, 80)
    page.apply(Changes(items=frozenset({paper}), time=True))
    assert panel.time.text() == "◷ 1h20m / 2h"
    assert page.load.spent_seconds == 80 * 60 and page.load.remaining_minutes == 40
    assert page.load_label.text().startswith("◷ 1h20m spent · 40m to do of ")
    delete_entry(store, entry)
    page.apply(Changes(time=True))  # as an undo of the entry's table says it
    assert panel.time.text() == "◷ 0m / 2h"


def test_an_overfull_week_turns_its_header_amber_before_it_starts(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache
) -> None:
    page = BoardPage(ops, rows, tokens())
    qtbot.addWidget(page)
    page.set_week(page.week.shifted(1))  # not started: all its working hours are left
    assert page.load.available_minutes == 7 * 12 * 60  # 08:00-20:00 by default
    add(store, "thesis chapter", week=page.week, estimate_minutes=100 * 60)
    page.apply(Changes(board=True))
    assert page.load.overfull
    assert page.tokens.due_soon.name() in page.load_label.styleSheet()


def test_the_working_hours_left_count_from_today() -> None:
    monday, sunday = date(2026, 11, 16), date(2026, 11, 22)
    assert card_time.available_minutes(monday, sunday, date(2026, 11, 20), 480, 1200) == 3 * 720
    assert card_time.available_minutes(monday, sunday, date(2026, 12, 1), 480, 1200) == 0
    assert card_time.available_minutes(monday, sunday, date(2026, 11, 1), 480, 1200) == 7 * 720


def test_estimates_are_read_once_per_card_and_again_when_it_changes(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    from app.services.item_edits import ItemPatch, edit_item

    paper = add(store, "MAE paper", column=Column.TODO, estimate_minutes=120)
    add(store, "ablation", column=Column.TODO, estimate_minutes=60)
    model = ColumnModel(ops, rows, Column.TODO, this_week())
    queries: list[str] = []
    store.raw.set_trace_callback(queries.append)
    model.apply(Changes(board=True))  # a move elsewhere: the cards' estimates are known
    store.raw.set_trace_callback(None)
    assert not any("estimate_minutes FROM items" in q for q in queries)
    now = datetime.now().astimezone()
    _, changes = edit_item(store, paper, ItemPatch(estimate_minutes=180), now=now)
    model.apply(changes)
    assert model.time.estimate_minutes == 240
