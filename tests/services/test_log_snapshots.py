"""Undo and redo of daily-log operations: entries come back exactly (ids, uids, days,
ranges, import flags), the full-text index follows, and words typed since a step (saved
without being undo steps) survive undoing it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.services import log_snapshots
from app.services.changes import Changes
from app.services.log import (
    add_entry,
    delete_entry,
    edit_entry,
    get_entry,
    logged_days,
    move_entry,
    search_log,
)
from app.services.log_snapshots import LogSnapshot
from app.store.db import Store

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
DAY = date(2026, 11, 20)


class Step:
    """One operation wrapped the way the window wraps it (app/ui/ops.py)."""

    def __init__(self, store: Store, entries: Iterable[int], operation: Callable[[], object]):
        self.store = store
        before = log_snapshots.take(store, entries)
        operation()
        made = log_snapshots.created_since(store, before)
        self.before = log_snapshots.merge(before, log_snapshots.absent(made))
        self.after = log_snapshots.take(store, before.ids | made)

    def undo(self) -> Changes:
        self.after = log_snapshots.refresh(self.store, self.after, self.before)
        return log_snapshots.restore(self.store, self.before, changed_from=self.after)

    def redo(self) -> Changes:
        self.before = log_snapshots.refresh(self.store, self.before, self.after)
        return log_snapshots.restore(self.store, self.after, changed_from=self.before)


def rows(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.raw.execute("SELECT * FROM log_entries ORDER BY id")]


def days(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.raw.execute("SELECT * FROM log_days ORDER BY day")]


def fts_ok(store: Store) -> None:
    store.raw.execute("INSERT INTO log_fts(log_fts) VALUES ('integrity-check')")


def test_undo_and_redo_of_an_add(store: Store) -> None:
    add_entry(store, DAY, "first", now=NOW)
    start_rows, start_days = rows(store), days(store)
    made: list[int] = []
    step = Step(
        store, (), lambda: made.append(add_entry(store, DAY, "读了两篇论文", now=NOW)[0].id)
    )
    after_rows = rows(store)
    assert step.undo() == Changes(log=True)
    assert rows(store) == start_rows and days(store) == start_days
    assert search_log(store, "论文") == []
    step.redo()
    assert rows(store) == after_rows
    assert [hit.entry_id for hit in search_log(store, "论文")] == made
    fts_ok(store)


def test_an_added_entry_comes_back_with_the_words_typed_after_it(store: Store) -> None:
    made: list[int] = []
    step = Step(store, (), lambda: made.append(add_entry(store, DAY, "draft", now=NOW)[0].id))
    edit_entry(store, made[0], now=NOW, body="draft, then the whole paragraph")
    step.undo()
    assert rows(store) == []
    assert days(store) == []  # the day held nothing else
    step.redo()
    assert get_entry(store, made[0]).body == "draft, then the whole paragraph"


def test_a_deleted_entry_typed_into_after_its_undo_comes_back_with_those_words(
    store: Store,
) -> None:
    entry, _ = add_entry(store, DAY, "v1", now=NOW)
    step = Step(store, [entry.id], lambda: delete_entry(store, entry.id))
    step.undo()
    edit_entry(store, entry.id, now=NOW, body="v1 + an hour of new notes")  # no step
    step.redo()
    assert rows(store) == []
    step.undo()
    assert get_entry(store, entry.id).body == "v1 + an hour of new notes"
    assert [hit.entry_id for hit in search_log(store, "hour")] == [entry.id]


def test_a_deleted_range_entry_comes_back_whole(store: Store) -> None:
    entry, _ = add_entry(store, DAY, "trip", now=NOW, end_day=DAY + timedelta(days=4))
    store.raw.execute(
        "UPDATE log_entries SET anomaly = ?, import_key = 'k1' WHERE id = ?",
        (json.dumps({"original": "2062-11-20", "reason": "typo"}), entry.id),
    )
    store.raw.commit()
    before = rows(store)
    step = Step(store, [entry.id], lambda: delete_entry(store, entry.id))
    assert logged_days(store) == []
    step.undo()
    assert rows(store) == before
    assert [d.day for d in logged_days(store)] == [DAY + timedelta(days=i) for i in range(5)]
    step.redo()
    assert rows(store) == []
    fts_ok(store)


def test_undoing_a_move_keeps_the_words_typed_since(store: Store) -> None:
    entry, _ = add_entry(store, DAY, "meeting notes", now=NOW)
    store.raw.execute(
        'UPDATE log_entries SET anomaly = \'{"reason": "out of sequence"}\' WHERE id = ?',
        (entry.id,),
    )
    store.raw.commit()
    other = DAY - timedelta(days=3)
    step = Step(store, [entry.id], lambda: move_entry(store, entry.id, other, now=NOW))
    assert get_entry(store, entry.id).anomaly is None
    edit_entry(store, entry.id, now=NOW + timedelta(minutes=5), body="meeting notes, and more")
    step.undo()
    back = get_entry(store, entry.id)
    assert back.day == DAY and back.anomaly == {"reason": "out of sequence"}
    assert back.body == "meeting notes, and more"
    assert [d.day for d in logged_days(store)] == [DAY]  # the empty day went away
    step.redo()
    moved = get_entry(store, entry.id)
    assert moved.day == other and moved.anomaly is None
    assert moved.body == "meeting notes, and more"
    assert [hit.entry_id for hit in search_log(store, "and more")] == [entry.id]


def test_an_entry_whose_id_was_handed_out_again_comes_back_under_a_new_id(
    store: Store,
) -> None:
    entry, _ = add_entry(store, DAY, "deleted by mistake", now=NOW)
    step = Step(store, [entry.id], lambda: delete_entry(store, entry.id))
    typed, _ = add_entry(store, DAY, "typed since, saved as typed", now=NOW)
    assert typed.id == entry.id  # SQLite hands the free id out again
    step.undo()
    bodies = {r[0]: r[1] for r in store.raw.execute("SELECT uid, body FROM log_entries")}
    assert bodies == {entry.uid: "deleted by mistake", typed.uid: "typed since, saved as typed"}
    assert get_entry(store, typed.id).body == "typed since, saved as typed"  # left alone
    fts_ok(store)
    step.redo()  # deletes the entry the step deleted, not the one holding its old id
    assert [r[0] for r in store.raw.execute("SELECT uid FROM log_entries")] == [typed.uid]


def test_undoing_an_add_leaves_an_entry_that_took_its_id_alone(store: Store) -> None:
    made: list[int] = []
    step = Step(store, (), lambda: made.append(add_entry(store, DAY, "mine", now=NOW)[0].id))
    step.undo()
    other, _ = add_entry(store, DAY, "from the command line", now=NOW)
    assert other.id == made[0]
    step.redo()  # "mine" comes back beside it
    assert sorted(r[0] for r in store.raw.execute("SELECT body FROM log_entries")) == [
        "from the command line",
        "mine",
    ]
    step.undo()
    assert [r[0] for r in store.raw.execute("SELECT body FROM log_entries")] == [
        "from the command line"
    ]


def test_merge_never_marks_an_entry_that_existed_as_absent(store: Store) -> None:
    entry, _ = add_entry(store, DAY, "old", now=NOW)
    snapshot = log_snapshots.take(store, [])
    merged = log_snapshots.merge(snapshot, log_snapshots.absent([entry.id, entry.id + 1]))
    assert merged.entries == {entry.id + 1: None}
    assert isinstance(merged, LogSnapshot) and merged.mark == entry.id


def test_an_empty_snapshot_changes_nothing(store: Store) -> None:
    assert log_snapshots.restore(store, log_snapshots.take(store, [])) == Changes()
