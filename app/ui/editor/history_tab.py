"""The item editor's History tab: when the item was created, changed and completed, where
it is on the board and every week it was planned in. Read only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.entities import ItemRecord
from app.domain.item_fields import moment_text, placement_text, week_text

# The weeks list grows with the weeks up to this many rows, then scrolls.
_MAX_WEEK_ROWS = 8


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.created_label = QLabel()
        self.updated_label = QLabel()
        self.completed_label = QLabel()
        self.board_label = QLabel()
        self.weeks_list = QListWidget()
        self.weeks_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.weeks_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow("Created", self.created_label)
        form.addRow("Last changed", self.updated_label)
        form.addRow("Completed", self.completed_label)
        form.addRow("On the board", self.board_label)
        form.addRow("Planned in", self.weeks_list)

    def load(self, record: ItemRecord) -> None:
        self.created_label.setText(moment_text(record.created_at))
        self.updated_label.setText(moment_text(record.updated_at))
        self.completed_label.setText(moment_text(record.completed_at) or "Not yet")
        self.board_label.setText(placement_text(record.placement))
        self.weeks_list.clear()
        for week in record.planned_weeks:
            self.weeks_list.addItem(week_text(week))
        if not record.planned_weeks:
            self.weeks_list.addItem("Never planned on a weekly board")
        rows = max(1, min(len(record.planned_weeks), _MAX_WEEK_ROWS))
        self.weeks_list.setMaximumHeight(rows * self.weeks_list.fontMetrics().height() * 2 + 8)
