"""Settings that the window and the command line share: both read the store."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.domain.enums import Column
from app.domain.weeks import Week
from app.services.items import list_items
from app.services.settings import set_settings
from app.store.db import Store
from app.store.item_rows import ItemQuery
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings

ZONE = ZoneInfo("Europe/Berlin")
SUNDAY = datetime(2026, 11, 22, 10, 0, tzinfo=ZONE)


def test_rizhi_add_week_on_a_sunday_files_the_card_into_the_week_the_window_shows(
    qtbot: QtBot, store: Store, ui_settings: UiSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    set_settings(store, {"week.start": "sunday", "board.rollover": "manual"})
    with time_machine.travel(SUNDAY, tick=False):
        assert main(["add", "--week", "Plan the rebuttal"]) == 0
        window = MainWindow(store, ui_settings)
        qtbot.addWidget(window)
        window.show_view("board")
        shown = window.board.week
        todo = window.board.models[Column.TODO].ids
    (card,) = list_items(store, ItemQuery(week=str(shown)))
    assert card.title == "Plan the rebuttal" and todo == [card.id]
    # A week of ISO weeks would have filed it a week earlier, off the window's board.
    assert shown == Week.containing(SUNDAY.date(), 6) != Week.of(SUNDAY.date())
    assert "Added" in capsys.readouterr().out


def test_a_setting_changed_on_the_command_line_reaches_an_open_window(
    qtbot: QtBot, store: Store, ui_settings: UiSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    window.show_view("board")
    assert window.board.wip_limit == 3
    assert main(["config", "set", "board.wip_limit", "5"]) == 0
    window.live.poll()
    qtbot.waitUntil(lambda: window.board.wip_limit == 5)
    assert window.prefs.wip_limit == 5


def test_settings_an_older_window_kept_in_ui_ini_move_to_the_store_once(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    ui_settings.set_value("calendar/week_start", 6)
    ui_settings.set_value("board/wip_limit", 5)
    ui_settings.set_value("board/rollover_mode", "manual")
    set_settings(store, {"board.wip_limit": "7"})  # set since in the store: it stays
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    assert (window.prefs.week_start, window.prefs.wip_limit, window.prefs.rollover) == (
        6,
        7,
        "manual",
    )
    assert UiSettings(ui_settings.path).legacy_store_settings() == {}
