"""Opening a file that another connection is busy with, as two processes starting on
a new file do."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.store.connection import connect


@contextmanager
def new_file_being_written(path: Path) -> Iterator[sqlite3.Connection]:
    """A new file, still in rollback-journal mode, inside another connection's write
    transaction: what a second process sees while the first creates the schema."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE t (x)")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def test_switching_to_wal_waits_for_the_other_writer(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with new_file_being_written(path) as holder:
        release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        conn = connect(path)
        waited = time.monotonic() - started
        release.join()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 0
    assert waited >= 0.25
    conn.close()


def test_switching_to_wal_gives_up_after_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with new_file_being_written(path):
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            connect(path, busy_timeout_ms=300)
        assert time.monotonic() - started >= 0.3


def test_other_errors_are_not_retried(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError):
        connect(folder, busy_timeout_ms=60_000)
    # Retrying would take the whole minute; failing at once takes milliseconds.
    assert time.monotonic() - started < 30
