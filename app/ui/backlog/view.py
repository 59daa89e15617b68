"""The backlog page: quick add, filters, and the item tree."""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.domain.capture import Capture
from app.domain.changes import Changes
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.weeks import Week
from app.services.items import add_capture
from app.store import backlog_query
from app.store.backlog_query import SORTS, BacklogFilter
from app.ui.backlog.delegate import BacklogDelegate
from app.ui.backlog.model import BacklogModel
from app.ui.backlog.tree import BacklogTree
from app.ui.capture.quick_add import QuickAdd
from app.ui.ops import Operations
from app.ui.rows import RowCache

# Services that write through SQLAlchemy are imported where they are used: the window
# paints its first frame without loading the ORM.
FILTER_DELAY_MS = 0  # filtering is fast enough to run on every keystroke
SORT_LABELS = {
    "manual": "Manual order",
    "newest": "Newest first",
    "due": "Due date",
    "priority": "Priority",
    "title": "Title",
    "estimate": "Estimate",
}


class BacklogPage(QWidget):
    open_item = Signal(int)
    status = Signal(str)  # a sentence for the window's status bar

    def __init__(
        self,
        ops: Operations,
        rows: RowCache,
        week_of: Callable[[date], Week],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BacklogPage")
        self._ops = ops
        self._week_of = week_of
        # Loaded when the page is first shown: the window may open on the board.
        self.model = BacklogModel(ops, rows, self, load=False, week_of=week_of)
        self._pending = Changes()
        self.quick_add = QuickAdd(ops.clock, self, save=self.add_captured)
        self._build_filters()
        self.tree = BacklogTree(self)
        self.tree.setModel(self.model)
        # Chips, priority dots, overdue dates; one fixed row height for every row.
        self.tree.setItemDelegate(BacklogDelegate(self.tree))
        self.tree.setUniformRowHeights(True)  # lets Qt lay out 50,000 rows without measuring
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setAnimated(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._open_index)
        self.tree.escape_pressed.connect(self._escape_in_list)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((0, 120, 180, 80, 130, 80, 90)):
            if column:
                header.resizeSection(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(8)
        layout.addWidget(self.quick_add)
        layout.addLayout(self.filters)
        layout.addWidget(self.tree, 1)

    # --- filters ---------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("BacklogSearch")
        self.search.setPlaceholderText("Filter: words in titles and notes (中文 too)")
        self.search.setClearButtonEnabled(True)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.clear_filter)
        self.kind = self._combo("Any kind", [(k.value.capitalize(), k) for k in ItemKind])
        self.tag = self._combo("Any tag", [])
        self.horizon = self._combo("Any horizon", [(h.value.capitalize(), h) for h in Horizon])
        self.priority = self._combo(
            "Any priority",
            [(p.name.capitalize(), p) for p in (Priority.HIGH, Priority.MEDIUM, Priority.LOW)],
        )
        self.due = self._combo("Due or not", [("Has a due date", True), ("No due date", False)])
        self.show_done = QCheckBox("Show done", self)
        self.sort = QComboBox(self)
        for key in SORTS:
            self.sort.addItem(SORT_LABELS[key], key)
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 3)
        for widget in self._filter_combos():
            self.filters.addWidget(widget, 1)
        self.filters.addWidget(self.show_done)
        self.filters.addWidget(self.sort, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.kind, self.tag, self.horizon, self.priority, self.due, self.sort):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.show_done.toggled.connect(self.apply_filter)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.model.loaded:
            self.refresh_tags()
            self.model.reload()
        elif not self._pending.empty:
            self._catch_up()
        super().showEvent(event)

    def _combo(self, any_label: str, choices: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, None)
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    def refresh_tags(self) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("Any tag", None)
        for name in backlog_query.tag_names(self._ops.store.raw):
            self.tag.addItem(f"#{name}", name)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)

    def current_filter(self) -> BacklogFilter:
        # A combo box gives a str enum back as its plain text: make it the enum again.
        kind, horizon = self.kind.currentData(), self.horizon.currentData()
        return BacklogFilter(
            text=self.search.text().strip(),
            kind=ItemKind(kind) if kind else None,
            tag=self.tag.currentData(),
            horizon=Horizon(horizon) if horizon else None,
            priority=self.priority.currentData(),
            has_due=self.due.currentData(),
            show_done=self.show_done.isChecked(),
            sort=self.sort.currentData() or "manual",
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (self.kind, self.tag, self.horizon, self.priority, self.due)

    def filter_active(self) -> bool:
        """Whether a filter hides items (the sort and Show done only change the view)."""
        return bool(self.search.text().strip()) or any(
            combo.currentIndex() > 0 for combo in self._filter_combos()
        )

    def clear_filter(self) -> None:
        """Esc: clear the filter's words or, with none, its other choices; the list
        takes the focus, its selection kept and in view."""
        ids = self.selected_ids()
        if self.search.text():
            self.search.clear()
        else:
            for combo in self._filter_combos():
                combo.blockSignals(True)  # one reload for all of them, below
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        self.apply_filter()
        if ids:
            self.select(ids)
        self.tree.setFocus()

    def _escape_in_list(self) -> None:
        if self.filter_active():
            self.clear_filter()

    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_quick_add(self) -> None:
        self.quick_add.edit.setFocus()

    # --- changes ---------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Refresh now when visible; a hidden page keeps the changes until it is shown
        (re-reading 50,000 ids for every card moved on the board would be wasted)."""
        if not self.model.loaded:
            return
        self._pending = self._pending | changes
        if self.isVisible():
            self._catch_up()

    def _catch_up(self) -> None:
        changes, self._pending = self._pending, Changes()
        if changes.tags or changes.everything:
            self.refresh_tags()
        selected = self.selected_ids()
        # A selected row the user had closed its parent over stays out of sight; one in
        # sight stays in sight where the change took it (undo of an indent, say).
        in_sight = {i for i in selected if self.tree.in_sight(i)}
        self.model.apply(changes)
        if selected:
            self.select(selected, reveal=in_sight)

    # --- selection -------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = self.tree.selectionModel().selectedRows()
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def select(self, ids: list[int], reveal: Container[int] | None = None) -> None:
        """Select the items and scroll to them, opening the rows above them (above those
        in `reveal` only, when given)."""
        selection = self.tree.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        last = QModelIndex()
        for item_id in ids:
            opened = reveal is None or item_id in reveal
            index = self.tree.reveal(item_id) if opened else self.model.locate(item_id)
            if index.isValid():
                selection.select(index, flags)
                last = index
                if opened:
                    self.tree.scrollTo(index)
        if last.isValid():
            # Qt scrolls to a new current row, opening the rows above it: the scrolling
            # was done above, only for the rows to open.
            auto_scroll = self.tree.hasAutoScroll()
            self.tree.setAutoScroll(False)
            selection.setCurrentIndex(last, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.tree.setAutoScroll(auto_scroll)

    def _open_index(self, index: QModelIndex) -> None:
        item_id = self.model.id_at(index)
        if item_id is not None:
            self.open_item.emit(item_id)

    # --- operations ------------------------------------------------------------

    def add_captured(self, capture: Capture) -> bool:
        """Add the captured item and select it; False when the save was refused (the
        window said why, and quick add keeps the line)."""
        created: list[int] = []

        def add(now: datetime) -> Changes:
            # `^week` also puts it on this week's board, as it does from the command line.
            record, changes = add_capture(self._ops.store, capture, now=now)
            created.append(record.id)
            return changes

        if not (self._ops.run(f"Add “{capture.title}”", add) and created):
            return False
        self.select(created)
        return True

    def indent_selected(self, direction: int) -> None:
        """Tab (+1) nests the selected items under the item above, Shift+Tab (-1) takes
        them out of their parent; the items stay selected and in view, with the focus.
        What cannot be done is said in the status bar, not in a dialog: a key pressed
        in passing should not stop the work."""
        from app.services import tree

        ids = self.selected_ids()
        if not ids:
            return
        refusal = self._indent_refusal(ids, direction)
        if refusal:
            self.status.emit(refusal)
            return
        store, show_done = self._ops.store, self.model.filter.show_done
        if direction > 0:
            text = "Indent"
            step = partial(tree.indent_items, store, ids, include_done=show_done)
        else:
            text, step = "Outdent", partial(tree.outdent_items, store, ids)
        if self._ops.run(text, lambda now: step(now=now)):
            self.select(ids)
            self.tree.setFocus()

    def _indent_refusal(self, ids: list[int], direction: int) -> str | None:
        """Why the selection cannot be nested (+1) or taken out (-1) as shown, if so."""
        if self.filter_active():
            return "Clear the filter (Esc) to nest items: a filter shows only part of the tree."
        if not self.model.filter.is_tree:
            order = SORT_LABELS.get(self.model.filter.sort, "").lower()
            return f"Items nest in the manual order; the list is sorted by {order}."
        chosen = set(ids)
        for item_id in ids:
            parent = self.model.parent_id_of(item_id)
            above = parent
            while above is not None and above not in chosen:
                above = self.model.parent_id_of(above)
            if above is not None:
                continue  # moves with the selected item it is in
            record = self.model.record(item_id)
            title = f"“{record.title}”" if record else "The item"
            if direction < 0 and parent is None:
                return f"{title} is at the top level already."
            if direction > 0 and self.model.children_ids(parent)[:1] == [item_id]:
                return f"Nothing above {title} to nest it under."
        return None

    def _bulk(self, text: str, action: Callable[[list[int], datetime], Changes]) -> None:
        ids = self.selected_ids()
        if ids:
            self._ops.run(text, lambda now: action(ids, now))

    def plan(self, weeks_ahead: int) -> None:
        from app.services import bulk

        week = self._week_of(date.today()).shifted(weeks_ahead)
        store = self._ops.store
        label = "this week" if weeks_ahead == 0 else "next week"
        self._bulk(
            f"Plan for {label}",
            lambda ids, now: bulk.plan_items(store, ids, week, column=Column.TODO, now=now),
        )

    def tag_selected(self) -> None:
        from app.services import bulk

        name, ok = QInputDialog.getText(self, "Tag items", "Tag (without #):")
        name = name.strip().lstrip("#")
        if ok and name:
            store = self._ops.store
            self._bulk(
                f"Tag #{name}", lambda ids, now: bulk.tag_items(store, ids, add=(name,), now=now)
            )

    def trash_selected(self) -> None:
        from app.services import bulk

        store = self._ops.store
        count = len(self.selected_ids())
        self._bulk(
            f"Delete {count} item{'s' * (count != 1)}",
            lambda ids, now: bulk.trash_items(store, ids, now=now),
        )

    def set_horizon(self, horizon: Horizon) -> None:
        from app.services import bulk

        store = self._ops.store
        self._bulk(
            f"Horizon {horizon.value}",
            lambda ids, now: bulk.set_horizon(store, ids, horizon, now=now),
        )

    def set_priority(self, priority: Priority) -> None:
        from app.services import bulk

        store = self._ops.store
        self._bulk(
            f"Priority {priority.name.lower()}",
            lambda ids, now: bulk.set_priority(store, ids, priority, now=now),
        )

    def _context_menu(self, point: QPoint) -> None:
        from app.services import bulk

        ids = self.selected_ids()
        if not ids:
            return
        store = self._ops.store
        menu = QMenu(self)
        menu.addAction("Open…", lambda: self.open_item.emit(ids[0]))
        menu.addSeparator()
        menu.addAction("Plan for this week", lambda: self.plan(0))
        menu.addAction("Plan for next week", lambda: self.plan(1))
        menu.addAction(
            "Back to backlog (off the board)",
            lambda: self._bulk("Back to backlog", lambda i, n: bulk.unplan_items(store, i, now=n)),
        )
        horizon = menu.addMenu("Horizon")
        for h in Horizon:
            horizon.addAction(h.value.capitalize(), partial(self.set_horizon, h))
        priority = menu.addMenu("Priority")
        for p in (Priority.HIGH, Priority.MEDIUM, Priority.LOW, Priority.NONE):
            priority.addAction(p.name.capitalize(), partial(self.set_priority, p))
        menu.addAction("Add tag…", self.tag_selected)
        menu.addSeparator()
        menu.addAction(
            "Complete",
            lambda: self._bulk("Complete", lambda i, n: bulk.complete_items(store, i, True, now=n)),
        )
        menu.addAction("Delete", self.trash_selected)
        menu.exec(self.tree.viewport().mapToGlobal(point))
