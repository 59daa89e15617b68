"""The way back when the live file fails: what is wrong with it, which backups there
are, and putting one in its place, all without opening the live file as a store (a
damaged file cannot be opened, and the way back must work exactly then).

For the command line (`rizhi restore`, `rizhi backups`) and for the window, which asks
`diagnose` before it opens the store and offers the backups when there is a problem.

A restore goes in this order, each step only once the one before succeeded:

1. the chosen backup is checked: a file (not a folder), SQLite, whole (integrity
   check), Rizhi's tables, a schema revision this version knows. A bad choice is
   refused (InvalidInput, exit 2) before anything is touched;
2. the live file is examined. Healthy: it is backed up (`before-restore`) and the
   backup is written into it through SQLite's backup API, one transaction that open
   windows see whole. Damaged, empty or not Rizhi's: it is moved aside as
   `<name>.damaged-<time>` with its `-wal` and `-shm` (SQLite would otherwise replay
   that WAL onto the restored copy), and the backup is copied beside it under a
   temporary name and renamed into place;
3. an older backup is migrated forward (the migration backs it up first);
4. the store revision never goes back: every restored row gets a revision past where
   the replaced data stood, when it could be read, so a sync sees them all; and the
   change feed says `everything` and `replaced`, so open windows reload.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from app.domain.backup_schedule import BEFORE_RESTORE
from app.domain.changes import Changes
from app.domain.errors import InvalidInput, StoreError
from app.services.diagnosis import diagnose, diagnose_before_opening
from app.store.backup import check_rizhi_database, copy_into, write_copy
from app.store.backup_files import BackupInfo, list_backups, newest_good
from app.store.db import Store
from app.store.health import (
    EMPTY,
    MISSING,
    NEWER,
    OK,
    UNREADABLE,
    OpenProblem,
    examine,
    move_aside,
)
from app.store.migrate import Migration, ensure_current
from app.store.revisions import SYNCED_TABLES
from app.store.sqlite_file import open_read_only

__all__ = [
    "BackupInfo",
    "OpenProblem",
    "RestoreResult",
    "diagnose",
    "diagnose_before_opening",
    "list_backups",
    "newest_good",
    "restore_file",
    "start_empty",
]


class RestoreResult(NamedTuple):
    source: Path | None  # the backup restored; None when started empty
    safety: Path | None  # the before-restore backup of the data replaced, when healthy
    set_aside: tuple[str, ...]  # the damaged file (and its -wal, -shm) moved aside
    migration: Migration | None  # the restored backup brought to this schema
    changes: Changes


def restore_file(
    live: str | os.PathLike[str],
    backups: str | os.PathLike[str],
    source: Path,
    *,
    now: datetime,
) -> RestoreResult:
    """Put the backup `source` in place of the live file, in the order the module's
    docstring gives; the live file need not open."""
    if os.path.isfile(source) and os.path.exists(live) and os.path.samefile(source, live):
        raise InvalidInput(f"{source} is the live database itself; choose a backup.")
    check_rizhi_database(source)
    return _replace_live(os.fspath(live), os.fspath(backups), source, now)


def start_empty(
    live: str | os.PathLike[str], backups: str | os.PathLike[str], *, now: datetime
) -> RestoreResult:
    """Start over with an empty store, on purpose: the live file is backed up when
    healthy, or moved aside when damaged, exactly as a restore does."""
    from app.store.create import create_schema

    empty = Path(f"{os.fspath(live)}.empty-{os.getpid()}-{os.urandom(3).hex()}")
    try:
        create_schema(empty)
        result = _replace_live(os.fspath(live), os.fspath(backups), empty, now)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{empty}{suffix}").unlink(missing_ok=True)
    return result._replace(source=None)


def _replace_live(live: str, backups: str, source: Path, now: datetime) -> RestoreResult:
    from app.services.backups import take_backup

    health = examine(live, thorough=True)
    if health.state == UNREADABLE:
        raise StoreError(
            f"The database {live} cannot be replaced ({health.detail}); check that it is "
            "a file you may read and write. Nothing was changed."
        )
    # Never opened when empty: SQLite deletes the WAL beside an empty file on opening.
    before = 0 if health.state in (EMPTY, MISSING) else _revision_counter(live)
    safety: Path | None = None
    aside: tuple[str, ...] = ()
    if health.state in (OK, NEWER):
        safety = take_backup(live, backups, BEFORE_RESTORE, now=now)
        copy_into(source, live)
    else:
        if health.state != MISSING or os.path.lexists(f"{live}-wal"):
            aside = tuple(move_aside(live, now))
        _place(source, live)
    migration = ensure_current(live, backups)  # an older backup is migrated forward
    changes = Changes(everything=True, replaced=True)
    store = Store(live, backups, role="restore")
    try:
        with store.raw_write() as conn:
            # The revision never goes back: every restored row gets a new one, past
            # where the replaced data stood, so a sync that read up to there sees them.
            conn.execute("UPDATE store_revision SET value = MAX(value, ?)", (before,))
            for table in SYNCED_TABLES:
                conn.execute(f"UPDATE {table} SET rev = rev")
            store.publish(changes)  # open windows reload everything and drop their undo
    finally:
        store.close()
    return RestoreResult(source, safety, aside, migration, changes)


def _place(source: Path, live: str) -> None:
    """Copy `source` beside the live name and rename it into place: the live name holds
    the whole backup or nothing."""
    temp = Path(f"{live}.restoring-{os.getpid()}")
    src = open_read_only(source)
    try:
        write_copy(src, temp)
    finally:
        src.close()
    os.replace(temp, live)


def _revision_counter(live: str) -> int:
    """Where the store revision of the data being replaced stood; 0 when it cannot be
    read (missing, damaged)."""
    try:
        conn = open_read_only(live)
        try:
            row = conn.execute("SELECT value FROM store_revision").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return 0
    return int(row[0]) if row else 0
