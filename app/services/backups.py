"""Backups on demand and restoring from one, never losing the current data."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from app.domain.changes import Changes
from app.store.backup import backup_name, check_rizhi_database, copy_database, copy_into
from app.store.db import Store
from app.store.migrate import ensure_current
from app.store.revisions import SYNCED_TABLES, current_revision


def backup(store: Store, target: Path | None, *, now: datetime) -> Path:
    """Copy the live database to `target`, or into the backups folder."""
    if target is None:
        target = Path(store.backups) / backup_name("manual", now)
    elif target.is_dir():
        target = target / backup_name("manual", now)
    return copy_database(store.path, target)


def restore(store: Store, source: Path, *, now: datetime) -> tuple[Path, Changes]:
    """Replace the live data with `source`; the current data is backed up first.

    `source` is checked before anything is touched, so a wrong file changes nothing.
    Returns the path of the safety backup.
    """
    check_rizhi_database(source)
    safety = copy_database(store.path, Path(store.backups) / backup_name("before-restore", now))
    try:
        before = current_revision(store.raw)
    except sqlite3.DatabaseError:
        before = 0  # the data being replaced cannot be read; the backup's stands
    store.close()
    copy_into(source, store.path)
    ensure_current(store.path, store.backups)  # an older backup is migrated forward
    changes = Changes(everything=True, replaced=True)
    with store.raw_write() as conn:
        # The revision never goes back: every restored row gets a new one, past where
        # the replaced data stood, so a sync that read up to there sees them all.
        conn.execute("UPDATE store_revision SET value = MAX(value, ?)", (before,))
        for table in SYNCED_TABLES:
            conn.execute(f"UPDATE {table} SET rev = rev")
        store.publish(changes)  # open windows reload everything and drop their undo steps
    return safety, changes
