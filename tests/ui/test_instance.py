"""The running instance in process (offscreen): the window built on the first "show",
closing it to the background or for good, quick capture's hook, the word said once where
no tray icon exists, and a newer schema that stops writing and restarts."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput, StoreError
from app.instance.address import address_for
from app.instance.errors import InstanceError
from app.instance.protocol import decode
from app.instance.restart import RestartNote
from app.instance.startup_lock import StartupLock
from app.services.items import create_item
from app.store.db import Store
from app.store.schema import SCHEMA_HEAD
from app.ui import background, errors, launch, launch_recovery
from app.ui.background import Instance
from app.ui.capture.popup import CapturePopup
from app.ui.instance_server import InstanceServer
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.stop_signals import StopSignals

# A schema revision a newer Rizhi has and this one does not know.
NEWER = f"{int(SCHEMA_HEAD) + 1:04d}"


class Quits:
    """QApplication.quit, recorded instead of ending the test's event loop."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> Quits:
    recorded = Quits()
    monkeypatch.setattr(QApplication, "quit", staticmethod(recorded))
    return recorded


@pytest.fixture
def instance(qapp: QApplication, quits: Quits) -> Iterator[Instance]:
    made = Instance(qapp, background=True)
    yield made
    made.stop()
    if made.window is not None:
        made.window.keep_running = lambda: False
        made.window.close()
        made.window.deleteLater()
    qapp.setQuitOnLastWindowClosed(True)  # as pytest-qt's application had it


@pytest.fixture
def started(instance: Instance, store: Store, ui_settings: UiSettings) -> Instance:
    start(instance, store, ui_settings)
    return instance


@pytest.fixture
def restarts(monkeypatch: pytest.MonkeyPatch) -> list[RestartNote]:
    """The instance's restarts, noted instead of replacing the test's process."""
    notes: list[RestartNote] = []
    monkeypatch.setattr(background, "restart", notes.append)
    return notes


def start(instance: Instance, store: Store, settings: UiSettings) -> None:
    instance.start(store, settings, lambda: MainWindow(store, settings))


def ask(instance: Instance, request: str) -> dict[str, object]:
    return instance.server.answer(request.encode())


def test_the_window_is_built_on_the_first_show(
    qtbot: QtBot, instance: Instance, store: Store, ui_settings: UiSettings
) -> None:
    start(instance, store, ui_settings)
    assert instance.window is None
    assert ask(instance, '{"cmd": "ping"}')["window"] == "none"
    assert ask(instance, '{"cmd": "show"}') == {"ok": True, "pid": os.getpid()}
    qtbot.waitUntil(lambda: instance.window_state() == "visible")
    first = instance.window
    instance.show_window()
    assert instance.window is first  # one window, brought forward again


def test_a_show_asked_for_while_starting_waits_for_the_store(
    qtbot: QtBot, instance: Instance, store: Store, ui_settings: UiSettings
) -> None:
    assert ask(instance, '{"cmd": "ping"}')["window"] == "starting"
    assert ask(instance, '{"cmd": "show"}')["ok"] is True
    qtbot.wait(1)  # the event loop turns; the store is not open yet: nothing can show
    assert instance.window is None
    start(instance, store, ui_settings)
    assert instance.window_state() == "visible"


def test_closing_the_window_keeps_rizhi_running_when_chosen(
    qtbot: QtBot, instance: Instance, store: Store, ui_settings: UiSettings, quits: Quits
) -> None:
    ui_settings.set_keep_in_background(True)
    start(instance, store, ui_settings)
    instance.show_window()
    window = instance.window
    assert window is not None
    window.close()
    assert instance.window_state() == "hidden" and quits.count == 0
    instance.show_window()
    assert instance.window is window and window.isVisible()
    instance.quit()  # File › Quit, the tray's Quit: the window closes for good
    assert not window.isVisible() and quits.count > 0


def test_closing_the_window_quits_when_not_chosen(
    qtbot: QtBot, instance: Instance, store: Store, ui_settings: UiSettings, quits: Quits
) -> None:
    start(instance, store, ui_settings)  # offscreen: no tray icon, so not by default
    assert not instance.keeps_running()
    instance.show_window()
    assert instance.window is not None
    instance.window.close()
    assert quits.count == 1


