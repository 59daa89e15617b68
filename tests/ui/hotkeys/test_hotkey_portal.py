"""The portal backend against a fake GlobalShortcuts portal on a private session bus
(fake_portal.py under dbus-run-session): the calls it makes, in order and with the exact
signatures; an Activated signal calls back on the GUI thread; a new session at every
start; and what the user is told when the portal is missing, refuses or is gone."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg
from pytestqt.qtbot import QtBot

from app.store.db import Store
from app.ui.capture.setup import build_capture_popup
from app.ui.hotkeys.portal import PortalHotkeyBackend
from app.ui.hotkeys.status import FALLBACK_TEXT, HotkeyState
from app.ui.ops import Operations
from tests.ui.hotkeys.conftest import Presses, hotkey_threads

WAIT_MS = 10_000
FAKE = Path(__file__).with_name("fake_portal.py")
CONTROL = DBusAddress(
    "/org/freedesktop/portal/desktop",
    bus_name="org.freedesktop.portal.Desktop",
    interface="org.rizhi.test.FakePortal",
)


class Portal:
    """The fake portal's process and the test's own connection to its bus."""

    def __init__(self, *options: str) -> None:
        self.process = subprocess.Popen(
            ["dbus-run-session", "--", sys.executable, str(FAKE), *options],
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its bus daemon goes with it (see stop)
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], WAIT_MS / 1000)
        self.address = self.process.stdout.readline().strip() if ready else ""
        if not self.address:
            self.stop()
            raise RuntimeError("the fake portal did not start")
        self.conn: DBusConnection = open_dbus_connection(self.address)

    def call(self, method: str, signature: str | None = None, *body: object) -> Any:
        message = new_method_call(CONTROL, method, signature, body)
        return unwrap_msg(self.conn.send_and_get_reply(message, timeout=WAIT_MS / 1000))

    def calls(self) -> list[dict[str, Any]]:
        return list(json.loads(self.call("Calls")[0]))

    def activate(self, shortcut_id: str = "quick-capture", session: str = "") -> None:
        self.call("Activate", "ss", session, shortcut_id)

    def stop(self) -> None:
        try:
            if hasattr(self, "conn"):
                self.call("Quit")
                self.conn.close()
            self.process.wait(WAIT_MS / 1000)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this test started
            self.process.wait(WAIT_MS / 1000)


@pytest.fixture
def portal_with() -> Iterator[Callable[..., Portal]]:
    if shutil.which("dbus-run-session") is None:
        pytest.fail("dbus-run-session missing: `make system-packages` (as root) installs dbus")
    started: list[Portal] = []

    def start(*options: str) -> Portal:
        started.append(Portal(*options))
        return started[-1]

    yield start
    for portal in started:
        portal.stop()


@pytest.fixture
def portal(portal_with: Callable[..., Portal]) -> Portal:
    return portal_with()


@pytest.fixture
def backends() -> Iterator[list[PortalHotkeyBackend]]:
    made: list[PortalHotkeyBackend] = []
    yield made
    for backend in made:
        backend.stop()


def started(
    qtbot: QtBot,
    backends: list[PortalHotkeyBackend],
    bus: str,
    callback: Callable[[], None] | None = None,
    sequence: str = "Ctrl+Alt+Space",
) -> PortalHotkeyBackend:
    backend = PortalHotkeyBackend(bus)
    backends.append(backend)
    backend.start(sequence, callback or (lambda: None))
    qtbot.waitUntil(lambda: backend.status.state is not HotkeyState.STARTING, timeout=WAIT_MS)
    return backend


def test_the_app_registers_then_binds_its_shortcut_with_the_exact_signatures(
    qtbot: QtBot, portal: Portal, backends: list[PortalHotkeyBackend]
) -> None:
    backend = started(qtbot, backends, portal.address)
    assert backend.status.state is HotkeyState.ACTIVE
    assert backend.status.text == "Ctrl+Alt+Space via the desktop portal"

    register, create, bind = portal.calls()
    assert (register["member"], register["signature"]) == ("Register", "sa{sv}")
    assert register["interface"] == "org.freedesktop.host.portal.Registry"
    assert register["body"] == ["rizhi", {}]  # packaging/rizhi.desktop
    assert (create["member"], create["signature"]) == ("CreateSession", "a{sv}")
    assert set(create["body"][0]) == {"handle_token", "session_handle_token"}
    assert (bind["member"], bind["signature"]) == ("BindShortcuts", "oa(sa{sv})sa{sv}")
    session, shortcuts, parent_window, options = bind["body"]
    assert session.startswith("/org/freedesktop/portal/desktop/session/")
    assert shortcuts == [
        [
            "quick-capture",
            {
                "description": ["s", "Quick capture in Rizhi"],
                "preferred_trigger": ["s", "CTRL+ALT+space"],
            },
        ]
    ]
    assert parent_window == ""
    assert set(options) == {"handle_token"}
    assert {call["sender"] for call in (register, create, bind)} == {register["sender"]}


def test_activated_calls_back_on_the_gui_thread(
    qtbot: QtBot, portal: Portal, backends: list[PortalHotkeyBackend], presses: Presses
) -> None:
    started(qtbot, backends, portal.address, presses)
    portal.activate("another-shortcut")
    portal.activate()
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)
    assert presses.threads == [threading.get_ident()]
    portal.activate()
    qtbot.waitUntil(lambda: presses.count == 2, timeout=WAIT_MS)


def test_every_start_creates_a_new_session(
    qtbot: QtBot, portal: Portal, backends: list[PortalHotkeyBackend], presses: Presses
) -> None:
    backend = started(qtbot, backends, portal.address, presses)
    first_session = portal.calls()[-1]["body"][0]
    backend.stop()
    assert hotkey_threads() == []
    backend.start("Ctrl+Alt+Space", presses)
    qtbot.waitUntil(lambda: backend.status.state is HotkeyState.ACTIVE, timeout=WAIT_MS)

    members = [call["member"] for call in portal.calls()]
    assert members == ["Register", "CreateSession", "BindShortcuts"] * 2
    second_session = portal.calls()[-1]["body"][0]
    assert second_session != first_session

    portal.activate(session=first_session)  # the old session is nobody's now
    portal.activate(session=second_session)
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)
    portal.activate(session=second_session)
    qtbot.waitUntil(lambda: presses.count == 2, timeout=WAIT_MS)


def test_the_key_the_desktop_chose_is_shown_and_follows_its_changes(
    qtbot: QtBot, portal_with: Callable[..., Portal], backends: list[PortalHotkeyBackend]
) -> None:
    portal = portal_with("--trigger", "Super+C")
    backend = started(qtbot, backends, portal.address)
    assert backend.status.text == "Super+C via the desktop portal"
    portal.call("ChangeTrigger", "s", "Ctrl+Shift+Space")
    qtbot.waitUntil(
        lambda: backend.status.text == "Ctrl+Shift+Space via the desktop portal", timeout=WAIT_MS
    )


def test_a_portal_without_a_registry_still_binds(
    qtbot: QtBot, portal_with: Callable[..., Portal], backends: list[PortalHotkeyBackend]
) -> None:
    portal = portal_with("--no-registry")
    backend = started(qtbot, backends, portal.address)
    assert backend.status.state is HotkeyState.ACTIVE
    assert [call["member"] for call in portal.calls()] == [
        "Register",
        "CreateSession",
        "BindShortcuts",
    ]


@pytest.mark.parametrize(
    ("option", "detail"),
    [
        ("--no-shortcuts", "No such interface"),  # GNOME 46
        ("--decline", "did not bind the shortcut"),
    ],
)
def test_where_the_portal_cannot_bind_the_command_is_offered(
    qtbot: QtBot,
    portal_with: Callable[..., Portal],
    backends: list[PortalHotkeyBackend],
    option: str,
    detail: str,
) -> None:
    portal = portal_with(option)
    backend = started(qtbot, backends, portal.address)
    assert backend.status.state is HotkeyState.UNAVAILABLE
    assert backend.status.text == FALLBACK_TEXT
    assert detail in backend.status.detail


def test_without_a_session_bus_the_command_is_offered(
    qtbot: QtBot, tmp_path: Path, backends: list[PortalHotkeyBackend]
) -> None:
    backend = started(qtbot, backends, f"unix:path={tmp_path / 'no-bus'}")
    assert backend.status.state is HotkeyState.UNAVAILABLE
    assert "no session bus" in backend.status.detail


def test_stop_while_the_desktop_is_still_asking_the_user(
    qtbot: QtBot, portal_with: Callable[..., Portal], backends: list[PortalHotkeyBackend]
) -> None:
    portal = portal_with("--hold")
    backend = PortalHotkeyBackend(portal.address)
    backends.append(backend)
    backend.start("Ctrl+Alt+Space", lambda: None)
    qtbot.waitUntil(lambda: len(portal.calls()) == 3, timeout=WAIT_MS)  # BindShortcuts sent
    assert backend.status.state is HotkeyState.STARTING
    backend.stop()
    assert hotkey_threads() == []
    assert backend.status.state is HotkeyState.OFF


def test_activated_opens_the_capture_popup(
    qtbot: QtBot, portal: Portal, backends: list[PortalHotkeyBackend], store: Store, tmp_path: Path
) -> None:
    popup = build_capture_popup(Operations(store), str(tmp_path))
    qtbot.addWidget(popup)
    qtbot.addWidget(popup.toast)
    started(qtbot, backends, portal.address, popup.open_popup)
    assert not popup.isVisible()
    portal.activate()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    assert popup.windowTitle() == "Rizhi quick capture"
    popup.hide()
