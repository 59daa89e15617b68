"""`Store`: the handle services receive, and the one place transactions begin and end.

A `Store` holds one SQLite connection and belongs to the thread that opened it (the
window's thread, a background job, a command). Raw SQL and the ORM share that
connection, so a service can call another inside the same transaction:

* `raw_write()` / `write()` open the write transaction (BEGIN IMMEDIATE) or, inside
  one, a savepoint: a nested use case that fails rolls back only its own part, and the
  caller decides what to do; the outermost block commits.
* `raw_read()` / `read()` open a read transaction, or join the one already open.
* `publish(changes)` records what the transaction changed. Before it commits, the
  transaction appends one record to the change feed with the writer's `origin`, so a
  change and its notice commit together (app/store/feed.py).

SQLAlchemy is imported only when the ORM is first used: the capture path (`rizhi add`)
writes through the raw connection and must cost about as much as starting Python.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.domain.changes import Changes
from app.domain.errors import StoreError
from app.store import feed
from app.store.connection import connect
from app.store.formats import utc_text
from app.store.migrate import Migration, ensure_current
from app.store.opening import prepare

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


def new_origin(role: str) -> str:
    """Who writes: the role, the process and a random part (two stores in one process,
    such as the window and a background import, are two writers)."""
    return f"{role}:{os.getpid()}:{os.urandom(4).hex()}"


class Store:
    """Paths are kept as strings; see app.config.paths for why."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        backups: str | os.PathLike[str],
        *,
        role: str = "process",
    ) -> None:
        self.path = os.fspath(path)
        self.backups = os.fspath(backups)
        self.origin = new_origin(role)
        self.migration: Migration | None = None
        self._raw: sqlite3.Connection | None = None
        self._engine: Engine | None = None
        self._session: Session | None = None
        self._depth = 0
        self._writing = False
        # What each open level published; a savepoint rolled back drops its own.
        self._published: list[Changes] = []
        self._changes_at_begin = 0
        self._refusal = ""  # why every write is refused from now on; "" while allowed

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        backups: str | os.PathLike[str],
        *,
        role: str = "process",
    ) -> Store:
        """Open the file, creating it or migrating it first (with a backup) as needed.
        A missing file with backups beside it, or an empty one, is a StoreError."""
        store = cls(path, backups, role=role)
        os.makedirs(os.path.dirname(os.path.abspath(store.path)), exist_ok=True)
        # A missing file becomes a new store, unless backups say data was lost; an
        # empty file is refused with the way back (one stat when the file is there).
        prepare(store.path, store.backups)
        try:
            conn: sqlite3.Connection | None = store.raw  # checked with the store's own
        except sqlite3.Error:
            conn = None  # the check opens the file itself and says what is wrong
        try:
            store.migration = ensure_current(store.path, store.backups, conn)
        except BaseException:
            store.close()
            raise
        return store

    @property
    def raw(self) -> sqlite3.Connection:
        if self._raw is None:
            self._raw = connect(self.path)
        return self._raw

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @property
    def writing_refused(self) -> str:
        """Why writes are refused (`refuse_writes`); "" while they are allowed."""
        return self._refusal

    def refuse_writes(self, reason: str) -> None:
        """Refuse every write from now on with `reason` (a StoreError), reads still
        allowed: the schema moved past what this version knows (a newer Rizhi upgraded
        the file), and what this code would write may no longer fit it."""
        self._refusal = reason

    # --- writing ----------------------------------------------------------------------

    @contextmanager
    def raw_write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on the raw connection, or a savepoint inside one."""
        with self._write_level(raw=True) as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction through the ORM, or a savepoint inside one; the session
        is the transaction's, shared with every nested use case."""
        with self._write_level(raw=False):
            yield self._session_for_transaction()

    def publish(self, changes: Changes) -> None:
        """Record what the open write transaction changed; it reaches the change feed
        when the transaction commits, or nowhere if it rolls back."""
        if not self._writing:
            raise RuntimeError("publish() needs an open write transaction")
        self._published[-1] = self._published[-1] | changes

    @contextmanager
    def _write_level(self, *, raw: bool) -> Iterator[sqlite3.Connection]:
        with _sqlite_errors(), self._level(raw=raw) as conn:
            yield conn

    @contextmanager
    def _level(self, *, raw: bool) -> Iterator[sqlite3.Connection]:
        if self._refusal and self._depth == 0:
            raise StoreError(self._refusal)
        conn = self.raw
        if self._depth == 0:
            with self._outermost_write(conn):
                yield conn
            return
        if not self._writing:
            raise RuntimeError("a write cannot begin inside a read transaction")
        self._depth += 1
        self._published.append(Changes())
        try:
            with self._savepoint(conn):
                yield conn
        except BaseException:
            self._published.pop()
            raise
        finally:
            self._depth -= 1
        inner = self._published.pop()
        self._published[-1] = self._published[-1] | inner
        if raw:
            # Raw SQL may have changed rows the session holds.
            self._expire()

    @contextmanager
    def _savepoint(self, conn: sqlite3.Connection) -> Iterator[None]:
        """A savepoint for one nested level. With an ORM session open, SQLAlchemy makes it
        (`begin_nested`), so that rolling it back also forgets the objects that level
        added or changed; otherwise it is plain SQL, and a session made inside the level
        goes with it."""
        if self._session is not None:
            nested = self._session.begin_nested()
            try:
                yield
            except BaseException:
                if conn.in_transaction and nested.is_active:
                    nested.rollback()
                raise
            nested.commit()
            return
        name = f"level{self._depth}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
            self._flush()
        except BaseException:
            # SQLite may already have rolled the whole transaction back (a full disk):
            # then there is no savepoint left, and the error to report is the first one.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            self._close_session()  # made inside this level: it describes rolled-back rows
            raise
        conn.execute(f"RELEASE {name}")

    @contextmanager
    def _outermost_write(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        self._depth, self._writing = 1, True
        self._published = [Changes()]
        self._changes_at_begin = conn.total_changes
        try:
            yield
            self._flush()
            self._append_to_feed(conn)
            conn.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself fails (disk full, I/O error): never leave the
            # connection inside an open transaction.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._depth, self._writing = 0, False
            self._published = []
            self._close_session()

    def _append_to_feed(self, conn: sqlite3.Connection) -> None:
        changes = self._published[0]
        if changes.empty and conn.total_changes != self._changes_at_begin:
            # Rows were written but nobody said which: readers reload everything
            # rather than miss it.
            changes = Changes(everything=True)
        if not changes.empty:
            feed.append(conn, changes, origin=self.origin, at=utc_text(datetime.now(UTC)))

    # --- reading ----------------------------------------------------------------------

    @contextmanager
    def raw_read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, so reads made together come from the same moment while
        another process writes; inside a transaction already open, that one."""
        conn = self.raw
        if self._depth > 0:
            yield conn
            return
        conn.execute("BEGIN")
        self._depth = 1
        try:
            yield conn
        finally:
            self._depth = 0
            self._close_session()
            if conn.in_transaction:
                conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _sqlite_errors(), self.raw_read():
            yield self._session_for_transaction()

    # --- the ORM on the same connection ------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from app.store.engine import shared_engine

            self._engine = shared_engine(lambda: self.raw)
        return self._engine

    def _session_for_transaction(self) -> Session:
        if self._session is None:
            from sqlalchemy.orm import Session

            self._session = Session(self.engine, expire_on_commit=False)
        return self._session

    def _flush(self) -> None:
        if self._session is not None:
            self._session.flush()

    def _expire(self) -> None:
        if self._session is not None:
            self._session.expire_all()

    def _close_session(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            session.close()

    def close(self) -> None:
        self._close_session()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._raw is not None:
            self._raw.close()
            self._raw = None


@contextmanager
def _sqlite_errors() -> Iterator[None]:
    """Database errors reach callers as SQLite's own (`sqlite3.Error`), whichever path
    raised them: SQLAlchemy wraps them, and the window and the command line know one
    kind of refusal from the database."""
    try:
        yield
    except Exception as exc:
        original = getattr(exc, "orig", None)
        if isinstance(original, sqlite3.Error) and type(exc).__module__.startswith("sqlalchemy"):
            raise original from exc
        raise
