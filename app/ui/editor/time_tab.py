"""The item editor's Time tab: the time spent on the item (each entry's day, start–end,
length and source), its total against the estimate, and adding, correcting and deleting
entries by hand.

Unlike the other tabs, each change here is written at once, as an undo step of its own
(`Operations.run`), not with the editor's Save: entries are records beside the item, not
its fields, and the running timer adds to them while the editor is open, so a list kept
until Save would be out of date. The list follows every change to the item's time.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.domain.errors import DomainError
from app.domain.timebox import seconds_text, span_text
from app.services import time_entries
from app.store import time_rows
from app.store.time_rows import EntryRow
from app.ui.editor.common import muted, no_default, set_status
from app.ui.editor.time_fields import stretch
from app.ui.ops import Operations

COLUMNS = ("Day", "From – to", "Length", "Source")


class TimeTab(QWidget):
    def __init__(self, ops: Operations, item_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.item_id = item_id
        self.estimate: int | None = None
        self.entries: list[EntryRow] = []  # as the list shows them, the latest first
        self._build()
        ops.changed.connect(self._heard)

    # --- reading ------------------------------------------------------------------------

    def load(self, estimate_minutes: int | None) -> None:
        self.estimate = estimate_minutes
        self.reload()

    def reload(self) -> None:
        with self.ops.store.raw_read() as conn:
            self.entries = time_rows.entries_of_items(conn, [self.item_id])[::-1]
        now = self.ops.clock()
        self.list.clear()
        for entry in self.entries:
            self.list.addTopLevelItem(QTreeWidgetItem(entry_cells(entry, now)))
        self.total.setText(total_text(self.entries, self.estimate, now))
        self._selection_changed()

    def _heard(self, changes: Changes) -> None:
        if changes.everything or (changes.time and self.item_id in changes.items):
            self.reload()

    def selected(self) -> EntryRow | None:
        # Read by row into the Python list, never through the item's data (see dialog.py).
        row = self.list.currentItem()
        if row is None or not row.isSelected():
            return None
        index = self.list.indexOfTopLevelItem(row)
        return self.entries[index] if 0 <= index < len(self.entries) else None

    # --- writing ------------------------------------------------------------------------

    def _read(self) -> tuple[datetime, datetime] | None:
        zone = zone_of(self.ops.clock())
        try:
            return stretch(self.day.date().toPython(), self.start.text(), self.until.text(), zone)  # type: ignore[arg-type]
        except DomainError as exc:
            set_status(self.status, str(exc), True)
            return None

    def add_entry(self) -> bool:
        read = self._read()
        if read is None:
            return False
        start, end = read
        store, item_id = self.ops.store, self.item_id
        done = self.ops.run(
            "Add time",
            lambda now: time_entries.add_entry(
                store, item_id=item_id, start=start, end=end, now=now
            )[1],
        )
        if done:
            set_status(self.status, f"Added {seconds_text((end - start).total_seconds())}.")
        return done

    def correct_entry(self) -> bool:
        entry = self.selected()
        read = self._read()
        if entry is None or read is None:
            return False
        start, end = read
        running = entry.ended_at is None
        store = self.ops.store
        return self.ops.run(
            "Correct time",
            lambda now: time_entries.correct_entry(
                store, entry.id, start=start, end=None if running else end, now=now
            )[1],
        )

    def delete_entry(self) -> bool:
        entry = self.selected()
        if entry is None:
            return False
        store = self.ops.store
        return self.ops.run("Delete time", lambda now: time_entries.delete_entry(store, entry.id))

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.total = QLabel()
        self.total.setAccessibleName("Time spent against the estimate")
        self.list = QTreeWidget()
        self.list.setAccessibleName("Time entries")
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        self.start = QLineEdit()
        self.start.setPlaceholderText("14:00")
        self.until = QLineEdit()
        self.until.setPlaceholderText("1h20m, or an end: 15:30")
        self.add_button = no_default(QPushButton("Add"))
        self.add_button.clicked.connect(self.add_entry)
        self.correct_button = no_default(QPushButton("Correct selected"))
        self.correct_button.clicked.connect(self.correct_entry)
        self.delete_button = no_default(QPushButton("Delete selected"))
        self.delete_button.clicked.connect(self.delete_entry)
        self.status = muted()
        form = QFormLayout()
        form.addRow("Day", self.day)
        form.addRow("Start", self.start)
        form.addRow("Length or end", self.until)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.correct_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.correct_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None and entry.ended_at is not None)
        if entry is None:
            return
        start = entry.started_at.astimezone(zone_of(self.ops.clock()))
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.start.setText(f"{start:%H:%M}")
        end = entry.ended_at
        self.until.setText("" if end is None else f"{end.astimezone(start.tzinfo):%H:%M}")


def entry_cells(entry: EntryRow, now: datetime) -> list[str]:
    zone = zone_of(now)
    start = entry.started_at.astimezone(zone)
    end = "running" if entry.ended_at is None else f"{entry.ended_at.astimezone(zone):%H:%M}"
    return [
        f"{start:%a %Y-%m-%d}",
        f"{start:%H:%M} – {end}",
        seconds_text(entry.seconds(now)),
        entry.source,
    ]


def total_text(entries: list[EntryRow], estimate: int | None, now: datetime) -> str:
    spent = seconds_text(sum(e.seconds(now) for e in entries))
    if estimate is None:
        return f"Spent {spent} (no estimate)"
    return f"Spent {spent} / {span_text(estimate)} estimated"
