"""`rizhi export json` and `rizhi import json` as a user meets them: what the export
says it wrote, and a file with bad fields refused whole, before anything is saved."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast

import pytest

from tests.cli.support import run, run_ok


def test_export_json_counts_what_it_wrote(
    home: Path, frozen_clock: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for day in ("2026-11-18", "2026-11-19"):
        run_ok(capsys, "log", "add", "--day", day, "read the MAE paper")
    target = tmp_path / "out.json"
    out = run_ok(capsys, "export", "json", "-o", str(target))
    assert out == f"Exported 0 items, 2 log entries to {target}\n"
    run_ok(capsys, "add", "write the intro")
    run_ok(capsys, "unit", "new")
    out = run_ok(capsys, "export", "json", "-o", str(target))
    assert out == f"Exported 1 item, 1 unit, 2 log entries to {target}\n"
    document = json.loads(target.read_text(encoding="utf-8"))
    assert (len(document["items"]), len(document["log_entries"])) == (1, 2)


def test_export_json_to_a_place_it_cannot_write_is_bad_input(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "folder.json"
    code, out, err = run(capsys, "export", "json", "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"rizhi: Cannot write {target}: No such file or directory.")
    assert not list(tmp_path.glob("**/*.partial"))


def exported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, Any]:
    """A store with an item (due, tagged, on the board), a unit and a log entry, exported."""
    run_ok(capsys, "add", "read the MAE paper #paper due 2026-12-01", "--week")
    run_ok(capsys, "unit", "new", "--goal", "papers=2")
    run_ok(capsys, "log", "add", "--day", "2026-11-18", "read half of it")
    target = tmp_path / "export.json"
    run_ok(capsys, "export", "json", "-o", str(target))
    return cast(dict[str, Any], json.loads(target.read_text(encoding="utf-8")))


def data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, Any]:
    """Everything the store holds, as an export without its time."""
    target = tmp_path / "data.json"
    run_ok(capsys, "export", "json", "-o", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    del document["exported_at"]
    return cast(dict[str, Any], document)


FOUND = [
    ("items", "created_at", "not a date", r"items\[0\] \(uid [0-9a-f-]+\), created_at: "),
    ("items", "due_date", "2026-13-45", r"items\[0\] \(uid [0-9a-f-]+\), due_date: "),
    ("log_days", "day", "bad-day", r"log_days\[0\] \(day bad-day\), day: "),
]


@pytest.mark.usefixtures("home", "frozen_clock")
@pytest.mark.parametrize("case", FOUND, ids=[f"{t}.{f}" for t, f, _, _ in FOUND])
@pytest.mark.parametrize("into", ["empty", "same"])
def test_import_refuses_bad_dates_and_every_command_keeps_working(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[str, str, str, str],
    into: str,
) -> None:
    table, field, value, message = case
    document = exported(capsys, tmp_path)
    document[table][0][field] = value
    if table == "log_days":  # the entry of that day moves with it
        document["log_entries"][0]["day"] = value
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    if into == "empty":
        monkeypatch.setenv("RIZHI_HOME", str(tmp_path / "other"))
    before = data(capsys, tmp_path)
    code, out, err = run(capsys, "import", "json", str(broken))
    assert (code, out) == (2, ""), err
    assert re.search(f"{re.escape(str(broken))}: {message}{re.escape(json.dumps(value))}", err)
    assert err.rstrip().endswith("Nothing was imported.")
    assert data(capsys, tmp_path) == before
    for argv in (
        ["list", "--all"],
        ["show", "1"] if into == "same" else ["list"],
        ["trash"],
        ["log", "search", "half"],
        ["export", "markdown", "-o", str(tmp_path / "log.md")],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 0, (argv, err)


def test_deeply_nested_json_is_bad_input(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, out, err = run(capsys, "import", "json", str(nested))
    assert (code, out) == (2, "")
    assert "nests lists or objects too deeply" in err
