"""The backlog as a tree model over item ids.

Children lists are loaded when a parent is first asked for its rows, so 50,000 items
cost one query for the top level. With a filter the model holds its matches, read a
page at a time: in the manual order each under the items above it (filter_tree.py), in
another sort as a flat list. Rows come from the shared RowCache.

Rows are exposed a page at a time (Qt's canFetchMore/fetchMore): a tree view lays out
every row it is told about on each reset, calling back into Python several times per
row, so a 50,000-row reset would take seconds. The view asks for the next page as the
user scrolls; `index_of` reveals rows further down when code needs them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.weeks import Week
from app.store import backlog_query
from app.store.backlog_query import BacklogFilter
from app.ui.backlog.board_badge import Badge, board_badge
from app.ui.backlog.cells import DUE, HEADERS, TITLE, cell_text, title_tip
from app.ui.backlog.drops import BacklogDrops
from app.ui.backlog.filter_tree import ROOT, context_children, parents_first, sibling_keys
from app.ui.board.model import ID_ROLE, ITEM_ROLE
from app.ui.ops import Operations
from app.ui.rows import RowCache

Index = QModelIndex | QPersistentModelIndex
# Services that write through SQLAlchemy are imported where they are used: the window
# paints its first frame without loading the ORM.
# Which items have children, and the children lists read: what a reset installs.
Shape = tuple[set[int], dict[int, list[int]]]
PAGE = 50  # rows exposed at first (more than a screen), and added as the view scrolls to the end
# Rows of a filtered list read at once: Qt asks for a second page right after every reset,
# and reading both in one query is cheaper than two (the scan in backlog_query stops at
# the rows wanted; the full-text index would sort every match twice).
FIRST_LOAD = 2 * PAGE
MAX_DEPTH = 1000  # a climb to the top level gives up past this (against a cycle)
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


class BacklogModel(BacklogDrops, QAbstractItemModel):
    def __init__(
        self,
        ops: Operations,
        rows: RowCache,
        parent: object = None,
        *,
        load: bool = True,
        week_of: Callable[[date], Week] = Week.containing,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ops = ops
        self._rows = rows
        self._week_of = week_of  # the board week holding a day (weeks may start on Sunday)
        self.filter = BacklogFilter()
        self._children: dict[int, list[int]] = {}
        self._parent_of: dict[int, int] = {}
        self._row_of: dict[int, int] = {}
        self._has_children: set[int] = set()
        self._shown: dict[int, int] = {}  # rows exposed to the view, per parent
        self._complete = True  # False while a filter's matches are read only in part
        self._matches: list[int] = []  # a filter's matches read so far, in its order
        self._matched: set[int] = set()
        self._keys: dict[int, tuple[int, int]] = {}  # a match tree's sibling order
        self.overdue_color = QColor("#d9534f")
        self.loaded = False
        if load:
            self.reload()

    # --- loading ---------------------------------------------------------------

    @property
    def conn(self):  # type: ignore[no-untyped-def]
        return self._ops.store.raw

    @property
    def in_context(self) -> bool:
        """A filter in the manual order shows its matches in their place in the tree,
        under their parents (greyed when they do not match themselves); another order
        is a flat list."""
        return not self.filter.is_tree and self.filter.sort == "manual"

    def _mode(self) -> str:
        return "tree" if self.filter.is_tree else "context" if self.in_context else "flat"

    def set_filter(self, new: BacklogFilter) -> None:
        if new == self.filter:
            return
        mode = self._mode()
        self.filter = new
        first = None
        if mode == self._mode() != "tree":
            # One query serves both the check and the reload.
            loaded = self._matches
            first = self._first_rows(max(len(loaded), FIRST_LOAD))
            if first == (loaded, self._complete):
                return  # typing on often leaves the rows as they were: keep them, and the view
        self._shown.clear()  # a new result starts at its first page
        self.reload(first)

    def _first_rows(self, count: int) -> tuple[list[int], bool]:
        """The first `count` matches of the filter, and whether that is all of them."""
        ids = backlog_query.filtered_ids(self.conn, self.filter, limit=count + 1)
        return ids[:count], len(ids) <= count

    def reload(self, first: tuple[list[int], bool] | None = None) -> None:
        """Read the list again (a filter's first matches may be given, read already)."""
        self.loaded = True
        self.beginResetModel()
        if self.filter.is_tree:
            self._complete = True  # a tree loads each list whole; only matches page
            self._install(*self._tree_shape([ROOT]), [])
        else:
            # Each keystroke in the filter box lands here: read one page of matches now
            # and the rest only if the user scrolls to the end of it.
            ids, self._complete = first or self._first_rows(FIRST_LOAD)
            self._install(*self._match_shape(ids), ids)
        self.endResetModel()

    def _tree_shape(self, parents: list[int]) -> Shape:
        """Which items have children, and the children of `parents`, read now."""
        show_done = self.filter.show_done
        children = {
            parent: backlog_query.children_ids(
                self.conn, None if parent == ROOT else parent, show_done
            )
            for parent in parents
        }
        return backlog_query.parents_with_children(self.conn, show_done), children

    def _match_shape(self, ids: list[int]) -> Shape:
        """The matches as a flat list, or in context: with the items above them."""
        if not self.in_context:
            return set(), {ROOT: list(ids)}
        nodes = backlog_query.with_ancestors(self.conn, ids)
        self._keys.update(sibling_keys(nodes))
        children = context_children(nodes)
        return set(children) - {ROOT}, children

    def _install(
        self, has_children: set[int], children: dict[int, list[int]], matches: list[int]
    ) -> None:
        self._has_children = has_children
        self._children.clear()
        self._parent_of.clear()
        self._row_of.clear()
        self._matches, self._matched = list(matches), set(matches)
        for parent, ids in children.items():
            self._set_children(parent, ids)

    def _set_children(self, parent: int, ids: list[int]) -> None:
        self._children[parent] = ids
        if self.in_context and parent != ROOT:
            self._shown[parent] = len(ids)  # matches page by the top level only
        else:
            self._shown[parent] = min(len(ids), max(self._shown.get(parent, 0), PAGE))
        for row, item_id in enumerate(ids):
            self._parent_of[item_id] = parent
            self._row_of[item_id] = row

    def _load(self, parent: int) -> list[int]:
        ids = self._children.get(parent)
        if ids is None:
            if not self.filter.is_tree:
                return []  # a filter's lists are all made when its matches are read
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
        matches: list[int] = []
        if self.filter.is_tree:
            # Re-read only the lists that were open.
            has_children, children = self._tree_shape(list(self._children))
        else:
            limit = None if self._complete else len(self._matches)
            matches = backlog_query.filtered_ids(self.conn, self.filter, limit)
            has_children, children = self._match_shape(matches)
        if has_children != self._has_children or children != self._children:
            self.beginResetModel()  # the shape changed
            self._install(has_children, children, matches)
            self.endResetModel()
            return
        regreyed = self._matched.symmetric_difference(matches)
        self._matches, self._matched = matches, set(matches)
        for item_id in {*changes.items, *regreyed}:
            self._changed(item_id)

    def _changed(self, item_id: int) -> None:
        """Repaint the item's row, if Qt has been told of it (a row further down is
        painted when it is exposed)."""
        if item_id in self._row_of and self._is_shown(item_id):
            index = self.createIndex(self._row_of[item_id], 0, item_id)
            self.dataChanged.emit(index, index.siblingAtColumn(len(HEADERS) - 1))

    def _read_more(self) -> bool:
        """The next page of matches; False when it added no row, shown or not."""
        more = backlog_query.filtered_ids(
            self.conn, self.filter, limit=PAGE + 1, offset=len(self._matches)
        )
        self._complete = len(more) <= PAGE
        more = more[:PAGE]
        self._matches.extend(more)
        self._matched.update(more)
        if not self.in_context:
            roots = self._children.setdefault(ROOT, [])
            for row, item_id in enumerate(more, start=len(roots)):
                self._parent_of[item_id] = ROOT
                self._row_of[item_id] = row
            roots.extend(more)
            return bool(more)
        for item_id in more:
            if item_id in self._parent_of:  # shown already, for context: now a match
                self._changed(item_id)
        nodes = backlog_query.with_ancestors(self.conn, more)
        self._keys.update(sibling_keys(nodes))
        placed = {n.id for n in nodes} | self._parent_of.keys()
        added = False
        for node in parents_first(n for n in nodes if n.id not in self._parent_of):
            parent = node.parent_id if node.parent_id in placed else ROOT
            self._insert(parent or ROOT, node.id)
            added = True
        return added

    def _insert(self, parent: int, item_id: int) -> None:
        """One more item in a filter's tree, in its place among its siblings; Qt hears
        of it when its parent's rows are shown."""
        siblings = self._children.setdefault(parent, [])
        row = bisect.bisect_left(siblings, self._keys[item_id], key=self._keys.__getitem__)
        told = row < self._shown.get(ROOT, 0) if parent == ROOT else self._is_shown(parent)
        if told:
            self.beginInsertRows(self._parent_index(parent), row, row)
        siblings.insert(row, item_id)
        for later in range(row, len(siblings)):
            self._row_of[siblings[later]] = later
        self._parent_of[item_id] = parent
        if parent != ROOT:
            self._has_children.add(parent)
        if told or parent != ROOT:
            self._shown[parent] = self._shown.get(parent, 0) + 1
        if told:
            self.endInsertRows()

    def _is_shown(self, item_id: int) -> bool:
        """Whether Qt has been told of the item: each row above it is exposed."""
        while item_id != ROOT:
            parent = self._parent_of.get(item_id)
            if parent is None or self._row_of[item_id] >= self._shown.get(parent, 0):
                return False
            item_id = parent
        return True

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

    def locate(self, item_id: int) -> QModelIndex:
        """The item's index, as `index_of`, after reading the lists above it that were
        never opened (an item just indented under a parent that was never expanded).
        Invalid when the backlog does not show the item."""
        if item_id not in self._row_of and self.filter.is_tree:
            chain: list[int] = []
            current = item_id
            while current not in self._row_of:
                record = self._rows.get(current)
                if record is None or record.parent_id is None or len(chain) > MAX_DEPTH:
                    return QModelIndex()  # not shown: done, in the trash, or gone
                current = record.parent_id
                chain.append(current)
            for parent in reversed(chain):
                if parent not in self._has_children:
                    return QModelIndex()
                self._load(parent)
        return self.index_of(item_id)

    def badge(self, record: ItemRecord) -> Badge | None:
        """The badge saying which board week the item is on, if any."""
        return board_badge(record.placement, self._week_of(date.today()))

    def is_context(self, item_id: int) -> bool:
        """Shown above a filter's match without matching the filter itself."""
        return self.in_context and item_id not in self._matched

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
        if key == ROOT:
            # The next page of matches (never the whole result: Qt also asks right after
            # a reset, before the view knows whether it is full). A page that adds no
            # row (its matches were all shown already, above earlier ones) is followed
            # by the next, or the view, at the end of its rows, would not ask again.
            while (
                not self._complete
                and self._shown.get(ROOT, 0) >= len(self._children.get(ROOT, []))
                and not self._read_more()
            ):
                pass
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
            return cell_text(record, column, date.today())
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            badge = self.badge(record)
            board = badge.tip if badge else None
            return title_tip(record, board=board, context=self.is_context(item_id))
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

    # --- drag and drop (drops.py) ---------------------------------------------------

    def children_ids(self, parent_id: int | None) -> list[int]:
        """The children the backlog shows under `parent_id` (None: the top level)."""
        return self._load(parent_id or ROOT)
