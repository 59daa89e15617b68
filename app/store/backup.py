"""Copies of the database through SQLite's online backup API (safe while in use).

Every copy is made under a temporary name, checked by SQLite (`quick_check`) and only
then renamed into place: a file with a backup's name is a sound database. A copy that
fails the check is deleted and the failure raised, so a damaged database is never
backed up as if it were good.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.domain.errors import InvalidInput, StoreError
from app.store.backup_files import PARTIAL, backup_name
from app.store.connection import connect
from app.store.sqlite_file import (
    SQLITE_MAGIC,
    open_read_only,
    read_revision,
    verdict_of,
    wrong_schema_reason,
)

__all__ = [
    "backup_name",
    "check_rizhi_database",
    "copy_database",
    "copy_into",
    "write_copy",
]


def copy_database(source: str | Path, target: Path) -> Path:
    """Copy `source` to `target` page by page (a consistent snapshot, even while others
    write), check the copy, and only then give it `target`'s name."""
    if not os.path.isfile(source):
        raise StoreError(f"There is no database at {source} to back up.")
    partial = target.with_name(target.name + PARTIAL)
    _make_room_for(partial)
    try:
        src = connect(source)
        try:
            write_copy(src, partial)
        finally:
            src.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"The database {source} could not be copied ({exc}); no backup was made and "
            f"the file is as it was. {_WHAT_TO_DO}"
        ) from exc
    verdict = _verdict(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"The database {source} is damaged (SQLite's check: {verdict}), so it was not "
            f"backed up; the file is as it was. {_WHAT_TO_DO}"
        )
    partial.replace(target)
    return target


def _make_room_for(partial: Path) -> None:
    """Create the copy's folder and file up front, so a place the copy cannot go is
    reported as that (not as a database that could not be copied)."""
    try:
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.touch()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(
            f"Cannot write a backup into {partial.parent}: {reason}. No backup was made; "
            "the data is as it was. Choose a folder you may write in (`rizhi backup -o "
            "FOLDER`), or free some disk space."
        ) from exc


_WHAT_TO_DO = (
    "Run `rizhi check` to see what is wrong; `rizhi backups` lists the backups and "
    "`rizhi restore FILE` puts one back."
)


def write_copy(src: sqlite3.Connection, target: Path) -> None:
    """Copy the database on `src` into a new file `target`, one self-contained file
    (no -wal beside it)."""
    target.unlink(missing_ok=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()


def _verdict(path: Path) -> str:
    try:
        conn = open_read_only(path)
        try:
            return verdict_of(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def copy_into(source: Path, live: str | Path) -> None:
    """Overwrite the live database with `source` through the backup API, which writes
    through SQLite's own locking and WAL, so open connections see a consistent file."""
    src = open_read_only(source)
    try:
        dst = connect(live)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def check_rizhi_database(path: Path) -> str:
    """Raise InvalidInput saying why `path`, a file the user chose, cannot be restored
    (a bad file given is bad input, exit 2; the live store failing is StoreError):
    not a file, not SQLite, damaged, not Rizhi's, or a schema this version does not
    know. Returns its schema revision."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a backup file. `rizhi backups` lists them.")
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist. `rizhi backups` lists the backups.")
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise InvalidInput(f"{path} is not a SQLite database, so not a Rizhi backup.")
    try:
        conn = open_read_only(path)
        try:
            verdict = verdict_of(conn, "integrity_check")
            revision = read_revision(conn) if verdict == "ok" else None
            reason = wrong_schema_reason(conn, revision) if verdict == "ok" else ""
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{path} cannot be read as a database: {exc}.") from exc
    if verdict != "ok":
        raise InvalidInput(
            f"{path} is damaged (integrity check: {verdict}); choose another backup "
            "(`rizhi backups` lists them)."
        )
    if reason.startswith("written by a newer version"):
        raise InvalidInput(f"{path} was {reason}; update Rizhi to restore it. Nothing was changed.")
    if reason:
        raise InvalidInput(f"{path} is a SQLite file but {reason}.")
    assert revision is not None
    return revision
