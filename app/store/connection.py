"""Opening the SQLite file. Every connection, raw or through SQLAlchemy, comes from here.

This module imports only the standard library: the capture path (`rizhi add`) writes
through a raw connection so that a whole command costs little more than starting Python.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

BUSY_TIMEOUT_MS = 15_000


def connect(path: str | os.PathLike[str], busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """A connection in autocommit mode; transactions are begun explicitly. It waits up
    to `busy_timeout_ms` (BUSY_TIMEOUT_MS, read when called) for other writers."""
    if busy_timeout_ms is None:
        busy_timeout_ms = BUSY_TIMEOUT_MS
    conn = sqlite3.connect(
        str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL lets the window read while a command-line capture writes; NORMAL is durable
    # across application crashes in WAL mode and skips an fsync per commit.
    use_wal(conn, time.monotonic() + busy_timeout_ms / 1000)
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def use_wal(conn: sqlite3.Connection, deadline: float) -> None:
    """Put the file in WAL mode, waiting for other connections until `deadline`.

    Switching needs the file to itself, and SQLite refuses the switch at once, without
    its busy handler, while another connection holds a lock: two processes creating a
    new file together meet exactly that. The other one has usually switched the file
    by the time we look again.
    """
    pause = 0.002
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait on the
    busy timeout instead of failing with 'database is locked' when a read upgrades."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # Also when COMMIT itself fails (disk full, I/O error): never leave the
        # connection inside an open transaction.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
