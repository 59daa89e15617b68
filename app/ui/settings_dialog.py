"""The settings dialog: General (theme, week, WIP limit, rollover, unit review time,
pictures from the web in the log; running in the background and at login:
background_settings.py), Reminders (reminder_settings_group.py), Focus (the Pomodoro
lengths and idle: app/ui/focus/settings_group.py) and Shortcuts (shortcuts_page.py).

The theme, pictures and shortcuts are the window's own (`UiSettings`, ui.ini); the week
start, WIP limit, rollover, review time, reminder and focus settings live in the store,
shared with the command line, and are saved through the caller (`save_store`) as one
change.

Nothing is saved until OK. The theme is the one exception to "nothing changes until OK":
choosing it previews it at once, and Cancel puts the previous theme back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import time
from typing import Final, NamedTuple

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.settings import DEFAULTS, MAX_WIP_LIMIT, Preferences
from app.ui.actions import (
    ActionRegistry,
)
from app.ui.background_settings import BackgroundGroup
from app.ui.focus.settings_group import FocusSettingsGroup, focus_texts
from app.ui.hotkey_group import HotkeyGroup
from app.ui.hotkeys.choose import CaptureHotkey
from app.ui.reminder_settings_group import ReminderSettingsGroup, reminder_texts
from app.ui.screen_fit import fit_to_screen
from app.ui.settings import UiSettings
from app.ui.shortcuts_page import ShortcutsPage
from app.ui.theme import ThemeController, apply_theme

THEME_CHOICES: Final = (("Follow system", "system"), ("Light", "light"), ("Dark", "dark"))
ROLLOVER_CHOICES: Final = (
    ("Automatically, when the new week is first opened", "auto"),
    ("Ask me", "ask"),
    ("Manually", "manual"),
)


class GeneralValues(NamedTuple):
    theme: str
    week_start: int
    wip_limit: int
    rollover_mode: str
    review_time: time = DEFAULTS.review_time
    web_images: bool = True

    def store_texts(self) -> dict[str, str]:
        """The values the store keeps, as the store's settings take them."""
        prefs = Preferences(self.week_start, self.wip_limit, self.rollover_mode, self.review_time)
        return prefs.texts()


# --- General -----------------------------------------------------------------------


