"""The navigation sidebar. It also takes part in drag and drop: while items are dragged,
resting on a view's entry opens that view (so a backlog item can be carried onto the
board), and dropping on an entry files the items there directly."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from app.ui.dnd import MIME_ITEM_IDS, decode_ids

HOVER_OPEN_MS = 450  # resting on an entry this long while dragging opens its view


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
            self.addItem(item)
        self._views = list(views)
        self._hover_row = -1
        self._hover = QTimer(self)
        self._hover.setSingleShot(True)
        self._hover.setInterval(HOVER_OPEN_MS)
        self._hover.timeout.connect(lambda: self.setCurrentRow(self._hover_row))

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
