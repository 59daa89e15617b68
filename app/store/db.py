"""`Store`: the handle services receive. Raw connection for hot paths, ORM sessions for
the rest, both over the same file and pragmas. SQLAlchemy is imported on first use."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from app.store.connection import connect, write_transaction
from app.store.migrate import Migration, ensure_current

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


class Store:
    """Paths are kept as strings; see app.config.paths for why."""

    def __init__(self, path: str | os.PathLike[str], backups: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.backups = os.fspath(backups)
        self._raw: sqlite3.Connection | None = None
        self._engine: Engine | None = None
        self.migration: Migration | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], backups: str | os.PathLike[str]) -> Store:
        """Open the file, migrating it first (with a backup) when it is behind."""
        store = cls(path, backups)
        os.makedirs(os.path.dirname(os.path.abspath(store.path)), exist_ok=True)
        store.migration = ensure_current(store.path, store.backups)
        return store

    @property
    def raw(self) -> sqlite3.Connection:
        if self._raw is None:
            self._raw = connect(self.path)
        return self._raw

    @contextmanager
    def raw_write(self) -> Iterator[sqlite3.Connection]:
        with write_transaction(self.raw) as conn:
            yield conn

    @contextmanager
    def raw_read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, so reads made together come from the same moment while
        another process writes; inside a transaction already open, that one."""
        conn = self.raw
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from app.store.engine import make_engine

            self._engine = make_engine(self.path)
        return self._engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        from sqlalchemy.orm import Session

        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One IMMEDIATE transaction: committed on success, rolled back on any error."""
        from sqlalchemy.orm import Session

        from app.store.engine import IMMEDIATE

        bind = self.engine.execution_options(**IMMEDIATE)
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
