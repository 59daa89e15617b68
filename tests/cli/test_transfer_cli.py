"""`rizhi export json` and `rizhi import json` as a user meets them: what the export
says it wrote, and a file with bad fields refused whole, before anything is saved."""

from __future__ import annotations

import json
from pathlib import Path

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
