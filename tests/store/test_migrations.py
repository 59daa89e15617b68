from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.domain.errors import StoreError
from app.store import migrate
from app.store.db import Store
from app.store.engine import make_engine
from app.store.models import Base
from app.store.schema import SCHEMA_HEAD, UNMAPPED_TABLE_PREFIXES

FIRST = "0001"


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def revision(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        return migrate.read_revision(conn)
    finally:
        conn.close()


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    scripts = ScriptDirectory(str(migrate.migrations_dir()))
    assert scripts.get_heads() == [SCHEMA_HEAD]


def test_upgrade_from_empty_creates_schema_and_fts(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    result = migrate.ensure_current(path, tmp_path / "backups")
    assert result is not None and result.from_revision is None and result.backup is None
    assert revision(path) == SCHEMA_HEAD
    assert {"items", "board_cards", "study_units", "log_entries", "items_fts"} <= tables(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrate.ensure_current(path, tmp_path / "backups") is None  # already current


def test_upgrade_downgrade_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cycle.sqlite3"
    migrate.upgrade(path)
    migrate.downgrade(path, "base")
    # SQLite keeps its AUTOINCREMENT counters (sqlite_sequence) for good.
    assert {t for t in tables(path) if not t.startswith("sqlite_")} <= {"alembic_version"}
    migrate.upgrade(path)
    assert revision(path) == SCHEMA_HEAD
    assert "items_fts" in tables(path)


def test_autogenerate_finds_no_difference(tmp_path: Path) -> None:
    path = tmp_path / "diff.sqlite3"
    migrate.upgrade(path)
    engine = make_engine(path)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, _: (
                    not (type_ == "table" and name.startswith(UNMAPPED_TABLE_PREFIXES))
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_first_revision_with_data_upgrades_with_backup_and_nothing_lost(tmp_path: Path) -> None:
    path, backups = tmp_path / "old.sqlite3", tmp_path / "backups"
    migrate.upgrade(path, FIRST)
    stamp = "2026-01-05T09:00:00.000000+00:00"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        for n in range(1, 51):
            conn.execute(
                "INSERT INTO items (id, uid, kind, title, notes, position, priority, reading_pass,"
                " created_at, updated_at) VALUES (?, ?, 'paper', ?, '笔记', 0, 2, 1, ?, ?)",
                (n, f"uid-{n}", f"论文 {n} self-supervised", stamp, stamp),
            )
        conn.execute("INSERT INTO tags (id, name) VALUES (1, 'vision')")
        conn.execute("INSERT INTO item_tags VALUES (7, 1)")
        conn.execute("INSERT INTO board_cards VALUES (7, '2026-W02', 'active', 1048576, 2)")
        conn.execute("INSERT INTO log_days VALUES ('2026-01-05', 'Kickoff')")
        conn.execute(
            "INSERT INTO log_entries (uid, day, body, source, position, created_at, updated_at)"
            " VALUES ('e1', '2026-01-05', '- [DONE] read', 'user', 0, ?, ?)",
            (stamp, stamp),
        )
    before = {
        t: sqlite3.connect(path).execute(f"SELECT * FROM {t}").fetchall()
        for t in ("items", "tags", "item_tags", "board_cards", "log_days", "log_entries")
    }

    store = Store.open(path, backups)
    assert store.migration is not None
    assert store.migration.from_revision == FIRST
    assert store.migration.backup is not None and store.migration.backup.exists()
    assert revision(store.migration.backup) == FIRST  # the backup is the file as it was
    assert revision(path) == SCHEMA_HEAD
    with sqlite3.connect(path) as conn:
        for table, rows in before.items():
            # Later revisions may add columns; the columns that were there keep their values.
            after = conn.execute(f"SELECT * FROM {table}").fetchall()
            assert [row[: len(old)] for row, old in zip(after, rows, strict=True)] == rows, table
        hits = conn.execute(
            "SELECT rowid FROM items_fts WHERE items_fts MATCH ?", ['"论文 7 self"']
        ).fetchall()
        assert (7,) in hits
        logged = conn.execute("SELECT rowid FROM log_fts WHERE log_fts MATCH ?", ['"DONE"'])
        assert logged.fetchall() == [(1,)]  # entries written before the log index are found
        names = [r[0] for r in conn.execute("SELECT name FROM goal_categories ORDER BY position")]
        assert names == ["Lectures", "Papers", "Math", "Coding"]
    store.close()


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    migrate.upgrade(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        migrate.ensure_current(path, tmp_path / "backups")
    assert path.read_bytes() == before


def test_a_corrupt_file_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="damaged or not a database"):
        migrate.ensure_current(path, tmp_path / "backups")
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_a_database_held_by_another_program_is_busy_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "held.sqlite3"
    migrate.upgrade(path)
    monkeypatch.setattr("app.store.connection.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    # WAL lets readers past an ordinary writer; exclusive locking mode shuts them out.
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="busy") as error:
            migrate.ensure_current(path, tmp_path / "backups")
        assert "restore" not in str(error.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_reading_notes_come_and_go_with_revision_0003(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    migrate.upgrade(path, "0002")
    assert "reading_notes" not in tables(path)
    stamp = "2026-01-05T09:00:00.000000+00:00"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO items (id, uid, kind, title, notes, position, priority, reading_pass,"
            " created_at, updated_at) VALUES (1, 'u1', 'paper', 'MAE', '', 0, 0, 1, ?, ?)",
            (stamp, stamp),
        )
    migrate.upgrade(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("INSERT INTO reading_notes VALUES (1, 1, 'skimmed', ?)", (stamp,))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO reading_notes VALUES (1, 0, 'no pass 0', ?)", (stamp,))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO reading_notes VALUES (1, 1, 'one row per pass', ?)", (stamp,))
    migrate.downgrade(path, "0002")
    assert "reading_notes" not in tables(path)
    assert revision(path) == "0002"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT title FROM items").fetchall() == [("MAE",)]


def test_a_failed_commit_leaves_no_open_transaction(tmp_path: Path) -> None:
    from app.store.connection import connect, write_transaction

    path = tmp_path / "commit.sqlite3"
    migrate.upgrade(path)
    conn = connect(path)
    with pytest.raises(sqlite3.IntegrityError), write_transaction(conn):
        # Deferred foreign keys are checked at COMMIT, so COMMIT itself fails.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("INSERT INTO item_tags (item_id, tag_id) VALUES (999, 999)")
    assert not conn.in_transaction
    assert conn.execute("SELECT COUNT(*) FROM item_tags").fetchone()[0] == 0
    conn.close()


def test_revision_0008_dates_the_passes_already_reached(tmp_path: Path) -> None:
    path = tmp_path / "passes.sqlite3"
    migrate.upgrade(path, "0007")
    early, done, later = (
        "2026-01-05T09:00:00.000000+00:00",
        "2026-01-07T09:00:00.000000+00:00",
        "2026-01-09T09:00:00.000000+00:00",
    )
    items = [  # (id, kind, pass, updated_at, completed_at)
        (1, "paper", 2, later, done),  # done, edited since: dated by its completion
        (2, "paper", 1, later, None),  # open: dated by its last change
        (3, "paper", 3, early, done),  # updated before its completion (an import): the earlier
        (4, "task", 0, later, None),  # no pass: no row
    ]
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO items (id, uid, kind, title, notes, position, priority, reading_pass,"
            " created_at, updated_at, completed_at) VALUES (?, 'u' || ?, ?, 't', '', 0, 0, ?, ?,"
            " ?, ?)",
            [(i, i, kind, n, early, updated, done_at) for i, kind, n, updated, done_at in items],
        )
        before = conn.execute("SELECT value FROM store_revision").fetchone()[0]
        revs = conn.execute("SELECT id, rev FROM items ORDER BY id").fetchall()
    migrate.upgrade(path)
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            'SELECT item_id, "pass", reached_at FROM reading_passes ORDER BY 1, 2'
        ).fetchall()
        assert rows == [
            (1, 1, done),
            (1, 2, done),
            (2, 1, later),
            (3, 1, early),
            (3, 2, early),
            (3, 3, early),
        ]
        # Filling them in is no change for sync; a pass reached later is one of its item.
        assert conn.execute("SELECT value FROM store_revision").fetchone()[0] == before
        assert conn.execute("SELECT id, rev FROM items ORDER BY id").fetchall() == revs
        conn.execute("INSERT INTO reading_passes VALUES (2, 2, ?)", (later,))
        assert conn.execute("SELECT rev FROM items WHERE id = 2").fetchone()[0] > before
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO reading_passes VALUES (2, 4, ?)", (later,))
    migrate.downgrade(path, "0007")
    assert "reading_passes" not in tables(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 4
