"""The settings dialog: General (theme, week, WIP limit, rollover, unit review time,
pictures from the web in the log) and Shortcuts.

The theme, pictures and shortcuts are the window's own (`UiSettings`, ui.ini); the week
start, WIP limit, rollover and review time live in the store, shared with the command
line, and are saved through the caller (`save_store`) as one change.

Nothing is saved until OK. The theme is the one exception to "nothing changes until OK":
choosing it previews it at once, and Cancel puts the previous theme back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import time
from typing import Final, NamedTuple

from PySide6.QtCore import QKeyCombination, QLocale, QSize, Qt, QTime, Signal
from PySide6.QtGui import QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTabWidget,
    QTimeEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.settings import DEFAULTS, MAX_WIP_LIMIT, Preferences
from app.ui.actions import (
    ActionRegistry,
    ActionSpec,
    Conflict,
    display_path,
    find_conflicts,
    native_text,
)
from app.ui.screen_fit import fit_to_screen
from app.ui.settings import UiSettings
from app.ui.theme import ThemeController, apply_theme

THEME_CHOICES: Final = (("Follow system", "system"), ("Light", "light"), ("Dark", "dark"))
ROLLOVER_CHOICES: Final = (
    ("Automatically, when the new week is first opened", "auto"),
    ("Ask me", "ask"),
    ("Manually", "manual"),
)
_PORTABLE = QKeySequence.SequenceFormat.PortableText
# Amber reads on both themes; the text keeps the palette's colour.
_CONFLICT_STYLE: Final = """
QLabel#shortcutConflicts {
    border: 1px solid #E39B17; border-left-width: 4px; border-radius: 6px; padding: 6px 10px;
}
"""


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


def save_general(settings: UiSettings, values: GeneralValues) -> bool:
    """Write the window's own General values; True when any differed from what was
    stored. The store's values go through `GeneralValues.store_texts`."""
    before = (settings.theme, settings.show_web_images)
    settings.set_theme(values.theme)
    settings.set_show_web_images(values.web_images)
    return (values.theme, values.web_images) != before


# --- Shortcuts ----------------------------------------------------------------------


