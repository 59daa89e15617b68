"""Settings › General › Running in the background: keep running when the window closes
(ui.ini), start at login (the XDG autostart entry), and what is said without a tray."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.instance import autostart
from app.ui.actions import ActionRegistry
from app.ui.background_settings import WITHOUT_TRAY
from app.ui.settings import UiSettings
from app.ui.settings_dialog import SettingsDialog


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


def open_dialog(window: QMainWindow, settings: UiSettings) -> SettingsDialog:
    return SettingsDialog(settings, ActionRegistry(settings, window), window)


@pytest.fixture
def dialog(window: QMainWindow, ui_settings: UiSettings, config: Path) -> SettingsDialog:
    return open_dialog(window, ui_settings)


def test_without_a_tray_nothing_keeps_running_by_default_and_the_group_says_why(
    dialog: SettingsDialog,
) -> None:
    group = dialog.background  # offscreen: no tray icon
    assert not group.keep_check.isChecked() and not group.login_check.isChecked()
    assert group.hint.text() == WITHOUT_TRAY


def test_start_at_login_writes_the_entry_and_keeps_rizhi_running(
    qtbot: QtBot, dialog: SettingsDialog, ui_settings: UiSettings, config: Path
) -> None:
    dialog.background.login_check.setChecked(True)
    assert dialog.background.keep_check.isChecked()  # at login it is there for capture
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.accept()
    assert (config / "autostart" / "rizhi.desktop").exists() and autostart.is_enabled()
    assert ui_settings.keep_in_background(tray=False) is True


def test_unticked_the_entry_goes(
    window: QMainWindow, ui_settings: UiSettings, config: Path
) -> None:
    autostart.enable()
    again = open_dialog(window, ui_settings)
    assert again.background.login_check.isChecked()
    again.background.login_check.setChecked(False)
    again.accept()
    assert not (config / "autostart" / "rizhi.desktop").exists()


def test_an_entry_that_cannot_be_written_is_said_and_nothing_is_saved(
    dialog: SettingsDialog, ui_settings: UiSettings, config: Path
) -> None:
    config.write_text("a file where the folder would be")
    dialog.background.login_check.setChecked(True)
    dialog.general.web_images_check.setChecked(False)
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "could not change" in dialog.background.error.text()
    assert not dialog.background.error.isHidden()
    assert not ui_settings.keep_in_background_chosen() and ui_settings.show_web_images
