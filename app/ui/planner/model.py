"""One day's time blocks as a list model over block ids, and the planner's writes.

Python code reads blocks through `block()` and `lane()`, never `index.data(role)` (see
app/ui/board/model.py for why); the roles serve Qt, accessibility and the model tester.

Every write is one undoable operation (`Operations.run`): a card dropped onto the day
becomes a block (`add_items`), a block dragged or resized is placed again (`place`), and
the model reloads from the Changes the operation returns, as every view does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from app.domain.changes import Changes
from app.domain.timebox import DAY_MINUTES, Lane, Span, clock_text, lanes, span_text
from app.services.planner_reads import PlannedBlock, day_plan
from app.ui.dnd import MIME_ITEM_IDS, decode_ids
from app.ui.ops import Operations
from app.ui.planner.dnd import MIME_BLOCK_IDS, decode_blocks, encode_blocks

ID_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2  # minutes after midnight
MINUTES_ROLE = Qt.ItemDataRole.UserRole + 3
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 4  # 0 for a block with a title of its own
LANE_ROLE = Qt.ItemDataRole.UserRole + 5  # (slot, slots) side by side
SPENT_ROLE = Qt.ItemDataRole.UserRole + 6  # seconds of focus time in the block
MISSED_ROLE = Qt.ItemDataRole.UserRole + 7

Index = QModelIndex | QPersistentModelIndex
ONE_LANE = Lane(0, 1)


class DayModel(QAbstractListModel):
    def __init__(self, ops: Operations, day: date, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ops = ops
        self.day = day
        self.push_later = True  # the toolbar's "Push later blocks"
        self._blocks: list[PlannedBlock] = []
        self._lanes: dict[int, Lane] = {}
        self.reload()

    # --- content ---------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return [b.row.id for b in self._blocks]

    def set_day(self, day: date) -> None:
        if day != self.day:
            self.day = day
            self.reload()

    def reload(self) -> None:
        blocks = day_plan(self._ops.store, self.day, self._ops.clock())
        self._lanes = lanes(Span(b.row.id, b.row.start, b.row.minutes) for b in blocks)
        if [b.row.id for b in blocks] == self.ids:
            self._blocks = blocks
            if blocks:
                self.dataChanged.emit(self.index(0), self.index(len(blocks) - 1))
            return
        self.beginResetModel()
        self._blocks = blocks
        self.endResetModel()

    def apply(self, changes: Changes) -> None:
        """Reload when time was planned or spent, or an item shown here changed (its
        title, or completed)."""
        shown = {b.row.item_id for b in self._blocks}
        if changes.time or changes.everything or changes.items & shown:
            self.reload()

    def block(self, row: int) -> PlannedBlock | None:
        return self._blocks[row] if 0 <= row < len(self._blocks) else None

    def lane(self, row: int) -> Lane:
        found = self.block(row)
        return ONE_LANE if found is None else self._lanes.get(found.row.id, ONE_LANE)

    def row_of(self, block_id: int) -> int:
        for row, planned in enumerate(self._blocks):
            if planned.row.id == block_id:
                return row
        return -1

    def planned_minutes(self) -> int:
        return sum(b.row.minutes for b in self._blocks)

    # --- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._blocks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        found = self.block(index.row()) if index.isValid() else None
        if found is None:
            return None
        row = found.row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            when = f"{clock_text(row.start)}–{clock_text(row.end)}"
            missed = ", missed" if found.missed else ""
            return f"{row.title}, {when} ({span_text(row.minutes)}){missed}"
        values: dict[int, object] = {
            ID_ROLE: row.id,
            START_ROLE: row.start,
            MINUTES_ROLE: row.minutes,
            ITEM_ID_ROLE: row.item_id or 0,
            LANE_ROLE: tuple(self.lane(index.row())),
            SPENT_ROLE: found.spent,
            MISSED_ROLE: found.missed,
        }
        return values.get(role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_BLOCK_IDS, MIME_ITEM_IDS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_blocks([self._blocks[r].row.id for r in rows])

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(decode_blocks(data) or decode_ids(data))

    # --- writes ----------------------------------------------------------------

    def drop(self, data: QMimeData, minute: int, day: date | None = None) -> bool:
        """A drop at `minute` of `day` (the day shown by default): cards become blocks
        there, a dragged block moves there."""
        day = self.day if day is None else day
        blocks = decode_blocks(data)
        if blocks:
            return self.place(blocks[0], minute, day=day)
        ids = decode_ids(data)
        return bool(ids) and self.add_items(ids, minute, day=day)

    def add_items(self, item_ids: Sequence[int], minute: int, day: date | None = None) -> bool:
        """Blocks for `item_ids` one after another from `minute`, each as long as what
        is left of its item's estimate (30 minutes without one)."""
        from app.services.time_blocks import add_block  # the ORM: not for the first frame

        store, push, day = self._ops.store, self.push_later, self.day if day is None else day

        def plan(now: datetime) -> Changes:
            changes, start = Changes(), minute
            for item_id in item_ids:
                placed, step = add_block(
                    store, day=day, start=start, item_id=item_id, push=push, now=now
                )
                changes |= step
                start = min(placed.end, DAY_MINUTES - 1)
            return changes

        count = len(item_ids)
        text = f"Plan {count} cards at {clock_text(minute)}" if count > 1 else "Plan a block"
        return self._ops.run(text, plan)

    def add_titled(self, title: str, minute: int, minutes: int) -> bool:
        """A block of its own ("Group meeting") at `minute`."""
        from app.services.time_blocks import add_block

        store, day, push = self._ops.store, self.day, self.push_later
        return self._ops.run(
            f"Plan “{title}”",
            lambda now: add_block(
                store, day=day, start=minute, minutes=minutes, title=title, push=push, now=now
            )[1],
        )

    def place(
        self, block_id: int, start: int, minutes: int | None = None, day: date | None = None
    ) -> bool:
        """Move a block to `start` (on `day`), resized to `minutes` when given."""
        from app.services.time_blocks import move_block

        store, push = self._ops.store, self.push_later
        text = "Move block" if minutes is None else "Resize block"
        return self._ops.run(
            text,
            lambda now: move_block(
                store, block_id, start=start, day=day, minutes=minutes, push=push, now=now
            )[1],
        )

    def remove(self, block_ids: Sequence[int]) -> bool:
        from app.services.time_blocks import remove_block

        store = self._ops.store

        def remove_all(now: datetime) -> Changes:
            changes = Changes()
            for block_id in block_ids:
                changes |= remove_block(store, block_id)
            return changes

        count = len(block_ids)
        return self._ops.run("Remove block" if count == 1 else f"Remove {count} blocks", remove_all)

    def carry_from_yesterday(self) -> bool:
        """Yesterday's blocks of items still open, to the day shown."""
        from app.services.time_blocks import carry_unfinished

        store, day = self._ops.store, self.day
        return self._ops.run(
            "Move yesterday's unfinished blocks",
            lambda now: carry_unfinished(
                store, from_day=day - timedelta(days=1), to_day=day, now=now
            )[1],
        )
