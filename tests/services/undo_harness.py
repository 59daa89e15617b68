"""Running an operation the way the window does (app/ui/ops.py runs it through
`History`) and checking that undo and redo reproduce the data exactly."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from app.domain.changes import Changes
from app.domain.errors import DomainError
from app.services.history import History
from app.services.transfer import export_data
from app.store.db import Store
from tests.conftest import NOW

Operation = Callable[[datetime], Changes]

_HISTORIES: weakref.WeakKeyDictionary[Store, History] = weakref.WeakKeyDictionary()


def history_of(store: Store) -> History:
    """One history per store, as the window keeps one for its connection."""
    history = _HISTORIES.get(store)
    if history is None:
        history = _HISTORIES[store] = History(store)
    return history


def document(store: Store) -> dict[str, Any]:
    """The whole store as exported, less the moment of export and the `updated_at` of
    rows (an undo is a new change, stamped with its own time)."""
    data = export_data(store, now=NOW)
    del data["exported_at"]
    for table, rows in data.items():
        if isinstance(rows, list):
            data[table] = [{k: v for k, v in row.items() if k != "updated_at"} for row in rows]
    return data


def check_search_index(store: Store) -> None:
    """The full-text index agrees with the items table (undo writes rows back with
    updates, inserts and deletes; the triggers must have seen every one of them)."""
    conn = store.raw
    conn.execute("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")
    for item_id, title in conn.execute("SELECT id, title FROM items"):
        if len(title) >= 3:
            phrase = '"' + title[:3].replace('"', '""') + '"'
            hits = {
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM items_fts WHERE items_fts MATCH ?", (phrase,)
                )
            }
            assert item_id in hits, (item_id, title)
    indexed = conn.execute("SELECT COUNT(*) FROM items_fts").fetchone()[0]
    assert indexed == conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    conn.execute("INSERT INTO log_fts(log_fts) VALUES ('integrity-check')")


def rows_by_item(data: dict[str, Any], table: str, ignore: Iterable[str] = ()) -> dict[int, Any]:
    key = "id" if table == "items" else "item_id"
    skip = set(ignore)
    grouped: dict[int, list[Any]] = {}
    for row in data[table]:
        grouped.setdefault(row[key], []).append(
            sorted((k, v) for k, v in row.items() if k not in skip)
        )
    return {i: sorted(rows, key=repr) for i, rows in grouped.items()}


def changed_items(before: dict[str, Any], after: dict[str, Any]) -> set[int]:
    """Items whose own state differs, other than their place among neighbours (a
    respaced rank or position) and the ids of rows that were replaced."""
    changed: set[int] = set()
    for table, ignore in (
        ("items", ("position",)),
        ("item_tags", ()),
        ("item_links", ("id",)),
        ("reading_notes", ()),
        ("reading_passes", ()),
        ("board_cards", ("rank",)),
        ("planned_weeks", ("id",)),
        ("goal_items", ()),
    ):
        old, new = rows_by_item(before, table, ignore), rows_by_item(after, table, ignore)
        changed |= {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
    return changed


def run_undoable(store: Store, operation: Operation, *, now: datetime = NOW) -> Changes | None:
    """Run `operation` as the window does, then undo, redo, undo and redo it again,
    checking the data each time. Returns its Changes, or None when it was refused (and
    then checks that it changed nothing)."""
    history = history_of(store)
    before_doc = document(store)
    try:
        changes, step = history.run(lambda: operation(now))
    except DomainError:
        assert document(store) == before_doc, "a refused operation changed data"
        return None
    after_doc = document(store)
    moved = changed_items(before_doc, after_doc)
    missing = moved - changes.items
    assert not missing, f"changed but not reported: {sorted(missing)}"
    if step is None:
        assert after_doc == before_doc, "rows changed but no step was recorded"
        return changes
    for _ in range(2):
        undone = history.undo(step, now=now)
        assert document(store) == before_doc, "undo"
        assert moved <= undone.items, "undo did not report every item it changed"
        check_search_index(store)
        redone = history.redo(step, now=now)
        assert document(store) == after_doc, "redo"
        assert moved <= redone.items, "redo did not report every item it changed"
        check_search_index(store)
    return changes


def run_accepted(store: Store, operation: Operation, *, now: datetime = NOW) -> Changes:
    """run_undoable for an operation that must be accepted: a refusal fails the test."""
    changes = run_undoable(store, operation, now=now)
    assert changes is not None, "the operation was refused"
    return changes
