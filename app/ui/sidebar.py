"""The navigation sidebar. It also takes part in drag and drop: while items are dragged,
resting on a view's entry opens that view (so a backlog item can be carried onto the
board), and dropping on an entry files the items there directly."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.dnd import MIME_ITEM_IDS, decode_ids

HOVER_OPEN_MS = 450  # resting on an entry this long while dragging opens its view
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1  # a smart list's count, drawn at the right


class CountDelegate(QStyledItemDelegate):
    """The entry as the style draws it, with its count (if any) at the right edge."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        count = index.data(COUNT_ROLE)
        if not count:
            return
        painter.save()
        painter.setPen(option.palette.placeholderText().color())
        rect = option.rect.adjusted(0, 0, -14, 0)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(align), str(count))
        painter.restore()


class Sidebar(QListWidget):
    dropped = Signal(str, list)  # view name, item ids

    def __init__(self, views: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Sidebar")
        # The stylesheet sizes the rows (inside the rail); polish before the rows are
        # first laid out, or tall rows are painted over the places short ones were given.
        self.ensurePolished()
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setIconSize(QSize(18, 18))
        for view, title in views.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, view)
            # Always an int: the delegate reads it from Python, where a None is to avoid
            # (see app/ui/board/model.py).
            item.setData(COUNT_ROLE, 0)
            self.addItem(item)
        self._views = list(views)
        self.setItemDelegate(CountDelegate(self))
        self._hover_row = -1
        self._hover = QTimer(self)
        self._hover.setSingleShot(True)
        self._hover.setInterval(HOVER_OPEN_MS)
        self._hover.timeout.connect(lambda: self.setCurrentRow(self._hover_row))

    def set_count(self, view: str, count: int) -> None:
        """Show `count` beside the entry of `view` (0 shows none)."""
        row = self._views.index(view)
        entry = self.item(row)
        entry.setData(COUNT_ROLE, count)
        title = entry.text()
        entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {count}" if count else title)

    def count_of(self, view: str) -> int:
        return int(self.item(self._views.index(view)).data(COUNT_ROLE))

    def row_at(self, point: QPoint) -> int:
        item = self.itemAt(point)
        return -1 if item is None else self.row(item)

    def view_at(self, point: QPoint) -> str | None:
        row = self.row_at(point)
        return self._views[row] if 0 <= row < len(self._views) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_ITEM_IDS):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(MIME_ITEM_IDS):
            event.ignore()
            return
        row = self.row_at(event.position().toPoint())
        if row != self._hover_row:
            self._hover_row = row
            if row >= 0 and row != self.currentRow():
                self._hover.start()
            else:
                self._hover.stop()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover.stop()
        self._hover_row = -1
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover.stop()
        self._hover_row = -1
        view = self.view_at(event.position().toPoint())
        ids = decode_ids(event.mimeData())
        if view is None or not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(view, ids)
