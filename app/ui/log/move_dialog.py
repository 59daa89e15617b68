"""Move an entry to another day, or make it cover a range of days."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.journal.sequence import MAX_RANGE_DAYS
from app.services.log_entries import LogEntryRecord
from app.ui.log.calendar import from_qdate, to_qdate
from app.ui.log.wording import range_text
from app.ui.wording import short_day


class MoveDialog(QDialog):
    def __init__(self, entry: LogEntryRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move entry")
        self.entry = entry
        where = (
            range_text(entry.day, entry.end_day)
            if entry.end_day
            else short_day(entry.day, year=True)
        )
        intro = QLabel(f"The entry is on {where}. Where does it belong?")
        intro.setWordWrap(True)
        self.day_edit = QDateEdit(to_qdate(entry.day))
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("ddd d MMM yyyy")
        self.until_check = QCheckBox("Until")
        self.until_edit = QDateEdit(to_qdate(entry.end_day or entry.day + timedelta(days=1)))
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("ddd d MMM yyyy")
        self.until_check.setChecked(entry.end_day is not None)
        self.until_edit.setEnabled(entry.end_day is not None)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        self.day_edit.dateChanged.connect(self._limit_until)
        self._limit_until(self.day_edit.date())
        self.note = QLabel()
        self.note.setWordWrap(True)
        if entry.anomaly:
            self.note.setText("Moving it also clears the importer's flag.")

        until_row = QHBoxLayout()
        until_row.addWidget(self.until_check)
        until_row.addWidget(self.until_edit, 1)
        form = QFormLayout()
        form.addRow("Day", self.day_edit)
        form.addRow("", until_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Move")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.note)
        box.addWidget(buttons)

    def _limit_until(self, first: QDate) -> None:
        self.until_edit.setMinimumDate(first.addDays(1))
        self.until_edit.setMaximumDate(first.addDays(MAX_RANGE_DAYS))

    def day(self) -> date:
        return from_qdate(self.day_edit.date())

    def end_day(self) -> date | None:
        if not self.until_check.isChecked():
            return None
        return from_qdate(self.until_edit.date())
