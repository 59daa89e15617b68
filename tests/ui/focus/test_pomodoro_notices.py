"""A Pomodoro phase's end through the reminder machinery: the scheduler wakes at the
stored phase end, moves the timer on, and its notice is shown exactly once even with two
schedulers (two instances) on one store; the notice's actions drive the timer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.store.db import Store
from app.ui.focus.controller import FocusController
from app.ui.focus.notices import FOCUS_KEY, NEXT, STOP, FocusNotices
from app.ui.notifications.notice import Notice, Notifier
from app.ui.ops import Operations
from app.ui.reminders.scheduler import FOCUS_JOB, ReminderScheduler
from tests.ui.conftest import add, run_queued


class Shown(Notifier):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Notice] = []

    def show(self, notice: Notice) -> bool:
        self.shown.append(notice)
        return True

    def withdraw(self, key: str) -> None:
        pass


def now() -> datetime:
    return datetime.now().astimezone()


@pytest.fixture
def schedulers(store: Store, qapp: object) -> Iterator[list[ReminderScheduler]]:
    made = [ReminderScheduler(store.path, store.backups, resume=False) for _ in range(2)]
    yield made
    for scheduler in made:
        scheduler.stop()


def pomodoro_ending_soon(store: Store, item_id: int, seconds: float) -> datetime:
    """A pomodoro started long enough ago that it ends `seconds` from now."""
    settings = TimeboxSettings()
    start = now() - timedelta(minutes=settings.pomodoro) + timedelta(seconds=seconds)
    state = focus.start_focus(store, item_id=item_id, pomodoro=True, settings=settings, now=start)[
        0
    ]
    assert state.phase_ends_at is not None
    return state.phase_ends_at


def test_a_pomodoros_end_is_told_once_across_two_schedulers(
    store: Store, ops: Operations, schedulers: list[ReminderScheduler], qtbot: QtBot
) -> None:
    paper = add(store, "MAE paper")
    ends = pomodoro_ending_soon(store, paper, 1.5)
    controller = FocusController(ops)
    notifiers = [Shown(), Shown()]
    for scheduler, notifier in zip(schedulers, notifiers, strict=True):
        notices = FocusNotices(notifier, controller, scheduler)
        scheduler.focus_ended.connect(notices.deliver)
        scheduler.start()
    qtbot.waitUntil(lambda: all(s.next_run(FOCUS_JOB) is not None for s in schedulers))
    # Both armed at the phase's end; once it passed, both are armed at the break's end.
    qtbot.waitUntil(
        lambda: all((s.next_run(FOCUS_JOB) or ends) > ends for s in schedulers), timeout=8000
    )
    qtbot.waitUntil(lambda: sum(len(n.shown) for n in notifiers) >= 1)
    run_queued(qtbot)
    shown = [notice for n in notifiers for notice in n.shown]
    assert len(shown) == 1
    assert shown[0].key == FOCUS_KEY and shown[0].title == "Pomodoro done: MAE paper"
    assert "break (5 min)" in shown[0].body
    assert controller.state is not None and controller.state.phase == "break"
    entry = store.raw.execute("SELECT ended_at FROM time_entries").fetchone()
    assert entry[0] is not None  # the pomodoro's entry ended with the phase


def test_the_notices_actions_start_the_next_pomodoro_and_stop(
    store: Store, ops: Operations
) -> None:
    paper = add(store, "MAE paper")
    pomodoro_ending_soon(store, paper, -1)  # ended a second ago
    focus.advance(store, settings=TimeboxSettings(), now=now())
    controller = FocusController(ops)
    notices = FocusNotices(Shown(), controller)
    notices.act(FOCUS_KEY, NEXT)
    assert controller.state is not None and controller.state.phase == "focus"
    notices.act("reminder:1", STOP)  # another notice's: not ours
    assert controller.state is not None
    notices.act(FOCUS_KEY, STOP)
    assert controller.state is None
