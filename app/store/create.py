"""A new store in one step: the current schema created directly, stamped at head.

Replaying every migration on an empty file costs more than the command that asked for
the store, and grows with each migration. `schema.sql` beside this module is the
schema the migrations produce, dumped from a migrated file (`python -m
app.store.create` writes it again); a test checks that it still is, and that a store
created from it is identical to a migrated one. Migrations still bring existing files
up to date (app/store/migrate.py).

Standard library only: this runs on the first `rizhi add` in a new data folder.
"""

from __future__ import annotations

import os
import sqlite3

from app.domain.ids import new_uid
from app.store.connection import connect, write_transaction
from app.store.schema import SCHEMA_HEAD

SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema.sql")

# The rows migrations seed a new store with: goal categories a researcher starts from
# (0002, with the kinds of 0006) and the revision counter (0007).
DEFAULT_CATEGORIES = (
    ("Lectures", "#2563eb", 0, ""),
    ("Papers", "#16a34a", 1, "paper"),
    ("Math", "#9333ea", 2, ""),
    ("Coding", "#ea580c", 3, ""),
)


def create_schema(path: str | os.PathLike[str]) -> bool:
    """Create the schema in the empty file at `path`; False when another process created
    it first (both wait for the write lock, the second finds the tables)."""
    conn = connect(path)
    try:
        with write_transaction(conn):
            if conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
                return False
            fill_schema(conn)
        return True
    finally:
        conn.close()


def fill_schema(conn: sqlite3.Connection) -> None:
    """The current schema and a new store's rows, in the empty database `conn` (a file,
    or memory for a dry run), inside the caller's transaction."""
    for statement in statements(_schema_text()):
        conn.execute(statement)
    _seed(conn)


def create_file(path: str | os.PathLike[str]) -> bool:
    """Make a new store at `path` whole: built under a temporary name beside it, then
    linked into place, so no process ever finds a half-made or empty (0-byte) file
    there; an empty file therefore always means lost data (app/store/opening.py).
    False when another process made it first (the link finds its file)."""
    final = os.fspath(path)
    temp = f"{final}.new-{os.getpid()}-{os.urandom(4).hex()}"
    try:
        _build(temp)
        _set_aside_stale_wal(final)
        try:
            os.link(temp, final)
        except FileExistsError:
            return False
        except OSError:
            return False  # no hard links on this file system: made in place on opening
        return True
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.lexists(temp + suffix):
                os.remove(temp + suffix)


def _build(temp: str) -> None:
    """The new store in the file `temp`, which nobody else knows of yet: no journal (a
    crash leaves a temporary file that is never linked), one fsync at the commit, and
    the file left in WAL mode, as every connection wants it."""
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN")
        fill_schema(conn)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def _set_aside_stale_wal(path: str) -> None:
    """A WAL left at `path` after its database was deleted by hand would be replayed
    onto the new file by SQLite; it is renamed, not deleted."""
    for suffix in ("-wal", "-shm"):
        if os.path.lexists(path + suffix) and not os.path.lexists(path):
            os.replace(path + suffix, f"{path}.orphan-{os.urandom(3).hex()}{suffix}")


def _schema_text() -> str:
    with open(SCHEMA_FILE, encoding="utf-8") as handle:
        return handle.read()


def statements(script: str) -> list[str]:
    """Split a script into statements (triggers hold semicolons of their own)."""
    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"an unfinished statement at the end of the schema: {pending[:80]!r}")
    return found


def _seed(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO store_revision (id, value) VALUES (1, 0)")
    conn.executemany(
        "INSERT INTO goal_categories (uid, name, color, position, kinds) VALUES (?, ?, ?, ?, ?)",
        [(new_uid(), *category) for category in DEFAULT_CATEGORIES],
    )
    conn.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (SCHEMA_HEAD,))


def dump_schema(conn: sqlite3.Connection) -> str:
    """The schema of a migrated file as a script: tables, then indexes, then triggers,
    each by name (a trigger needs its table; references between tables do not). SQLite
    makes some objects itself: the tables behind a full-text index, the automatic
    indexes of constraints and the AUTOINCREMENT counters are left out."""
    virtual = [
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    lines = [
        "-- The schema Rizhi's migrations produce, for creating a new store in one step.",
        "-- Generated by `python -m app.store.create`; do not edit by hand.",
        "",
    ]
    for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name"
    ):
        shadow = kind == "table" and any(str(name).startswith(f"{v}_") for v in virtual)
        if str(name).startswith("sqlite_") or shadow:
            continue
        lines += [f"{sql};", ""]
    return "\n".join(lines)


def main() -> None:
    """Write schema.sql from an empty file upgraded by the migrations."""
    import tempfile

    from app.store.migrate import upgrade

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "schema.sqlite3")
        upgrade(path)
        conn = sqlite3.connect(path)
        try:
            text = dump_schema(conn)
        finally:
            conn.close()
    with open(SCHEMA_FILE, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"Wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
