"""The way back when the live file fails: diagnosing it without opening it as a store,
and restoring a backup in its place, for each way a real file gets damaged."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput, StoreError
from app.services.backups import backup
from app.services.items import create_item, list_items
from app.services.recovery import diagnose, restore_file, start_empty
from app.store.db import Store
from app.store.item_rows import ItemQuery
from app.store.revisions import current_revision
from tests.conftest import NOW
from tests.damage import DAMAGE, damage, settle

DAMAGED_KINDS = sorted(DAMAGE)


class Home:
    """A data folder with a backup holding "kept", and a live file that went on to hold
    "added later" too."""

    def __init__(self, folder: Path) -> None:
        self.live = folder / "rizhi.sqlite3"
        self.backups = folder / "backups"
        store = Store.open(self.live, self.backups)
        create_item(store, ItemDraft(title="kept"), now=NOW)
        self.backup = backup(store, None, now=NOW)
        for n in range(40):  # enough pages that damage to one leaves others
            create_item(store, ItemDraft(title=f"added later {n}", notes="x" * 200), now=NOW)
        self.revision = current_revision(store.raw)
        store.close()

    def titles(self) -> list[str]:
        store = Store.open(self.live, self.backups)
        try:
            return sorted(r.title for r in list_items(store, ItemQuery()))
        finally:
            store.close()

    def backups_made(self) -> set[str]:
        return {p.name for p in self.backups.iterdir()}


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


@pytest.mark.parametrize("kind", DAMAGED_KINDS)
def test_each_damage_is_diagnosed_with_the_newest_good_backup(home: Home, kind: str) -> None:
    damage(home.live, kind)
    before = home.live.read_bytes()
    problem = diagnose(home.live, home.backups)
    assert problem is not None
    assert problem.kind == ("empty" if kind == "0 bytes" else "damaged")
    assert problem.newest_good is not None and problem.newest_good.path == str(home.backup)
    assert problem.newest_good.items == 1
    assert f"rizhi restore {home.backup}" in problem.message()
    assert "rizhi restore --empty" in problem.message()
    assert home.live.read_bytes() == before  # looking changes nothing


def test_page_level_damage_needs_the_thorough_look(home: Home) -> None:
    damage(home.live, "page-level corruption")
    assert diagnose(home.live, home.backups, thorough=False) is None  # header and schema read
    problem = diagnose(home.live, home.backups)
    assert problem is not None and problem.kind == "damaged"


def test_a_healthy_file_a_first_start_and_a_lost_file(home: Home, tmp_path: Path) -> None:
    assert diagnose(home.live, home.backups) is None
    assert diagnose(tmp_path / "new" / "rizhi.sqlite3", tmp_path / "new" / "backups") is None
    home.live.unlink()
    problem = diagnose(home.live, home.backups)
    assert problem is not None and problem.kind == "missing"
    assert str(home.backup) in problem.message()


def test_a_file_from_a_newer_version_is_diagnosed_as_such(home: Home) -> None:
    with sqlite3.connect(home.live) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    problem = diagnose(home.live, home.backups)
    assert problem is not None and problem.kind == "newer"
    assert "update Rizhi" in problem.message()


@pytest.mark.parametrize("kind", DAMAGED_KINDS)
def test_restore_works_when_the_live_file_is_broken(home: Home, kind: str) -> None:
    damage(home.live, kind)
    damaged_bytes = home.live.read_bytes()
    result = restore_file(home.live, home.backups, home.backup, now=NOW)
    assert result.safety is None  # nothing readable to back up: it was moved aside instead
    aside = Path(result.set_aside[0])
    assert aside.name.startswith("rizhi.sqlite3.damaged-") and aside.read_bytes() == damaged_bytes
    assert home.titles() == ["kept"]
    with sqlite3.connect(home.live) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = Store.open(home.live, home.backups)  # and every command works on it
    create_item(store, ItemDraft(title="written after"), now=NOW)
    store.close()
    assert home.titles() == ["kept", "written after"]  # sorted


@pytest.mark.parametrize("kind", ["0 bytes", "truncated"])
def test_the_wal_of_a_damaged_file_goes_aside_with_it(home: Home, kind: str) -> None:
    # A WAL holding frames of the damaged file: replayed onto the restored copy, it would
    # write the damaged file's pages over the backup's.
    store = Store.open(home.live, home.backups)
    store.raw.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(20):
        create_item(store, ItemDraft(title=f"in the wal {n}"), now=NOW)
    wal = Path(f"{home.live}-wal").read_bytes()
    assert len(wal) > 4096
    os.link(f"{home.live}-wal", f"{home.live}.keep-wal")  # closing deletes the WAL
    store.close()
    damage(home.live, kind)
    os.replace(f"{home.live}.keep-wal", f"{home.live}-wal")
    result = restore_file(home.live, home.backups, home.backup, now=NOW)
    assert any(p.endswith("-wal") for p in result.set_aside)
    assert Path(next(p for p in result.set_aside if p.endswith("-wal"))).read_bytes() == wal
    assert home.titles() == ["kept"]


def test_a_backup_from_a_newer_version_is_refused_before_anything_is_touched(
    home: Home, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(home.backup.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    settle(home.live)
    live, made = home.live.read_bytes(), home.backups_made()
    with pytest.raises(InvalidInput, match="newer version of Rizhi") as refused:
        restore_file(home.live, home.backups, newer, now=NOW)
    assert refused.value.exit_code == 2
    assert home.live.read_bytes() == live and home.backups_made() == made
    assert len(home.titles()) == 41  # the data is there and opens


def test_restoring_replaces_a_healthy_file_and_its_safety_copy_brings_it_back(
    home: Home,
) -> None:
    result = restore_file(home.live, home.backups, home.backup, now=NOW)
    assert result.safety is not None and "before-restore" in result.safety.name
    assert result.set_aside == ()
    assert home.titles() == ["kept"]
    again = restore_file(home.live, home.backups, result.safety, now=NOW)
    assert len(home.titles()) == 41
    assert again.safety is not None  # the restored "kept" state is kept in its turn
    store = Store.open(home.live, home.backups)
    assert current_revision(store.raw) > home.revision  # the revision never went back
    store.close()


def test_a_folder_or_a_missing_file_is_bad_input(home: Home, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"is a folder; give a backup file\. `rizhi backups`"):
        restore_file(home.live, home.backups, home.backups, now=NOW)
    with pytest.raises(InvalidInput, match="does not exist"):
        restore_file(home.live, home.backups, tmp_path / "nothing.sqlite3", now=NOW)
    with pytest.raises(InvalidInput, match="live database itself"):
        restore_file(home.live, home.backups, home.live, now=NOW)


def test_a_damaged_backup_is_refused(home: Home) -> None:
    damage(home.backup, "page-level corruption")
    with pytest.raises(InvalidInput, match=r"damaged|cannot be read"):
        restore_file(home.live, home.backups, home.backup, now=NOW)
    assert len(home.titles()) == 41


def test_starting_empty_on_purpose_keeps_the_damaged_file(home: Home) -> None:
    damage(home.live, "0 bytes")
    with pytest.raises(StoreError, match="empty"):
        Store.open(home.live, home.backups)
    result = start_empty(home.live, home.backups, now=NOW)
    assert result.source is None and Path(result.set_aside[0]).exists()
    assert home.titles() == []


def test_starting_empty_over_a_healthy_file_backs_it_up_first(home: Home) -> None:
    result = start_empty(home.live, home.backups, now=NOW)
    assert home.titles() == []
    assert result.safety is not None
    restore_file(home.live, home.backups, result.safety, now=NOW)
    assert len(home.titles()) == 41