def test_keeping_rizhi_running_is_on_by_default_where_a_tray_icon_exists(
    ui_settings: UiSettings,
) -> None:
    assert ui_settings.keep_in_background(tray=True) is True
    assert ui_settings.keep_in_background(tray=False) is False
    ui_settings.set_keep_in_background(False)
    assert ui_settings.keep_in_background(tray=True) is False
    assert ui_settings.keep_in_background_chosen()


def test_without_a_tray_the_status_bar_says_so_once(
    qapp: QApplication, instance: Instance, store: Store, ui_settings: UiSettings
) -> None:
    start(instance, store, ui_settings)
    instance.show_window()
    assert instance.window is not None
    said = instance.window.statusBar().currentMessage()
    assert "no tray icon" in said and "Settings › General" in said
    assert ui_settings.no_tray_told
    again = Instance(qapp, background=True)
    start(again, store, ui_settings)
    again.show_window()
    assert again.window is not None
    assert again.window.statusBar().currentMessage() == ""
    again.stop()
    again.window.keep_running = lambda: False
    again.window.close()


def test_quick_capture_opens_the_handler_else_the_windows_quick_add(
    qtbot: QtBot, instance: Instance, store: Store, ui_settings: UiSettings
) -> None:
    start(instance, store, ui_settings)
    opened: list[str] = []
    instance.set_capture_handler(lambda: opened.append("popup"))
    assert ask(instance, '{"cmd": "capture"}')["ok"] is True
    qtbot.waitUntil(lambda: opened == ["popup"])
    assert instance.window is None  # the popup needs no window
    instance.set_capture_handler(None)
    instance.open_quick_capture()
    window = instance.window
    assert window is not None and window.isVisible()
    assert window.current_view() == "backlog"


def test_quick_capture_is_the_popup_and_the_window_shares_its_undo(
    qtbot: QtBot, qapp: QApplication, instance: Instance, store: Store, ui_settings: UiSettings
) -> None:
    ops = Operations(store, parent=instance)
    instance.start(store, ui_settings, lambda: MainWindow(store, ui_settings, ops=ops))
    hotkey = launch.start_quick_capture(instance, ops, ui_settings)
    # Qt's offscreen platform has no global hotkey: Settings offers the command instead.
    assert hotkey.backend.status.needs_command
    assert ask(instance, '{"cmd": "capture"}')["ok"] is True
    qtbot.waitUntil(lambda: popup_shown() is not None)
    popup = popup_shown()
    assert popup is not None and instance.window is None  # no window was needed
    qtbot.keyClicks(popup.line.edit, "try token halting on ViT #idea")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert store.raw.execute("SELECT title FROM items").fetchall() == [
        ("try token halting on ViT",)
    ]
    instance.show_window()
    window = instance.window
    assert window is not None and window.ops is ops
    assert window.ops.undo_stack.count() == 1  # the capture is the window's undo step
    popup.hide()


def popup_shown() -> CapturePopup | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CapturePopup) and widget.isVisible():
            return widget
    return None


def test_messages_wait_for_the_window_where_nothing_else_shows_them(
    instance: Instance, store: Store, ui_settings: UiSettings
) -> None:
    ui_settings.set_no_tray_told()
    start(instance, store, ui_settings)
    instance.show_status("The automatic backup failed.")
    instance.show_window()
    assert instance.window is not None
    assert instance.window.statusBar().currentMessage() == "The automatic backup failed."


def test_a_newer_schema_stops_writing_says_so_and_restarts(
    qtbot: QtBot,
    started: Instance,
    store: Store,
    restarts: list[RestartNote],
    caplog: pytest.LogCaptureFixture,
) -> None:
    instance = started
    # A newer Rizhi's command line upgrades the file (its migration, in short).
    with sqlite3.connect(store.path) as newer:
        newer.execute("CREATE TABLE from_the_future (id INTEGER PRIMARY KEY)")
        newer.execute("UPDATE alembic_version SET version_num = ?", (NEWER,))
    qtbot.waitUntil(lambda: bool(restarts), timeout=5000)
    (note,) = restarts
    assert NEWER in note.notice and note.window is False
    assert NEWER in store.writing_refused
    with pytest.raises(StoreError, match="newer Rizhi upgraded"):
        create_item(store, ItemDraft(title="lost?"), now=datetime.now().astimezone())
    assert not instance.server.listening  # the next image listens again
    assert [r.getMessage() for r in caplog.records if NEWER in r.getMessage()]  # in the log
    caplog.clear()


