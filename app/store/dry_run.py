"""The store as a command would find it, for a dry run that leaves no trace on disk.

`Store.open` makes the data folder, creates the file when there is none and upgrades an
older one (with a backup): right for a command that writes, wrong for one that only
reports what it would do (`rizhi import markdown --dry-run`). `dry_run_store` gives a
store to read instead:

* no file, or an empty one: a new store in memory, as the command would create it;
* a file at the current schema: that file, only read;
* a file at an older schema: a copy upgraded in a temporary folder, removed afterwards.

A file that is damaged, not Rizhi's or from a newer version is refused as `Store.open`
refuses it (StoreError), and nothing is changed.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from app.domain.errors import StoreError
from app.store.connection import write_transaction
from app.store.create import fill_schema
from app.store.db import Store
from app.store.migrate import has_tables, known_revisions, read_revision, upgrade
from app.store.schema import SCHEMA_HEAD

MEMORY = ":memory:"


@contextmanager
def dry_run_store(path: str, backups: str) -> Iterator[Store]:
    """A store holding what `path` holds at the current schema, for reading only."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        with _new_in_memory() as store:
            yield store
        return
    store = Store(path, backups, role="dry-run")
    try:
        revision, populated = _revision(store, path, backups)
        if revision == SCHEMA_HEAD:
            yield store
            return
        if revision is None and not populated:
            store.close()
            with _new_in_memory() as fresh:
                yield fresh
            return
        _refuse_unknown(path, revision)
        store.close()  # the copy reads the file through a connection of its own
        with _upgraded_copy(path, backups) as copy:
            yield copy
    finally:
        store.close()


@contextmanager
def _new_in_memory() -> Iterator[Store]:
    store = Store(MEMORY, MEMORY, role="dry-run")
    try:
        with write_transaction(store.raw) as conn:
            fill_schema(conn)
        yield store
    finally:
        store.close()


def _revision(store: Store, path: str, backups: str) -> tuple[str | None, bool]:
    """The file's schema revision and whether it holds any table."""
    try:
        conn = store.raw
        return read_revision(conn), has_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"The database {path} cannot be read ({exc}). Nothing was changed. If it is "
            f"damaged, restore a backup from {backups} with `rizhi restore FILE`."
        ) from exc


def _refuse_unknown(path: str, revision: str | None) -> None:
    if revision is None:
        raise StoreError(
            f"{path} holds tables but no Rizhi schema version; it is not a Rizhi database."
        )
    if revision not in known_revisions():
        raise StoreError(
            f"The database {path} was written by a newer version of Rizhi "
            f"(schema {revision}); update Rizhi to open it. Nothing was changed."
        )


@contextmanager
def _upgraded_copy(path: str, backups: str) -> Iterator[Store]:
    from pathlib import Path

    from app.store.backup import copy_database

    with tempfile.TemporaryDirectory(prefix="rizhi-dry-run-") as folder:
        copy = copy_database(path, Path(folder) / "rizhi.sqlite3")
        upgrade(copy)
        store = Store(copy, os.path.join(folder, "backups"), role="dry-run")
        try:
            yield store
        finally:
            store.close()
