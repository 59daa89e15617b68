"""A step the database refuses (a full disk, a lock held too long) is reported to the
user as such, changes nothing and leaves the undo history as it was."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.store.db import Store
from app.ui.ops import Operations
from tests.ui.conftest import add

# Writing is refused as a full disk or a read-only file refuses it: an OperationalError.
READ_ONLY = "PRAGMA query_only = ON"


def count_items(store: Store) -> int:
    return int(store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0])


def test_a_step_the_database_refuses_is_reported_and_changes_nothing(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    add(store, "kept")
    store.raw.execute(READ_ONLY)
    with qtbot.waitSignal(ops.failed) as failure:
        done = ops.run(
            "New item", lambda now: create_item(store, ItemDraft(title="lost?"), now=now)[1]
        )
    assert not done
    message = failure.args[0]
    assert "could not be saved" in message and "readonly database" in message
    assert count_items(store) == 1 and ops.undo_stack.count() == 0


def test_an_undo_the_database_refuses_is_reported(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    assert ops.run("New item", lambda now: create_item(store, ItemDraft(title="a"), now=now)[1])
    ops.undo()
    store.raw.execute(READ_ONLY)
    with qtbot.waitSignal(ops.failed) as failure:
        ops.redo()
    assert failure.args[0].startswith("Could not undo or redo: The change could not be saved")
    assert count_items(store) == 0
