"""Input the command line refuses before anything is saved, each case once found by the
fuzz test (tests/cli/test_cli_fuzz.py) or by trying Rizhi as a new user would: bad
input exits 2 with a message, never a traceback or a fault of Rizhi's own (exit 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.cli.support import run, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, ""), (code, err)
    assert err.startswith("rizhi: ") and "unexpected" not in err
    return err


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "9223372036854775808"],
        ["done", "-99999999999999999999"],
        ["trash", "purge", "1", "10000000000000000000000"],
        ["unit", "goal", "adjust", "1", "9223372036854775808"],
        ["changes", "--since", "18446744073709551616"],
    ],
)
def test_numbers_sqlite_cannot_hold_are_bad_input(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse refuses it, with the usage
        main(argv)
    assert exited.value.code == 2
    assert "too large a number" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["99999999999999999999", "²", "١"])
def test_a_unit_number_that_does_not_read_is_bad_input(
    home: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    assert "is not a unit" in refused(capsys, "unit", "show", which)


def test_text_that_is_not_utf8_is_bad_input(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Bytes that do not decode reach Python as lone surrogates (os.fsdecode).
    err = refused(capsys, "add", os.fsdecode(b"caf\xe9 notes"))
    assert "is not UTF-8 text" in err and "caf\\udce9" in err
    assert run(capsys, "list")[1] == ""


def test_arguments_and_input_that_are_not_utf8_in_a_real_process(home: Path) -> None:
    env = dict(os.environ, RIZHI_HOME=str(home), LC_ALL="C.UTF-8")
    argument = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"app", b"add", b"caf\xe9"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert argument.returncode == 2 and b"is not UTF-8 text" in argument.stderr
    typed = subprocess.run(
        [sys.executable, "-m", "app", "log", "add", "-"],
        env=env,
        input=b"caf\xe9 au lait\n",
        capture_output=True,
        check=False,
    )
    assert typed.returncode == 2 and b"Standard input is not UTF-8 text" in typed.stderr
    for result in (argument, typed):
        assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["unit", "new", "--start", "9999-12-30"], "A unit's days lie between 1900-01-01"),
        (["unit", "new", "--start", "1899-12-31"], "A unit's days lie between 1900-01-01"),
        (["log", "show", "9999-12-31"], "is outside 1900-2199"),
        (["log", "show", "0001-01-01"], "is outside 1900-2199"),
    ],
)
def test_days_at_the_ends_of_the_calendar_are_bad_input(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert message in refused(capsys, *argv)
    assert run_ok(capsys, "unit", "list", "--json").strip() == "[]"


def test_a_unit_moved_past_the_calendar_s_end_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "unit", "new", "--start", "2199-12-01")
    assert "A unit's days lie between" in refused(
        capsys, "unit", "edit", "1", "--start", "2199-12-30"
    )
    run_ok(capsys, "unit", "edit", "1", "--title", "the last unit")  # its days stay as they are


def test_a_markdown_dry_run_creates_no_database(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "log.md"
    journal.write_text("## 2026-11-19\n- read MAE\n", encoding="utf-8")
    out = run_ok(capsys, "import", "markdown", str(journal), "--dry-run")
    assert "Would add 1 entry" in out and "Dry run: nothing was written." in out
    assert not (home / "rizhi.sqlite3").exists()
    run_ok(capsys, "import", "markdown", str(journal))
    out = run_ok(capsys, "import", "markdown", str(journal), "--dry-run")
    assert "Already imported" in out  # with a store, the dry run reads it


@pytest.mark.parametrize("text", ["just a note\n- a list line\n", "", "# A title only\n"])
def test_a_markdown_file_without_dates_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    assert "no dated day headings" in refused(capsys, "import", "markdown", str(notes))
    assert not (home / "rizhi.sqlite3").exists()  # the file is read before a store opens


def test_an_export_saved_with_a_byte_order_mark_imports(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run_ok(capsys, "add", "read the MAE paper")
    exported = tmp_path / "export.json"
    run_ok(capsys, "export", "json", "-o", str(exported))
    marked = tmp_path / "marked.json"
    marked.write_text(exported.read_text(encoding="utf-8"), encoding="utf-8-sig")
    report = json.loads(run_ok(capsys, "import", "json", str(marked), "--json"))
    assert report["skipped"] == {"items": 1}
