"""The exit-code table (docs/cli.md): the storage or the environment failing exits 3 with
a message saying what to do, and no failure of any kind prints a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.store import db
from tests.cli.support import run, run_ok

ROOT = os.geteuid() == 0


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """`path` (a file or a folder) cannot be written, even by root: root ignores file
    modes, so it is made immutable instead."""
    if ROOT:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"cannot make {path} immutable here: {made.stderr!r}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


def assert_failure(code: int, out: str, err: str, *words: str) -> None:
    assert (code, out) == (3, ""), err
    assert "Traceback" not in err
    assert err.startswith("rizhi: ")
    for word in words:
        assert word in err


def rizhi(home: Path, *argv: str) -> tuple[int, str, str]:
    """`rizhi` in a process of its own: SQLite shares open files within a process, so a
    file made read-only under a process that opened it may still be written through it."""
    result = subprocess.run(
        [sys.executable, "-m", "app", *argv],
        env=dict(os.environ, RIZHI_HOME=str(home)),
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def test_a_read_only_database_file_refuses_writes_with_exit_3(home: Path) -> None:
    assert rizhi(home, "add", "read the MAE paper")[0] == 0
    database = home / "rizhi.sqlite3"
    with unwritable(database):
        for argv in (["add", "another"], ["done", "1"], ["rm", "1"]):
            code, out, err = rizhi(home, *argv)
            assert_failure(code, out, err, "read-only", str(database), "Nothing was changed")
        code, out, _ = rizhi(home, "list")
        assert code == 0 and "read the MAE paper" in out  # reading still works
    assert "another" not in rizhi(home, "list")[1]


def test_an_uncreatable_data_folder_exits_3_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RIZHI_HOME", str(blocker / "rizhi"))
    code, out, err = run(capsys, "list")
    assert_failure(code, out, err, str(blocker / "rizhi"), "RIZHI_HOME")


@pytest.mark.parametrize("made", [False, True], ids=["empty", "with-backups-folder"])
def test_an_unwritable_data_folder_exits_3_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], made: bool
) -> None:
    folder = tmp_path / "data"
    (folder / "backups").mkdir(parents=True) if made else folder.mkdir()
    monkeypatch.setenv("RIZHI_HOME", str(folder))
    with unwritable(folder):
        code, out, err = run(capsys, "add", "something")
    assert_failure(code, out, err, str(folder), "RIZHI_HOME")
    assert not (folder / "rizhi.sqlite3").exists()


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.read()  # until the test closes the pipe
conn.execute("ROLLBACK")
"""


def test_a_write_lock_held_past_the_busy_timeout_exits_3(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_ok(capsys, "add", "first")
    monkeypatch.setattr("app.store.connection.BUSY_TIMEOUT_MS", 300)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home / "rizhi.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        code, out, err = run(capsys, "add", "second")
        assert_failure(code, out, err, "busy", "another program", "try again")
        assert "first" in run_ok(capsys, "list")  # readers are not held up
    finally:
        holder.communicate(timeout=30)
    assert "second" not in run_ok(capsys, "list")


def test_a_full_disk_exits_3_and_saves_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_ok(capsys, "add", "first")
    real_connect = db.connect

    def full(path: str) -> sqlite3.Connection:
        # SQLite's own limit on the file's size: a write that needs another page fails
        # as on a full disk (SQLITE_FULL).
        conn = real_connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(db, "connect", full)
        code, out, err = run(capsys, "add", "x" * 200_000)
    assert_failure(code, out, err, "disk", "full", "Free some disk space")
    assert run_ok(capsys, "list").count("\n") == 1


def test_a_damaged_page_exits_3_pointing_to_the_backups(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(300):
        run_ok(capsys, "add", f"item {n} " + "words " * 40)
    database = home / "rizhi.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()
    with database.open("r+b") as handle:  # the items table's root page, header intact
        handle.seek((root[0] - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    code, out, err = run(capsys, "list")
    assert_failure(code, out, err, "damaged", str(home / "backups"), "rizhi restore")


def test_an_unexpected_error_is_a_short_message_and_a_log_entry(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(args: object) -> int:
        raise ZeroDivisionError("a fault in Rizhi")

    monkeypatch.setattr(cli_main.Command, "load_handler", lambda self: broken)
    code, out, err = run(capsys, "list")
    log = home / "logs" / "rizhi.log"
    assert_failure(code, out, err, "unexpected error", "ZeroDivisionError", "report", str(log))
    assert "Traceback" in log.read_text(encoding="utf-8")
    code, _, err = run(capsys, "add", "--json", "x")
    assert code == 3 and err.startswith('{"error": "Rizhi stopped on an unexpected error')


def test_a_failure_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = rizhi(blocker / "rizhi", "add", "hello")
    assert_failure(code, out, err, "a file is in the way")
