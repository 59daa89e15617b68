"""The backlog's tree view: rows painted whole by the delegate, and the view's memory
of what is open.

A model reset (any change to the tree's shape: an indent, an item added or moved)
forgets which rows were expanded, so the view keeps the expanded ids itself and opens
them again after each reset. A filter's result is shown fully expanded, its matches
under their parents, without touching that memory.

Tab and Shift+Tab (Backlog › Indent and Outdent) reach the backlog as actions the
window adds to this view: its shortcuts fire only while the list has the focus, and
they come before Qt's focus chain, which would otherwise take Tab to the next widget.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTreeView, QWidget

from app.ui.backlog.delegate import BacklogDelegate
from app.ui.backlog.model import BacklogModel

# What an empty list says: on a first start, the backlog's three moves; under a filter
# that matches nothing, how to get the list back.
EMPTY_BACKLOG = (
    "Your backlog is empty.\n\n"
    "Capture: type an idea in the line above and press Enter, for example\n"
    "“Read MAE paper #paper ~2h due fri” (or rizhi add from a terminal).\n"
    "Plan: drag an item onto This week in the sidebar, or press Ctrl+Shift+W.\n"
    "Nest: Tab puts an item under the one above it."
)
NO_MATCH = "Nothing matches the filter.\n\nEsc clears it."


class BacklogTree(QTreeView):
    escape_pressed = Signal()  # the page clears its filter, if one is set

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BacklogTree")
        self._open: set[int] = set()  # expanded in the tree (not in a filter's result)
        self.expanded.connect(lambda index: self._remember(index, True))
        self.collapsed.connect(lambda index: self._remember(index, False))

    def backlog(self) -> BacklogModel:
        model = self.model()
        assert isinstance(model, BacklogModel)
        return model

    def setModel(self, model: QAbstractItemModel | None) -> None:
        assert isinstance(model, BacklogModel)
        super().setModel(model)
        model.modelReset.connect(self._reopen)
        model.rowsInserted.connect(self._open_inserted)

    # --- what is open ---------------------------------------------------------------

    def _remember(self, index: QModelIndex, expanded: bool) -> None:
        model = self.backlog()
        item_id = model.id_at(index)
        if item_id is None or not model.filter.is_tree:
            return
        if expanded:
            self._open.add(item_id)
        else:
            self._open.discard(item_id)

    def _reopen(self) -> None:
        """After a reset: the tree opens what was open; a filter's result, everything."""
        model = self.backlog()
        if model.in_context:
            self._expand_below(QModelIndex())
            return
        if not model.filter.is_tree:
            return
        for item_id in list(self._open):
            index = model.locate(item_id)
            if index.isValid():
                self.expand(index)

    def _open_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """Rows a filter's result gains as the list scrolls open as the others are."""
        model = self.backlog()
        if not model.in_context:
            return
        if parent.isValid():
            self.expand(parent)
        for row in range(first, last + 1):
            index = model.index(row, 0, parent)
            self.expand(index)
            self._expand_below(index)

    def _expand_below(self, parent: QModelIndex) -> None:
        """Expand every row under `parent` that has rows under it (only rows shown)."""
        model = self.backlog()
        pending = [parent]
        while pending:
            above = pending.pop()
            for row in range(model.rowCount(above)):
                index = model.index(row, 0, above)
                if model.hasChildren(index):
                    self.expand(index)
                    pending.append(index)

    def reveal(self, item_id: int) -> QModelIndex:
        """The item's index with every row above it expanded; invalid if not shown."""
        model = self.backlog()
        index = model.locate(item_id)
        above = index.parent()
        while above.isValid():
            self.expand(above)
            above = above.parent()
        return index

    def in_sight(self, item_id: int) -> bool:
        """Whether the item's row is shown: every row above it is expanded."""
        index = self.backlog().index_of(item_id)
        if not index.isValid():
            return False
        above = index.parent()
        while above.isValid():
            if not self.isExpanded(above):
                return False
            above = above.parent()
        return True

    # --- keys -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    # --- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not isinstance(model, BacklogModel) or not model.loaded or model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        area = self.viewport().rect().adjusted(24, 40, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        text = EMPTY_BACKLOG if model.filter.is_tree else NO_MATCH
        painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), text)

    def drawRow(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model, delegate = self.model(), self.itemDelegate()
        item_id = model.id_at(index) if isinstance(model, BacklogModel) else None
        if item_id is None or not isinstance(delegate, BacklogDelegate):
            super().drawRow(painter, option, index)
            return
        assert isinstance(model, BacklogModel)
        record = model.record(item_id)
        if record is None:
            super().drawRow(painter, option, index)
            return
        header = self.header()
        top, height = option.rect.top(), option.rect.height()
        cells = []
        right = 0
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            left, width = header.sectionViewportPosition(column), header.sectionSize(column)
            right = max(right, left + width)
            cells.append((column, QRect(left, top, width, height)))
        depth = model.depth(item_id) + int(self.rootIsDecorated())
        indent = self.indentation() * depth
        branches = QRect(header.sectionViewportPosition(0), top, indent, height)
        cells = [(c, r.adjusted(indent, 0, 0, 0) if c == 0 else r) for c, r in cells]
        selected = self.selectionModel().isSelected(index)
        if selected:
            # One band under the whole row, branches included, as the style would paint.
            group = (
                QPalette.ColorGroup.Active
                if option.state & QStyle.StateFlag.State_Active
                else QPalette.ColorGroup.Inactive
            )
            painter.fillRect(
                QRect(0, top, right, height),
                option.palette.brush(group, QPalette.ColorRole.Highlight),
            )
        delegate.paint_row(
            painter,
            option,
            index,
            cells=cells,
            record=record,
            selected=selected,
            badge=model.badge(record),
            context=model.is_context(item_id),
        )
        if indent and model.hasChildren(index):
            self.drawBranches(painter, branches, index)