class ShortcutsPage(QWidget):
    """Every command's shortcut, grouped by menu; edits stay pending until `apply`."""

    conflicts_changed = Signal(int)  # how many pairs of commands share keys now

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        # action id → the sequence chosen here, or None for "the default".
        self._pending: dict[str, str | None] = {
            spec.id: (
                registry.effective_shortcut(spec.id) if registry.is_overridden(spec.id) else None
            )
            for spec in registry.specs()
        }
        self._initial = dict(self._pending)
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._editors: dict[str, QKeySequenceEdit] = {}
        self._resets: dict[str, QToolButton] = {}
        self._groups: list[QTreeWidgetItem] = []

        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Filter by command, menu or key…")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(self._apply_filter)
        self.tree = self._build_tree()
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("shortcutConflicts")
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_label.setStyleSheet(_CONFLICT_STYLE)
        self.reset_all_button = QPushButton("Reset &all")
        self.reset_all_button.setToolTip("Give every command its default shortcut")
        self.reset_all_button.clicked.connect(self.reset_all)

        bottom = QHBoxLayout()
        bottom.addWidget(self.conflict_label, 1)
        bottom.addWidget(self.reset_all_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self._refresh_state()

    # --- public -------------------------------------------------------------------

    def editor(self, action_id: str) -> QKeySequenceEdit:
        return self._editors[action_id]

    def reset_button(self, action_id: str) -> QToolButton:
        return self._resets[action_id]

    def visible_ids(self) -> list[str]:
        return [action_id for action_id, item in self._rows.items() if not item.isHidden()]

    def pending_shortcuts(self, action_id: str) -> tuple[str, ...]:
        """What the command's keys will be after OK."""
        pending = self._pending[action_id]
        if pending is None:
            return self._registry.spec(action_id).default_shortcuts
        return (pending,) if pending else ()

    def conflicts(self) -> list[Conflict]:
        return find_conflicts(
            (spec.id, spec.scope, self.pending_shortcuts(spec.id))
            for spec in self._registry.specs()
        )

    def reset(self, action_id: str) -> None:
        self._pending[action_id] = None
        self._show(action_id)
        self._refresh_state()

    def reset_all(self) -> None:
        for action_id in self._pending:
            self._pending[action_id] = None
            self._show(action_id)
        self._refresh_state()

    def apply(self) -> bool:
        """Give the registry every changed shortcut; True when something changed."""
        changed = False
        for action_id, pending in self._pending.items():
            if pending == self._initial[action_id]:
                continue
            changed = True
            if pending is None:
                self._registry.reset_shortcut(action_id)
            else:
                self._registry.set_shortcut(action_id, pending)
        self._initial = dict(self._pending)
        return changed

    # --- building -----------------------------------------------------------------

    def _build_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(3)
        tree.setHeaderLabels(["Command", "Shortcut", ""])
        tree.setRootIsDecorated(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, 220)

        groups: dict[str, QTreeWidgetItem] = {}
        for spec in self._registry.specs():
            group_name = display_path(spec.menu) or "Other"
            if group_name not in groups:
                groups[group_name] = _group_item(tree, group_name)
            self._add_row(tree, groups[group_name], spec)
        tree.expandAll()
        self._groups = list(groups.values())
        widest_reset = max((b.sizeHint().width() for b in self._resets.values()), default=60)
        header.resizeSection(2, widest_reset + 12)
        return tree

    def _add_row(self, tree: QTreeWidget, group: QTreeWidgetItem, spec: ActionSpec) -> None:
        item = QTreeWidgetItem(group, [spec.title])
        item.setToolTip(0, spec.description or spec.title)
        editor = QKeySequenceEdit()
        editor.setMaximumSequenceLength(1)
        editor.setClearButtonEnabled(True)
        # Tab must move on rather than be recorded, or the keyboard is stuck in the table.
        editor.setFinishingKeyCombinations(
            [QKeyCombination(Qt.Key.Key_Tab), QKeyCombination(Qt.Key.Key_Backtab)]
        )
        editor.setAccessibleName(f"Shortcut for {spec.title}")
        editor.keySequenceChanged.connect(
            lambda sequence, action_id=spec.id: self._on_edited(action_id, sequence)
        )
        reset = QToolButton()
        reset.setText("Reset")
        reset.setToolTip(f"Give “{spec.title}” its default shortcut")
        reset.clicked.connect(lambda _checked=False, action_id=spec.id: self.reset(action_id))
        tree.setItemWidget(item, 1, editor)
        tree.setItemWidget(item, 2, reset)
        # Item widgets do not size their row; without this the editors are clipped.
        item.setSizeHint(0, QSize(0, editor.sizeHint().height() + 4))
        self._rows[spec.id] = item
        self._editors[spec.id] = editor
        self._resets[spec.id] = reset
        self._show(spec.id)

    # --- reacting -----------------------------------------------------------------

    def _on_edited(self, action_id: str, sequence: QKeySequence) -> None:
        text = sequence.toString(_PORTABLE)
        defaults = self._registry.spec(action_id).default_shortcuts
        self._pending[action_id] = None if ((text,) if text else ()) == defaults else text
        self._refresh_state()

    def _show(self, action_id: str) -> None:
        """Put the pending shortcut in the row's editor without counting it as an edit."""
        shortcuts = self.pending_shortcuts(action_id)
        editor = self._editors[action_id]
        editor.blockSignals(True)
        editor.setKeySequence(QKeySequence.fromString(shortcuts[0] if shortcuts else "", _PORTABLE))
        editor.blockSignals(False)
        also = [native_text(s) for s in shortcuts[1:]]
        editor.setToolTip(f"Also: {', '.join(also)}" if also else "")

    def _refresh_state(self) -> None:
        conflicts = self.conflicts()
        clashing = {c.first for c in conflicts} | {c.second for c in conflicts}
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for action_id, item in self._rows.items():
            self._resets[action_id].setEnabled(self._pending[action_id] is not None)
            item.setIcon(0, warning if action_id in clashing else QIcon())
        self.conflict_label.setText(self._conflict_text(conflicts))
        self.conflict_label.setVisible(bool(conflicts))
        self.conflicts_changed.emit(len(conflicts))
        self.reset_all_button.setEnabled(any(v is not None for v in self._pending.values()))

    def _conflict_text(self, conflicts: list[Conflict]) -> str:
        def title(action_id: str) -> str:
            return self._registry.spec(action_id).title

        lines = [
            f"{native_text(c.sequence)} is used by both “{title(c.first)}” and “{title(c.second)}”."
            for c in conflicts
        ]
        if lines:
            lines.append("Neither runs from the keyboard until one of them changes.")
        return "\n".join(lines)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for action_id, item in self._rows.items():
            spec = self._registry.spec(action_id)
            keys = [native_text(s) for s in self.pending_shortcuts(action_id)]
            haystack = " ".join((spec.title, display_path(spec.menu), *keys)).casefold()
            item.setHidden(bool(needle) and needle not in haystack)
        for group in self._groups:
            children = [group.child(i) for i in range(group.childCount())]
            group.setHidden(all(child is None or child.isHidden() for child in children))


def _group_item(tree: QTreeWidget, name: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem(tree, [name])
    font = QFont(item.font(0))
    font.setBold(True)
    item.setFont(0, font)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setFirstColumnSpanned(True)
    return item


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
    ) -> None:
        super().__init__(parent)
        self._prefs = prefs
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
        self.shortcuts = ShortcutsPage(registry)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.general, "&General")
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
        values = self.general.values()
        wanted = values.store_texts()
        changed = False
        if wanted != self._prefs.texts() and self._save_store is not None:
            if not self._save_store(wanted):
                return  # refused and reported; the dialog stays open with the values
            changed = True
        changed = save_general(self._settings, values) or changed
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
