"""The settings dialog: nothing is saved before OK; Cancel undoes the theme preview."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow
from pytestqt.qtbot import QtBot

from app.services.settings import preferences, set_settings, setting_texts
from app.store.db import Store
from app.ui.actions import ActionRegistry, ActionSpec
from app.ui.settings import UiSettings
from app.ui.settings_dialog import SettingsDialog
from app.ui.theme import ThemeController
from tests.services.test_store_settings import TIMEBOX_DEFAULTS

SPECS = [
    ActionSpec("file.new", "New item", "Ctrl+N", "File"),
    ActionSpec("view.palette", "Command palette…", "Ctrl+K", "View", alternates=("Ctrl+Shift+P",)),
    ActionSpec("board.next", "Next week", "Ctrl+]", "Board"),
    ActionSpec("board.rollover", "Carry unfinished cards over", "", "Board"),
]


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "ui.ini"


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


@pytest.fixture
def registry(ini: Path, window: QMainWindow) -> ActionRegistry:
    registry = ActionRegistry(UiSettings(ini), window)
    for spec in SPECS:
        registry.register(spec, lambda: None)
    return registry


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    if hasattr(qapp.styleHints(), "unsetColorScheme"):
        qapp.styleHints().unsetColorScheme()


def saving_to(store: Store, saved: list[Mapping[str, str]]) -> Callable[[Mapping[str, str]], bool]:
    """The window's way to save the store's settings, each save also noted in `saved`."""

    def save_store(values: Mapping[str, str]) -> bool:
        saved.append(values)
        set_settings(store, values)
        return True

    return save_store


def open_dialog(
    qtbot: QtBot,
    ini: Path,
    registry: ActionRegistry,
    window: QMainWindow,
    theme: ThemeController | None = None,
) -> SettingsDialog:
    dialog = SettingsDialog(UiSettings(ini), registry, window, theme=theme)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # inspect after closing
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def record_key(qtbot: QtBot, dialog: SettingsDialog, action_id: str, key: Qt.Key) -> None:
    """Press Ctrl+key in the command's shortcut editor, as a user would."""
    dialog.tabs.setCurrentWidget(dialog.shortcuts)
    editor = dialog.shortcuts.editor(action_id)
    editor.setFocus()
    editor.clear()
    qtbot.keyClick(editor, key, Qt.KeyboardModifier.ControlModifier)
    # Let go of Ctrl too: Qt keeps the modifiers of the last key event as the ones held,
    # and a later test's plain Return would otherwise arrive as Ctrl+Return.
    qtbot.keyRelease(editor, Qt.Key.Key_Control)


def test_a_changed_shortcut_is_saved_on_ok(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)
    record_key(qtbot, dialog, "file.new", Qt.Key.Key_J)
    assert registry.effective_shortcut("file.new") == "Ctrl+N"  # pending until OK
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert registry.effective_shortcut("file.new") == "Ctrl+J"
    assert registry.action("file.new").shortcut() == QKeySequence("Ctrl+J")
    assert UiSettings(ini).shortcut_overrides() == {"file.new": "Ctrl+J"}


