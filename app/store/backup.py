"""Copies of the database through SQLite's online backup API (safe while in use)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from app.domain.errors import InvalidInput
from app.store.connection import connect

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"alembic_version", "items", "board_cards", "tags"})


def backup_name(reason: str, moment: datetime) -> str:
    return f"rizhi-{moment:%Y%m%d-%H%M%S-%f}-{reason}.sqlite3"


def copy_database(source: str | Path, target: Path) -> Path:
    """Copy `source` to `target` page by page; the copy is a consistent snapshot."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    src = connect(source)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    return target


def copy_into(source: Path, live: str | Path) -> None:
    """Overwrite the live database with `source` through the backup API, which writes
    through SQLite's own locking and WAL, so open connections see a consistent file."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = connect(live)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def check_rizhi_database(path: Path) -> None:
    """Raise InvalidInput saying why `path`, a file the user chose, is not a usable Rizhi
    database (a bad file given is bad input, exit 2; the live store failing is StoreError)."""
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist.")
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise InvalidInput(f"{path} is not a SQLite database, so not a Rizhi backup.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{path} cannot be read as a database: {exc}.") from exc
    missing = REQUIRED_TABLES - tables
    if missing:
        raise InvalidInput(
            f"{path} is a SQLite file but not a Rizhi database "
            f"(missing tables: {', '.join(sorted(missing))})."
        )
    if verdict != "ok":
        raise InvalidInput(f"{path} is damaged (integrity check: {verdict}).")
