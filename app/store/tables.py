"""SQL for code that handles whole rows of a table by name (the undo log, export and
import of the whole store): quoted names, a table's columns."""

from __future__ import annotations

import sqlite3


def quote(name: str) -> str:
    """`name` as an SQL identifier, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def column_names(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The table's columns, in their order."""
    return tuple(str(r[1]) for r in conn.execute(f"PRAGMA table_info({quote(table)})"))
