"""Settings › Focus: the Pomodoro lengths and the idle setting shown as stored, saved with
the other store settings as one change, and nothing saved when nothing changed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.services.settings import preferences, set_settings, setting_texts
from app.store.db import Store
from app.ui.actions import ActionRegistry
from app.ui.settings import UiSettings
from app.ui.settings_dialog import SettingsDialog


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()  # held by the test: the dialogs are its children
    qtbot.addWidget(main)
    return main


def open_dialog(
    qtbot: QtBot,
    window: QMainWindow,
    tmp_path: Path,
    store: Store,
    saved: list[Mapping[str, str]],
) -> SettingsDialog:
    settings = UiSettings(tmp_path / "ui.ini")

    def save(values: Mapping[str, str]) -> bool:
        saved.append(values)
        set_settings(store, values)
        return True

    dialog = SettingsDialog(
        settings,
        ActionRegistry(settings, window),
        window,
        prefs=preferences(store),
        save_store=save,
        stored=setting_texts(store),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_focus_settings_are_shown_and_saved(
    qtbot: QtBot, window: QMainWindow, tmp_path: Path, store: Store
) -> None:
    set_settings(store, {"focus.idle": "off", "focus.long_break": "20m"})
    saved: list[Mapping[str, str]] = []
    untouched = open_dialog(qtbot, window, tmp_path, store, saved)
    assert untouched.focus is not None
    assert untouched.tabs.tabText(untouched.tabs.count() - 2) == "&Focus"
    assert untouched.focus.long_break.value() == 20
    assert not untouched.focus.idle_check.isChecked() and not untouched.focus.idle.isEnabled()
    untouched.accept()
    assert saved == []
    dialog = open_dialog(qtbot, window, tmp_path, store, saved)
    assert dialog.focus is not None
    dialog.focus.pomodoro.setValue(50)
    dialog.focus.every.setValue(3)
    dialog.focus.idle_check.setChecked(True)
    dialog.focus.idle.setValue(10)
    dialog.accept()
    assert len(saved) == 1
    texts = setting_texts(store)
    assert [texts[k] for k in ("focus.pomodoro", "focus.long_break_every", "focus.idle")] == [
        "50m",
        "3",
        "10m",
    ]
    assert texts["focus.long_break"] == "20m"