def test_requests_that_do_not_read_are_refused(qapp: QApplication) -> None:
    server = InstanceServer()

    def refuse(message: dict[str, object]) -> dict[str, object]:
        raise InvalidInput("not now")

    server.handle("show", refuse)
    assert server.answer(b"not json")["ok"] is False
    assert "Unknown command 'dance'" in str(server.answer(b'{"cmd": "dance"}')["error"])
    assert server.answer(b'{"cmd": "show"}') == {"ok": False, "error": "not now"}
    assert decode(b'{"ok": true}') == {"ok": True}


def test_sigterm_stops_the_instance_from_the_event_loop(qtbot: QtBot, qapp: QApplication) -> None:
    stopped: list[bool] = []
    signals = StopSignals(lambda: stopped.append(True))
    try:
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: stopped == [True])
    finally:
        signals.uninstall()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_the_window_opens_on_its_own_where_no_instance_can_listen(
    qapp: QApplication, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    (runtime / "rizhi").write_text("a file where the socket's folder would be")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(errors, "install_excepthook", lambda *args: None)
    UiSettings(home / "ui.ini").set_no_tray_told()
    said: list[str] = []

    def exec_app(self: QApplication) -> int:  # look at the window instead of waiting
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next(w for w in windows if w.isVisible())  # not an earlier test's
        said.append(window.statusBar().currentMessage())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_app)
    assert launch.run() == 0
    assert "not a folder of yours" in said[0] and "second window" in said[0]


def test_a_window_start_holds_quick_capture_after_its_first_frame(
    qtbot: QtBot, qapp: QApplication, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(errors, "install_excepthook", lambda *args: None)
    UiSettings(home / "ui.ini").set_no_tray_told()
    seen: list[bool] = []

    def exec_app(self: QApplication) -> int:  # look at the window instead of waiting
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next(w for w in windows if w.isVisible())
        # Built once the first frame is painted, not before it.
        qtbot.waitUntil(lambda: window.capture_hotkey is not None)
        assert window.capture_hotkey is not None
        seen.append(window.capture_hotkey.backend.status.needs_command)  # offscreen
        window.capture_hotkey.open_capture()
        qtbot.waitUntil(lambda: popup_shown() is not None)
        popup = popup_shown()
        assert popup is not None
        qtbot.keyClicks(popup.line.edit, "an idea from the hotkey")
        qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
        assert window.ops.undo_stack.count() == 1  # the capture is the window's undo step
        window.keep_running = lambda: False
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_app)
    assert launch.run() == 0
    assert seen == [True]


def test_a_window_start_answers_after_its_first_frame_and_holds_the_lock_till_then(
    qtbot: QtBot, qapp: QApplication, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(errors, "install_excepthook", lambda *args: None)
    UiSettings(home / "ui.ini").set_no_tray_told()
    address = address_for(str(home))
    seen: list[object] = []

    def lock_is_free() -> bool:
        try:
            StartupLock(address.lock, timeout=0).release()
        except InstanceError:
            return False
        return True

    real_window = launch_recovery.try_open

    def built(*args: object, **kwargs: object) -> object:
        opened = real_window(*args, **kwargs)  # type: ignore[arg-type]
        # The window exists, nothing is painted: a second start would wait on the lock.
        seen.append(("before the frame", lock_is_free(), os.path.exists(address.socket)))
        return opened

    def exec_app(self: QApplication) -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next(w for w in windows if w.isVisible())
        qtbot.waitUntil(lambda: os.path.exists(address.socket))
        with socket.socket(socket.AF_UNIX) as probe:  # answered from this loop: connect only
            probe.connect(address.socket)
        seen.append(("after it", lock_is_free(), True))
        window.keep_running = lambda: False
        window.close()
        return 0

    monkeypatch.setattr(launch_recovery, "try_open", built)
    monkeypatch.setattr(QApplication, "exec", exec_app)
    assert launch.run() == 0
    assert seen[0] == ("before the frame", False, False)
    assert seen[1] == ("after it", True, True)
