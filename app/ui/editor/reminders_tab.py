"""The item editor's Reminders & repeat tab: the item's reminders in words with when each
fires next, a way to add one (a preset, or a time or phrase typed as `rizhi remind` reads
it) and to remove one; below, the repeat rule (repeat_box.py).

Nothing is written here: the reminders added and removed, and the rule, go into the
editor's one `EditPlan`, saved and undone with the rest of the edit. How a typed
reminder is read is Qt-free, in app/domain/reminder_fields.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import DueSpec
from app.domain.errors import InvalidInput
from app.domain.reminder_fields import (
    NEEDS_DUE,
    PRESETS,
    fire_text,
    needs_due,
    read_reminder,
    reminder_line,
)
from app.domain.reminders import ReminderSpec, next_fire
from app.services.item_details import ItemDetails
from app.services.item_edit_plan import RepeatChange
from app.store.reminder_rows import ReminderRow
from app.ui.editor.common import FormError, muted, no_default, repaint_status, set_status
from app.ui.editor.repeat_box import RepeatBox

# A row of the list: a saved reminder, or one added in the form and not saved yet.
Entry = ReminderRow | ReminderSpec


class RemindersTab(QWidget):
    """`due` gives the due date the form holds now (the Details tab's)."""

    title_changed = Signal(str)

    def __init__(
        self,
        clock: Callable[[], datetime],
        due: Callable[[], DueSpec | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._due = due
        self._loaded: list[ReminderRow] = []
        self._loaded_due: DueSpec | None = None
        self._entries: list[Entry] = []
        self._build()

    # --- loading and reading ------------------------------------------------------------

    def load(self, details: ItemDetails) -> None:
        self._loaded = list(details.reminders)
        record = details.record
        self._loaded_due = (
            DueSpec(record.due_date, record.due_time) if record.due_date is not None else None
        )
        self._entries = list(self._loaded)
        self.status.setText("")
        self.add_box.setEditText("")
        self.repeat_box.load(details.repeat, details.occurrences)
        self._show_entries()

    def reminder_changes(self) -> tuple[tuple[int, ...], tuple[ReminderSpec, ...]]:
        """(ids of saved reminders removed, reminders added). FormError for an added one
        that counts from a due date the form no longer has."""
        kept = {entry.id for entry in self._entries if isinstance(entry, ReminderRow)}
        removed = tuple(row.id for row in self._loaded if row.id not in kept)
        added = tuple(entry for entry in self._entries if isinstance(entry, ReminderSpec))
        if self._due() is None and any(needs_due(spec) for spec in added):
            set_status(self.status, NEEDS_DUE, True)
            raise FormError("reminders", self.list, NEEDS_DUE)
        return removed, added

    def repeat_change(self) -> RepeatChange | None:
        return self.repeat_box.change()

    def paint(self) -> None:
        repaint_status(self.status)
        self.repeat_box.paint()

    def showEvent(self, event: QShowEvent) -> None:
        # The due date may have changed in the Details tab: fire times and the repeat
        # choices ("Monthly on day 13") follow it.
        super().showEvent(event)
        self._show_entries()
        self.repeat_box.refresh_labels()
        self.repeat_box.show_preview()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName("Reminders")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(120)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_selected)

        self.add_box = QComboBox()
        self.add_box.setEditable(True)
        self.add_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_box.addItems([label for label, _ in PRESETS])
        self.add_box.setAccessibleName("New reminder")
        self.add_box.setToolTip(
            "Choose one, or type a time or phrase as rizhi remind reads it: fri 9am, "
            "30m before, 1d before 9am, 明天上午九点, 提前30分钟"
        )
        line = self.add_box.lineEdit()
        assert line is not None
        line.setPlaceholderText("fri 9am, 30m before, 1d before 9am, 提前30分钟…")
        line.returnPressed.connect(self.add_typed)
        line.textEdited.connect(self._show_reading)
        self.add_box.textActivated.connect(lambda _text: self._show_reading())
        self.add_button = no_default(QPushButton("Add"))
        self.add_button.setToolTip("Add this reminder (Enter)")
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = no_default(QPushButton("Remo&ve"))
        self.remove_button.setToolTip("Remove the selected reminders (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.status = muted()
        self.status.setObjectName("reminderStatus")

        add_row = QHBoxLayout()
        add_row.addWidget(self.add_box, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)

        group = QGroupBox("Re&minders")  # Alt+M: to the list
        form = QFormLayout(group)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.list)
        form.addRow("&Add", add_row)
        form.addRow("", self.status)
        label = form.labelForField(add_row)
        if isinstance(label, QLabel):
            label.setBuddy(self.add_box)

        self.repeat_box = RepeatBox(self._clock, self._start)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        outer.addWidget(group)
        outer.addWidget(self.repeat_box)
        outer.addStretch(1)

    # --- reacting ------------------------------------------------------------------------

    def _start(self) -> date:
        due = self._due()
        return due.date if due is not None else self._clock().date()

    def _typed(self) -> ReminderSpec:
        text = self.add_box.currentText().strip()
        for label, spec in PRESETS:
            if text == label:
                return spec
        return read_reminder(text, self._clock())

    def add_typed(self) -> bool:
        """Add the reminder chosen or typed; False, with the reason shown, when it does
        not read or counts from a due date the item does not have."""
        try:
            spec = self._typed()
        except InvalidInput as error:
            set_status(self.status, str(error), True)
            return False
        if needs_due(spec) and self._due() is None:
            set_status(self.status, NEEDS_DUE, True)
            return False
        if spec in [e.spec if isinstance(e, ReminderRow) else e for e in self._entries]:
            set_status(self.status, "The item already has this reminder.", True)
            return False
        self._entries.append(spec)
        self.add_box.setEditText("")
        set_status(self.status, "")
        self._show_entries()
        self.list.setCurrentRow(len(self._entries) - 1)
        return True

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.list.selectedIndexes()}, reverse=True)
        for row in rows:
            del self._entries[row]
        self._show_entries()

    def _show_reading(self) -> None:
        """Say when the reminder being typed would fire."""
        if not self.add_box.currentText().strip():
            set_status(self.status, "")
            return
        try:
            spec = self._typed()
        except InvalidInput:
            set_status(self.status, "")
            return
        due = self._due()
        fire = next_fire(spec, due.date if due else None, due.time if due else None)
        today = self._clock().date()
        if fire is None:
            set_status(self.status, NEEDS_DUE, True)
        else:
            set_status(self.status, f"Fires {fire_text(fire, today)} — Enter adds it")

    def _show_entries(self) -> None:
        due = self._due()
        day, clock = (due.date, due.time) if due is not None else (None, None)
        today = self._clock().date()
        self.list.clear()
        for entry in self._entries:
            if isinstance(entry, ReminderRow):
                # A saved one fires when stored (a snooze included) unless the form
                # moved the due date it counts from.
                moved = due != self._loaded_due and needs_due(entry.spec)
                fire = next_fire(entry.spec, day, clock) if moved else entry.next_fire
                self.list.addItem(reminder_line(entry.spec, fire, entry.state, today))
            else:
                self.list.addItem(reminder_line(entry, next_fire(entry, day, clock), None, today))
        if not self._entries:
            self.list.addItem("No reminders")
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        count = len(self._entries)
        self.title_changed.emit(
            f"Reminders ({count}) && repeat" if count else "Reminders && repeat"
        )
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self._entries and self.list.selectedIndexes()))
