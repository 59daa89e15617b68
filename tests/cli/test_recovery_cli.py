"""`rizhi backup`, `restore`, `backups` and `check` when the live file is damaged, empty,
missing or from a newer version: real files, damaged the ways disks and copies do."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.support import as_dict, run, run_json, run_ok
from tests.damage import DAMAGE, damage, settle

pytestmark = pytest.mark.usefixtures("frozen_clock")


def live(home: Path) -> Path:
    return home / "rizhi.sqlite3"


def backups(home: Path) -> set[Path]:
    return set((home / "backups").glob("rizhi-*.sqlite3"))


def titles(capsys: pytest.CaptureFixture[str]) -> list[str]:
    listed = run_json(capsys, "list", "--all")
    assert isinstance(listed, list)
    return sorted(str(i["title"]) for i in listed)


@pytest.fixture
def saved(home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A backup holding "kept"; the live file went on to hold 40 more items."""
    run_ok(capsys, "add", "kept")
    target = home / "saved.sqlite3"
    run_ok(capsys, "backup", "-o", str(target))
    for n in range(40):
        run_ok(capsys, "add", f"added later {n} {'x' * 150}")
    return target


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_restore_works_when_the_live_file_is_broken(
    home: Path, saved: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    damage(live(home), kind)
    code, out, err = run(capsys, "restore", str(saved))
    assert code == 0, err
    assert "moved aside as" in out and ".damaged-" in out
    assert titles(capsys) == ["kept"]
    run_ok(capsys, "add", "written after the restore")
    assert titles(capsys) == ["kept", "written after the restore"]
    code, out, _ = run(capsys, "check")
    assert code == 0 and "healthy" in out


def test_a_backup_from_a_newer_version_is_refused_and_nothing_is_touched(
    home: Path, saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(saved.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    settle(live(home))
    before, made = live(home).read_bytes(), backups(home)
    code, _, err = run(capsys, "restore", str(newer))
    assert code == 2 and "newer version of Rizhi" in err and "Nothing was changed" in err
    assert live(home).read_bytes() == before and backups(home) == made
    assert len(titles(capsys)) == 41  # every command still works...
    code, out, err = run(capsys, "restore", str(saved))
    assert code == 0, err
    safety = Path(out.split("saved as ")[1].split()[0])
    assert titles(capsys) == ["kept"]
    code, _, err = run(capsys, "restore", str(safety))  # ...and so does the safety copy
    assert code == 0, err
    assert len(titles(capsys)) == 41


def test_backup_refuses_a_damaged_database(
    home: Path, saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(live(home), "page-level corruption")
    before, made = live(home).read_bytes(), backups(home)
    target = tmp_path / "copy.sqlite3"
    code, out, err = run(capsys, "backup", "-o", str(target))
    assert code == 3 and out == ""
    assert "damaged" in err and "not backed up" in err and "rizhi check" in err
    assert not target.exists() and not list(tmp_path.glob("copy.sqlite3*"))
    code, _, err = run(capsys, "backup")
    assert code == 3 and backups(home) == made
    assert live(home).read_bytes() == before


def test_backup_makes_missing_folders_and_names_a_place_it_cannot_write(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "kept")
    nested = tmp_path / "new" / "deeper" / "copy.sqlite3"
    run_ok(capsys, "backup", "-o", str(nested))
    assert sqlite3.connect(nested).execute("SELECT title FROM items").fetchall() == [("kept",)]
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    code, out, err = run(capsys, "backup", "-o", str(blocker / "sub" / "copy.sqlite3"))
    assert code == 3 and out == ""
    assert f"Cannot write a backup into {blocker / 'sub'}" in err
    assert "No backup was made" in err and "RIZHI_HOME" not in err
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_an_empty_file_is_refused_with_the_way_back(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "kept")
    run_ok(capsys, "backup")
    (newest,) = backups(home)
    damage(live(home), "0 bytes")
    code, out, err = run(capsys, "list")
    assert code == 3 and out == ""
    assert "empty (0 bytes)" in err and "1 item" in err
    assert f"`rizhi restore {newest}`" in err and "`rizhi restore --empty`" in err
    assert live(home).stat().st_size == 0  # refused, not silently made a new store
    run_ok(capsys, "restore", str(newest))
    assert titles(capsys) == ["kept"]


def test_starting_empty_is_asked_for_by_name(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "kept")
    run_ok(capsys, "backup")
    damage(live(home), "0 bytes")
    out = run_ok(capsys, "restore", "--empty")
    assert "Started with an empty store" in out and "moved aside" in out
    assert titles(capsys) == []
    assert list(home.glob("rizhi.sqlite3.damaged-*"))


def test_a_missing_file_with_backups_beside_it_is_not_a_first_start(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "kept")
    run_ok(capsys, "backup")
    (newest,) = backups(home)
    live(home).unlink()
    code, _, err = run(capsys, "add", "lost?")
    assert code == 3 and "missing" in err and f"rizhi restore {newest}" in err
    assert not live(home).exists()
    run_ok(capsys, "restore", str(newest))
    assert titles(capsys) == ["kept"]


def test_a_first_start_makes_no_empty_file_and_no_backup(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "first")
    assert live(home).stat().st_size > 0
    assert backups(home) == set()  # a plain command never takes one
    assert not [p for p in home.iterdir() if ".new-" in p.name]


def test_restore_refuses_a_folder_and_wants_a_file_or_empty(
    home: Path, saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "restore", str(home / "backups"))
    assert code == 2 and "is a folder; give a backup file. `rizhi backups` lists them" in err
    code, _, err = run(capsys, "restore")
    assert code == 2 and "rizhi backups" in err
    code, _, _ = run(capsys, "restore", str(saved), "--empty")
    assert code == 2
    assert len(titles(capsys)) == 41


def test_backups_lists_newest_first_with_counts_and_damaged_ones(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "one")
    run_ok(capsys, "log", "add", "a line in the log")
    run_ok(capsys, "backup")
    run_ok(capsys, "add", "two")
    run_ok(capsys, "backup")
    newest = max(backups(home))
    damage(newest, "page-level corruption")
    (home / "backups" / "notes.txt").write_text("not a backup", encoding="utf-8")
    listed = run_json(capsys, "backups")
    assert isinstance(listed, list) and len(listed) == 2
    first, second = (as_dict(b) for b in listed)
    assert first["path"] == str(newest) and first["good"] is False
    assert "damaged" in str(first["problem"])
    assert second["good"] is True and second["kind"] == "manual"
    assert (second["items"], second["log_entries"]) == (1, 1)
    assert isinstance(second["size"], int) and second["size"] > 0
    assert str(first["taken_at"]) >= str(second["taken_at"])
    out = run_ok(capsys, "backups")
    assert "NOT GOOD" in out and "1 item, 1 log entry" in out


def test_importing_takes_a_backup_first_and_a_dry_run_does_not(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "kept")
    export = tmp_path / "export.json"
    run_ok(capsys, "export", "json", "-o", str(export))
    journal = tmp_path / "journal.md"
    journal.write_text("## 2026-11-19\n- read a paper\n", encoding="utf-8")
    run_ok(capsys, "import", "markdown", str(journal), "--dry-run")
    assert backups(home) == set()
    run_ok(capsys, "import", "markdown", str(journal))
    assert [p.name.endswith("-before-import.sqlite3") for p in backups(home)] == [True]
    run_ok(capsys, "import", "json", str(export))
    assert len(backups(home)) == 2


def test_check_reports_and_repairs_with_exit_codes(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and "nothing to check" in out and not live(home).exists()
    run_ok(capsys, "add", "read the MAE paper")
    report = run_json(capsys, "check")
    assert as_dict(report)["healthy"] is True
    with sqlite3.connect(live(home)) as conn:  # the search index loses the item
        conn.execute(
            "INSERT INTO items_fts (items_fts, rowid, title, notes)"
            " SELECT 'delete', id, title, notes FROM items"
        )
    code, out, _ = run(capsys, "check", "--json")
    report = as_dict(json.loads(out))
    assert code == 0 and report["needs_user"] is False and report["backup"]
    (finding,) = report["findings"]  # type: ignore[misc]
    assert finding["check"] == "full-text index" and finding["repaired"] is True
    assert [i["title"] for i in run_json(capsys, "search", "MAE")] == ["read the MAE paper"]  # type: ignore[union-attr]
    with sqlite3.connect(live(home)) as conn:
        conn.execute("UPDATE items SET due_date = '2026-13-45'")
    code, out, err = run(capsys, "check")
    assert code == 3 and "due_date" in out and "rizhi edit 1 --due DATE" in out
    assert err.startswith("rizhi: 1 problem in ") and "needs you: see the report above" in err


def test_a_value_another_program_wrote_points_to_rizhi_check(
    home: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    run_ok(capsys, "add", "read the MAE paper")
    with sqlite3.connect(live(home)) as conn:
        conn.execute("UPDATE items SET due_date = '2026-13-45'")
    code, out, err = run(capsys, "list")
    assert code == 3 and out == "" and "Traceback" not in err
    assert "`rizhi check` finds it" in err
    code, out, _ = run(capsys, "check")
    assert code == 3 and "due_date" in out
    caplog.clear()  # the unexpected error, logged as it should be


def test_damage_with_no_backup_points_to_check_and_a_fresh_start(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(40):
        run_ok(capsys, "add", f"item {n} {'x' * 150}")
    assert not backups(home)
    damage(live(home), "page-level corruption")
    code, out, err = run(capsys, "list")
    assert code == 3 and out == "" and "is damaged" in err
    assert f"There is no backup in {home / 'backups'}" in err
    assert "`rizhi check`" in err and "`rizhi restore --empty`" in err
