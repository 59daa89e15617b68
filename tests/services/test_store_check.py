"""Check Database: what it finds, what it repairs (after a backup), what it leaves to the
user, on real files made inconsistent the ways old imports and disks leave them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.services.store_check import CheckReport, check_store
from app.store.db import Store
from tests.conftest import NOW
from tests.damage import damage


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """The file as another program sees it: no foreign keys enforced."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture
def path(store: Store) -> Path:
    parent, _ = create_item(store, ItemDraft(title="Thesis"), now=NOW)
    create_item(store, ItemDraft(title="Related work", parent_id=parent.id), now=NOW)
    create_item(store, ItemDraft(title="MAE paper", notes="masked autoencoders"), now=NOW)
    store.raw.execute("INSERT INTO log_days VALUES ('2026-11-19', '')")
    store.raw.execute(
        "INSERT INTO log_entries (uid, day, body, source, position, created_at, updated_at)"
        " VALUES ('e-1', '2026-11-19', '- read MAE', 'user', 0, ?, ?)",
        (NOW.isoformat(), NOW.isoformat()),
    )
    store.close()
    return Path(store.path)


def check(path: Path, **kwargs: bool) -> CheckReport:
    return check_store(path, path.parent / "backups", now=NOW, **kwargs)


def found(report: CheckReport) -> dict[str, bool]:
    return {o.check: o.repaired for o in report.outcomes}


def test_a_healthy_store_is_healthy_and_nothing_is_backed_up(path: Path) -> None:
    report = check(path)
    assert report.healthy and not report.needs_user and report.backup is None


def test_search_indexes_that_disagree_with_their_tables_are_rebuilt(path: Path) -> None:
    with raw(path) as conn:
        conn.execute(
            "INSERT INTO items_fts (items_fts, rowid, title, notes)"
            " SELECT 'delete', id, title, notes FROM items WHERE title = 'MAE paper'"
        )
        conn.execute("DELETE FROM log_fts")
    report = check(path)
    assert found(report) == {"full-text index": True}
    assert len(report.outcomes) == 2 and not report.needs_user
    assert report.backup is not None and "before-repair" in report.backup.name
    with raw(path) as conn:
        hits = conn.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH 'autoencoders'")
        assert hits.fetchall() == [(3,)]
    assert check(path).healthy


def test_an_index_that_lost_rows_is_rebuilt_from_its_table(path: Path) -> None:
    with raw(path) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_items_due_date'")
        # Rows written while the index was (by a damaged schema) partial are missing.
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE name = 'ix_items_due_date'",
            (f"{sql[0]} WHERE 0",),
        )
    with raw(path) as conn:
        conn.execute("UPDATE items SET due_date = '2026-12-01' WHERE id = 1")
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_items_due_date'", (sql[0],))
    with raw(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() != ("ok",)
    report = check(path)
    assert found(report) == {"integrity": True} and report.backup is not None
    with raw(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_rows_whose_owner_is_gone_are_repaired_as_its_deletion_would_have(path: Path) -> None:
    with raw(path) as conn:
        conn.execute("INSERT INTO board_cards VALUES (999, '2026-W47', 'todo', 1, 0)")
        conn.execute("UPDATE items SET parent_id = 998 WHERE id = 3")
        conn.execute("DELETE FROM log_days")
    report = check(path)
    assert [o.check for o in report.outcomes] == ["foreign keys"] * 3
    assert not report.needs_user
    with raw(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM board_cards").fetchone() == (0,)
        assert conn.execute("SELECT parent_id FROM items WHERE id = 3").fetchone() == (None,)
        assert conn.execute("SELECT day FROM log_days").fetchall() == [("2026-11-19",)]
        assert conn.execute("SELECT COUNT(*) FROM log_entries").fetchone() == (1,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_reference_that_cannot_be_repaired_safely_is_left_to_the_user(path: Path) -> None:
    with raw(path) as conn:
        conn.execute(
            "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
            " VALUES ('u-1', 1, 'Unit 1', '2026-11-16', 10, '')"
        )
        conn.execute(
            "INSERT INTO unit_goals (uid, unit_id, category_id, description, target,"
            " adjustment, position) VALUES ('g-1', 1, 77, 'two papers', 2, 0, 0)"
        )
    report = check(path)
    (outcome,) = report.outcomes
    assert outcome.check == "foreign keys" and not outcome.repaired
    assert "unit_goals" in outcome.problem and "rizhi backups" in outcome.advice
    assert report.needs_user and report.backup is None


def test_items_nested_under_themselves_come_back_to_the_top_level(path: Path) -> None:
    with raw(path) as conn:
        conn.execute("UPDATE items SET parent_id = 2 WHERE id = 1")  # 1 -> 2 -> 1
    report = check(path)
    assert found(report) == {"item tree": True}
    with raw(path) as conn:
        parents = dict(conn.execute("SELECT id, parent_id FROM items"))
    assert parents == {1: None, 2: 1, 3: None}


def test_values_the_services_would_refuse_are_reported_not_guessed(path: Path) -> None:
    with raw(path) as conn:
        conn.execute("UPDATE items SET due_date = '2026-13-45', due_time = '9am' WHERE id = 3")
        conn.execute("UPDATE items SET created_at = 'not a date' WHERE id = 2")
        conn.execute("UPDATE log_entries SET day = 'bad-day'")
        conn.execute("INSERT INTO log_days VALUES ('bad-day', '')")
    report = check(path)
    assert report.needs_user and report.backup is None
    problems = " | ".join(o.problem for o in report.outcomes)
    for words in ("due_date", "'2026-13-45'", "due_time", "created_at", "'bad-day'"):
        assert words in problems
    due = next(o for o in report.outcomes if "due_date" in o.problem)
    assert "rizhi edit 3 --due DATE" in due.advice and "--no-due" in due.advice
    with raw(path) as conn:  # nothing was changed
        assert conn.execute("SELECT due_date FROM items WHERE id = 3").fetchone() == ("2026-13-45",)


def test_a_reminder_time_not_written_as_reminders_keep_it_is_reported(path: Path) -> None:
    with raw(path) as conn:
        conn.execute(
            "INSERT INTO reminders (uid, item_id, anchor, at_time, next_fire, state, created_at)"
            " VALUES ('r-1', 3, 'at', '2026-11-21 9am', '2026-11-21 9am', 'pending', ?)",
            (NOW.isoformat(),),
        )
    report = check(path)
    assert report.needs_user
    (bad,) = [o for o in report.outcomes if "next_fire" in o.problem]
    assert "'2026-11-21 9am'" in bad.problem and "rizhi remind --clear" in bad.advice


def test_without_repair_it_only_reports(path: Path) -> None:
    with raw(path) as conn:
        conn.execute("UPDATE items SET parent_id = 2 WHERE id = 1")
    report = check(path, repair=False)
    assert report.needs_user and report.backup is None
    assert "without --no-repair" in report.outcomes[0].advice
    assert not check(path).needs_user


def test_a_damaged_file_is_not_touched_and_the_way_back_is_given(path: Path) -> None:
    Store.open(path, path.parent / "backups").close()
    from app.services.backups import take_backup

    good = take_backup(path, path.parent / "backups", "auto", now=NOW)
    damage(path, "page-level corruption")
    before = path.read_bytes()
    report = check(path)
    (outcome,) = report.outcomes
    assert not outcome.repaired and "damaged" in outcome.problem
    assert f"rizhi restore {good}" in outcome.advice
    assert path.read_bytes() == before
