"""What a failure of the storage means for the user, and what to do about it.

SQLite reports why a statement failed with a result code; the file system with an errno.
Both are turned here into a `StoreError` (exit code 3 on the command line) whose message
says what happened and what to do. Every write is one transaction, so whatever failed
left the data as it was: the messages say so.

Only the standard library: the command line imports this module when a command fails.
"""

from __future__ import annotations

import errno
import os
import sqlite3

from app.domain.errors import StoreError
from app.store import connection
from app.store.opening import has_backups

UNCHANGED = "Nothing was changed"
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})
_NOT_ALLOWED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_IN_THE_WAY = frozenset({errno.ENOTDIR, errno.EEXIST})


def database_failure(exc: sqlite3.Error, database: str, backups: str) -> StoreError | None:
    """The StoreError for what SQLite reported, or None when the code is not a failure of
    the storage or the environment (a constraint, a misuse: a fault in Rizhi)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    folder = os.path.dirname(database) or "."
    if primary == sqlite3.SQLITE_READONLY:
        return StoreError(
            f"The database {database} is read-only, so the change could not be saved. "
            f"{UNCHANGED}. Make the file and its folder writable for you "
            f"(for example `chmod u+w {database}`) and try again."
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"The database {database} is busy: another program has held it for more than "
            f"{connection.BUSY_TIMEOUT_MS / 1000:g} seconds. {UNCHANGED}. Let the other "
            "program finish (or close it) and try again."
        )
    if primary == sqlite3.SQLITE_FULL:
        return StoreError(
            f"The disk holding {database} is full, so the change could not be saved. "
            f"{UNCHANGED}. Free some disk space and try again."
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreError(
            f"The database {database} is damaged ({exc}). {UNCHANGED}. {_way_back(backups)}"
        )
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return StoreError(
            f"The database {database} cannot be opened or created ({exc}). Check that the "
            f"folder {folder} exists and that you may write in it, or set RIZHI_HOME to "
            "a folder you can write."
        )
    if primary == sqlite3.SQLITE_IOERR:
        return StoreError(
            f"Reading or writing {database} failed ({exc}): the disk may be full or failing, "
            f"or the folder may be on a drive that went away. {UNCHANGED}. Check the disk "
            "and try again."
        )
    if primary == sqlite3.SQLITE_NOMEM:
        return StoreError(
            f"The computer ran out of memory working on {database}. {UNCHANGED}. Close "
            "other programs and try again."
        )
    return None


def _way_back(backups: str) -> str:
    if has_backups(backups):
        return (
            f"Restore a backup from {backups} with `rizhi restore FILE` (`rizhi backups` "
            "lists them)."
        )
    return (
        f"There is no backup in {backups}: `rizhi check` says what can be repaired, and "
        "`rizhi restore --empty` starts over, keeping the damaged file beside it."
    )


def file_failure(exc: OSError, data_folder: str) -> StoreError:
    """The StoreError for a file or folder the system refused: the data folder that
    cannot be made or written, a full disk."""
    where = exc.filename if exc.filename is not None else data_folder
    reason = exc.strerror or str(exc)
    if exc.errno in _NO_ROOM:
        return StoreError(
            f"The disk is full: cannot write {where}. {UNCHANGED}. Free some disk space "
            "and try again."
        )
    advice = (
        f"Rizhi keeps its data in {data_folder}; make it a folder you may write in, "
        "or set RIZHI_HOME to another folder."
    )
    if exc.errno in _NOT_ALLOWED:
        return StoreError(f"Cannot write {where}: {reason}. {advice}")
    if exc.errno in _IN_THE_WAY:
        return StoreError(f"Cannot create the folder {where}: a file is in the way. {advice}")
    return StoreError(f"Cannot use {where}: {reason}. {advice}")
