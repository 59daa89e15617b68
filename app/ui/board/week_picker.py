"""The board's "Go to week" dialog: a calendar whose chosen day names the week."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout, QWidget


class WeekPicker(QDialog):
    def __init__(self, current: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to week")
        self.calendar = QCalendarWidget(self)
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.setGridVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        picked = self.calendar.selectedDate()
        return date(picked.year(), picked.month(), picked.day())
