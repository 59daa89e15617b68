"""Bring the database file to the schema this version expects, with a backup first."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from app.domain.errors import StoreError
from app.store.connection import BUSY_TIMEOUT_MS, connect
from app.store.failures import database_failure
from app.store.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from pathlib import Path


class Migration(NamedTuple):
    from_revision: str | None
    to_revision: str
    backup: Path | None


def read_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None  # a new, empty file
    return None if row is None else str(row[0])


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None


def migrations_dir() -> Path:
    """`migrations/` beside the package in a checkout; inside it in an installed wheel."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "migrations", package / "_migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise StoreError("Rizhi's migration scripts are missing from this installation.")


def alembic_config(conn: object) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = conn
    return config


def upgrade(path: str | os.PathLike[str], revision: str = "head") -> None:
    """Upgrade inside one IMMEDIATE transaction (SQLite's DDL is transactional).

    Holding the write lock for the whole upgrade means that two processes starting on
    the same old (or new) file do not both migrate: the second waits, then finds the
    schema current and Alembic does nothing.

    Foreign keys are off while migrations run, as SQLite's procedure for rebuilding a
    table asks (dropping a table that others refer to would otherwise delete their
    rows), and every reference is checked before the upgrade commits.
    """
    _migrate(path, "upgrade", revision)


def downgrade(path: str | os.PathLike[str], revision: str) -> None:
    _migrate(path, "downgrade", revision)


def _migrate(path: str | os.PathLike[str], direction: str, revision: str) -> None:
    from alembic import command

    from app.store.engine import IMMEDIATE, make_engine

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.execution_options(**IMMEDIATE).begin() as conn:
            getattr(command, direction)(alembic_config(conn), revision)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"Upgrading {path} would leave {len(broken)} broken references "
                    f"(first: {tuple(broken[0])}); nothing was changed."
                )
    finally:
        engine.dispose()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(migrations_dir()))
    return {script.revision for script in scripts.walk_revisions()}


def ensure_current(
    path: str | os.PathLike[str],
    backups: str | os.PathLike[str],
    conn: sqlite3.Connection | None = None,
) -> Migration | None:
    """Upgrade `path` to SCHEMA_HEAD if it is behind; None when it already was.

    The common case, a current file, costs one query and no Alembic import; with `conn`
    (the store's own connection) it does not even open another.
    """
    try:
        own = conn if conn is not None else connect(path)
        try:
            revision = read_revision(own)
            populated = has_tables(own)
        finally:
            if conn is None:
                own.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                f"The database {path} is busy: another program has held it for more than "
                f"{BUSY_TIMEOUT_MS // 1000} seconds. Nothing was changed; try again."
            ) from exc
        told = database_failure(exc, os.fspath(path), os.fspath(backups))
        raise told or StoreError(f"The database {path} cannot be opened ({exc}).") from exc
    except sqlite3.DatabaseError as exc:
        from app.store.health import DAMAGED, Health, problem_of

        problem = problem_of(path, backups, Health(DAMAGED, str(exc)))
        way_back = problem.way_back() if problem else ""
        raise StoreError(
            f"The database {path} is damaged or not a database ({exc}). Nothing was changed. "
            f"{way_back}"
        ) from exc
    if revision == SCHEMA_HEAD:
        return None
    if revision is None and populated:
        raise StoreError(
            f"{path} holds tables but no Rizhi schema version; it is not a Rizhi database."
        )
    if revision is None:
        from app.store.create import create_schema

        create_schema(path)
        return Migration(from_revision=None, to_revision=SCHEMA_HEAD, backup=None)
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"The database {path} was written by a newer version of Rizhi "
            f"(schema {revision}); update Rizhi to open it. Nothing was changed."
        )
    backup = None
    if revision is not None:
        from pathlib import Path

        from app.domain.backup_schedule import BEFORE_MIGRATION
        from app.store.backup import backup_name, copy_database

        moment = datetime.now(UTC)
        name = backup_name(BEFORE_MIGRATION, moment, SCHEMA_HEAD)
        backup = copy_database(Path(path), Path(backups) / name)
    upgrade(path)
    return Migration(from_revision=revision, to_revision=SCHEMA_HEAD, backup=backup)
