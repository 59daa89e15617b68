"""Backups: on demand, automatic while the window runs, and safety copies before
anything that replaces or rewrites data; all verified, and thinned by the schedule of
app/domain/backup_schedule.py.

* `backup` is `rizhi backup` (a manual backup, never deleted automatically).
* `backup_if_due` is the window's automatic backup (on start, every few hours while it
  runs, and on quit): a new one when the newest backup is older than the interval and
  the data changed since it.
* `take_backup` makes a backup of any kind and then thins the folder. `rizhi import`
  and `rizhi restore` take a `before-import` / `before-restore` one first (a plain
  command takes none: the first command must stay fast).

Restoring lives in app/services/recovery.py, which works without opening the live file.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from app.domain.backup_schedule import DEFAULT_SCHEDULE, MANUAL, Schedule, to_delete
from app.domain.changes import Changes
from app.store.backup import backup_name, copy_database
from app.store.backup_files import BackupFile, backup_files, describe, partial_files
from app.store.db import Store
from app.store.sqlite_file import open_read_only

STALE_PARTIAL_S = 24 * 3600  # a copy left half-made this long ago is no copy under way


def backup(store: Store, target: Path | None, *, now: datetime) -> Path:
    """Copy the live database to `target`, or into the backups folder (a manual backup,
    which the schedule never deletes). A damaged database is refused (StoreError)."""
    if target is None:
        target = _free_name(Path(store.backups), MANUAL, now)
    elif target.is_dir():
        target = _free_name(target, MANUAL, now)
    return copy_database(store.path, target)


def take_backup(
    path: str | os.PathLike[str], backups: str | os.PathLike[str], kind: str, *, now: datetime
) -> Path:
    """A verified backup of `kind` into the backups folder, then the folder thinned
    (never deleting this one, the newest good)."""
    made = copy_database(os.fspath(path), _free_name(Path(backups), kind, now))
    prune(backups, now=now, protect=made)
    return made


def _free_name(folder: Path, kind: str, now: datetime) -> Path:
    """A name no backup has: two taken in the same microsecond (a clock held still, a
    coarse one) must not overwrite each other, least of all the one being restored."""
    target = folder / backup_name(kind, now)
    while target.exists():
        now += timedelta(microseconds=1)
        target = folder / backup_name(kind, now)
    return target


def safety_backup(store: Store, kind: str, *, now: datetime) -> Path:
    """A copy taken just before something that replaces or rewrites the data."""
    return take_backup(store.path, store.backups, kind, now=now)


class AutoBackup(NamedTuple):
    """What an automatic backup did: `path` of the new one, or why none was needed."""

    path: Path | None
    reason: str  # "taken", "not due", "unchanged"


def backup_if_due(
    path: str | os.PathLike[str],
    backups: str | os.PathLike[str],
    *,
    now: datetime,
    every: timedelta,
) -> AutoBackup:
    """Take an automatic backup when the newest backup (of any kind: each is a verified
    copy) is older than `every` and the data changed since; StoreError when the copy
    fails (a damaged database is refused, never copied as if good)."""
    from app.domain.backup_schedule import AUTO

    existing = backup_files(backups)
    if existing:
        newest = existing[0]
        if newest.taken_at > now - every:
            return AutoBackup(None, "not due")
        mark = data_mark(path)
        if mark is not None and mark == data_mark(newest.path):
            return AutoBackup(None, "unchanged")
    return AutoBackup(take_backup(path, backups, AUTO, now=now), "taken")


def data_mark(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """Where the data in a file stands: its store revision and the last change-feed
    record. Equal marks mean no change between two files; None when it cannot be read."""
    try:
        conn = open_read_only(path)
        try:
            revision = conn.execute("SELECT value FROM store_revision").fetchone()
            feed = conn.execute("SELECT MAX(seq) FROM change_log").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if revision is None or feed is None:
        return None
    return int(revision[0]), int(feed[0] or 0)


def prune(
    backups: str | os.PathLike[str],
    *,
    now: datetime,
    protect: Path | None = None,
    schedule: Schedule = DEFAULT_SCHEDULE,
) -> list[Path]:
    """Delete what the schedule lets go, never the newest good backup (`protect`, or
    found by opening the newest until one is good) and never a file that is not a Rizhi
    backup. Copies left half-made a day ago go too. Returns what was deleted."""
    files = backup_files(backups)
    keep = protect.name if protect is not None else _newest_good_name(files)
    by_name = {os.path.basename(f.path): f for f in files}
    snapshots = [f.snapshot() for f in files]
    doomed = to_delete(snapshots, now=now.astimezone(), protect=keep, schedule=schedule)
    deleted = []
    for snapshot in doomed:
        doomed_path = Path(by_name[snapshot.name].path)
        doomed_path.unlink(missing_ok=True)
        deleted.append(doomed_path)
    for partial in partial_files(backups):
        if os.path.getmtime(partial) < time.time() - STALE_PARTIAL_S:
            os.remove(partial)
            deleted.append(Path(partial))
    return deleted


def _newest_good_name(files: list[BackupFile]) -> str | None:
    for backup_file in files:
        if describe(backup_file).good:
            return os.path.basename(backup_file.path)
    return None


def backup_interval(store: Store) -> timedelta:
    """How often the window takes an automatic backup (the `backups.every_hours`
    setting)."""
    from app.services.settings import setting_texts

    return timedelta(hours=int(setting_texts(store)["backups.every_hours"]))


def restore(store: Store, source: Path, *, now: datetime) -> tuple[Path | None, Changes]:
    """Replace the live data with `source` (see app/services/recovery.py): `source` is
    checked before anything is touched. Returns the safety backup of the data replaced
    (None when there was no readable data to keep) and what changed."""
    from app.services.recovery import restore_file

    store.close()  # the file is replaced under it; it opens again on next use
    result = restore_file(store.path, store.backups, source, now=now)
    return result.safety, result.changes
