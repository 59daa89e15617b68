"""The "Next 7 days" smart list as a page: what is overdue, then each day of the coming
week with what falls due on it. Its rows drag as cards onto the board (through the
sidebar) or, with the Today page open, onto the timeline."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.changes import Changes
from app.domain.weeks import Week
from app.services.smart_lists import smart_list
from app.ui.ops import Operations
from app.ui.planner.candidates import CandidateList, CandidateModel, due_sections
from app.ui.rows import RowCache
from app.ui.theme import Tokens


class NextDaysPage(QWidget):
    open_item = Signal(int)

    def __init__(
        self, ops: Operations, rows: RowCache, tokens: Tokens, *, week_start: int = 0
    ) -> None:
        super().__init__()
        self.setObjectName("NextDaysPage")
        store = ops.store

        def due(now: datetime) -> list[tuple[int, date | None]]:
            return [(r.id, r.due_date) for r in smart_list(store, "7d", now)]

        self.model = CandidateModel(
            ops,
            rows,
            due_sections(due),
            lambda: (Week.containing(ops.clock().date(), week_start), week_start),
            self,
        )
        self.list = CandidateList(self.model, tokens, searchable=False, parent=self)
        self.list.open_item.connect(self.open_item)
        title = QLabel("Next 7 days")
        title.setObjectName("WeekTitle")
        hint = QLabel("Overdue and due within a week, with what is planned and spent on each")
        hint.setObjectName("WeekRange")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)

    def apply(self, changes: Changes) -> None:
        self.model.apply(changes)

    def set_tokens(self, tokens: Tokens) -> None:
        self.list.set_tokens(tokens)
