"""The backups folder: how a backup is named, and what each file there holds.

A backup is `rizhi-<UTC time>Z-<kind>[-<detail>].sqlite3`, for example
`rizhi-20261120-020000-123456Z-auto.sqlite3` or `...Z-before-migration-0008.sqlite3`:
the time sorts with the name, the kind says why it was taken (app/domain/backup_schedule.py
says which kinds are thinned). Only files named so are Rizhi's backups; anything else in
the folder is never listed nor deleted. Names written before the `Z` (local time) and
the older `before-<revision>` of migrations are still read.

Standard library only, and imported only by commands that deal with backups (and when
a store is missing, to tell a first start from a lost file).
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

from app.domain.backup_schedule import BEFORE_MIGRATION, KINDS, Snapshot

SUFFIX = ".sqlite3"
PARTIAL = ".partial"  # a copy being made; renamed into place once checked
_NAME = re.compile(
    r"rizhi-(?P<stamp>\d{8}-\d{6}-\d{6})(?P<utc>Z?)-(?P<kind>[a-z]+(?:-[a-z]+)?)"
    r"(?:-(?P<detail>[A-Za-z0-9]+))?\.sqlite3"
)
_OLD_MIGRATION = re.compile(r"before-[0-9]+")


def backup_name(kind: str, moment: datetime, detail: str = "") -> str:
    """The file name of a backup of `kind` taken at `moment` (timezone-aware)."""
    stamp = moment.astimezone(UTC)
    tail = f"-{detail}" if detail else ""
    return f"rizhi-{stamp:%Y%m%d-%H%M%S-%f}Z-{kind}{tail}{SUFFIX}"


class BackupName(NamedTuple):
    taken_at: datetime  # aware
    kind: str


def parse_name(name: str) -> BackupName | None:
    """When and why the backup called `name` was taken; None for any other file."""
    found = _NAME.fullmatch(name)
    if found is None:
        return None
    moment = datetime.strptime(found["stamp"], "%Y%m%d-%H%M%S-%f")
    taken = moment.replace(tzinfo=UTC) if found["utc"] else moment.astimezone()
    kind = found["kind"]
    if (
        kind == "before"
        and found["detail"]
        and _OLD_MIGRATION.fullmatch(f"before-{found['detail']}")
    ):
        kind = BEFORE_MIGRATION  # `before-0007`, as migrations named their backups
    elif found["detail"] and f"{kind}-{found['detail']}" in KINDS:
        kind = f"{kind}-{found['detail']}"
    return BackupName(taken, kind)


class BackupFile(NamedTuple):
    path: str
    taken_at: datetime  # local time
    kind: str
    size: int

    def snapshot(self) -> Snapshot:
        return Snapshot(os.path.basename(self.path), self.taken_at, self.kind, self.size)


def backup_files(folder: str | os.PathLike[str]) -> list[BackupFile]:
    """The Rizhi backups in `folder`, newest first, from their names alone (no file is
    opened)."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for entry in entries:
        parsed = parse_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        size = entry.stat().st_size
        found.append(BackupFile(entry.path, parsed.taken_at.astimezone(), parsed.kind, size))
    found.sort(key=lambda f: f.taken_at, reverse=True)
    return found


def has_backups(folder: str | os.PathLike[str]) -> bool:
    try:
        return any(parse_name(name) is not None for name in os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return False


def partial_files(folder: str | os.PathLike[str]) -> list[str]:
    """Copies left half-made (a process ended while copying), by path."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [
        os.path.join(folder, name)
        for name in names
        if name.endswith(PARTIAL) and parse_name(name.removesuffix(PARTIAL)) is not None
    ]


class Contents(NamedTuple):
    """What a backup file holds, read without changing it."""

    good: bool
    problem: str  # why it cannot be restored; "" when good
    revision: str | None
    items: int | None  # not in the trash
    log_entries: int | None


def read_contents(path: str | os.PathLike[str], *, thorough: bool = False) -> Contents:
    """Open `path` read-only and say whether this version could restore it, and what it
    holds. A damaged file is described, never raised."""
    from app.store.sqlite_file import open_read_only, read_revision, verdict_of, wrong_schema_reason

    try:
        conn = open_read_only(path)
    except sqlite3.Error as exc:
        return Contents(False, f"cannot be opened ({exc})", None, None, None)
    try:
        verdict = verdict_of(conn, "integrity_check" if thorough else "quick_check")
        revision = read_revision(conn)
        items = _count(conn, "SELECT COUNT(*) FROM items WHERE deleted_at IS NULL")
        entries = _count(conn, "SELECT COUNT(*) FROM log_entries")
        problem = f"damaged ({verdict})" if verdict != "ok" else wrong_schema_reason(conn, revision)
    except sqlite3.DatabaseError as exc:
        return Contents(False, f"damaged ({exc})", None, None, None)
    finally:
        conn.close()
    return Contents(not problem, problem, revision, items, entries)


def _count(conn: sqlite3.Connection, sql: str) -> int | None:
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return None  # an old schema without the table or column


class BackupInfo(NamedTuple):
    """A backup and what it holds, for `rizhi backups` and the window's restore list."""

    path: str
    taken_at: datetime  # local time
    kind: str
    size: int
    good: bool
    problem: str
    items: int | None
    log_entries: int | None

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "kind": self.kind,
            "size": self.size,
            "good": self.good,
            "problem": self.problem,
            "items": self.items,
            "log_entries": self.log_entries,
        }


def describe(backup: BackupFile) -> BackupInfo:
    contents = read_contents(backup.path)
    return BackupInfo(
        backup.path,
        backup.taken_at,
        backup.kind,
        backup.size,
        contents.good,
        contents.problem,
        contents.items,
        contents.log_entries,
    )


def list_backups(folder: str | os.PathLike[str]) -> list[BackupInfo]:
    """Every backup in `folder`, newest first, each opened read-only to say what it
    holds and whether it is good."""
    return [describe(backup) for backup in backup_files(folder)]


def newest_good(folder: str | os.PathLike[str]) -> BackupInfo | None:
    """The newest backup this version can restore; older ones are opened only while the
    newer are not good."""
    for backup in backup_files(folder):
        info = describe(backup)
        if info.good:
            return info
    return None
