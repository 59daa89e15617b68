"""The focus controller over a real store: it reads the running timer at start (so a
timer survives a restart), follows other connections' starts through the change feed,
ticks only while a timer counts, and writes undoable steps."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.store.db import Store
from app.ui.focus.controller import FocusController, focus_controller
from app.ui.ops import Operations
from tests.ui.conftest import add, undo_step


def now() -> datetime:
    return datetime.now().astimezone()


def test_start_and_stop_write_the_store_and_are_undo_steps(store: Store, qtbot: QtBot) -> None:
    moment = [now() - timedelta(hours=1)]
    ops = Operations(store, clock=lambda: moment[0])
    paper = add(store, "MAE paper")
    controller = FocusController(ops)
    seen: list[object] = []
    controller.changed.connect(seen.append)
    assert controller.start(paper)
    assert controller.state is not None and controller.state.title == "MAE paper"
    assert controller.ticking
    assert seen[-1] is controller.state
    moment[0] += timedelta(minutes=20)  # a stretch under a minute would not be kept
    assert controller.stop()
    assert controller.state is None and not controller.ticking
    assert store.raw.execute("SELECT COUNT(*) FROM time_entries").fetchone() == (1,)
    undo_step(ops)  # the stop taken back: the timer runs again
    assert controller.state is not None and controller.state.item_id == paper


def test_a_timer_survives_a_restart(ops: Operations, store: Store, home: object) -> None:
    paper = add(store, "MAE paper")
    FocusController(ops).start(paper, pomodoro=True)
    later = Store(store.path, store.backups)  # the app started again
    try:
        later_ops = Operations(later)  # the controller is its child
        again = FocusController(later_ops)
        assert again.state is not None
        assert (again.state.item_id, again.state.mode) == (paper, "pomodoro")
        assert again.ticking
    finally:
        later.close()


def test_a_timer_started_on_another_connection_shows_here(
    ops: Operations, store: Store, qtbot: QtBot
) -> None:
    paper = add(store, "Ablation runs")
    controller = FocusController(ops, follow_others=True)  # no window: its own feed
    assert controller.state is None and not controller.ticking
    other = Store(store.path, store.backups)  # the command line's `rizhi focus start`
    try:
        focus.start_focus(other, item_id=paper, settings=TimeboxSettings(), now=now())
        qtbot.waitUntil(lambda: controller.state is not None, timeout=3000)
        assert controller.state is not None and controller.state.title == "Ablation runs"
        focus.stop_focus(other, now=now())
        qtbot.waitUntil(lambda: controller.state is None, timeout=3000)
    finally:
        other.close()
        controller.stop_following()


def test_one_controller_per_operations(ops: Operations) -> None:
    assert focus_controller(ops) is focus_controller(ops)


def test_a_refused_start_says_why_and_changes_nothing(ops: Operations) -> None:
    messages: list[str] = []
    ops.failed.connect(messages.append)
    controller = focus_controller(ops)
    assert not controller.start(424242)
    assert messages and controller.state is None
