"""Opening the SQLite file. Every connection, raw or through SQLAlchemy, comes from here.

This module imports only the standard library: the capture path (`rizhi add`) writes
through a raw connection so that a whole command costs little more than starting Python.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

BUSY_TIMEOUT_MS = 15_000


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection in autocommit mode; transactions are begun explicitly."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL lets the window read while a command-line capture writes; NORMAL is durable
    # across application crashes in WAL mode and skips an fsync per commit.
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


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
