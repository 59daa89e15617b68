"""Idle time and the screen lock while a timer runs: a fake idle source drives the guard
(polling only while a focus phase counts, no question in a break), the dialog's answers
reach `resolve_idle`, a real X server's screensaver extension reports idle time, and a
screensaver's ActiveChanged on a real session bus stops the timer."""

from __future__ import annotations

import subprocess
import threading
from datetime import datetime, timedelta

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from pytestqt.qtbot import QtBot

from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.store.db import Store
from app.ui.focus.controller import FocusController
from app.ui.focus.idle import find_idle_source, x11_idle
from app.ui.focus.idle_dialog import ask_idle
from app.ui.focus.idle_guard import IdleGuard
from app.ui.focus.lock import watch_lock
from app.ui.ops import Operations
from tests.support.session_bus import SessionBus
from tests.ui.conftest import add


class FakeIdle:
    name = "fake"

    def __init__(self) -> None:
        self.seconds: float | None = 0.0
        self.asked = 0

    def idle_seconds(self) -> float | None:
        self.asked += 1
        return self.seconds

    def close(self) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now().astimezone() - timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(store: Store, clock: Clock, qapp: object) -> Operations:
    return Operations(store, clock=clock)


def entries(store: Store) -> list[tuple[str, str | None, str]]:
    rows = store.raw.execute(
        "SELECT started_at, ended_at, note FROM time_entries ORDER BY started_at, id"
    )
    return [(str(a), None if b is None else str(b), str(c)) for a, b, c in rows]


def away(guard: IdleGuard, source: FakeIdle, clock: Clock, minutes: int) -> None:
    """Idle for `minutes` (past the 5-minute setting), then back for 20 seconds, as the
    coarse polls see it."""
    clock.now += timedelta(minutes=minutes)
    source.seconds = minutes * 60.0
    guard.poll()
    clock.now += timedelta(seconds=20)
    source.seconds = 20.0
    guard.poll()


def test_the_guard_polls_only_while_a_focus_phase_counts(
    timed: Operations, store: Store, clock: Clock
) -> None:
    controller = FocusController(timed)
    guard = IdleGuard(controller, FakeIdle())
    assert not guard.polling
    controller.start(add(store, "MAE paper"), pomodoro=True)
    assert guard.polling
    clock.now += timedelta(minutes=26)
    focus.advance(store, settings=TimeboxSettings(), now=clock.now)
    controller.refresh()
    assert controller.state is not None and controller.state.phase == "break"
    assert not guard.polling  # a break is time away already: no question
    controller.stop()
    assert not guard.polling


def test_idle_then_back_asks_and_drop_ends_the_entry_when_idle_began(
    timed: Operations, store: Store, clock: Clock, qtbot: QtBot
) -> None:
    controller = FocusController(timed)
    source = FakeIdle()
    guard = IdleGuard(controller, source)
    asked: list[object] = []
    guard.returned.connect(asked.append)
    start = clock.now
    controller.start(add(store, "MAE paper"))
    clock.now += timedelta(minutes=10)
    source.seconds = 60.0  # under the setting: nothing
    guard.poll()
    assert guard.idle_from is None
    away(guard, source, clock, 30)
    assert len(asked) == 1 and guard.waiting is not None
    assert guard.waiting.began == start + timedelta(minutes=10)
    assert guard.waiting.returned == start + timedelta(minutes=40)
    dialog = ask_idle(guard)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    qtbot.addWidget(dialog)
    assert "(30m)" in dialog.text.text()
    dialog.drop.click()
    assert guard.waiting is None and not dialog.isVisible()
    first, second = entries(store)
    assert first[1] is not None and second[1] is None  # ended at idle, a new one runs
    assert controller.state is not None and controller.state.entry is not None
    assert controller.state.entry.started_at == start + timedelta(minutes=40)


