"""Backups are verified copies, named by kind, taken automatically when due and thinned
by the schedule without ever losing the newest good one or touching other files."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.backup_schedule import Schedule
from app.domain.entities import ItemDraft
from app.domain.errors import StoreError
from app.services.backups import backup, backup_if_due, prune, take_backup
from app.services.items import create_item
from app.store.backup_files import backup_files, backup_name, parse_name
from app.store.db import Store
from tests.conftest import NOW
from tests.damage import damage

HOUR = timedelta(hours=1)


def names(store: Store) -> list[str]:
    return sorted(p.name for p in Path(store.backups).iterdir())


def test_names_carry_the_time_and_the_kind_and_old_names_still_read() -> None:
    name = backup_name("before-import", NOW)
    assert name == "rizhi-20261120-020000-000000Z-before-import.sqlite3"
    parsed = parse_name(name)
    assert parsed is not None and parsed.kind == "before-import"
    assert parsed.taken_at == NOW
    migration = parse_name(backup_name("before-migration", NOW, "0007"))
    assert migration is not None and migration.kind == "before-migration"
    old = parse_name("rizhi-20261120-100000-000000-before-0006.sqlite3")
    assert old is not None and old.kind == "before-migration"
    assert old.taken_at.replace(tzinfo=None) == datetime(2026, 11, 20, 10)  # local time
    for other in ("notes.txt", "rizhi.sqlite3", "rizhi-2026-auto.sqlite3", name + ".partial"):
        assert parse_name(other) is None


def test_every_copy_is_checked_before_it_counts(store: Store, tmp_path: Path) -> None:
    create_item(store, ItemDraft(title="kept"), now=NOW)
    made = take_backup(store.path, store.backups, "auto", now=NOW)
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT title FROM items").fetchall() == [("kept",)]
    store.close()
    damage(Path(store.path), "page-level corruption")
    before = Path(store.path).read_bytes()
    with pytest.raises(StoreError, match="damaged") as refused:
        take_backup(store.path, store.backups, "auto", now=NOW + HOUR)
    assert refused.value.exit_code == 3
    with pytest.raises(StoreError, match="damaged"):
        backup(store, tmp_path / "copy.sqlite3", now=NOW)
    assert names(store) == [made.name]  # no bad copy, no half-made one
    assert not (tmp_path / "copy.sqlite3").exists()
    assert Path(store.path).read_bytes() == before


def test_two_backups_in_one_moment_do_not_overwrite_each_other(store: Store) -> None:
    first = take_backup(store.path, store.backups, "before-restore", now=NOW)
    second = take_backup(store.path, store.backups, "before-restore", now=NOW)
    assert first != second and first.exists() and second.exists()


def test_an_automatic_backup_is_taken_when_due_and_the_data_changed(store: Store) -> None:
    every = 4 * HOUR
    first = backup_if_due(store.path, store.backups, now=NOW, every=every)
    assert first.reason == "taken" and first.path is not None
    assert backup_if_due(store.path, store.backups, now=NOW + HOUR, every=every).reason == (
        "not due"
    )
    later = NOW + 5 * HOUR
    assert backup_if_due(store.path, store.backups, now=later, every=every).reason == "unchanged"
    create_item(store, ItemDraft(title="new work"), now=later)
    again = backup_if_due(store.path, store.backups, now=later, every=every)
    assert again.reason == "taken" and again.path is not None and "-auto" in again.path.name


def test_pruning_thins_automatic_ones_and_leaves_everything_else(store: Store) -> None:
    folder = Path(store.backups)
    folder.mkdir()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(60):  # two months of automatic backups, one every day
        (folder / backup_name("auto", start + timedelta(days=n))).write_bytes(b"x")
    manual = folder / backup_name("manual", start)
    foreign = [folder / "notes.txt", folder / "rizhi.sqlite3", folder / "rizhi-old-copy.sqlite3"]
    for path in (manual, *foreign):
        path.write_bytes(b"mine")
    newest = take_backup(store.path, store.backups, "auto", now=NOW)
    left = {p.name for p in folder.iterdir()}
    assert newest.name in left and manual.name in left
    assert all(p.name in left for p in foreign)
    automatic = [b for b in backup_files(folder) if b.kind == "auto"]
    assert len(automatic) <= 12 + 7 + 4 + 12 and len(automatic) < 61


def test_the_newest_good_one_survives_a_schedule_that_keeps_nothing(store: Store) -> None:
    keep_nothing = Schedule(recent=0, daily=0, weekly=0, monthly=0, safety_days=0)
    older = take_backup(store.path, store.backups, "auto", now=NOW - 2 * HOUR)
    good = take_backup(store.path, store.backups, "auto", now=NOW - HOUR)
    newest = take_backup(store.path, store.backups, "auto", now=NOW)
    damage(newest, "page-level corruption")  # damaged on disk after it was made
    # Not told which is the newest good one, prune opens them, newest first, to find it.
    prune(store.backups, now=NOW, schedule=keep_nothing)
    assert good.exists() and not older.exists() and not newest.exists()
    newer = take_backup(store.path, store.backups, "auto", now=NOW + HOUR)
    prune(store.backups, now=NOW, protect=newer, schedule=Schedule(max_total_bytes=1))
    assert [p.name for p in Path(store.backups).iterdir()] == [newer.name]


def test_copies_left_half_made_long_ago_are_cleared(store: Store) -> None:
    folder = Path(store.backups)
    folder.mkdir()
    stale = folder / (backup_name("auto", NOW - 48 * HOUR) + ".partial")
    fresh = folder / (backup_name("auto", NOW) + ".partial")
    for path in (stale, fresh):
        path.write_bytes(b"half")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (day_ago, day_ago))
    prune(store.backups, now=NOW)
    assert not stale.exists() and fresh.exists()
