"""A paper's pass is shown against the pass chosen for it (board cards, backlog rows, the
editor, the Units view), and completing one short of that pass is said in the status bar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column, ItemKind
from app.services import bulk
from app.services.board import move_card
from app.services.item_edits import ItemPatch, edit_item
from app.services.settings import set_settings
from app.services.unit_progress import CountedItem, CountedOn, CountReason, DayActivity
from app.store.db import Store
from app.ui.backlog.cells import KIND
from app.ui.backlog.model import BacklogModel
from app.ui.board.delegate import CardDelegate
from app.ui.editor.reading_tab import pass_label
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.settings import UiSettings
from app.ui.theme import tokens_for
from app.ui.units.day_strip import activity_text, day_tooltip
from app.ui.units.wording import counted_meta, counted_tip
from tests.ui.conftest import add

SHANGHAI = ZoneInfo("Asia/Shanghai")


def paper(store: Store, title: str, reading: int, target: int | None, **fields: object) -> int:
    item = add(store, title, kind=ItemKind.PAPER, **fields)
    now = datetime.now().astimezone()
    edit_item(store, item, ItemPatch(reading_pass=reading, target_pass=target), now=now)
    return item


def test_a_card_shows_the_pass_against_the_chosen_one(store: Store, rows: RowCache) -> None:
    chosen = paper(store, "MAE", 1, 2)
    unchosen = paper(store, "BERT", 1, None)
    task = add(store, "write intro")
    delegate = CardDelegate(tokens_for(False))

    def texts(item_id: int) -> list[str]:
        record = rows.get(item_id)
        assert record is not None
        return [text for text, _ in delegate.meta_parts(record, None)]

    assert texts(chosen) == ["pass 1/2"]
    assert texts(unchosen) == ["pass 1/3"]
    assert texts(task) == []


def test_a_backlog_row_shows_a_papers_pass(store: Store, ops: Operations, rows: RowCache) -> None:
    paper(store, "MAE", 1, 2)
    add(store, "write intro")
    model = BacklogModel(ops, rows)
    kinds = {model.index(r, 0).data(): model.index(r, KIND).data() for r in range(2)}
    assert kinds == {"MAE": "Paper · pass 1/2", "write intro": "Task"}


def test_the_editor_names_the_day_each_pass_was_reached() -> None:
    reached = datetime(2022, 2, 3, 12, tzinfo=SHANGHAI)
    assert pass_label(1, reached).endswith(" · reached Thu 3 Feb 2022")
    assert pass_label(2) == "2nd pass — the whole paper, skipping the maths"
    assert pass_label(0) == "Not started"


def test_the_units_view_says_what_put_a_paper_on_its_day() -> None:
    day = date(2022, 2, 3)
    by_pass = CountedItem(1, "MAE", "paper", day, (CountReason.KIND,), CountedOn.PASS, 2, 2)
    ticked = CountedItem(2, "BERT", "paper", day, (CountReason.LINKED,), CountedOn.COMPLETED, 1, 2)
    task = CountedItem(3, "NYU 5L", "task", day, (CountReason.TAG,))
    assert counted_meta(by_pass) == "Thu 3 Feb · kind · pass 2/2"
    assert counted_meta(ticked) == "Thu 3 Feb · linked · pass 1/2"
    assert counted_meta(task) == "Thu 3 Feb · tag"
    assert counted_tip(by_pass) == "MAE\nReached its chosen pass (2) Thu 3 Feb."
    assert counted_tip(ticked) == "BERT\nCompleted Thu 3 Feb; read to pass 1 of 2."


def test_a_day_with_a_pass_read_is_not_empty_in_the_strip() -> None:
    day = DayActivity(date(2022, 2, 3), 0, 1, passes_read=2)
    assert activity_text(day) == "✎ 1  ◑ 2"
    assert day_tooltip(day, False, None) == "Thu 3 Feb: 1 log entry, 2 reading passes"


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_completing_a_paper_short_of_its_pass_is_said_not_refused(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    short = paper(store, "MAE", 1, 2, column=Column.TODO)
    window.board.apply(Changes(board=True))
    window.board.select([short])
    window.registry.action("edit.complete").trigger()
    record = window.rows.get(short)
    assert record is not None and record.done
    assert window.statusBar().currentMessage() == (
        "“MAE” completed at pass 1 of 2, short of the pass chosen for it."
    )


@pytest.mark.parametrize("how", ["drag to Completed", "Complete on a selection"])
def test_any_way_of_completing_says_it_and_a_paper_at_its_pass_says_nothing(
    qtbot: QtBot, store: Store, window: MainWindow, how: str
) -> None:
    short = paper(store, "MAE", 1, 2, column=Column.TODO)
    reached = paper(store, "BERT", 2, 2, column=Column.TODO)
    untargeted = paper(store, "GPT", 0, None, column=Column.TODO)
    window.board.apply(Changes(board=True))
    for item in (short, reached, untargeted):
        assert window.rows.get(item) is not None  # shown on the board
    window.statusBar().clearMessage()

    def to_done(item: int, now: datetime) -> Changes:
        return move_card(store, item, Column.DONE, now=now)

    def complete(ids: list[int]) -> None:
        if how == "drag to Completed":
            for item in ids:
                window.ops.run("Move", lambda now, i=item: to_done(i, now))
        else:
            window.ops.run("Complete", lambda now: bulk.complete_items(store, ids, True, now=now))

    complete([reached, untargeted])
    assert window.statusBar().currentMessage() == ""
    complete([short])
    assert "“MAE” completed at pass 1 of 2" in window.statusBar().currentMessage()
