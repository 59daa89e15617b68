"""The backlog model's drag and drop. A card dragged off the board goes back to the
backlog; backlog items dropped onto an item nest inside it, between items they move
there. Each drop is one undoable operation; a filter's result has no order of its own
and takes only cards from the board."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from app.store.backlog_query import BacklogFilter
from app.ui.dnd import BACKLOG, MIME_ITEM_IDS, decode_ids, encode_ids, source_of
from app.ui.ops import Operations

# Services that write through SQLAlchemy are imported where they are used: the window
# paints its first frame without loading the ORM.

Index = QModelIndex | QPersistentModelIndex


class BacklogDrops:
    """Mixed into `BacklogModel` (before QAbstractItemModel, whose methods these are)."""

    _ops: Operations
    filter: BacklogFilter

    def children_ids(self, parent_id: int | None) -> list[int]:
        """The children the backlog shows under `parent_id` (None: the top level)."""
        raise NotImplementedError

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
        ops = self._ops
        if source_of(data) != BACKLOG:  # a card dragged off the board goes back to the backlog
            return ops.run(
                "Back to backlog", lambda now: bulk.unplan_items(ops.store, ids, now=now)
            )
        parent_id = None if not parent.isValid() else int(parent.internalId())
        if not self.filter.is_tree or parent_id in ids:
            return False
        if row < 0:  # onto an item: nest inside it, at the top
            before = self.children_ids(parent_id)[:1] if parent_id else []
            before_id = before[0] if before and before[0] not in ids else None
        else:
            siblings = [i for i in self.children_ids(parent_id)[row:] if i not in ids]
            before_id = siblings[0] if siblings else None
        return ops.run(
            "Move in backlog",
            lambda now: tree.move_items_in_tree(
                ops.store, ids, parent_id=parent_id, before_id=before_id, now=now
            ),
        )

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # The store moved the rows already; the reload after the operation shows it.
        return True
