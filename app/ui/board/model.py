"""One column of the weekly board as a list model over item ids.

Python code reads cards through `record()`, `progress()` and `marks()`, never
`index.data(role)`: in PySide6 each `QModelIndex.data()` call from Python that yields None
drops a reference to None, and enough of them abort the interpreter (Qt's own calls are
unaffected).

Drag and drop goes through the model (the payload is defined in app/ui/dnd.py):
`mimeData` carries ids as JSON, `dropMimeData` asks the board service to move them (one
undoable operation), and every column reloads from the resulting Changes. Rows are never
removed by Qt's drag machinery itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.domain.changes import Changes
from app.domain.entities import ItemDraft, ItemRecord
from app.domain.enums import Column
from app.domain.weeks import Week
from app.services import card_time, item_details
from app.services.card_time import NO_TIME, ColumnTime
from app.store import item_rows
from app.store.item_rows import ItemQuery
from app.ui.dnd import BOARD, MIME_ITEM_IDS, decode_ids, encode_ids
from app.ui.ops import Operations
from app.ui.rows import RowCache

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # (done, total) subtasks, or None

Index = QModelIndex | QPersistentModelIndex
NO_MARKS = (False, False)
# Services that write through SQLAlchemy are imported where they are used: the window
# paints its first frame without loading the ORM.


class ColumnModel(QAbstractListModel):
    def __init__(
        self, ops: Operations, rows: RowCache, column: Column, week: Week, parent: object = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ops = ops
        self._rows = rows
        self.column = column
        self.week = week
        self._ids: list[int] = []
        self._progress: dict[int, tuple[int, int]] = {}
        self._marks: dict[int, tuple[bool, bool]] = {}
        self._time: ColumnTime = NO_TIME
        self._estimates: dict[int, int] = {}  # read once per card, again when it changes
        self.reload()

    # --- content ---------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def set_week(self, week: Week) -> None:
        self.week = week
        self._estimates.clear()  # another week's cards: keep the cache to one week's
        self.reload()

    def reload(self) -> None:
        ids = item_rows.query_ids(
            self._ops.store.raw, ItemQuery(week=str(self.week), column=self.column)
        )
        # One query for the whole column: cards show "2/5" when they have subtasks.
        self._progress = item_details.subtask_progress(self._ops.store, ids)
        # And one for the repeat and bell marks.
        self._marks = item_details.card_marks(self._ops.store, ids)
        # And one for the time spent and the estimates the column sums.
        self._time = card_time.column_time(
            self._ops.store.raw, ids, self._ops.clock(), self._estimates
        )
        if ids == self._ids:
            if ids:
                self.dataChanged.emit(self.index(0), self.index(len(ids) - 1))
            return
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()

    def apply(self, changes: Changes) -> None:
        """Refresh after an operation: re-query the column when placements may have
        changed, otherwise repaint only the cards whose items changed."""
        if changes.everything:
            self._estimates.clear()
        for item_id in changes.items:
            self._estimates.pop(item_id, None)
        if changes.board or changes.everything or changes.items & set(self._ids):
            self.reload()
        elif changes.time and self._ids:  # an undo of time entries may name no items
            self._time = card_time.column_time(self._ops.store.raw, self._ids, self._ops.clock())
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    @property
    def time(self) -> ColumnTime:
        """The column's time: spent per card and the estimates, for its sums."""
        return self._time

    def spent(self, row: int) -> float:
        """Seconds spent on the card at `row` (0 when none)."""
        return self._time.spent.get(self._ids[row], 0.0) if 0 <= row < len(self._ids) else 0.0

    def record(self, row: int) -> ItemRecord | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._rows.get(self._ids[row], self._ids[row : row + 100])

    def progress(self, row: int) -> tuple[int, int] | None:
        """(done, total) subtasks of the card at `row`, when it has any."""
        return self._progress.get(self._ids[row]) if 0 <= row < len(self._ids) else None

    def marks(self, row: int) -> tuple[bool, bool]:
        """(repeats, has a reminder waiting) for the card at `row`."""
        if not 0 <= row < len(self._ids):
            return NO_MARKS
        return self._marks.get(self._ids[row], NO_MARKS)

    def row_of(self, item_id: int) -> int:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return -1

    # --- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == PROGRESS_ROLE:
            return self._progress.get(self._ids[index.row()])
        record = self.record(index.row())
        if record is None:
            return None
        if role == ITEM_ROLE:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return record.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.title if not record.notes else f"{record.title}\n\n{record.notes[:400]}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_ITEM_IDS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids([self._ids[r] for r in rows], BOARD)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(decode_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = decode_ids(data)
        if not ids:
            return False
        if parent.isValid():  # dropped onto a card: insert above it
            row = parent.row()
        return self.move_here(ids, row)

    def move_here(self, ids: Sequence[int], row: int) -> bool:
        """Move `ids` into this column above the card now at `row` (-1: at the bottom)."""
        before_id = self._first_other(row, set(ids))
        count = len(ids)
        text = (
            f"Move {count} cards to {self.column.label}"
            if count > 1
            else f"Move card to {self.column.label}"
        )
        from app.services import board  # see the note at the top of the module

        week, column = self.week, self.column
        return self._ops.run(
            text,
            lambda now: board.move_cards(
                self._ops.store, ids, column, week=week, before_id=before_id, now=now
            ),
        )

    def add_new(self, draft: ItemDraft) -> int | None:
        """Create an item as a card at the bottom of this column; its id, or None when
        the operation failed (the window has said why)."""
        from app.services.items import create_item

        created: list[int] = []
        week, column, store = self.week, self.column, self._ops.store

        def add(now: datetime) -> Changes:
            record, changes = create_item(store, draft, now=now, week=week, column=column)
            created.append(record.id)
            return changes

        text = f"Add “{draft.title}” to {column.label}"
        return created[0] if self._ops.run(text, add) and created else None

    def _first_other(self, row: int, moving: set[int]) -> int | None:
        """The first card at or after `row` that is not itself being moved."""
        if row < 0:
            return None
        for item_id in self._ids[row:]:
            if item_id not in moving:
                return item_id
        return None

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # After a move the view asks the source to remove the dragged rows; the store
        # already moved them, and the reload triggered by the operation shows that.
        return True
