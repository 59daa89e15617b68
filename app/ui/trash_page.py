"""The Trash: deleted items, with Restore and Delete for ever.

Each row is something that was deleted, with the items nested in it that went along;
restoring it brings all of them back where they were (their board cards included), and
deleting it for ever removes them (sync then deletes them elsewhere too). Both are one
undoable operation, like every change in the window.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.words import plural
from app.services.trash import TrashEntry, trash_contents
from app.ui.ops import Operations

_AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Title", "Kind", "Deleted", "With it")
EMPTY_TEXT = (
    "The trash is empty.\n\nDeleted items wait here (Delete in the Backlog or on the board)\n"
    "until you restore them or delete them for ever."
)


def deleted_text(when: datetime | None, now: datetime) -> str:
    if when is None:
        return ""
    local = when.astimezone(now.tzinfo)
    if local.date() == now.date():
        return f"today {local:%H:%M}"
    if local.year == now.year:
        return f"{local:%a %d %b %H:%M}"
    return f"{local:%d %b %Y}"


class TrashModel(QAbstractTableModel):
    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[TrashEntry] = []
        self.now = now

    def set_entries(self, entries: list[TrashEntry], now: datetime) -> None:
        self.beginResetModel()
        self.entries, self.now = entries, now
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self.entries[index.row()]
        record = entry.record
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.title
        column = index.column()
        if column == 0:
            return record.title
        if column == 1:
            return record.kind.value
        if column == 2:
            return deleted_text(record.deleted_at, self.now)
        return plural(entry.nested, "nested item") if entry.nested else ""


class TrashTree(QTreeView):
    """The list, which says the trash is empty when it is."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(16, 40, -16, -16)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), EMPTY_TEXT)


class TrashPage(QWidget):
    status = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrashPage")
        self._ops = ops
        self.model = TrashModel(ops.clock(), self)
        self.title = QLabel("Trash")
        self.title.setObjectName("PageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("PageSubtitle")
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setToolTip("Put the selected items back where they were")
        self.purge_button = QPushButton("&Delete for ever…")
        self.empty_button = QPushButton("&Empty trash…")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty)
        self.tree = TrashTree(self)
        self.tree.setObjectName("TrashTree")
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAccessibleName("Items in the trash")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._enable)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(lambda _index: self.restore_selected())
        self._layout()
        self.reload()

    def _layout(self) -> None:
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(titles)
        top.addStretch(1)
        for button in (self.restore_button, self.purge_button, self.empty_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 14)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    # --- state ---------------------------------------------------------------------

    def reload(self) -> None:
        selected = set(self.selected_ids())
        self.model.set_entries(trash_contents(self._ops.store), self._ops.clock())
        total = sum(1 + e.nested for e in self.model.entries)
        self.summary.setText(
            f"{plural(total, 'item')} · Enter restores · Shift+Delete deletes for ever"
            if total
            else "Nothing deleted"
        )
        self.select([e.record.id for e in self.model.entries if e.record.id in selected])
        self._enable()

    def apply(self, changes: Changes) -> None:
        if changes.everything or changes.items:
            self.reload()

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.tree.selectionModel().selectedRows())
        return [self.model.entries[row].record.id for row in rows]

    def select(self, ids: list[int]) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        wanted = set(ids)
        selection = QItemSelection()
        for row, entry in enumerate(self.model.entries):
            if entry.record.id in wanted:
                selection.select(self.model.index(row, 0), self.model.index(row, 3))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.tree.selectionModel().select(selection, flags)
        if not selection.isEmpty():
            self.tree.setCurrentIndex(selection.indexes()[0])

    def _enable(self) -> None:
        chosen = bool(self.tree.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)
        self.empty_button.setEnabled(bool(self.model.entries))

    def _context_menu(self, point: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction("Restore", self.restore_selected)
        menu.addAction("Delete for ever…", self.purge_selected)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    # --- operations ----------------------------------------------------------------

    def restore_selected(self) -> bool:
        from app.services.bulk import restore_items

        ids = self.selected_ids()
        if not ids:
            return False
        store = self._ops.store
        count = sum(1 + e.nested for e in self.model.entries if e.record.id in ids)
        text = f"Restore {plural(count, 'item')}"
        if self._ops.run(text, lambda now: restore_items(store, ids, now=now)):
            self.status.emit(f"Restored {plural(count, 'item')}. Ctrl+Z puts them back.")
            return True
        return False

    def purge_selected(self) -> bool:
        ids = self.selected_ids()
        return bool(ids) and self._purge(ids, "Delete for ever")

    def empty(self) -> bool:
        ids = [e.record.id for e in self.model.entries]
        return bool(ids) and self._purge(ids, "Empty the trash")

    def _purge(self, ids: list[int], title: str) -> bool:
        from app.services.items import purge_items

        count = sum(1 + e.nested for e in self.model.entries if e.record.id in ids)
        if not self.confirm_purge(title, count):
            return False
        store = self._ops.store
        if self._ops.run(
            f"{title} ({plural(count, 'item')})", lambda _now: purge_items(store, ids)
        ):
            self.status.emit(f"Deleted {plural(count, 'item')} for ever.")
            return True
        return False

    def confirm_purge(self, title: str, count: int) -> bool:
        """Ask before deleting for ever; tests replace this to answer."""
        answer = QMessageBox.question(
            self,
            title,
            f"Delete {plural(count, 'item')} for ever? They will no longer be in the trash "
            "to restore (Edit › Undo still brings them back until you quit).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
