"""SQL for code that copies whole rows of a table by name (undo snapshots, export and
import of the whole store): quoted names, a table's columns, its highest id."""

from __future__ import annotations

import sqlite3


def quote(name: str) -> str:
    """`name` as an SQL identifier, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def column_names(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The table's columns, in their order."""
    return tuple(str(r[1]) for r in conn.execute(f"PRAGMA table_info({quote(table)})"))


def max_id(conn: sqlite3.Connection, table: str) -> int:
    """The highest id in the table, or 0 when it is empty."""
    return int(conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quote(table)}").fetchone()[0])
