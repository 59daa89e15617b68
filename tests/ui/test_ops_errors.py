"""A step the database refuses (a full disk, a lock held too long) is reported to the
user as such, changes nothing and leaves the undo history as it was."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.store.db import Store
from app.ui.ops import Operations
from tests.ui.conftest import add, redo_step, undo_step

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
    undo_step(ops)
    store.raw.execute(READ_ONLY)
    with qtbot.waitSignal(ops.failed) as failure:
        ops.redo()
    assert failure.args[0].startswith("Could not redo “New item”: The change could not be saved")
    assert count_items(store) == 0


def test_a_refused_undo_leaves_the_step_where_it_was(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    for title in ("first", "second"):
        assert ops.run(
            title, lambda now, t=title: create_item(store, ItemDraft(title=t), now=now)[1]
        )
    store.raw.execute(READ_ONLY)
    with qtbot.waitSignal(ops.failed):
        ops.undo()
    # Still "second" to undo: a second Ctrl+Z must not undo "first" under it.
    assert ops.undo_stack.index() == 2 and ops.undo_stack.undoText() == "second"
    assert count_items(store) == 2
    store.raw.execute("PRAGMA query_only = OFF")
    undo_step(ops)
    assert ops.undo_stack.undoText() == "first" and count_items(store) == 1


def test_a_refused_redo_leaves_the_step_to_redo(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    assert ops.run("first", lambda now: create_item(store, ItemDraft(title="a"), now=now)[1])
    undo_step(ops)
    store.raw.execute(READ_ONLY)
    with qtbot.waitSignal(ops.failed):
        ops.redo()
    assert ops.undo_stack.index() == 0 and ops.undo_stack.redoText() == "first"
    store.raw.execute("PRAGMA query_only = OFF")
    redo_step(ops)
    assert ops.undo_stack.index() == 1 and count_items(store) == 1


def test_a_unit_changed_elsewhere_since_a_step_is_not_overwritten_by_its_undo(
    qtbot: QtBot, store: Store, ops: Operations, home: Path
) -> None:
    from app.domain.units import GoalSpec
    from app.services.unit_records import unit_by_number
    from app.services.units import add_goal, create_unit

    made: list[int] = []

    def new_unit(now: datetime) -> Changes:
        unit, changes = create_unit(
            store, now=now, start=date(2022, 2, 1), goals=[GoalSpec("Papers", 2)]
        )
        made.append(unit.id)
        return changes

    assert ops.run("New unit", new_unit)
    # Another process (the command line) adds a goal to the new unit.
    other = Store.open(home / "rizhi.sqlite3", home / "backups")
    add_goal(other, made[0], GoalSpec("Math", 1, description="chapter 3"))
    other.close()
    with qtbot.waitSignal(ops.failed) as failure:
        ops.undo()
    assert "belongs to what this step created" in failure.args[0]
    assert "nothing was changed" in failure.args[0]
    goals = [(g.category, g.description) for g in unit_by_number(store, 1).goals]
    assert goals == [("Papers", ""), ("Math", "chapter 3")]
    assert ops.undo_stack.index() == 1 and ops.undo_stack.undoText() == "New unit"


def test_redoing_a_goal_link_keeps_item_changes_made_elsewhere(
    store: Store, ops: Operations, home: Path
) -> None:
    from app.domain.units import GoalSpec
    from app.services.bulk import complete_items
    from app.services.unit_records import unit_by_number
    from app.services.units import create_unit, link_items

    unit, _ = create_unit(
        store,
        now=datetime.now().astimezone(),
        start=date(2022, 2, 1),
        goals=[GoalSpec("Papers", 2)],
    )
    goal = unit.goals[0].id
    paper = add(store, "read the MAE paper")
    assert ops.run("Edit unit 1", lambda now: link_items(store, goal, [paper])[1])
    undo_step(ops)
    other = Store.open(home / "rizhi.sqlite3", home / "backups")
    complete_items(other, [paper], True, now=datetime.now().astimezone())
    other.close()
    redo_step(ops)
    assert unit_by_number(store, 1).goals[0].item_ids == (paper,)
    done = store.raw.execute("SELECT completed_at FROM items WHERE id = ?", (paper,)).fetchone()
    assert done[0] is not None  # the redo did not reopen it


def test_only_a_replaced_store_drops_the_undo_steps(store: Store, ops: Operations) -> None:
    assert ops.run("New item", lambda now: create_item(store, ItemDraft(title="a"), now=now)[1])
    ops.external(Changes(everything=True))  # reload every view (an import elsewhere)
    assert ops.undo_stack.count() == 1
    ops.external(Changes(everything=True, replaced=True))  # a restore: another file
    assert ops.undo_stack.count() == 0
