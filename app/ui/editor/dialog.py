"""The item editor dialog: the title above eight tabs (details_tab.py, reminders_tab.py,
notes_tab.py, links_tab.py, subtasks_tab.py, reading_tab.py, time_tab.py,
history_tab.py), Save and Cancel below, and a banner when the item changes elsewhere
while it is open.

Nothing is written while the dialog is open but time entries (time_tab.py says why).
Save turns the differences between the form and what was loaded into an `EditPlan` and
applies it with `apply_edit` (app/services/item_edit_plan.py), one transaction and one
undoable operation (`Operations.run`): a single Ctrl+Z in the window takes the whole
edit back (subtasks created by it, reminders and the repeat rule included), and a
refusal reaches the user through `Operations.failed` with nothing saved.

Python code never calls `QModelIndex.data()` or `QComboBox.currentData()` in the editor
(see tests/ui/test_pyside_none_refcount.py): combo boxes are read by index into Python
tuples, lists by row into Python lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.entities import ItemPatch, ItemRecord
from app.domain.enums import ItemKind
from app.domain.errors import DomainError
from app.domain.item_fields import tag_changes
from app.services.item_details import ItemDetails, item_details
from app.services.item_edit_plan import EditPlan, apply_edit
from app.services.items import get_item
from app.store import time_rows
from app.ui.editor.common import FormError, muted, no_default, repaint_status, set_status, tokens_of
from app.ui.editor.details_tab import KIND_CHOICES, DetailsTab
from app.ui.editor.history_tab import HistoryTab
from app.ui.editor.links_tab import LinksTab
from app.ui.editor.notes_tab import NotesTab
from app.ui.editor.reading_tab import ReadingTab
from app.ui.editor.reminders_tab import RemindersTab
from app.ui.editor.subtasks_tab import SubtasksTab
from app.ui.editor.time_bar import SpentBar, spent_text
from app.ui.editor.time_tab import TimeTab
from app.ui.ops import Operations
from app.ui.screen_fit import fit_to_screen

TABS: Final = (
    "details",
    "reminders",
    "notes",
    "links",
    "subtasks",
    "reading",
    "time",
    "history",
)


class ItemEditor(QDialog):
    """Edit one item. `open()` shows it without blocking the window; it deletes itself
    when closed. Raises NotFound when the item does not exist."""

    saved = Signal(int)  # the item's id, after a save that wrote something

    def __init__(self, ops: Operations, item_id: int, parent: QWidget | None = None) -> None:
        details = item_details(ops.store, item_id)  # NotFound, before any widget exists
        super().__init__(parent)
        self.ops = ops
        self.item_id = item_id
        # Asked before Cancel throws edits away; tests replace it.
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self._saving = False
        self._failure = ""
        self._gone = False  # the item disappeared while the dialog was open
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("ItemEditor")
        self.setSizeGripEnabled(True)
        self.setMinimumSize(620, 480)
        fit_to_screen(self, 800, 620)

        self._build()
        self._load(details)
        self._paint()
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)
        self.ops.changed.connect(self.apply_changes)
        self.ops.failed.connect(self._record_failure)

    # --- public ----------------------------------------------------------------------

    def open(self) -> None:
        """Show the editor without blocking the window behind it (QDialog.open would
        make it window-modal) and give it the keyboard."""
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.show()
        self.raise_()
        self.activateWindow()
        self.title_edit.setFocus()

    def tab(self, name: str) -> int:
        """The index of a tab by name: one of TABS."""
        return TABS.index(name)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(self.tab(name))

    def has_unsaved_changes(self) -> bool:
        try:
            return not self.plan().empty
        except FormError:
            return True  # something was typed that differs from what was loaded

    def plan(self) -> EditPlan:
        """What Save would write. Raises FormError for input that cannot be saved."""
        fields: dict[str, object] = {}
        title = self.title_edit.text().strip()
        if not title:
            raise FormError("details", self.title_edit, "The title cannot be empty.")
        if self.title_edit.text() != self._loaded_title:
            fields["title"] = title
        details_fields, clear = self.details_tab.changes()
        fields.update(details_fields)
        fields.update(self.notes_tab.changes())
        fields.update(self.reading_tab.changes())
        add_tags, remove_tags = tag_changes(self._record.tags, self.details_tab.tags())
        removed_reminders, new_reminders = self.reminders_tab.reminder_changes()
        patch = None
        if fields or clear or add_tags or remove_tags:
            patch = ItemPatch(
                **fields,  # type: ignore[arg-type]
                add_tags=add_tags,
                remove_tags=remove_tags,
                clear=frozenset(clear),
            )
        return EditPlan(
            patch=patch,
            links=self.links_tab.changes(),
            pass_notes=self.reading_tab.pass_notes(),
            new_subtasks=self.subtasks_tab.new_titles(),
            completions=self.subtasks_tab.completions(),
            repeat=self.reminders_tab.repeat_change(),
            removed_reminders=removed_reminders,
            new_reminders=new_reminders,
        )

    def save(self) -> bool:
        """Write the edit as one undoable operation and close. False, with the reason
        shown, when the input cannot be saved or a service refused it."""
        if self._saving or self._gone:
            return False
        self._flush_timers()
        try:
            plan = self.plan()
        except FormError as error:
            self._show_form_error(error)
            return False
        if plan.empty:
            self._finish()
            return True
        store, item_id = self.ops.store, self.item_id
        title = self.title_edit.text().strip()
        self._saving, self._failure = True, ""
        try:
            ok = self.ops.run(
                f"Edit “{title}”",
                lambda now: apply_edit(store, item_id, plan, now=now),
            )
        finally:
            self._saving = False
        if not ok:
            self._show_error(self._failure or "The item could not be saved.")
            return False
        self.saved.emit(item_id)
        self._finish()
        return True

    def reject(self) -> None:
        """Cancel or Esc: close, asking first when there are edits to throw away."""
        if not self._gone and self.has_unsaved_changes() and not self.confirm_discard():
            return
        super().reject()

    def apply_changes(self, changes: Changes) -> None:
        """Something changed the store (an operation in the window, or the command line
        when connected to LiveUpdates.changed). Reload when this item is concerned and
        nothing was edited here; otherwise say so and keep the edits."""
        if self._saving:
            return
        if changes.time:
            self._show_time()
            if changes._replace(items=frozenset(), time=False).empty:
                return  # time spent or planned moved; the item's own fields did not
        ids = {self.item_id} | self.subtasks_tab.child_ids()
        if not (changes.everything or ids & changes.items):
            return
        try:
            details = item_details(self.ops.store, self.item_id)
        except DomainError:
            self._gone = True
            self.save_button.setEnabled(False)
            self._show_banner("This item no longer exists; there is nothing to save.", False)
            return
        if self._gone:
            self._gone = False
            self.save_button.setEnabled(True)
        if self.has_unsaved_changes():
            self._show_banner(
                "This item was changed elsewhere. Saving keeps those changes except in the "
                "fields you edited here.",
                True,
            )
            return
        self._load(details)

    def reload(self) -> None:
        """Throw local edits away and show the item as it is stored now."""
        try:
            self._load(item_details(self.ops.store, self.item_id))
        except DomainError as error:
            self._show_error(str(error))

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title")
        self.title_edit.setAccessibleName("Title")
        font = QFont(self.title_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.title_edit.setFont(font)
        self.meta_label = muted()
        self.spent_bar = SpentBar()

        self.banner = QFrame()
        self.banner.setObjectName("editorBanner")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.reload_button = no_default(QPushButton("Reload"))
        self.reload_button.setToolTip("Discard your edits and show the item as it is now")
        self.reload_button.clicked.connect(self.reload)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 6, 6)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.reload_button)
        self.banner.hide()

        self._build_tabs()

        self.error_label = QLabel()
        self.error_label.setObjectName("editorError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = no_default(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.save_button.setToolTip("Save (Ctrl+S or Ctrl+Enter); one Undo takes it back")
        cancel = no_default(self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        cancel.setToolTip("Close without saving (Esc)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.spent_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.details_tab = DetailsTab(self.ops.clock)
        self.details_tab.kind_changed.connect(self._kind_changed)
        self.reminders_tab = RemindersTab(self.ops.clock, self.details_tab.current_due)
        self.reminders_tab.title_changed.connect(lambda text: self._retitle("reminders", text))
        self.notes_tab = NotesTab()
        self.links_tab = LinksTab()
        self.links_tab.title_changed.connect(lambda text: self._retitle("links", text))
        self.subtasks_tab = SubtasksTab()
        self.subtasks_tab.title_changed.connect(lambda text: self._retitle("subtasks", text))
        self.reading_tab = ReadingTab()
        self.time_tab = TimeTab(self.ops, self.item_id)
        self.history_tab = HistoryTab()
        self.tabs.addTab(self.details_tab, "Details")
        self.tabs.addTab(self.reminders_tab, "Reminders && repeat")
        self.tabs.addTab(self.notes_tab, "Notes")
        self.tabs.addTab(self.links_tab, "Links")
        self.tabs.addTab(self.subtasks_tab, "Subtasks")
        self.tabs.addTab(self.reading_tab, "Reading")
        self.tabs.addTab(self.time_tab, "Time")
        self.tabs.addTab(self.history_tab, "History")

    # --- loading -------------------------------------------------------------------------

    def _load(self, details: ItemDetails) -> None:
        record = details.record
        self._record = record
        self.setWindowTitle(f"{record.title} — Edit item")
        self.title_edit.setText(record.title)
        self._loaded_title = self.title_edit.text()
        self.details_tab.load(record, self._parent_text(record))
        self.notes_tab.load(record.notes)
        self.reminders_tab.load(details)
        self.links_tab.load(details.links)
        self.subtasks_tab.load(details.children)
        self.reading_tab.load(details)
        self.time_tab.load(record.estimate_minutes)
        self.history_tab.load(record)
        self._show_time()
        self._kind_changed()
        self.details_tab.show_hints()
        self.notes_tab.render_preview()
        self.banner.hide()
        self._show_error("")

    def _show_time(self) -> None:
        """The header's line (kind, state) with the time spent against the estimate."""
        record = self._record
        if record is None:
            return
        spent = time_rows.spent_seconds(self.ops.store.raw, [self.item_id], self.ops.clock())
        seconds = spent.get(self.item_id, 0.0)
        time = spent_text(record.estimate_minutes, seconds)
        self.meta_label.setText(" · ".join(filter(None, (self._meta_text(record), time))))
        self.spent_bar.set_time(record.estimate_minutes, seconds)

    def _parent_text(self, record: ItemRecord) -> str:
        if record.parent_id is None:
            return "None — a top-level item"
        try:
            parent = get_item(self.ops.store, record.parent_id)
        except DomainError:
            return f"#{record.parent_id}"
        return f"{parent.title}  (#{parent.id})"

    def _meta_text(self, record: ItemRecord) -> str:
        kind = next(label for label, kind in KIND_CHOICES if kind is record.kind)
        parts = [f"#{record.id}", kind]
        if record.done:
            parts.append("completed")
        if record.deleted_at is not None:
            parts.append("in the trash")
        return " · ".join(parts)

    # --- reacting ------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        self.tabs.setTabVisible(self.tab("reading"), self.details_tab.kind() is ItemKind.PAPER)

    def _retitle(self, name: str, text: str) -> None:
        self.tabs.setTabText(self.tab(name), text)

    def _record_failure(self, message: str) -> None:
        if self._saving:
            self._failure = message

    # --- saving, closing, errors ------------------------------------------------------

    def _finish(self) -> None:
        self._flush_timers()
        super().accept()

    def _flush_timers(self) -> None:
        self.notes_tab.flush()
        self.details_tab.flush()

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Discard changes?",
            "This item has changes that were not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _show_form_error(self, error: FormError) -> None:
        self.tabs.setCurrentIndex(self.tab(error.tab))
        error.widget.setFocus()
        self._show_error(error.message)

    def _show_error(self, message: str) -> None:
        set_status(self.error_label, message, True)
        self.error_label.setVisible(bool(message))

    def _show_banner(self, message: str, can_reload: bool) -> None:
        self.banner_label.setText(message)
        self.reload_button.setVisible(can_reload)
        self.banner.show()

    # --- colours -------------------------------------------------------------------------

    def _paint(self) -> None:
        """Colours that the palette cannot give: errors, the banner, tag chips."""
        tokens = tokens_of(self)
        self.banner.setStyleSheet(
            f"QFrame#editorBanner {{ border: 1px solid {tokens.due_soon.name()};"
            f" border-left-width: 4px; border-radius: 6px; }}"
        )
        self.error_label.setContentsMargins(8, 4, 8, 4)
        repaint_status(self.error_label)
        self.links_tab.paint()
        self.details_tab.paint()
        self.reminders_tab.paint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "buttons"):
            self._paint()


def open_item_editor(
    ops: Operations, item_id: int, parent: QWidget | None = None
) -> ItemEditor | None:
    """Show the editor of `item_id`, bringing forward the one already open for it.
    None, after reporting through `ops.failed`, when the item does not exist."""
    candidates = parent.findChildren(ItemEditor) if parent is not None else [
        widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ItemEditor)
    ]  # fmt: skip
    for editor in candidates:
        if editor.item_id == item_id and editor.ops is ops and editor.isVisible():
            editor.raise_()
            editor.activateWindow()
            return editor
    try:
        editor = ItemEditor(ops, item_id, parent)
    except DomainError as error:
        ops.failed.emit(str(error))
        return None
    editor.open()
    return editor
