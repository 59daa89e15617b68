"""Board cards mark a repeating item (⟳) and an item with a reminder waiting (a bell) on
their meta line, read for the whole column in one query."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.reminders import ReminderSpec
from app.domain.repeats import Repeat
from app.services.reminders import clear_reminders, set_reminder
from app.services.repeats import set_repeat
from app.store.db import Store
from app.ui.board.delegate import REPEAT_GLYPH, CardDelegate, paint_bell
from app.ui.board.model import ColumnModel
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import apply_theme
from tests.ui.conftest import add, this_week


def _delegate() -> CardDelegate:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return CardDelegate(apply_theme(app, "light").tokens)


def _height(delegate: CardDelegate, model: ColumnModel, item_id: int) -> int:
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, 10)
    return delegate.sizeHint(option, model.index(model.ids.index(item_id))).height()


def test_the_column_knows_which_cards_repeat_and_have_a_reminder(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    now = datetime.now().astimezone()
    plain = add(store, "plain", column=Column.TODO)
    weekly = add(store, "group meeting", column=Column.TODO, due_date=date.today())
    set_repeat(store, weekly, Repeat("FREQ=WEEKLY"), now=now)
    reminded = add(store, "call the lab", column=Column.TODO)
    set_reminder(
        store, reminded, ReminderSpec.absolute(datetime.now() + timedelta(days=1)), now=now
    )
    queries: list[str] = []
    store.raw.set_trace_callback(queries.append)
    model = ColumnModel(ops, rows, Column.TODO, this_week())
    store.raw.set_trace_callback(None)
    assert sum("FROM reminders" in q for q in queries) == 1  # one query for the column
    marks = {item_id: model.marks(row) for row, item_id in enumerate(model.ids)}
    assert marks == {plain: (False, False), weekly: (True, False), reminded: (False, True)}
    assert model.marks(99) == (False, False)

    delegate = _delegate()
    record = model.record(model.ids.index(weekly))
    assert record is not None
    texts = [text for text, _ in delegate.meta_parts(record, None, marks[weekly])]
    assert REPEAT_GLYPH in texts and REPEAT_GLYPH != "↻"  # ↻ is the carried-over badge
    # A card with only a bell still gets a meta line to show it on.
    assert _height(delegate, model, reminded) > _height(delegate, model, plain)

    clear_reminders(store, reminded)
    model.apply(Changes(items=frozenset({reminded}), reminders=True))
    assert model.marks(model.ids.index(reminded)) == (False, False)
    assert _height(delegate, model, reminded) == _height(delegate, model, plain)


def test_the_bell_is_painted_in_the_colour_given() -> None:
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_bell(painter, QRectF(2, 2, 16, 16), QColor("#000000"))
    painter.end()
    dark = sum(image.pixelColor(x, y).lightness() < 60 for x in range(20) for y in range(20))
    assert 40 < dark < 250  # a bell's worth of ink, not a dot and not a square
    assert image.pixelColor(10, 4).lightness() < 60  # the dome
    assert image.pixelColor(2, 4).lightness() > 200  # beside the dome, nothing
