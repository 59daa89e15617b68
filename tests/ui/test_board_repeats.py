"""A repeating card dropped in the board's Completed column leaves this week's board
for the week of its next occurrence, and undo brings it back."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.repeats import Repeat
from app.services.repeats import set_repeat
from app.store.db import Store
from app.ui.board.model import ColumnModel
from app.ui.dnd import encode_ids
from app.ui.ops import Operations
from app.ui.rows import RowCache
from tests.ui.conftest import add, this_week


def test_a_weekly_card_dropped_in_completed_moves_to_next_week(
    store: Store, ops: Operations, rows: RowCache
) -> None:
    week, following = this_week(), this_week().shifted(1)
    # Due on this week's Monday, every Monday: the next occurrence is next week's.
    item = add(store, "group meeting", column=Column.ACTIVE, due_date=week.monday)
    set_repeat(store, item, Repeat("FREQ=WEEKLY;BYDAY=MO"), now=datetime.now().astimezone())
    models = {
        "active": ColumnModel(ops, rows, Column.ACTIVE, week),
        "done": ColumnModel(ops, rows, Column.DONE, week),
        "next": ColumnModel(ops, rows, Column.TODO, following),
    }

    def refresh(changes: Changes) -> None:
        rows.invalidate(changes)
        for model in models.values():
            model.apply(changes)

    ops.changed.connect(refresh)
    drop = models["done"].dropMimeData(
        encode_ids([item]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    assert drop
    assert models["active"].ids == [] and models["done"].ids == []
    assert models["next"].ids == [item]
    record = rows.get(item)
    assert record is not None and record.completed_at is None
    assert record.due_date == following.monday
    ops.undo_stack.undo()
    assert models["active"].ids == [item] and models["next"].ids == []
