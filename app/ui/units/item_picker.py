"""Choosing the items linked to a goal: the items linked now, then what a search finds
(open items, newest first, before anything is typed). Space or a click ticks an item."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.store import item_rows
from app.store.db import Store
from app.store.item_rows import ItemQuery
from app.ui.rows import RowCache
from app.ui.screen_fit import fit_to_screen

Index = QModelIndex | QPersistentModelIndex
SHOWN = 200


class PickModel(QAbstractListModel):
    def __init__(self, rows: RowCache, chosen: Sequence[int], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = rows
        self.chosen: list[int] = list(dict.fromkeys(chosen))
        self._ids: list[int] = list(self.chosen)

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def set_found(self, found: Sequence[int]) -> None:
        """The chosen items first, then those found."""
        self.beginResetModel()
        self._ids = list(dict.fromkeys([*self.chosen, *found]))
        self.endResetModel()

    def toggle(self, row: int) -> None:
        item_id = self._ids[row]
        if item_id in self.chosen:
            self.chosen.remove(item_id)
        else:
            self.chosen.append(item_id)
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        item_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = item_id in self.chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            record = self._rows.get(item_id, self._ids[index.row() : index.row() + 100])
            if record is None:
                return f"#{item_id} (gone)"
            done = "✓ " if record.done else ""
            return f"{done}{record.title}  ·  {record.kind.value} #{record.id}"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        item_id = self._ids[index.row()]
        wanted = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if wanted != (item_id in self.chosen):
            self.toggle(index.row())
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )


class ItemPicker(QDialog):
    def __init__(
        self,
        store: Store,
        rows: RowCache,
        chosen: Sequence[int],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._store = store
        self.model = PickModel(rows, chosen, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search items (title or notes, Chinese too)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._find)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("Items")
        self.hint = QLabel("Tick the items that count for this goal once completed.")
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.hint)
        box.addWidget(self.search)
        box.addWidget(self.list, 1)
        box.addWidget(buttons)
        fit_to_screen(self, 560, 480)
        self._find("")
        self.search.setFocus()

    def _find(self, text: str) -> None:
        conn = self._store.raw
        if text.strip():
            found = item_rows.search_ids(conn, text, limit=SHOWN)
        else:
            found = item_rows.query_ids(conn, ItemQuery(include_done=False))[:SHOWN]
        self.model.set_found(found)

    @property
    def chosen(self) -> list[int]:
        return list(self.model.chosen)
