"""The store's transactions: nested use cases are savepoints, raw SQL and the ORM share
one transaction, and a failure leaves the store usable and the first error visible."""

from __future__ import annotations

import sqlite3

import pytest

from app.store.db import Store
from app.store.models import Tag


def names(store: Store) -> list[str]:
    return [r[0] for r in store.raw.execute("SELECT name FROM tags ORDER BY name")]


def test_raw_sql_sees_what_the_orm_wrote_in_the_same_transaction(store: Store) -> None:
    with store.raw_write() as conn:
        with store.write() as session:
            session.add(Tag(name="orm"))
        assert conn.execute("SELECT COUNT(*) FROM tags").fetchone()[0] == 1
        conn.execute("INSERT INTO tags (name) VALUES ('raw')")
        with store.read() as session:
            assert sorted(t.name for t in session.query(Tag)) == ["orm", "raw"]
    assert names(store) == ["orm", "raw"]


def test_what_a_failed_nested_orm_level_added_is_forgotten(store: Store) -> None:
    with store.raw_write(), pytest.raises(ValueError), store.write() as session:
        session.add(Tag(name="from the failed level"))
        raise ValueError("the inner use case refuses")
    assert names(store) == []


def test_a_nested_level_whose_flush_failed_leaves_the_outer_level_usable(store: Store) -> None:
    with store.raw_write() as conn:
        conn.execute("INSERT INTO tags (name) VALUES ('taken')")
    with store.raw_write() as conn:
        conn.execute("INSERT INTO log_days (day, title) VALUES ('2026-01-01', 'outer work')")
        with pytest.raises(sqlite3.IntegrityError), store.write() as session:
            session.add(Tag(name="taken"))  # a unique name: the flush fails
        with store.write() as session:
            session.add(Tag(name="fine"))
    assert names(store) == ["fine", "taken"]
    assert store.raw.execute("SELECT title FROM log_days").fetchall() == [("outer work",)]


def test_a_full_disk_is_reported_as_itself(store: Store) -> None:
    pages = store.raw.execute("PRAGMA page_count").fetchone()[0]
    store.raw.execute(f"PRAGMA max_page_count = {pages + 3}")
    with pytest.raises(sqlite3.OperationalError, match="full"), store.raw_write() as conn:
        conn.execute("INSERT INTO log_days VALUES ('2026-01-01', 'x')")
        with store.raw_write() as inner:
            inner.execute("INSERT INTO log_days VALUES ('2026-01-02', ?)", ("y" * 200_000,))
    assert not store.raw.in_transaction and not store.in_transaction
    assert store.raw.execute("SELECT COUNT(*) FROM log_days").fetchone()[0] == 0


def test_a_write_inside_a_read_is_refused(store: Store) -> None:
    with store.raw_read(), pytest.raises(RuntimeError, match="read transaction"), store.raw_write():
        pass
    assert not store.raw.in_transaction


def test_an_orm_error_reaches_the_caller_as_sqlite_s_own(store: Store) -> None:
    """The window and the command line tell a database refusal by `sqlite3.Error`."""
    with store.raw_write() as conn:
        conn.execute("INSERT INTO tags (name) VALUES ('taken')")
    with pytest.raises(sqlite3.IntegrityError), store.write() as session:
        session.add(Tag(name="taken"))
    assert names(store) == ["taken"]