def test_split_gives_the_idle_time_to_the_item_chosen(
    timed: Operations, store: Store, clock: Clock, qtbot: QtBot
) -> None:
    from app.domain.enums import Column

    controller = FocusController(timed)
    source = FakeIdle()
    guard = IdleGuard(controller, source)
    meeting = add(store, "Group meeting", column=Column.ACTIVE)
    controller.start(add(store, "MAE paper"))
    away(guard, source, clock, 15)
    dialog = ask_idle(guard)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.split_item.setCurrentIndex(dialog.split_ids.index(meeting))
    dialog.split.click()
    split = store.raw.execute(
        "SELECT item_id, note FROM time_entries WHERE source = 'manual'"
    ).fetchall()
    assert split == [(meeting, "idle time")]


def test_keep_changes_nothing_and_an_unanswered_question_waits_in_the_status_menu(
    timed: Operations, store: Store, clock: Clock, qtbot: QtBot
) -> None:
    from app.ui.focus.status_widget import FocusStatus

    controller = FocusController(timed)
    source = FakeIdle()
    guard = IdleGuard(controller, source)
    controller.start(add(store, "MAE paper"))
    status = FocusStatus(controller)
    qtbot.addWidget(status)
    assert "Idle time…" not in [text for text, _ in status.menu_actions()]
    away(guard, source, clock, 10)
    assert "Idle time…" in [text for text, _ in status.menu_actions()]
    before = entries(store)
    assert guard.answer("keep")
    assert entries(store) == before and guard.waiting is None


def test_an_idle_setting_of_off_never_asks(timed: Operations, store: Store, clock: Clock) -> None:
    from app.services.settings import set_settings

    controller = FocusController(timed)
    source = FakeIdle()
    guard = IdleGuard(controller, source)
    assert controller.settings().idle == 5
    timed.run("Settings", lambda now: set_settings(store, {"focus.idle": "off"}))
    assert controller.settings().idle is None  # heard through the operation's Changes
    controller.start(add(store, "MAE paper"))
    away(guard, source, clock, 30)
    assert guard.waiting is None and source.asked == 0


def test_the_screen_lock_stops_the_timer_at_the_lock(
    timed: Operations, store: Store, clock: Clock, session_bus: SessionBus, qtbot: QtBot
) -> None:
    controller = FocusController(timed)
    guard = IdleGuard(controller, None)
    controller.start(add(store, "MAE paper"))
    watch = watch_lock(session_bus.address, guard.screen_locked)
    assert watch is not None
    screensaver = open_dbus_connection(bus=session_bus.address)
    try:
        screensaver.send_and_get_reply(message_bus.RequestName("org.gnome.ScreenSaver"))
        emitter = DBusAddress("/org/gnome/ScreenSaver", interface="org.gnome.ScreenSaver")
        screensaver.send(new_signal(emitter, "ActiveChanged", "b", (False,)))  # unlocked
        clock.now += timedelta(minutes=12)
        locked_at = clock.now
        screensaver.send(new_signal(emitter, "ActiveChanged", "b", (True,)))
        qtbot.waitUntil(lambda: controller.state is None, timeout=5000)
    finally:
        screensaver.close()
        watch.stop()
    assert not any(t.name == "rizhi-lock" for t in threading.enumerate())  # all ended
    ((_, ended, _),) = entries(store)
    assert ended is not None
    assert datetime.fromisoformat(ended.replace("Z", "+00:00")) == locked_at


def test_the_x_servers_screensaver_extension_reports_idle_time(x_screen: str) -> None:
    source = x11_idle(x_screen)
    assert source is not None and source.name == "x11"
    try:
        subprocess.run(["xdotool", "mousemove", "5", "5"], env={"DISPLAY": x_screen}, check=True)
        first = source.idle_seconds()
        assert first is not None and first < 5
        assert find_idle_source((lambda: None, lambda: source)) is source
    finally:
        source.close()


def test_without_any_source_idle_is_not_asked_about() -> None:
    assert find_idle_source((lambda: None, lambda: None)) is None
