"""What the Log view's editor saves: the text into its entry or, when the entry was
removed meanwhile, into a new entry of its day; all of it or nothing."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from app.domain.changes import Changes
from app.services.log_days import day_page
from app.services.log_drafts import save_text
from app.services.log_entries import add_entry, delete_entry, get_entry
from app.store.db import Store
from tests.conftest import NOW, TZ

DAY = NOW.date()
LATER = NOW + timedelta(minutes=5)


def rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Everything a save could write: entries, day rows and the change feed."""
    return {
        table: store.raw.execute(f"SELECT * FROM {table}").fetchall()
        for table in ("log_entries", "log_days", "change_log")
    }


def test_the_text_goes_into_its_entry(store: Store) -> None:
    entry, _ = add_entry(store, DAY, "morning notes", now=NOW)
    saved, changes = save_text(
        store, entry.id, day=DAY, body="morning notes\n\nand more", heading="组会", now=LATER
    )
    assert saved.id == entry.id
    assert (saved.heading, saved.body) == ("组会", "morning notes\n\nand more")
    assert get_entry(store, entry.id).updated_at == LATER
    assert changes == Changes(entries=frozenset({entry.id}))


def test_a_removed_entry_leaves_its_words_as_a_new_entry_of_its_day(store: Store) -> None:
    earlier = DAY - timedelta(days=3)
    entry, _ = add_entry(store, earlier, "doomed", now=NOW)
    delete_entry(store, entry.id)  # from the command line, say, while the editor had it
    saved, changes = save_text(
        store, entry.id, day=earlier, body="doomed, but these words matter", heading="", now=LATER
    )
    assert saved.id != entry.id and saved.day == earlier
    assert [e.body for e in day_page(store, earlier, tz=TZ).entries] == [
        "doomed, but these words matter"
    ]
    assert changes == Changes(entries=frozenset({saved.id}))


def test_a_failure_part_way_writes_nothing(store: Store) -> None:
    earlier = DAY - timedelta(days=3)
    entry, _ = add_entry(store, earlier, "doomed", now=NOW)
    delete_entry(store, entry.id)
    before = rows(store)
    # The day's row is written again first; a full disk then refuses the entry itself.
    store.raw.execute(
        "CREATE TRIGGER refuse_entry BEFORE INSERT ON log_entries"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk is full"):
        save_text(store, entry.id, day=earlier, body="kept words", heading="", now=LATER)
    assert rows(store) == before
