"""Looking at a SQLite file without trusting it: its header, SQLite's own checks, and
whether it holds a schema this version of Rizhi knows. Shared by the live file's
diagnosis (health.py), the backups folder (backup_files.py) and restore (backup.py).

Standard library only; Alembic is imported only for a file whose schema revision is not
the current one.
"""

from __future__ import annotations

import os
import sqlite3

from app.store.schema import SCHEMA_HEAD

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
REQUIRED_TABLES = frozenset({"alembic_version", "items", "board_cards", "tags"})


def header_problem(path: str | os.PathLike[str]) -> str:
    """Why the file's first page cannot be a sound database ("" when it can): not
    SQLite's header, or shorter than the header says (a file cut off)."""
    with open(path, "rb") as handle:
        header = handle.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return (
            "the file does not begin with SQLite's header: it was overwritten or is not a database"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is only kept current by SQLite 3.7 and later, which
    # then write the same change counter at 24 and 92.
    counted = pages > 0 and header[24:28] == header[92:96]
    size = os.path.getsize(path)
    if counted and size < pages * page_size:
        return (
            f"the file is cut off: it holds {size:,} bytes of the {pages * page_size:,} it should"
        )
    return ""


def verdict_of(conn: sqlite3.Connection, pragma: str = "quick_check", limit: int = 5) -> str:
    """'ok', or the first messages of SQLite's `quick_check` or `integrity_check`."""
    if pragma not in ("quick_check", "integrity_check"):
        raise ValueError(pragma)
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({limit})")]
    return "; ".join(rows) if rows else "no answer"


def read_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def revision_known(revision: str) -> bool:
    if revision == SCHEMA_HEAD:
        return True
    from app.store.migrate import known_revisions

    return revision in known_revisions()


def wrong_schema_reason(conn: sqlite3.Connection, revision: str | None) -> str:
    """Why this version cannot use the database on `conn` ("" when it can): not Rizhi's
    tables, or a schema revision it does not know (written by a newer version)."""
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    missing = REQUIRED_TABLES - tables
    if missing:
        return f"not a Rizhi database (missing tables: {', '.join(sorted(missing))})"
    if revision is None:
        return "not a Rizhi database (no schema version)"
    if not revision_known(revision):
        return f"written by a newer version of Rizhi (schema {revision})"
    return ""


def open_read_only(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection that never writes to the file (nor creates it)."""
    return sqlite3.connect(f"{file_uri(path)}?mode=ro", uri=True)


def file_uri(path: str | os.PathLike[str]) -> str:
    """`path` as a SQLite URI: `%`, `?` and `#` in a name would otherwise be read as
    escapes, the query and the fragment."""
    text = os.path.abspath(os.fspath(path))
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        text = text.replace(char, code)
    return f"file:{text}"
