"""A new store is created in one step from schema.sql, identical to a migrated one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store import create, migrate
from app.store.db import Store
from app.store.schema import SCHEMA_HEAD


def schema_of(path: Path) -> set[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {
            (str(kind), str(name), str(table), " ".join(str(sql).split()))
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            )
        }
    finally:
        conn.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_schema_sql_is_what_the_migrations_produce_now(tmp_path: Path) -> None:
    # Failing here means a migration was added or changed: run `python -m app.store.create`.
    path = tmp_path / "migrated.sqlite3"
    migrate.upgrade(path)
    conn = sqlite3.connect(path)
    try:
        dumped = create.dump_schema(conn)
    finally:
        conn.close()
    assert Path(create.SCHEMA_FILE).read_text(encoding="utf-8") == dumped


def test_a_created_store_is_identical_to_a_migrated_one(tmp_path: Path) -> None:
    migrated, created = tmp_path / "migrated.sqlite3", tmp_path / "created.sqlite3"
    migrate.upgrade(migrated)
    result = migrate.ensure_current(created, tmp_path / "backups")
    assert result is not None and result.from_revision is None and result.backup is None
    assert schema_of(created) == schema_of(migrated)
    assert rows(created, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    seeded = "SELECT name, color, position, kinds FROM goal_categories ORDER BY position"
    assert rows(created, seeded) == rows(migrated, seeded)
    uids = "SELECT COUNT(DISTINCT uid) FROM goal_categories WHERE length(uid) = 36"
    assert rows(created, uids) == [(4,)]
    for path in (created, migrated):
        assert rows(path, "PRAGMA journal_mode") == [("wal",)]
        assert rows(path, "PRAGMA integrity_check") == [("ok",)]
        assert rows(path, "PRAGMA foreign_key_check") == []


def test_a_created_store_works(tmp_path: Path) -> None:
    from app.domain.entities import ItemDraft
    from app.services.items import create_item, search_items
    from tests.conftest import NOW

    store = Store.open(tmp_path / "rizhi.sqlite3", tmp_path / "backups")
    try:
        create_item(store, ItemDraft(title="自监督学习 survey #paper"), now=NOW)
        assert [r.title for r in search_items(store, "自监督")] == ["自监督学习 survey #paper"]
    finally:
        store.close()


def test_two_processes_creating_one_store_make_it_once(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    first = create.create_schema(path)
    second = create.create_schema(path)
    assert (first, second) == (True, False)
    assert rows(path, "SELECT COUNT(*) FROM goal_categories") == [(4,)]


def test_statements_keep_triggers_whole() -> None:
    script = (
        "-- a comment\n\nCREATE TABLE t (a);\n\n"
        "CREATE TRIGGER x AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM t; END;\n"
    )
    assert create.statements(script) == [
        "CREATE TABLE t (a);",
        "CREATE TRIGGER x AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM t; END;",
    ]


def test_a_store_opened_on_a_missing_file_is_made_whole_and_identical(tmp_path: Path) -> None:
    migrated, opened = tmp_path / "migrated.sqlite3", tmp_path / "home" / "rizhi.sqlite3"
    migrate.upgrade(migrated)
    Store.open(opened, tmp_path / "home" / "backups").close()
    assert schema_of(opened) == schema_of(migrated)
    seeded = "SELECT name, color, position, kinds FROM goal_categories ORDER BY position"
    assert rows(opened, seeded) == rows(migrated, seeded)
    assert rows(opened, "PRAGMA journal_mode") == [("wal",)]
    assert rows(opened, "PRAGMA integrity_check") == [("ok",)]
    assert sorted(p.name for p in opened.parent.iterdir()) == ["rizhi.sqlite3"]  # no leftovers


def test_two_processes_making_one_store_both_open_the_first_ones(tmp_path: Path) -> None:
    path = tmp_path / "rizhi.sqlite3"
    assert create.create_file(path) is True
    before = path.read_bytes()
    assert create.create_file(path) is False  # the link finds the file: it is left alone
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rizhi.sqlite3"]