class GeneralPage(QWidget):
    """Appearance and board settings, as a form."""

    theme_chosen = Signal(str)

    def __init__(
        self,
        settings: UiSettings,
        prefs: Preferences = DEFAULTS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme_box = _choice_box(THEME_CHOICES, settings.theme)
        self.week_start_box = _choice_box(_weekday_choices(), prefs.week_start)
        self.wip_box = QSpinBox()
        self.wip_box.setRange(0, MAX_WIP_LIMIT)
        self.wip_box.setSpecialValueText("No limit")  # shown for 0
        self.wip_box.setValue(prefs.wip_limit)
        self.wip_box.setToolTip("The Active column is marked when it holds more cards than this")
        self.rollover_box = _choice_box(ROLLOVER_CHOICES, prefs.rollover)
        self.rollover_box.setToolTip("What happens to unfinished cards when a new week starts")
        self.review_time_edit = QTimeEdit(_qtime(prefs.review_time))
        self.review_time_edit.setDisplayFormat("HH:mm")
        self.review_time_edit.setToolTip(
            "On a unit's last day, Rizhi asks for its review at this time"
        )
        self.web_images_check = QCheckBox("Show &images from the web in the log")
        self.web_images_check.setChecked(settings.show_web_images)
        self.web_images_check.setToolTip(
            "Off: pictures given by a web address stay links and nothing is downloaded"
        )
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("&Theme:", self.theme_box)
        form.addRow("Week &starts on:", self.week_start_box)
        form.addRow("&WIP limit for Active:", self.wip_box)
        form.addRow("Week &rollover:", self.rollover_box)
        form.addRow("Unit re&view at:", self.review_time_edit)
        form.addRow("", self.web_images_check)
        self.theme_box.currentIndexChanged.connect(
            lambda _index: self.theme_chosen.emit(self.theme_box.currentData())
        )

    def values(self) -> GeneralValues:
        return GeneralValues(
            theme=str(self.theme_box.currentData()),
            week_start=int(self.week_start_box.currentData()),
            wip_limit=self.wip_box.value(),
            rollover_mode=str(self.rollover_box.currentData()),
            review_time=_time(self.review_time_edit.time()),
            web_images=self.web_images_check.isChecked(),
        )


def _qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


def _time(moment: QTime) -> time:
    return time(moment.hour(), moment.minute())


def _choice_box(choices: tuple[tuple[str, object], ...], current: object) -> QComboBox:
    box = QComboBox()
    for label, data in choices:
        box.addItem(label, data)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


def _weekday_choices() -> tuple[tuple[str, object], ...]:
    locale = QLocale()
    # Qt numbers weekdays 1 (Monday) … 7; the setting uses 0 … 6 like Python's weekday().
    return tuple((locale.dayName(day + 1), day) for day in range(7))


def _stacked(*widgets: QWidget) -> QWidget:
    """One tab holding `widgets` from the top, the room left below them."""
    page = QWidget()
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return page


def save_general(settings: UiSettings, values: GeneralValues) -> bool:
    """Write the window's own General values; True when any differed from what was
    stored. The store's values go through `GeneralValues.store_texts`."""
    before = (settings.theme, settings.show_web_images)
    settings.set_theme(values.theme)
    settings.set_show_web_images(values.web_images)
    return (values.theme, values.web_images) != before


# --- the dialog ---------------------------------------------------------------------


class SettingsDialog(QDialog):
    """Emits `settings_changed` after OK when anything was changed.

    Choosing a theme previews it at once: through `theme` (a ThemeController, whose own
    signal then tells the views) when given, else by applying it to the application.
    `theme_previewed(ResolvedTheme)` reports each preview, and the revert on Cancel, for
    windows without a controller.
    """

    settings_changed = Signal()
    theme_previewed = Signal(object)

    def __init__(
        self,
        settings: UiSettings,
        registry: ActionRegistry,
        parent: QWidget | None = None,
        theme: ThemeController | None = None,
        *,
        prefs: Preferences = DEFAULTS,
        save_store: Callable[[Mapping[str, str]], bool] | None = None,
        hotkey: CaptureHotkey | None = None,
        stored: Mapping[str, str] | None = None,
    ) -> None:
        """`stored`: the store's settings in force (`setting_texts`), for the Reminders
        tab; without them the tab is left out and the reminder settings alone."""
        super().__init__(parent)
        self._prefs = prefs
        self._reminders_before = reminder_texts(stored) if stored is not None else {}
        self._focus_before = focus_texts(stored) if stored is not None else {}
        self._save_store = save_store
        self.setWindowTitle("Settings")
        # The window makes a new dialog each time; this one goes when it closes.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._settings = settings
        self._theme = theme
        self._previewed = False
        # What Cancel goes back to: what was showing when the dialog opened.
        self._mode_before = theme.mode if theme is not None else settings.theme
        self.general = GeneralPage(settings, prefs)
        self.general.theme_chosen.connect(self._preview_theme)
        self.background = BackgroundGroup(settings)
        self.hotkey = HotkeyGroup(settings, hotkey)
        self.shortcuts = ShortcutsPage(registry)
        self.tabs = QTabWidget()
        self.tabs.addTab(_stacked(self.general, self.background, self.hotkey), "&General")
        self.reminders: ReminderSettingsGroup | None = None
        if stored is not None:
            self.reminders = ReminderSettingsGroup(self._reminders_before)
            self.tabs.addTab(_stacked(self.reminders), "Re&minders")
        self.focus: FocusSettingsGroup | None = None
        if stored is not None:
            self.focus = FocusSettingsGroup(self._focus_before)
            self.tabs.addTab(_stacked(self.focus), "&Focus")
        self.tabs.addTab(self.shortcuts, "&Shortcuts")
        self.shortcuts.conflicts_changed.connect(self._mark_shortcuts_tab)
        self._mark_shortcuts_tab(len(self.shortcuts.conflicts()))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 720, 560)

    @property
    def conflict_label(self) -> QLabel:
        return self.shortcuts.conflict_label

    def accept(self) -> None:
        # First what can fail (a key that cannot be global, the autostart entry): then
        # nothing else is saved.
        background = self.background.save(self._settings) if self.hotkey.check() else None
        if background is None:
            self.tabs.setCurrentIndex(0)
            return  # said in the group; the dialog stays open with the values
        values = self.general.values()
        wanted = values.store_texts()
        before = self._prefs.texts() | self._reminders_before | self._focus_before
        if self.reminders is not None:
            wanted |= self.reminders.texts()
        if self.focus is not None:
            wanted |= self.focus.texts()
        changed = background
        if wanted != before and self._save_store is not None:
            if not self._save_store(wanted):
                return  # refused and reported; the dialog stays open with the values
            changed = True
        changed = save_general(self._settings, values) or changed
        changed = self.hotkey.save(self._settings) or changed
        changed = self.shortcuts.apply() or changed
        self._previewed = False  # what is showing is now what is saved
        super().accept()
        if changed:
            self.settings_changed.emit()

    def reject(self) -> None:
        if self._previewed:
            self._show_theme(self._mode_before)
            self._previewed = False
        super().reject()

    def _mark_shortcuts_tab(self, conflicts: int) -> None:
        # Seen from the General tab too: OK would save keys that run nothing.
        index = self.tabs.indexOf(self.shortcuts)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.tabs.setTabIcon(index, icon if conflicts else QIcon())
        self.tabs.setTabToolTip(index, f"{conflicts} shortcut conflict(s)" if conflicts else "")

    def _preview_theme(self, mode: str) -> None:
        self._previewed = True
        self._show_theme(mode)

    def _show_theme(self, mode: str) -> None:
        if self._theme is not None:
            resolved = self._theme.set_mode(mode)
        else:
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            resolved = apply_theme(app, mode)
        self.theme_previewed.emit(resolved)
