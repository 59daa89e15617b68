"""Claimed reminders become notices with their actions and are recorded shown; the
actions snooze (kept in the store), complete (the occurrence of a repeating item) and
open the item; what fell due while Rizhi was closed is one summary, then never again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.domain.reminders import ReminderState
from app.domain.repeats import Repeat
from app.services.items import get_item
from app.services.reminders import claim_due, list_reminders, reminders_of
from app.services.repeats import set_repeat
from app.store.db import Store
from app.ui.editor import ItemEditor
from app.ui.main_window import MainWindow
from app.ui.notifications.notice import DONE, OPEN, SNOOZE_CUSTOM
from app.ui.ops import Operations
from app.ui.reminders.actions import ReminderActions
from app.ui.reminders.builtins import EVENING_LOG
from app.ui.reminders.delivery import MISSED_KEY, ReminderDelivery
from app.ui.settings import UiSettings
from tests.ui.reminders.conftest import (
    ZONE,
    Clock,
    Make,
    RecordingNotifier,
    item,
    remind_at,
)

OWNER = "test-owner"


@pytest.fixture
def berlin_ops(store: Store, clock: Clock, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=clock)
    yield operations
    operations.undo_stack.clear()


class Setup:
    def __init__(self, qtbot: QtBot, store: Store, ops: Operations, settings: UiSettings) -> None:
        self.qtbot, self.store, self.ops, self.settings = qtbot, store, ops, settings
        self.window: MainWindow | None = None
        self.lists: list[bool] = []
        self.notifier = RecordingNotifier()
        self.actions = ReminderActions(ops, self.show, lambda: self.window)
        self.delivery = ReminderDelivery(
            self.notifier, self.actions, owner=OWNER, show_list=lambda: self.lists.append(True)
        )

    def show(self) -> MainWindow:
        if self.window is None:
            self.window = MainWindow(self.store, self.settings, ops=self.ops)
            self.qtbot.addWidget(self.window)
        self.window.bring_to_front()
        return self.window

    def due_now(self, *titles: str) -> list[int]:
        """Items with a reminder due now, claimed and delivered."""
        clock = self.ops.clock
        ids = [item(self.store, title) for title in titles]
        for item_id in ids:
            remind_at(self.store, item_id, clock())
        rows, _ = claim_due(self.store, owner=OWNER, now=clock())
        self.delivery.deliver(rows)
        return ids


@pytest.fixture
def setup(qtbot: QtBot, store: Store, berlin_ops: Operations, ui_settings: UiSettings) -> Setup:
    return Setup(qtbot, store, berlin_ops, ui_settings)


def test_a_claimed_reminder_is_shown_with_its_actions_and_recorded_shown(
    setup: Setup,
) -> None:
    (task,) = setup.due_now("rebuttal")
    (notice,) = setup.notifier.shown
    assert notice.title == "rebuttal" and notice.body.startswith("Reminder for ")
    assert [a for a, _ in notice.actions] == [
        OPEN,
        DONE,
        "snooze:10m",
        "snooze:1h",
        "snooze:tomorrow",
        SNOOZE_CUSTOM,
    ]
    (row,) = reminders_of(setup.store, task)
    assert row.state is ReminderState.SHOWN and row.claimed_by is None


def test_a_reminder_the_notifier_could_not_show_stays_claimed_for_later(
    setup: Setup, caplog: pytest.LogCaptureFixture
) -> None:
    setup.notifier.works = False
    (task,) = setup.due_now("rebuttal")
    (row,) = reminders_of(setup.store, task)
    assert row.state is ReminderState.CLAIMED  # after the lease, claimed and shown again
    assert "could not be shown" in caplog.text
    caplog.clear()


def test_snooze_brings_it_back_after_the_snooze_even_after_a_restart(
    qtbot: QtBot, setup: Setup, clock: Clock, make_scheduler: Make
) -> None:
    (task,) = setup.due_now("rebuttal")
    key = setup.notifier.shown[0].key
    setup.notifier.action_invoked.emit(key, "snooze:10m")
    (row,) = reminders_of(setup.store, task)
    assert row.state is ReminderState.SNOOZED
    assert row.next_fire == clock.wall() + timedelta(minutes=10)
    assert setup.ops.undo_stack.undoText() == "Snooze reminder"
    # A scheduler started later (a restart) aims at the snooze, and fires it then.
    scheduler = make_scheduler()
    fired: list[object] = []
    scheduler.fired.connect(fired.extend)
    scheduler.start()
    assert scheduler.ready.wait(3)
    assert scheduler.next_run() == row.next_fire.replace(tzinfo=ZONE)
    clock.offset = timedelta(minutes=11)
    scheduler.wake()
    qtbot.waitUntil(lambda: len(fired) == 1, timeout=3000)


def test_tomorrow_snoozes_until_nine(setup: Setup, clock: Clock) -> None:
    (task,) = setup.due_now("rebuttal")
    setup.notifier.action_invoked.emit(setup.notifier.shown[0].key, "snooze:tomorrow")
    (row,) = reminders_of(setup.store, task)
    tomorrow = clock().date() + timedelta(days=1)
    assert row.next_fire == datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9)


def test_done_completes_the_item(setup: Setup) -> None:
    (task,) = setup.due_now("rebuttal")
    key = setup.notifier.shown[0].key
    setup.notifier.action_invoked.emit(key, DONE)
    assert get_item(setup.store, task).completed_at is not None
    assert setup.ops.undo_stack.canUndo()
    assert setup.notifier.withdrawn == [key]


def test_done_on_a_repeating_item_completes_its_occurrence(setup: Setup, clock: Clock) -> None:
    today = clock().date()
    task = item(setup.store, "group meeting", due_date=today)
    set_repeat(setup.store, task, Repeat("FREQ=DAILY"), now=clock())
    remind_at(setup.store, task, clock())
    rows, _ = claim_due(setup.store, owner=OWNER, now=clock())
    setup.delivery.deliver(rows)
    setup.notifier.action_invoked.emit(setup.notifier.shown[0].key, DONE)
    record = get_item(setup.store, task)
    assert record.completed_at is None and record.due_date == today + timedelta(days=1)


def test_open_shows_the_window_with_the_item(qtbot: QtBot, setup: Setup) -> None:
    (task,) = setup.due_now("rebuttal")
    setup.notifier.action_invoked.emit(setup.notifier.shown[0].key, OPEN)
    window = setup.window
    assert window is not None and window.isVisible() and window.current_view() == "backlog"
    editors = [e for e in window.findChildren(ItemEditor) if e.item_id == task]
    assert editors and editors[0].isVisible()
    editors[0].reject()


def test_the_custom_snooze_asks_how_long(qtbot: QtBot, setup: Setup, clock: Clock) -> None:
    (task,) = setup.due_now("rebuttal")
    setup.notifier.action_invoked.emit(setup.notifier.shown[0].key, SNOOZE_CUSTOM)
    dialog = setup.actions.asking
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("2h")
    dialog.accept()
    (row,) = reminders_of(setup.store, task)
    assert row.next_fire == clock.wall() + timedelta(hours=2)


def test_missed_while_closed_is_one_summary_then_never_again(
    qtbot: QtBot, setup: Setup, clock: Clock, make_scheduler: Make
) -> None:
    ids = [item(setup.store, f"paper {n}") for n in range(3)]
    for hours, item_id in zip((3, 2, 1), ids, strict=True):
        remind_at(setup.store, item_id, clock.wall() - timedelta(hours=hours))
    for _start in range(2):  # Rizhi starts, and starts again
        scheduler = make_scheduler()
        scheduler.missed.connect(setup.delivery.deliver_missed)
        scheduler.fired.connect(setup.delivery.deliver)
        scheduler.owner = OWNER
        scheduler.start()
        assert scheduler.ready.wait(3)
        qtbot.waitUntil(lambda: len(setup.notifier.shown) >= 1, timeout=3000)
        scheduler.stop()
    (summary,) = setup.notifier.shown
    assert summary.key == MISSED_KEY and summary.title == "3 reminders while Rizhi was closed"
    assert summary.body.splitlines() == ["• paper 0", "• paper 1", "• paper 2"]
    assert {r.state for r in list_reminders(setup.store, every=True)} == {ReminderState.SHOWN}
    setup.notifier.action_invoked.emit(MISSED_KEY, OPEN)
    assert setup.lists == [True]


def test_a_builtin_reminder_opens_its_page(qtbot: QtBot, setup: Setup) -> None:
    setup.delivery.builtin(EVENING_LOG)
    (notice,) = setup.notifier.shown
    assert notice.title == "Write today's log"
    setup.notifier.action_invoked.emit(notice.key, OPEN)
    assert setup.window is not None and setup.window.current_view() == "log"


def test_a_notice_of_another_run_is_left_alone(setup: Setup) -> None:
    setup.notifier.action_invoked.emit("reminder:999", DONE)
    assert setup.window is None and not setup.ops.undo_stack.canUndo()
