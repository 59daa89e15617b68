"""The list of recent reminders: what fired, what is snoozed, what comes next, reached
from View › Reminders… and the tray, with Open, Done and Snooze."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.domain.reminders import ReminderState
from app.services.items import get_item
from app.services.reminders import claim_due, mark_shown, reminders_of, snooze
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.reminders.recent_dialog import FIRED, NEXT, SNOOZED, RecentReminders
from app.ui.settings import UiSettings
from tests.ui.reminders.conftest import Clock, item, remind_at


@pytest.fixture
def window(
    qtbot: QtBot, store: Store, ui_settings: UiSettings, clock: Clock
) -> Iterator[MainWindow]:
    made = MainWindow(store, ui_settings, clock=clock)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.ops.undo_stack.clear()


def test_the_list_shows_fired_snoozed_and_next_and_acts_on_them(
    qtbot: QtBot, store: Store, clock: Clock, window: MainWindow
) -> None:
    fired, snoozed, upcoming = (item(store, t) for t in ("fired", "snoozed", "upcoming"))
    remind_at(store, fired, clock())
    remind_at(store, snoozed, clock())
    later = remind_at(store, upcoming, clock.wall() + timedelta(days=1))
    rows, _ = claim_due(store, owner="o", now=clock())
    for row in rows:
        mark_shown(store, row.id, owner="o", now=clock())
    (snoozed_row,) = reminders_of(store, snoozed)
    snooze(store, snoozed_row.id, clock.wall() + timedelta(hours=1), now=clock())
    window.registry.action("view.reminders").trigger()
    dialog = window.findChild(RecentReminders)
    assert dialog is not None and dialog.isVisible()
    assert window.registry.effective_shortcut("view.reminders") == "Ctrl+Shift+M"
    assert window.registry.conflicts() == []
    assert [r.title for r in dialog.rows(FIRED)] == ["fired"]
    assert [r.title for r in dialog.rows(SNOOZED)] == ["snoozed"]
    assert [r.title for r in dialog.rows(NEXT)] == ["upcoming"]
    assert not dialog.buttons["done"].isEnabled()  # nothing chosen yet
    dialog.select(later)
    dialog.buttons["snooze:1h"].click()
    (row,) = reminders_of(store, upcoming)
    assert row.state is ReminderState.SNOOZED and row.next_fire == clock.wall() + timedelta(hours=1)
    assert [r.title for r in dialog.rows(SNOOZED)] == ["snoozed", "upcoming"]  # followed
    dialog.select(row.id)
    dialog.buttons["done"].click()
    assert get_item(store, upcoming).completed_at is not None
    dialog.select(reminders_of(store, fired)[0].id)
    dialog.buttons["open"].click()
    assert window.current_view() == "backlog"
    dialog.reject()


def test_the_titles_and_the_times_are_listed_whole(
    store: Store, clock: Clock, window: MainWindow
) -> None:
    title = "Reply to reviewer 2 — ICASSP rebuttal, with the new ablation figures"
    remind_at(store, item(store, title), clock.wall() + timedelta(days=1))
    dialog = RecentReminders(window)
    tree = dialog.tree
    for column in (0, 1):  # the item and when: a cut time ("Thu 1…") says nothing
        assert tree.columnWidth(column) >= tree.sizeHintForColumn(column)
    dialog.reject()
