"""Damaging a real database file the ways disks, sync tools and interrupted copies do,
for the recovery tests."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path


def settle(path: Path) -> None:
    """Move everything from the WAL into the file itself, so damage to the file is damage
    to the data (and no WAL hides it)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def overwrite_header(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(b"\x5a" * 100 + data[100:])


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def corrupt_page(path: Path, table: str = "items") -> None:
    """Garbage over the root page of `table`: the header and the schema still read, so
    the file opens; reading the table fails."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        page = int(root.fetchone()[0])
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes((n * 37 + 11) % 256 for n in range(size)))


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "header overwritten": overwrite_header,
    "truncated": truncate,
    "page-level corruption": corrupt_page,
    "0 bytes": make_empty,
}


def damage(path: Path, kind: str) -> None:
    settle(path)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    DAMAGE[kind](path)
