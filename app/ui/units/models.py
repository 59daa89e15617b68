"""Models behind the Units view and the review: a unit's goals with what counted toward
each (a two-level tree), and the unit's board cards (a list over item ids).

As everywhere in the window, Python code reads rows through the models' own methods
(`goal_at`, `row_at`, `record`), never `index.data(role)`; see app/ui/board/model.py.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.domain.entities import ItemRecord
from app.services.unit_progress import CountedEntry, CountedItem, GoalProgress, UnitProgress
from app.ui.rows import RowCache
from app.ui.units.wording import counted_text, counted_tip, goal_range
from app.ui.wording import short_day

Index = QModelIndex | QPersistentModelIndex


class CountedRow(NamedTuple):
    """One line under a goal: an item that counted, or a log entry that counted."""

    item: CountedItem | None
    entry: CountedEntry | None

    @property
    def item_id(self) -> int | None:
        return self.item.item_id if self.item is not None else None

    @property
    def text(self) -> str:
        if self.item is not None:
            return self.item.title
        assert self.entry is not None
        return self.entry.text


def counted_rows(goal: GoalProgress) -> list[CountedRow]:
    rows = [CountedRow(item, None) for item in goal.items]
    rows += [CountedRow(None, entry) for entry in goal.entries]
    return rows


class GoalTreeModel(QAbstractItemModel):
    """Goals at the top level; under each, what counted toward it. A child's internal id
    is its goal's row plus one, so `parent()` needs no lookup."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._goals: list[GoalProgress] = []
        self._rows: list[list[CountedRow]] = []

    def set_progress(self, progress: UnitProgress | None) -> None:
        self.beginResetModel()
        self._goals = list(progress.goals) if progress is not None else []
        self._rows = [counted_rows(goal) for goal in self._goals]
        self.endResetModel()

    # --- reading ------------------------------------------------------------------------

    @property
    def goals(self) -> list[GoalProgress]:
        return list(self._goals)

    def is_goal(self, index: Index) -> bool:
        return index.isValid() and index.internalId() == 0

    def goal_at(self, index: Index) -> GoalProgress | None:
        """The goal of a goal row, or the goal a counted row belongs to."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._goals[row] if 0 <= row < len(self._goals) else None

    def row_at(self, index: Index) -> CountedRow | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        rows = self._rows[index.internalId() - 1]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def item_id_at(self, index: Index) -> int | None:
        row = self.row_at(index)
        return row.item_id if row is not None else None

    # --- Qt model interface ---------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._goals) else QModelIndex()
        if parent.internalId() != 0 or row >= len(self._rows[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._goals)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._rows[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        goal = self.goal_at(index)
        if goal is None:
            return None
        if self.is_goal(index):
            name = goal.goal.category
            if goal.goal.description:
                name += f": {goal.goal.description}"
            return f"{name}, {counted_text(goal)} of {goal_range(goal.goal)}"
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and row.item is not None:
            return counted_tip(row.item)
        if row.entry is not None:
            return f"Log, {short_day(row.entry.day)}: {row.text}"
        return row.text

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CardsModel(QAbstractListModel):
    """The unit's board cards, as ids; records come from the window's row cache."""

    def __init__(self, rows: RowCache, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = rows
        self._ids: list[int] = []

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def set_ids(self, ids: list[int]) -> None:
        if ids == self._ids:
            if ids:
                self.dataChanged.emit(self.index(0), self.index(len(ids) - 1))
            return
        self.beginResetModel()
        self._ids = list(ids)
        self.endResetModel()

    def record(self, row: int) -> ItemRecord | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._rows.get(self._ids[row], self._ids[row : row + 100])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        record = self.record(index.row()) if index.isValid() else None
        return record.title if record is not None else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
