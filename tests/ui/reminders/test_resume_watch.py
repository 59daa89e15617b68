"""Waking from suspend: logind's PrepareForSleep(false) on the system bus makes the
scheduler look again. A private bus daemon stands in for the system bus, and a
connection owning logind's name sends the signal."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from app.ui.reminders.resume import LOGIND, MANAGER, PATH, watch_resume

pytestmark = pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")


@pytest.fixture
def system_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(5)


def test_waking_up_calls_back_and_going_to_sleep_does_not(system_bus: str) -> None:
    woke = threading.Event()
    calls: list[bool] = []

    def resumed() -> None:
        calls.append(True)
        woke.set()

    watch = watch_resume(resumed)
    assert watch is not None
    logind = open_dbus_connection(bus="SYSTEM")
    try:
        logind.send_and_get_reply(message_bus.RequestName(LOGIND))
        emitter = DBusAddress(PATH, interface=MANAGER)
        logind.send(new_signal(emitter, "PrepareForSleep", "b", (True,)))  # going to sleep
        logind.send(new_signal(emitter, "PrepareForSleep", "b", (False,)))  # awake
        assert woke.wait(5)
        # The sleep went first on the same connection: had it counted, it would be here.
        assert calls == [True]
    finally:
        logind.close()
        watch.stop()


def test_without_a_system_bus_there_is_no_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert watch_resume(lambda: None) is None
