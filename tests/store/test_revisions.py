"""Identity and revisions: uids, a store-wide revision moved by triggers, tombstones,
ids never reused; and `rizhi changes`, what a sync engine reads."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.cli.main import main
from app.domain.entities import ItemDraft, ItemPatch
from app.domain.units import GoalSpec
from app.services import log_entries as log_service
from app.services import units
from app.services.item_edits import edit_item
from app.services.items import create_item, purge_items, restore_item, trash_item
from app.services.tree import move_in_tree
from app.store.db import Store
from app.store.revisions import SYNCED_TABLES, changes_since, current_revision
from tests.conftest import NOW
from tests.services.undo_harness import history_of


def rev(store: Store, table: str, row_id: int) -> int:
    return int(store.raw.execute(f"SELECT rev FROM {table} WHERE id = ?", (row_id,)).fetchone()[0])


def tombstones(store: Store) -> list[tuple[str, str]]:
    return store.raw.execute("SELECT tbl, uid FROM tombstones ORDER BY rev").fetchall()


def test_every_table_with_a_revision_is_synced(store: Store) -> None:
    tables = [
        str(name)
        for (name,) in store.raw.execute(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c"
            " WHERE m.type = 'table' AND c.name = 'rev' AND m.name != 'tombstones'"
            " ORDER BY m.name"
        )
    ]
    assert sorted(SYNCED_TABLES) == tables
    for table in tables:  # and every one has a uid
        columns = {r[1] for r in store.raw.execute(f"PRAGMA table_info({table})")}
        assert "uid" in columns


def test_every_change_moves_the_revision(store: Store) -> None:
    start = current_revision(store.raw)
    item, _ = create_item(store, ItemDraft(title="idea"), now=NOW)
    created = rev(store, "items", item.id)
    assert created > start
    edit_item(store, item.id, ItemPatch(title="a better idea"), now=NOW)
    edited = rev(store, "items", item.id)
    assert edited > created
    # A change to a row that belongs to the item is a change of the item.
    edit_item(store, item.id, ItemPatch(add_tags=("paper",)), now=NOW)
    assert rev(store, "items", item.id) > edited
    assert current_revision(store.raw) == rev(store, "items", item.id)


def test_units_goals_categories_and_entries_have_uids_and_revisions(store: Store) -> None:
    unit, _ = units.create_unit(store, now=NOW, start=NOW.date(), goals=[GoalSpec("papers", 2)])
    entry, _ = log_service.add_entry(store, NOW.date(), "notes", now=NOW)
    found = {(c.table, c.uid) for c in changes_since(store.raw, 0)}
    uid = {
        t: {str(r[0]) for r in store.raw.execute(f"SELECT uid FROM {t}")}
        for t in ("study_units", "unit_goals", "goal_categories", "log_entries")
    }
    for table, uids in uid.items():
        assert uids and all(len(u) == 36 for u in uids)
        assert {(table, u) for u in uids} <= found
    before = rev(store, "unit_goals", unit.goals[0].id)
    item, _ = create_item(store, ItemDraft(title="paper"), now=NOW)
    units.link_items(store, unit.goals[0].id, [item.id])  # a goal's link is the goal's
    assert rev(store, "unit_goals", unit.goals[0].id) > before
    assert entry.uid in uid["log_entries"]


def test_the_trash_is_a_deletion_and_restoring_a_new_life(store: Store) -> None:
    item, _ = create_item(store, ItemDraft(title="old idea"), now=NOW)
    child, _ = create_item(store, ItemDraft(title="part", parent_id=item.id), now=NOW)
    mark = current_revision(store.raw)
    trash_item(store, item.id, now=NOW)
    assert {(c.uid, c.deleted) for c in changes_since(store.raw, mark)} == {
        (item.uid, True),
        (child.uid, True),
    }
    mark = current_revision(store.raw)
    restore_item(store, item.id, now=NOW)
    assert tombstones(store) == []
    assert {(c.uid, c.deleted) for c in changes_since(store.raw, mark)} == {
        (item.uid, False),
        (child.uid, False),
    }


def test_delete_for_ever_keeps_the_tombstone(store: Store) -> None:
    item, _ = create_item(store, ItemDraft(title="gone"), now=NOW)
    with pytest.raises(Exception, match="not in the trash"):
        purge_items(store, [item.id])
    trash_item(store, item.id, now=NOW)
    purge_items(store, [item.id])
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
    assert tombstones(store) == [("items", item.uid)]
    (change,) = changes_since(store.raw, 0)[-1:]
    assert change.uid == item.uid and change.deleted


def test_a_deleted_entry_and_goal_leave_tombstones(store: Store) -> None:
    unit, _ = units.create_unit(store, now=NOW, start=NOW.date(), goals=[GoalSpec("papers", 2)])
    entry, _ = log_service.add_entry(store, NOW.date(), "notes", now=NOW)
    units.remove_goal(store, unit.goals[0].id)
    log_service.delete_entry(store, entry.id)
    assert [t for t, _ in tombstones(store)] == ["unit_goals", "log_entries"]


def test_ids_are_never_reused(store: Store) -> None:
    first, _ = create_item(store, ItemDraft(title="a"), now=NOW)
    trash_item(store, first.id, now=NOW)
    purge_items(store, [first.id])
    second, _ = create_item(store, ItemDraft(title="b"), now=NOW)
    assert second.id == first.id + 1
    entry, _ = log_service.add_entry(store, NOW.date(), "x", now=NOW)
    log_service.delete_entry(store, entry.id)
    again, _ = log_service.add_entry(store, NOW.date(), "y", now=NOW)
    assert again.id == entry.id + 1
    autoincrement = {
        str(r[0])
        for r in store.raw.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'"
        )
    }
    assert (
        set(SYNCED_TABLES) | {"tags", "item_links", "planned_weeks", "change_log"} <= autoincrement
    )


def test_an_undo_is_a_new_revision(store: Store) -> None:
    history = history_of(store)
    parent, _ = create_item(store, ItemDraft(title="parent"), now=NOW)
    item, _ = create_item(store, ItemDraft(title="item"), now=NOW)
    _, step = history.run(
        lambda: move_in_tree(store, item.id, parent_id=parent.id, before_id=None, now=NOW)
    )
    assert step is not None
    moved = rev(store, "items", item.id)
    history.undo(step, now=NOW + timedelta(minutes=1))
    assert rev(store, "items", item.id) > moved


def test_rizhi_changes_lists_each_revision_and_the_tombstone(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """Adding, editing, undoing and deleting, each seen by `rizhi changes --json`."""

    def changes(since: int) -> dict[str, object]:
        capsys.readouterr()
        assert main(["changes", "--since", str(since), "--json"]) == 0
        return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]

    start = changes(0)
    assert start["since"] == 0 and [c["table"] for c in start["changes"]] == ["goal_categories"] * 4
    assert main(["add", "Read the MAE paper #paper"]) == 0
    added = changes(int(start["revision"]))  # type: ignore[call-overload]
    ((uid, at_add),) = [(c["uid"], c["revision"]) for c in added["changes"]]  # type: ignore[union-attr]
    history = history_of(store)
    _, step = history.run(
        lambda: edit_item(store, 1, ItemPatch(title="Read MAE twice"), now=NOW)[1]
    )
    assert step is not None
    edited = changes(at_add)
    ((_, at_edit),) = [(c["uid"], c["revision"]) for c in edited["changes"]]  # type: ignore[union-attr]
    history.undo(step, now=NOW)
    undone = changes(at_edit)
    ((_, at_undo),) = [(c["uid"], c["revision"]) for c in undone["changes"]]  # type: ignore[union-attr]
    assert at_add < at_edit < at_undo
    assert main(["rm", "1"]) == 0 and main(["trash", "purge", "1"]) == 0
    deleted = changes(at_undo)
    assert deleted["changes"] == [
        {"table": "items", "uid": uid, "revision": deleted["revision"], "deleted": True}
    ]
    everything = changes(0)
    assert {
        "table": "items",
        "uid": uid,
        "revision": deleted["revision"],
        "deleted": True,
    } in everything["changes"]  # type: ignore[operator]


def test_rizhi_changes_refuses_a_negative_revision(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["changes", "--since", "-1"]) == 2
    assert "--since" in capsys.readouterr().err


def test_a_failed_statement_moves_no_revision(store: Store) -> None:
    before = current_revision(store.raw)
    with pytest.raises(sqlite3.IntegrityError), store.raw_write() as conn:
        conn.execute(
            "INSERT INTO items (uid, kind, title, notes, position, priority, reading_pass,"
            " created_at, updated_at) VALUES ('x', 'task', 't', '', 0, 9, 0, 'a', 'a')"
        )
    assert current_revision(store.raw) == before


def test_a_restore_never_moves_the_revision_back(store: Store, tmp_path: Path) -> None:
    from app.services.backups import backup, restore

    kept, _ = create_item(store, ItemDraft(title="in the backup"), now=NOW)
    copy = backup(store, tmp_path / "copy.sqlite3", now=NOW)
    for n in range(5):
        create_item(store, ItemDraft(title=f"after the backup {n}"), now=NOW)
    before = current_revision(store.raw)
    restore(store, copy, now=NOW)
    assert current_revision(store.raw) > before
    (change,) = [c for c in changes_since(store.raw, before) if c.table == "items"]
    assert change.uid == kept.uid  # seen again by a sync that had read up to `before`
