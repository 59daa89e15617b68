"""Settings › General › Quick capture hotkey: the key, what the desktop made of it, the
command to bind where no global key works, and moving the running hotkey to a new key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.actions import ActionRegistry
from app.ui.hotkeys.backend import NoHotkeyBackend
from app.ui.hotkeys.choose import CaptureHotkey
from app.ui.hotkeys.status import FALLBACK_COMMAND, HotkeyState
from app.ui.settings import UiSettings
from app.ui.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"  # where the autostart entry would go: never the user's
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    shown = QMainWindow()
    qtbot.addWidget(shown)
    return shown


class Pressed:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def hotkey(window: QMainWindow, ui_settings: UiSettings) -> CaptureHotkey:
    """The hotkey as Rizhi runs it here: Qt's offscreen platform has no global key."""
    backend = NoHotkeyBackend("Rizhi has no global hotkey on Qt's 'offscreen' platform", window)
    pressed = Pressed()
    backend.start(ui_settings.capture_hotkey, pressed)
    return CaptureHotkey(backend, pressed)


def open_dialog(
    window: QMainWindow, settings: UiSettings, hotkey: CaptureHotkey | None
) -> SettingsDialog:
    return SettingsDialog(settings, ActionRegistry(settings, window), window, hotkey=hotkey)


def test_where_no_global_key_works_the_command_to_bind_is_offered(
    window: QMainWindow, ui_settings: UiSettings, hotkey: CaptureHotkey
) -> None:
    dialog = open_dialog(window, ui_settings, hotkey)
    group = dialog.hotkey
    assert group.sequence() == "Ctrl+Alt+Space"
    assert "bind `rizhi capture`" in group.status.text()
    assert not group.copy_button.isHidden()
    group.copy_button.click()
    assert QGuiApplication.clipboard().text() == FALLBACK_COMMAND


def test_a_new_key_is_kept_and_the_running_hotkey_moves_to_it(
    window: QMainWindow, ui_settings: UiSettings, hotkey: CaptureHotkey
) -> None:
    moved: list[str] = []
    hotkey.backend.status_changed.connect(lambda status: moved.append(status.state))
    dialog = open_dialog(window, ui_settings, hotkey)
    dialog.hotkey.edit.setKeySequence(QKeySequence("Ctrl+Alt+K"))
    dialog.accept()
    assert ui_settings.capture_hotkey == "Ctrl+Alt+K"
    assert HotkeyState.OFF in moved  # the old key let go, then the new one asked for
    assert hotkey.backend.status.state is HotkeyState.UNAVAILABLE


def test_a_key_that_cannot_be_global_is_refused_and_nothing_is_saved(
    window: QMainWindow, ui_settings: UiSettings, hotkey: CaptureHotkey
) -> None:
    dialog = open_dialog(window, ui_settings, hotkey)
    dialog.hotkey.edit.setKeySequence(QKeySequence("K"))  # types a letter everywhere
    dialog.general.web_images_check.setChecked(not ui_settings.show_web_images)
    before = ui_settings.show_web_images
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    error = dialog.hotkey.error
    assert not error.isHidden() and "would take the key from every other program" in error.text()
    assert ui_settings.capture_hotkey == "Ctrl+Alt+Space"
    assert ui_settings.show_web_images == before


def test_cleared_means_no_hotkey_and_without_a_running_one_it_waits_for_a_start(
    window: QMainWindow, ui_settings: UiSettings
) -> None:
    dialog = open_dialog(window, ui_settings, None)
    assert dialog.hotkey.status.text() == "Takes effect when Rizhi starts next."
    dialog.hotkey.edit.clear()
    dialog.accept()
    assert ui_settings.capture_hotkey == ""
