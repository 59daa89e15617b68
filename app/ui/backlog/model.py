"""The backlog as a tree model over item ids.

Children lists are loaded when a parent is first asked for its rows, so 50,000 items
cost one query for the top level. With a filter or another sort the model is a flat
list of matching ids. Rows come from the shared RowCache.

Rows are exposed a page at a time (Qt's canFetchMore/fetchMore): a tree view lays out
every row it is told about on each reset, calling back into Python several times per
row, so a 50,000-row reset would take seconds. The view asks for the next page as the
user scrolls; `index_of` reveals rows further down when code needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.enums import Priority
from app.domain.estimates import estimate_text
from app.domain.reading import kind_text
from app.store import backlog_query
from app.store.backlog_query import BacklogFilter
from app.ui.board.model import ID_ROLE, ITEM_ROLE
from app.ui.dnd import BACKLOG, MIME_ITEM_IDS, decode_ids, encode_ids, source_of
from app.ui.ops import Operations
from app.ui.rows import RowCache

Index = QModelIndex | QPersistentModelIndex
# Services that write through SQLAlchemy are imported where they are used: the window
# paints its first frame without loading the ORM.
ROOT = 0  # the key of the top level in the children table
HEADERS = ("Title", "Kind", "Tags", "Priority", "Due", "Estimate", "Horizon")
TITLE, KIND, TAGS, PRIORITY, DUE, ESTIMATE, HORIZON = range(len(HEADERS))
PAGE = 50  # rows exposed at first (more than a screen), and added as the view scrolls to the end
# Rows of a filtered list read at once: Qt asks for a second page right after every reset,
# and reading both in one query is cheaper than two (the scan in backlog_query stops at
# the rows wanted; the full-text index would sort every match twice).
FIRST_LOAD = 2 * PAGE
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
TITLE_FLAGS = ROW_FLAGS | Qt.ItemFlag.ItemIsUserCheckable
ROOT_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.FontRole,
        ITEM_ROLE,
        ID_ROLE,
    )
)
PRIORITY_NAMES = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}


class BacklogModel(QAbstractItemModel):
    def __init__(
        self, ops: Operations, rows: RowCache, parent: object = None, *, load: bool = True
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ops = ops
        self._rows = rows
        self.filter = BacklogFilter()
        self._children: dict[int, list[int]] = {}
        self._parent_of: dict[int, int] = {}
        self._row_of: dict[int, int] = {}
        self._has_children: set[int] = set()
        self._shown: dict[int, int] = {}  # rows exposed to the view, per parent
        self._complete = True  # False while a filtered list holds only its first page
        self.overdue_color = QColor("#d9534f")
        self.loaded = False
        if load:
            self.reload()

    # --- loading ---------------------------------------------------------------

    @property
    def conn(self):  # type: ignore[no-untyped-def]
        return self._ops.store.raw

    def set_filter(self, new: BacklogFilter) -> None:
        if new == self.filter:
            return
        was_tree = self.filter.is_tree
        self.filter = new
        first = None
        if not was_tree and not new.is_tree:
            # One query serves both the check and the reload.
            loaded = self._children.get(ROOT, [])
            first = self._first_rows(max(len(loaded), FIRST_LOAD))
            if first == (loaded, self._complete):
                return  # typing on often leaves the rows as they were: keep them, and the view
        self._shown.clear()  # a new result starts at its first page
        self.reload(first)

    def _first_rows(self, count: int) -> tuple[list[int], bool]:
        """The first `count` rows of the flat list, and whether that is all of it."""
        ids = backlog_query.filtered_ids(self.conn, self.filter, limit=count + 1)
        return ids[:count], len(ids) <= count

    def reload(self, first: tuple[list[int], bool] | None = None) -> None:
        """Read the list again (a flat list's first rows may be given, read already)."""
        self.loaded = True
        self.beginResetModel()
        self._children.clear()
        self._parent_of.clear()
        self._row_of.clear()
        if self.filter.is_tree:
            self._complete = True  # a tree loads each list whole; only a flat list pages
            self._has_children = backlog_query.parents_with_children(
                self.conn, self.filter.show_done
            )
            self._set_children(
                ROOT, backlog_query.children_ids(self.conn, None, self.filter.show_done)
            )
        else:
            # Each keystroke in the filter box lands here: read one page of matches now
            # and the rest only if the user scrolls to the end of it.
            self._has_children = set()
            ids, self._complete = first or self._first_rows(FIRST_LOAD)
            self._set_children(ROOT, ids)
        self.endResetModel()

    def _set_children(self, parent: int, ids: list[int]) -> None:
        self._children[parent] = ids
        self._shown[parent] = min(len(ids), max(self._shown.get(parent, 0), PAGE))
        for row, item_id in enumerate(ids):
            self._parent_of[item_id] = parent
            self._row_of[item_id] = row

    def _load(self, parent: int) -> list[int]:
        ids = self._children.get(parent)
        if ids is None:
            ids = backlog_query.children_ids(self.conn, parent, self.filter.show_done)
            self._set_children(parent, ids)
        return ids

    def apply(self, changes: Changes) -> None:
        """Refresh after an operation, keeping what is already loaded."""
        if changes.empty or not self.loaded:
            return
        if changes.everything or changes.tags:
            self.reload()
            return
        loaded = list(self._children)
        fresh = {
            parent: (
                backlog_query.children_ids(
                    self.conn, None if parent == ROOT else parent, self.filter.show_done
                )
                if self.filter.is_tree
                else backlog_query.filtered_ids(
                    self.conn,
                    self.filter,
                    None if self._complete else len(self._children.get(ROOT, [])),
                )
            )
            for parent in loaded
        }
        parents = (
            backlog_query.parents_with_children(self.conn, self.filter.show_done)
            if self.filter.is_tree
            else set()
        )
        if parents != self._has_children or any(fresh[p] != self._children[p] for p in loaded):
            # The shape changed: rebuild, re-reading only the lists that were open.
            self.beginResetModel()
            self._has_children = parents
            self._children.clear()
            self._parent_of.clear()
            self._row_of.clear()
            for parent, ids in fresh.items():
                self._set_children(parent, ids)
            self.endResetModel()
            return
        for item_id in changes.items:
            index = self.index_of(item_id)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(len(HEADERS) - 1))

    # --- lookups -----------------------------------------------------------------

    def id_at(self, index: Index) -> int | None:
        return int(index.internalId()) if index.isValid() else None

    def index_of(self, item_id: int) -> QModelIndex:
        """The item's index, exposing more rows first if it is further down the list."""
        row = self._row_of.get(item_id)
        if row is None:
            return QModelIndex()
        parent = self._parent_of.get(item_id, ROOT)
        if parent != ROOT and not self.index_of(parent).isValid():
            return QModelIndex()
        if row >= self._shown.get(parent, 0):
            self._expose(parent, row + 1)
        return self.createIndex(row, 0, item_id)

    def _parent_index(self, parent: int) -> QModelIndex:
        return (
            QModelIndex() if parent == ROOT else self.createIndex(self._row_of[parent], 0, parent)
        )

    def _expose(self, parent: int, count: int) -> None:
        shown = self._shown.get(parent, 0)
        count = min(count, len(self._children.get(parent, [])))
        if count > shown:
            self.beginInsertRows(self._parent_index(parent), shown, count - 1)
            self._shown[parent] = count
            self.endInsertRows()

    def canFetchMore(self, parent: Index) -> bool:
        key = ROOT if not parent.isValid() else int(parent.internalId())
        ids = self._children.get(key)
        if key == ROOT and not self._complete:
            return True
        return ids is not None and self._shown.get(key, 0) < len(ids)

    def fetchMore(self, parent: Index) -> None:
        key = ROOT if not parent.isValid() else int(parent.internalId())
        loaded = self._children.get(ROOT, [])
        if key == ROOT and not self._complete and self._shown.get(ROOT, 0) >= len(loaded):
            # The next page of a filtered list (never the whole result: Qt also asks right
            # after a reset, before the view knows whether it is full).
            more = backlog_query.filtered_ids(
                self.conn, self.filter, limit=PAGE + 1, offset=len(loaded)
            )
            self._complete = len(more) <= PAGE
            for row, item_id in enumerate(more[:PAGE], start=len(loaded)):
                self._parent_of[item_id] = ROOT
                self._row_of[item_id] = row
            loaded.extend(more[:PAGE])
        self._expose(key, self._shown.get(key, 0) + PAGE)

    def total_rows(self) -> int:
        """All matching top-level rows, exposed or not."""
        return len(self._children.get(ROOT, []))

    def record(self, item_id: int) -> ItemRecord | None:
        parent = self._parent_of.get(item_id, ROOT)
        siblings = self._children.get(parent, [])
        row = self._row_of.get(item_id, 0)
        return self._rows.get(item_id, siblings[row : row + 100])

    def depth(self, item_id: int) -> int:
        """How many parents the item has in the loaded tree (0 at the top level)."""
        depth, parent = 0, self._parent_of.get(item_id, ROOT)
        while parent != ROOT:
            depth += 1
            parent = self._parent_of.get(parent, ROOT)
        return depth

    def parent_id_of(self, item_id: int) -> int | None:
        parent = self._parent_of.get(item_id, ROOT)
        return None if parent == ROOT else parent

    # --- Qt model interface ------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = ROOT if not parent.isValid() else int(parent.internalId())
        ids = self._load(key)
        if not (0 <= row < self._shown.get(key, 0) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, ids[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent = self._parent_of.get(int(child.internalId()), ROOT)
        if parent == ROOT:
            return QModelIndex()
        return self.createIndex(self._row_of[parent], 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return self._shown.get(ROOT, 0)
        key = int(parent.internalId())
        if key not in self._has_children:
            return 0
        self._load(key)
        return self._shown.get(key, 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._children.get(ROOT))
        return parent.column() == 0 and int(parent.internalId()) in self._has_children

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Qt asks about a dozen roles per cell per paint; most are never answered here.
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        item_id = int(index.internalId())
        if role == ID_ROLE:
            return item_id
        record = self.record(item_id)
        if record is None:
            return None
        if role == ITEM_ROLE:
            return record
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return record.title if not record.notes else f"{record.title}\n\n{record.notes[:400]}"
        overdue = bool(record.due_date and record.due_date < date.today() and not record.done)
        if role == Qt.ItemDataRole.ForegroundRole and column == DUE and overdue:
            return self.overdue_color
        if role == Qt.ItemDataRole.CheckStateRole and column == TITLE:
            return Qt.CheckState.Checked if record.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and column == TITLE and record.done:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _text(self, record: ItemRecord, column: int) -> str:
        if column == TITLE:
            return record.title
        if column == KIND:
            return kind_text(record)
        if column == TAGS:
            return "  ".join(f"#{t}" for t in record.tags)
        if column == PRIORITY:
            return PRIORITY_NAMES.get(record.priority, "")
        if column == DUE and record.due_date:
            text = f"{record.due_date:%a %d %b}"
            return f"{text} {record.due_time:%H:%M}" if record.due_time else text
        if column == ESTIMATE and record.estimate_minutes:
            return estimate_text(record.estimate_minutes)
        if column == HORIZON and record.horizon:
            return record.horizon.value.capitalize()
        return ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Called for every laid-out row: constants, not enum arithmetic per call.
        if not index.isValid():
            return ROOT_FLAGS
        return TITLE_FLAGS if index.column() == TITLE else ROW_FLAGS

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != TITLE:
            return False
        from app.services import bulk

        item_id = int(index.internalId())
        done = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        return self._ops.run(
            "Complete item" if done else "Reopen item",
            lambda now: bulk.complete_items(self._ops.store, [item_id], done, now=now),
        )

    # --- drag and drop -------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_ITEM_IDS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(int(i.internalId()) for i in indexes if i.isValid()))
        return encode_ids(ids, BACKLOG)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(decode_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        from app.services import bulk, tree

        ids = decode_ids(data)
        if not ids:
            return False
        if source_of(data) != BACKLOG:  # a card dragged off the board goes back to the backlog
            return self._ops.run(
                "Back to backlog",
                lambda now: bulk.unplan_items(self._ops.store, ids, now=now),
            )
        if not self.filter.is_tree:
            return False  # a filtered list has no order of its own to drop into
        parent_id = None if not parent.isValid() else int(parent.internalId())
        if row < 0:  # onto an item: nest inside it, at the top
            before = self._load(parent_id or ROOT)[:1] if parent_id else []
            before_id = before[0] if before and before[0] not in ids else None
        else:
            siblings = [i for i in self._load(parent_id or ROOT)[row:] if i not in ids]
            before_id = siblings[0] if siblings else None
        if parent_id in ids:
            return False
        store = self._ops.store
        return self._ops.run(
            "Move in backlog",
            lambda now: tree.move_items_in_tree(
                store, ids, parent_id=parent_id, before_id=before_id, now=now
            ),
        )

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # The store moved the rows already; the reload after the operation shows it.
        return True
