"""The X11 backend on a real X server (Xvfb), pressed with xdotool as a user would: the
grab calls back on the GUI thread, with NumLock or CapsLock on too; a combination another
client holds is reported as taken, and leaves nothing held; stopping lets the key go."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from Xlib import X
from Xlib.display import Display

from app.ui.hotkeys.status import HotkeyState
from app.ui.hotkeys.x11 import X11HotkeyBackend
from app.ui.settings import UiSettings
from tests.e2e.harness import Input
from tests.ui.hotkeys.conftest import Presses, hotkey_threads

WAIT_MS = 10_000
PEER = Path(__file__).with_name("hotkey_peer.py")

Grabber = Callable[..., X11HotkeyBackend]


@pytest.fixture
def grab(qtbot: QtBot, x_screen: str) -> Iterator[Grabber]:
    """Start a backend on the test's screen (each on an X connection of its own, as two
    programs would be) and wait until it has its answer."""
    made: list[X11HotkeyBackend] = []

    def start(sequence: str = "Ctrl+Alt+Space", callback: Callable[[], None] | None = None):
        backend = X11HotkeyBackend(x_screen)
        made.append(backend)
        backend.start(sequence, callback or (lambda: None))
        qtbot.waitUntil(lambda: backend.status.state is not HotkeyState.STARTING, timeout=WAIT_MS)
        return backend

    yield start
    for backend in made:
        backend.stop()


class Lines:
    """A process's output read line by line, with a deadline. Read from the file
    descriptor itself: a buffered reader could hold a line that `select` no longer sees."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = b""
        self.seen: list[str] = []

    def wait_for(self, wanted: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            while b"\n" in self.pending:
                raw, self.pending = self.pending.split(b"\n", 1)
                self.seen.append(raw.decode())
                if wanted(self.seen[-1]):
                    return self.seen[-1]
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            chunk = os.read(self.fd, 4096) if ready else b""
            if not chunk:  # the time is up, or the process ended
                raise AssertionError(f"not seen; the process said {self.seen}")
            self.pending += chunk


def locks_on(screen: str) -> int:
    display = Display(screen)
    try:
        return int(display.screen().root.query_pointer().mask) & (X.LockMask | X.Mod2Mask)
    finally:
        display.close()


def test_the_key_pressed_calls_back_on_the_gui_thread(
    qtbot: QtBot, grab: Grabber, keyboard: Input, presses: Presses
) -> None:
    backend = grab("Ctrl+Alt+Space", presses)
    assert backend.status.state is HotkeyState.ACTIVE
    assert backend.status.text == "Ctrl+Alt+Space via X11"

    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)
    assert presses.threads == [threading.get_ident()]

    keyboard.key("ctrl+alt+x", "ctrl+space", "ctrl+alt+space")  # only the last is ours
    qtbot.waitUntil(lambda: presses.count == 2, timeout=WAIT_MS)
    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: presses.count == 3, timeout=WAIT_MS)


def test_numlock_and_capslock_do_not_hide_the_key(
    qtbot: QtBot, grab: Grabber, keyboard: Input, presses: Presses, x_screen: str
) -> None:
    grab("Ctrl+Alt+Space", presses)
    keyboard.key("Num_Lock")
    assert locks_on(x_screen) == X.Mod2Mask
    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)

    keyboard.key("Caps_Lock")
    assert locks_on(x_screen) == X.Mod2Mask | X.LockMask
    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: presses.count == 2, timeout=WAIT_MS)

    keyboard.key("Num_Lock")
    assert locks_on(x_screen) == X.LockMask
    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: presses.count == 3, timeout=WAIT_MS)


def test_the_super_key_and_function_keys_are_grabbed_as_the_server_maps_them(
    qtbot: QtBot, grab: Grabber, keyboard: Input, presses: Presses
) -> None:
    backend = grab("Meta+Shift+F5", presses)
    assert backend.status.text == "Meta+Shift+F5 via X11"
    keyboard.key("super+shift+F5")
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)


