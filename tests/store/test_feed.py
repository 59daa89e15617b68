"""The change feed: every write transaction appends one record, with its writer's origin,
in the transaction that made the change."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput
from app.services.items import create_item
from app.store import feed
from app.store.db import Store
from tests.conftest import NOW


def publish(store: Store, changes: Changes) -> None:
    with store.raw_write():
        store.publish(changes)


def records(store: Store) -> list[tuple[str, str]]:
    return store.raw.execute("SELECT origin, payload FROM change_log ORDER BY seq").fetchall()


def test_a_service_publishes_in_its_own_transaction(store: Store) -> None:
    record, changes = create_item(store, ItemDraft(title="idea"), now=NOW)
    ((origin, payload),) = records(store)
    assert origin == store.origin
    assert Changes.from_json(payload) == changes == Changes(items=frozenset({record.id}))


def test_nested_use_cases_publish_one_record_when_the_outermost_commits(store: Store) -> None:
    with store.raw_write():
        first, _ = create_item(store, ItemDraft(title="one"), now=NOW)
        second, _ = create_item(store, ItemDraft(title="two"), now=NOW)
        assert records(store) == []  # nothing is visible before the commit
    ((_, payload),) = records(store)
    assert Changes.from_json(payload).items == {first.id, second.id}


def test_a_failed_nested_use_case_publishes_nothing_of_its_own(store: Store) -> None:
    with store.raw_write():
        kept, _ = create_item(store, ItemDraft(title="kept"), now=NOW)
        with pytest.raises(InvalidInput), store.raw_write():
            create_item(store, ItemDraft(title="rolled back"), now=NOW)
            raise InvalidInput("refused part-way")
    ((_, payload),) = records(store)
    assert Changes.from_json(payload).items == {kept.id}
    titles = [r[0] for r in store.raw.execute("SELECT title FROM items")]
    assert titles == ["kept"]


def test_a_rolled_back_transaction_leaves_no_record(store: Store) -> None:
    with pytest.raises(InvalidInput), store.raw_write():
        create_item(store, ItemDraft(title="gone"), now=NOW)
        raise InvalidInput("refused")
    assert records(store) == []
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0


def test_a_write_nobody_described_publishes_everything(store: Store) -> None:
    with store.raw_write() as conn:
        conn.execute("INSERT INTO log_days (day, title) VALUES ('2026-11-20', 'x')")
    ((_, payload),) = records(store)
    assert Changes.from_json(payload) == Changes(everything=True)


def test_a_reader_skips_its_own_records(store: Store, home: Path) -> None:
    other = Store.open(store.path, home / "backups")
    try:
        seen = feed.latest(store.raw).last_seq
        publish(store, Changes(board=True))
        publish(other, Changes(tags=True))
        read = feed.since(store.raw, seen, skip_origin=store.origin)
        assert read.changes == Changes(tags=True)
        assert read.last_seq == feed.latest(store.raw).last_seq
    finally:
        other.close()


def test_the_feed_reports_everything_when_it_goes_backwards(store: Store) -> None:
    publish(store, Changes(items=frozenset({1})))
    publish(store, Changes(items=frozenset({2})))
    seen = feed.latest(store.raw).last_seq
    store.raw.execute("DELETE FROM change_log")  # as after restoring an older backup
    store.raw.execute("DELETE FROM sqlite_sequence WHERE name = 'change_log'")
    publish(store, Changes(board=True))
    read = feed.since(store.raw, seen)
    assert read.changes.everything and read.last_seq == 1


def test_a_reader_behind_the_pruned_feed_reloads_everything(store: Store) -> None:
    publish(store, Changes(items=frozenset({1})))
    seen = feed.latest(store.raw).last_seq
    for n in range(feed.KEEP_RECORDS + feed.PRUNE_EVERY):
        publish(store, Changes(items=frozenset({n + 10})))
    read = feed.since(store.raw, seen)
    assert read.changes.everything


def test_records_from_an_older_version_mean_reload_everything() -> None:
    assert Changes.from_json('{"units": true}') == Changes(everything=True)
    assert Changes.from_json("not json") == Changes(everything=True)
    changes = Changes(items=frozenset({3}), units=frozenset({1}), entries=frozenset({7}))
    assert Changes.from_json(changes.to_json()) == changes


def test_a_feed_replaced_under_the_same_number_means_reload_everything(store: Store) -> None:
    """A restored backup may hold another record under the number a reader saw last."""
    publish(store, Changes(items=frozenset({1})))
    seen = feed.latest(store.raw)
    store.raw.execute("DELETE FROM change_log")  # the backup had one record less...
    store.raw.execute("DELETE FROM sqlite_sequence WHERE name = 'change_log'")
    publish(store, Changes(everything=True))  # ...and the restore's record takes its number
    assert feed.latest(store.raw).last_seq == seen.last_seq
    read = feed.since(store.raw, seen.last_seq, mark=seen.last_mark)
    assert read.changes.everything


def test_a_reader_that_started_on_an_empty_feed_and_fell_behind_reloads(store: Store) -> None:
    start = feed.latest(store.raw)
    assert start.last_seq == 0
    for n in range(feed.KEEP_RECORDS + feed.PRUNE_EVERY):
        publish(store, Changes(items=frozenset({n + 10})))
    assert feed.since(store.raw, start.last_seq, mark=start.last_mark).changes.everything
