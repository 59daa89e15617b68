"""SQLAlchemy engines over Rizhi's own connections.

`shared_engine` serves a `Store`: the ORM runs on the store's one connection and never
begins, commits or rolls back by itself, because the store does (app/store/db.py). That
is what lets raw SQL and ORM code share one transaction.

`make_engine` opens connections of its own, for Alembic and tools that work on a file
outside any store.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool, StaticPool

from app.store.connection import connect

IMMEDIATE = {"sqlite_begin": "IMMEDIATE"}


class _StoreOwned:
    """The store's connection as SQLAlchemy sees it: everything passes through except
    ending transactions and closing, which belong to the store."""

    __slots__ = ("_conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        object.__setattr__(self, "_conn", conn)

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._conn, name, value)


def shared_engine(connection: Callable[[], sqlite3.Connection]) -> Engine:
    return create_engine(
        "sqlite+pysqlite://",
        creator=lambda: _StoreOwned(connection()),
        poolclass=StaticPool,
    )


def make_engine(path: str | os.PathLike[str], *, foreign_keys: bool = True) -> Engine:
    def open_connection() -> sqlite3.Connection:
        conn = connect(path)
        if not foreign_keys:
            conn.execute("PRAGMA foreign_keys = OFF")
        return conn

    engine = create_engine(
        "sqlite+pysqlite://", creator=open_connection, poolclass=QueuePool, pool_size=2
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # pysqlite's own transaction handling is off (connect() sets autocommit), so the
        # BEGIN is ours to emit: IMMEDIATE for writes, DEFERRED for reads.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