def test_cancel_discards_every_change(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    saved: list[Mapping[str, str]] = []
    dialog = SettingsDialog(UiSettings(ini), registry, window, save_store=saved.append)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    record_key(qtbot, dialog, "file.new", Qt.Key.Key_J)
    dialog.general.wip_box.setValue(7)
    dialog.general.web_images_check.setChecked(False)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert registry.effective_shortcut("file.new") == "Ctrl+N"
    assert UiSettings(ini).shortcut_overrides() == {}
    assert UiSettings(ini).show_web_images and saved == []


def test_ok_without_changes_emits_nothing(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.accept()


def test_conflicts_are_listed_and_marked_until_resolved(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)
    label = dialog.conflict_label
    shortcuts_tab = dialog.tabs.indexOf(dialog.shortcuts)
    assert label.isHidden() and dialog.tabs.tabIcon(shortcuts_tab).isNull()

    record_key(qtbot, dialog, "board.next", Qt.Key.Key_K)
    assert not label.isHidden()
    assert "Ctrl+K" in label.text()
    assert "“Command palette…”" in label.text() and "“Next week”" in label.text()
    assert not dialog.tabs.tabIcon(shortcuts_tab).isNull()  # seen from the General tab too

    dialog.shortcuts.reset_button("board.next").click()
    assert label.isHidden() and dialog.tabs.tabIcon(shortcuts_tab).isNull()


def test_an_alternate_key_counts_as_a_conflict(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)
    dialog.shortcuts.editor("file.new").setKeySequence(QKeySequence("Ctrl+Shift+P"))
    assert "Ctrl+Shift+P" in dialog.conflict_label.text()


def test_reset_and_reset_all_bring_back_the_defaults_on_ok(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    registry.set_shortcut("file.new", "Ctrl+M")
    registry.set_shortcut("view.palette", "")
    registry.set_shortcut("board.rollover", "Ctrl+R")
    dialog = open_dialog(qtbot, ini, registry, window)
    page = dialog.shortcuts
    assert page.editor("file.new").keySequence() == QKeySequence("Ctrl+M")
    assert page.editor("view.palette").keySequence().isEmpty()
    assert page.reset_button("file.new").isEnabled()
    assert not page.reset_button("board.next").isEnabled()  # nothing to reset

    page.reset_button("file.new").click()
    assert page.editor("file.new").keySequence() == QKeySequence("Ctrl+N")
    assert registry.effective_shortcut("file.new") == "Ctrl+M"  # still pending
    dialog.accept()
    assert registry.effective_shortcut("file.new") == "Ctrl+N"
    assert UiSettings(ini).shortcut_overrides() == {"view.palette": "", "board.rollover": "Ctrl+R"}

    dialog = open_dialog(qtbot, ini, registry, window)
    dialog.shortcuts.reset_all_button.click()
    assert not dialog.shortcuts.reset_all_button.isEnabled()
    dialog.accept()
    assert registry.effective_shortcuts("view.palette") == ("Ctrl+K", "Ctrl+Shift+P")
    assert UiSettings(ini).shortcut_overrides() == {}


def test_clearing_a_shortcut_saves_no_shortcut(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)
    dialog.shortcuts.editor("board.next").clear()
    dialog.accept()
    assert registry.effective_shortcuts("board.next") == ()
    assert UiSettings(ini).shortcut_overrides() == {"board.next": ""}


def test_the_filter_hides_other_commands_and_empty_menus(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)
    page = dialog.shortcuts
    page.filter_field.setText("week")
    assert page.visible_ids() == ["board.next"]
    groups = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    shown = [g.text(0) for g in groups if g is not None and not g.isHidden()]
    assert shown == ["Board"]
    page.filter_field.setText("ctrl+k")  # keys match too
    assert page.visible_ids() == ["view.palette"]
    page.filter_field.clear()
    assert page.visible_ids() == [s.id for s in SPECS]


def test_general_settings_are_saved_on_ok(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow, store: Store
) -> None:
    saved: list[Mapping[str, str]] = []
    save_store = saving_to(store, saved)

    set_settings(store, {"reminders.default_timed": "20m"})  # one the menu does not offer
    dialog = SettingsDialog(
        UiSettings(ini),
        registry,
        window,
        prefs=preferences(store),
        save_store=save_store,
        stored=setting_texts(store),
    )
    qtbot.addWidget(dialog)
    general = dialog.general
    general.week_start_box.setCurrentIndex(6)
    general.wip_box.setValue(0)
    general.rollover_box.setCurrentIndex(general.rollover_box.findData("auto"))
    general.web_images_check.setChecked(False)
    assert general.wip_box.text() == "No limit"
    reminders = dialog.reminders
    assert reminders is not None
    assert reminders.timed_box.currentText() == "20m before"
    reminders.dated.check.setChecked(True)  # at 09:00, as the time edit offers
    reminders.unit_review_check.setChecked(False)
    reminders.weekly.time_edit.setTime(QTime(8, 30))
    reminders.evening.check.setChecked(True)
    reminders.evening.time_edit.setTime(QTime(21, 45))
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.accept()
    assert len(saved) == 1  # the store's settings, the reminders' included, as one change
    assert setting_texts(store) == {
        "week.start": "sunday",
        "board.wip_limit": "0",
        "board.rollover": "auto",
        "units.review_time": "21:00",
        "backups.every_hours": "4",  # not in the dialog: left as it was
        "reminders.default_timed": "20m",
        "reminders.default_dated": "09:00",
        "reminders.unit_review": "off",
        "reminders.weekly_planning": "08:30",
        "reminders.evening_log": "21:45",
        **TIMEBOX_DEFAULTS,
    }
    assert UiSettings(ini).show_web_images is False  # the window's own, in ui.ini


def test_a_refused_save_keeps_the_dialog_open(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = SettingsDialog(UiSettings(ini), registry, window, save_store=lambda values: False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.general.wip_box.setValue(7)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert UiSettings(ini).theme == "system"


@pytest.mark.usefixtures("restore_theme")
def test_the_theme_previews_at_once_and_cancel_restores_it(
    qtbot: QtBot, qapp: QApplication, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    theme = ThemeController(qapp, "light", parent=window)
    dialog = open_dialog(qtbot, ini, registry, window, theme)
    with qtbot.waitSignal(theme.theme_changed):
        dialog.general.theme_box.setCurrentIndex(dialog.general.theme_box.findData("dark"))
    assert theme.current.dark
    assert qapp.palette().window().color().lightness() < 60
    assert UiSettings(ini).theme == "system"  # previewed, not saved
    dialog.reject()
    assert theme.mode == "light"
    assert qapp.palette().window().color().lightness() > 200


@pytest.mark.usefixtures("restore_theme")
def test_ok_saves_the_previewed_theme(
    qtbot: QtBot, qapp: QApplication, ini: Path, registry: ActionRegistry, window: QMainWindow
) -> None:
    dialog = open_dialog(qtbot, ini, registry, window)  # no controller: applied directly
    previews: list[object] = []
    dialog.theme_previewed.connect(previews.append)
    dialog.general.theme_box.setCurrentIndex(dialog.general.theme_box.findData("dark"))
    assert len(previews) == 1 and getattr(previews[0], "dark", None) is True
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.accept()
    assert UiSettings(ini).theme == "dark"
    assert qapp.palette().window().color().lightness() < 60


def test_the_reminder_settings_alone_are_saved_and_unchanged_ones_are_not(
    qtbot: QtBot, ini: Path, registry: ActionRegistry, window: QMainWindow, store: Store
) -> None:
    saved: list[Mapping[str, str]] = []
    save_store = saving_to(store, saved)

    def dialog() -> SettingsDialog:
        opened = SettingsDialog(
            UiSettings(ini),
            registry,
            window,
            prefs=preferences(store),
            save_store=save_store,
            stored=setting_texts(store),
        )
        qtbot.addWidget(opened)
        return opened

    untouched = dialog()
    untouched.accept()
    assert saved == []  # nothing differed: nothing to save
    changed = dialog()
    assert changed.tabs.tabText(1) == "Re&minders"
    assert changed.reminders is not None
    changed.reminders.timed_box.setCurrentIndex(0)  # no reminder
    changed.reminders.weekly.check.setChecked(False)
    assert not changed.reminders.weekly.time_edit.isEnabled()
    changed.accept()
    assert len(saved) == 1
    texts = setting_texts(store)
    assert (texts["reminders.default_timed"], texts["reminders.weekly_planning"]) == ("off", "off")
    assert texts["week.start"] == "monday"  # the rest as it was
