"""The planner in the window: Ctrl+5 opens Today (Trash is Ctrl+6), the sidebar counts
the smart lists and keeps them current, and the board plans cards in Today."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.enums import Column
from app.services.settings import set_settings
from app.services.time_blocks import day_blocks
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from tests.ui.conftest import add


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    ui_settings.set_last_view("board")
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_ctrl_5_is_today_and_ctrl_6_the_trash(window: MainWindow) -> None:
    assert window.registry.action("view.today").shortcut().toString() == "Ctrl+5"
    assert window.registry.action("view.trash").shortcut().toString() == "Ctrl+6"
    window.registry.action("view.today").trigger()
    assert window.current_view() == "today"
    assert window.today.day == date.today()
    window.registry.action("view.next7").trigger()
    assert window.current_view() == "next7"


def test_the_sidebar_counts_today_and_the_next_7_days_and_follows_changes(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    window.refresh_status()
    assert (window.sidebar.count_of("today"), window.sidebar.count_of("next7")) == (0, 0)
    from app.domain.entities import ItemDraft
    from app.services.items import create_item

    window.ops.run(
        "Add",
        lambda now: create_item(store, ItemDraft(title="Form", due_date=now.date()), now=now)[1],
    )
    qtbot.waitUntil(lambda: window.sidebar.count_of("today") == 1)
    assert window.sidebar.count_of("next7") == 1


def test_plan_in_today_puts_the_selected_cards_at_the_next_free_time(
    store: Store, window: MainWindow
) -> None:
    card = add(store, "Ablation runs", column=Column.TODO, estimate_minutes=45)
    window.show_view("board")
    window.board.apply(Changes(board=True))
    window.board.select([card])
    window.registry.action("board.plan_today").trigger()
    planned = day_blocks(store, date.today())
    assert [(b.item_id, b.minutes) for b in planned] == [(card, 45)]
    now = datetime.now().astimezone()
    assert planned[0].start >= min(now.hour * 60 + now.minute, 24 * 60 - 45) - 1
    assert window.current_view() == "board"


def test_cards_dropped_on_the_sidebars_today_are_planned_there(
    store: Store, window: MainWindow
) -> None:
    card = add(store, "Reading group notes", estimate_minutes=30)
    window.sidebar.dropped.emit("today", [card])
    assert [(b.item_id, b.minutes) for b in day_blocks(store, date.today())] == [(card, 30)]