def test_a_combination_another_program_holds_is_reported_taken(
    qtbot: QtBot, grab: Grabber, keyboard: Input, presses: Presses
) -> None:
    first = grab("Ctrl+Alt+Space", presses)
    assert first.status.state is HotkeyState.ACTIVE

    second_presses = Presses()
    second = grab("Ctrl+Alt+Space", second_presses)
    assert second.status.state is HotkeyState.TAKEN
    assert second.status.text == ("Ctrl+Alt+Space is taken by another program: choose another key")
    assert not second.status.needs_command

    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)
    assert second_presses.count == 0

    # The refused backend holds nothing: once the first lets go, a third program has
    # the key with every lock.
    first.stop()
    third = grab("Ctrl+Alt+Space")
    assert third.status.state is HotkeyState.ACTIVE


def test_stop_lets_the_key_go_and_ends_the_worker(
    qtbot: QtBot, grab: Grabber, keyboard: Input, presses: Presses
) -> None:
    backend = grab("Ctrl+Alt+Space", presses)
    backend.stop()
    assert backend.status.state is HotkeyState.OFF
    assert hotkey_threads() == []

    other_presses = Presses()
    grab("Ctrl+Alt+Space", other_presses)  # free again
    keyboard.key("ctrl+alt+space")
    qtbot.waitUntil(lambda: other_presses.count == 1, timeout=WAIT_MS)
    assert presses.count == 0


def test_a_new_key_replaces_the_old_one(
    qtbot: QtBot, grab: Grabber, keyboard: Input, presses: Presses
) -> None:
    backend = grab("Ctrl+Alt+Space", presses)
    backend.start("Ctrl+Alt+K", presses)
    qtbot.waitUntil(lambda: backend.status.state is HotkeyState.ACTIVE, timeout=WAIT_MS)
    assert backend.status.text == "Ctrl+Alt+K via X11"
    keyboard.key("ctrl+alt+space", "ctrl+alt+k")
    qtbot.waitUntil(lambda: presses.count == 1, timeout=WAIT_MS)
    keyboard.key("ctrl+alt+space", "ctrl+alt+k")
    qtbot.waitUntil(lambda: presses.count == 2, timeout=WAIT_MS)


def test_without_an_x_server_the_command_is_offered(qtbot: QtBot) -> None:
    backend = X11HotkeyBackend(":9999")  # no server there
    backend.start("Ctrl+Alt+Space", lambda: None)
    qtbot.waitUntil(lambda: backend.status.state is not HotkeyState.STARTING, timeout=WAIT_MS)
    assert backend.status.state is HotkeyState.UNAVAILABLE
    assert backend.status.needs_command
    assert "cannot reach the X server" in backend.status.detail
    backend.stop()
    assert hotkey_threads() == []


def test_an_app_on_the_xcb_platform_holds_the_key_its_settings_name(
    x_screen: str, keyboard: Input, tmp_path: Path
) -> None:
    settings = UiSettings(tmp_path / "ui.ini")
    settings.set_capture_hotkey("Ctrl+Alt+J")
    env = {**os.environ, "DISPLAY": x_screen, "QT_QPA_PLATFORM": "xcb"}
    peer = subprocess.Popen(
        [sys.executable, str(PEER), str(settings.path)],
        env=env,
        stdout=subprocess.PIPE,
    )
    assert peer.stdout is not None
    try:
        lines = Lines(peer.stdout.fileno())
        status = json.loads(lines.wait_for(lambda line: '"active"' in line))
        assert status == {"platform": "xcb", "state": "active", "text": "Ctrl+Alt+J via X11"}
        keyboard.key("ctrl+alt+j")
        lines.wait_for(lambda line: line == "pressed")
        keyboard.key("ctrl+alt+j")
        assert peer.wait(WAIT_MS / 1000) == 0  # it quits on the second press
    finally:
        if peer.poll() is None:
            peer.kill()
            peer.wait()
