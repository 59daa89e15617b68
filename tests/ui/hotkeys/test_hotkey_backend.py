"""What every hotkey backend does, shown on a stand-in whose worker is a plain thread: the
callback and each status change reach the GUI thread; a restart or a stop drops what an
earlier start's worker still reports; a key that cannot be global never starts a worker;
and which backend the Qt platform gets."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.ui.hotkeys import status as says
from app.ui.hotkeys.backend import HotkeyBackend, Link, NoHotkeyBackend
from app.ui.hotkeys.choose import backend_for, start_capture_hotkey
from app.ui.hotkeys.keys import Chord
from app.ui.hotkeys.portal import PortalHotkeyBackend
from app.ui.hotkeys.status import FALLBACK_TEXT, HotkeyState, HotkeyStatus
from app.ui.hotkeys.x11 import X11HotkeyBackend
from app.ui.settings import UiSettings

WAIT_MS = 5_000


class StandIn(HotkeyBackend):
    """Holds nothing: each start hands its link to the test, which reports through it
    from threads of its own, as a real worker would."""

    via = "the stand-in"

    def __init__(self) -> None:
        super().__init__()
        self.links: list[Link] = []
        self.chords: list[Chord] = []
        self.ended = 0

    def _begin(self, chord: Chord, link: Link) -> None:
        self.chords.append(chord)
        self.links.append(link)

    def _end(self) -> None:
        self.ended += 1


class Presses:
    def __init__(self) -> None:
        self.threads: list[int] = []

    def __call__(self) -> None:
        self.threads.append(threading.get_ident())


def from_a_thread(action: Callable[[], None]) -> None:
    worker = threading.Thread(target=action)
    worker.start()
    worker.join()


def test_a_press_in_a_worker_thread_calls_back_on_the_gui_thread(qtbot: QtBot) -> None:
    backend, presses = StandIn(), Presses()
    backend.start("Ctrl+Alt+Space", presses)
    assert backend.status.state is HotkeyState.STARTING
    assert backend.chords[0].keysym == "space"
    link = backend.links[0]

    with qtbot.waitSignal(backend.status_changed, timeout=WAIT_MS) as changed:
        from_a_thread(lambda: link.report(says.active("Ctrl+Alt+Space", "the stand-in")))
    assert changed.args == [backend.status]
    assert backend.status.text == "Ctrl+Alt+Space via the stand-in"

    from_a_thread(link.pressed)
    qtbot.waitUntil(lambda: len(presses.threads) == 1, timeout=WAIT_MS)
    assert presses.threads == [threading.get_ident()]  # the GUI thread
    backend.stop()


def test_a_restart_drops_what_the_earlier_start_still_reports(qtbot: QtBot) -> None:
    backend, presses = StandIn(), Presses()
    backend.start("Ctrl+Alt+Space", presses)
    old = backend.links[0]
    backend.start("Ctrl+Alt+K", presses)  # a new key: the old one is let go first
    assert backend.ended == 1
    new = backend.links[1]

    def late_old_then_new() -> None:
        old.report(says.active("Ctrl+Alt+Space", "the stand-in"))
        old.pressed()
        new.report(says.active("Ctrl+Alt+K", "the stand-in"))

    from_a_thread(late_old_then_new)
    # Queued in order: once the new start's report is in, the old ones were handled.
    qtbot.waitUntil(lambda: backend.status.state is HotkeyState.ACTIVE, timeout=WAIT_MS)
    assert backend.status.text == "Ctrl+Alt+K via the stand-in"
    assert presses.threads == []
    backend.stop()


def test_after_stop_nothing_is_called_back(qtbot: QtBot) -> None:
    backend, presses = StandIn(), Presses()
    backend.start("Ctrl+Alt+Space", presses)
    link = backend.links[0]
    backend.stop()
    assert backend.ended == 1
    assert backend.status.state is HotkeyState.OFF

    probe = StandIn()
    probe.start("Ctrl+Alt+Space", lambda: None)
    probe_link = probe.links[0]

    def late() -> None:
        link.pressed()
        link.report(says.active("Ctrl+Alt+Space", "the stand-in"))
        probe_link.report(says.active("Ctrl+Alt+Space", "the stand-in"))

    from_a_thread(late)
    qtbot.waitUntil(lambda: probe.status.state is HotkeyState.ACTIVE, timeout=WAIT_MS)
    assert presses.threads == []
    assert backend.status.state is HotkeyState.OFF
    probe.stop()


def test_a_key_that_cannot_be_global_is_reported_and_starts_nothing() -> None:
    backend = StandIn()
    backend.start("Space", lambda: None)
    assert backend.status.state is HotkeyState.BAD_KEY
    assert "add Ctrl, Alt or Meta" in backend.status.text
    assert backend.links == []


def test_no_key_is_off_and_starts_nothing() -> None:
    backend = StandIn()
    backend.start("", lambda: None)
    assert backend.status.state is HotkeyState.OFF
    assert backend.links == []


def test_where_no_backend_exists_the_status_says_to_bind_the_command() -> None:
    backend = NoHotkeyBackend("no such platform")
    backend.start("Ctrl+Alt+Space", lambda: None)
    assert backend.status == HotkeyStatus(
        HotkeyState.UNAVAILABLE, FALLBACK_TEXT, "no such platform"
    )
    assert backend.status.needs_command
    assert "bind `rizhi capture` in your desktop's keyboard settings" in backend.status.text
    backend.stop()
    assert backend.status.state is HotkeyState.OFF


def test_the_backend_follows_the_qt_platform() -> None:
    assert isinstance(backend_for("xcb"), X11HotkeyBackend)
    assert isinstance(backend_for("wayland"), PortalHotkeyBackend)
    assert isinstance(backend_for("wayland-egl"), PortalHotkeyBackend)
    other = backend_for("offscreen")
    assert type(other) is NoHotkeyBackend
    other.start("Ctrl+Alt+Space", lambda: None)
    assert other.status.needs_command
    assert "'offscreen'" in other.status.detail


def test_the_capture_hotkey_starts_with_the_key_the_settings_hold(
    ui_settings: UiSettings, qapp: object
) -> None:
    # The tests run on Qt's offscreen platform, which has no global hotkey (asked of the
    # application: before there is one, Qt names its default platform, xcb).
    backend = start_capture_hotkey(ui_settings, lambda: None)
    assert backend.status.state is HotkeyState.UNAVAILABLE
    backend.stop()

    ui_settings.set_capture_hotkey("")
    backend = start_capture_hotkey(ui_settings, lambda: None)
    assert backend.status.state is HotkeyState.OFF
