"""The item editor's Time tab against a real store: the item's entries and its total
against the estimate, an entry added by start and length or by start and end, one
corrected and one deleted, each an undo step of its own, and the running timer shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.store.db import Store
from app.ui.editor import ItemEditor
from app.ui.editor.time_fields import stretch
from app.ui.ops import Operations
from tests.ui.conftest import add, undo_step

BERLIN = ZoneInfo("Europe/Berlin")


def open_time_tab(qtbot: QtBot, ops: Operations, item_id: int) -> ItemEditor:
    editor = ItemEditor(ops, item_id)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    editor.confirm_discard = lambda: True
    qtbot.addWidget(editor)
    editor.open()
    editor.show_tab("time")
    return editor


def yesterday() -> date:
    return datetime.now().astimezone().date() - timedelta(days=1)


def fill(editor: ItemEditor, day: date, start: str, until: str) -> None:
    tab = editor.time_tab
    tab.day.setDate(QDate(day.year, day.month, day.day))
    tab.start.setText(start)
    tab.until.setText(until)


def test_entries_are_added_corrected_and_deleted_each_as_an_undo_step(
    qtbot: QtBot, ops: Operations, store: Store
) -> None:
    paper = add(store, "MAE paper", estimate_minutes=120)
    editor = open_time_tab(qtbot, ops, paper)
    tab = editor.time_tab
    assert tab.total.text() == "Spent 0m / 2h estimated"
    fill(editor, yesterday(), "14:00", "1h20m")
    tab.add_button.click()
    assert tab.list.topLevelItemCount() == 1
    assert tab.total.text() == "Spent 1h20m / 2h estimated"
    assert tab.list.topLevelItem(0).text(1) == "14:00 – 15:20"
    assert tab.list.topLevelItem(0).text(3) == "manual"
    fill(editor, yesterday(), "09:00", "09:45")
    tab.add_button.click()
    assert tab.total.text() == "Spent 2h5m / 2h estimated"
    # Select the morning entry (the older one, listed second) and move its end.
    tab.list.setCurrentItem(tab.list.topLevelItem(1))
    assert (tab.start.text(), tab.until.text()) == ("09:00", "09:45")
    tab.until.setText("10:00")
    tab.correct_button.click()
    assert tab.total.text() == "Spent 2h20m / 2h estimated"
    undo_step(ops)
    assert tab.total.text() == "Spent 2h5m / 2h estimated"
    tab.list.setCurrentItem(tab.list.topLevelItem(0))
    tab.delete_button.click()
    assert tab.list.topLevelItemCount() == 1
    assert not editor.banner.isVisible()  # time only: the form was not disturbed


def test_a_wrong_form_says_why_and_adds_nothing(
    qtbot: QtBot, ops: Operations, store: Store
) -> None:
    editor = open_time_tab(qtbot, ops, add(store, "MAE paper"))
    tab = editor.time_tab
    fill(editor, yesterday(), "25:00", "1h")
    assert not tab.add_entry()
    assert tab.status.text() and tab.list.topLevelItemCount() == 0
    fill(editor, yesterday(), "15:00", "14:00")
    assert not tab.add_entry()
    assert "after the start" in tab.status.text()


def test_the_running_timer_shows_and_cannot_be_deleted_here(
    qtbot: QtBot, ops: Operations, store: Store
) -> None:
    paper = add(store, "MAE paper")
    now = datetime.now().astimezone()
    focus.start_focus(store, item_id=paper, settings=TimeboxSettings(), now=now)
    editor = open_time_tab(qtbot, ops, paper)
    tab = editor.time_tab
    assert tab.list.topLevelItem(0).text(1).endswith("– running")
    tab.list.setCurrentItem(tab.list.topLevelItem(0))
    assert not tab.delete_button.isEnabled() and tab.correct_button.isEnabled()
    focus.stop_focus(ops.store, now=now + timedelta(minutes=5))
    ops.external(Changes(items=frozenset({paper}), time=True))
    assert tab.list.topLevelItem(0).text(2) == "5m"


def test_a_length_counts_elapsed_time_across_a_dst_change() -> None:
    # 2026-10-25 in Berlin: 03:00 summer time is 02:00 winter time again.
    start, end = stretch(date(2026, 10, 25), "01:30", "2h", BERLIN)
    # Within one zone Python subtracts wall clocks; the moments are two hours apart.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)
    assert f"{end:%H:%M}" == "02:30"  # the clock went back an hour meanwhile
    start, end = stretch(date(2026, 11, 20), "23:00", "2h", BERLIN)
    assert end.date() == date(2026, 11, 21)
    with pytest.raises(InvalidInput):
        stretch(date(2026, 11, 20), "10:00", "", BERLIN)
