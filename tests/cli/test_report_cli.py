"""`rizhi report time`: a day, a week or a unit, as a table, JSON or CSV; bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.services.time_blocks import add_block
from app.services.time_entries import add_entry
from app.store.db import Store
from tests.cli.support import FROZEN, SHANGHAI, as_dict, run, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def spent(home: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """An item with 1h30 planned and 1h20 spent today, and 40 min spent yesterday
    late in the evening into today (20 min each side of midnight)."""
    item_id = int(json.loads(run_ok(capsys, "add", "MAE paper #paper ~2h", "--json"))["id"])
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    try:
        add_block(store, day=FROZEN.date(), start=9 * 60, minutes=90, item_id=item_id, now=FROZEN)
        start = datetime(2026, 11, 20, 8, 0, tzinfo=SHANGHAI)
        add_entry(store, item_id=item_id, start=start, end=start + timedelta(minutes=80),
                  now=FROZEN)  # fmt: skip
        night = datetime(2026, 11, 19, 23, 40, tzinfo=SHANGHAI)
        add_entry(store, item_id=None, start=night, end=night + timedelta(minutes=40),
                  note="Reviews", now=FROZEN)  # fmt: skip
    finally:
        store.close()
    return item_id


def test_the_day_as_json(capsys: pytest.CaptureFixture[str], spent: int) -> None:
    out = run_ok(capsys, "report", "time", "--day", "today", "--json")
    data = as_dict(json.loads(out))
    assert data["kind"] == "day" and data["first"] == data["last"] == "2026-11-20"
    assert data["total"] == {"planned_minutes": 90, "spent_minutes": 100.0}
    assert data["items"] == [
        {"id": spent, "title": "MAE paper", "planned_minutes": 90, "spent_minutes": 80.0},
        {"id": None, "title": "Reviews", "planned_minutes": 0, "spent_minutes": 20.0},
    ]
    assert data["categories"][0] == {  # type: ignore[index]
        "category": "Papers",
        "planned_minutes": 90,
        "spent_minutes": 80.0,
    }


def test_the_week_as_csv_and_as_text(capsys: pytest.CaptureFixture[str], spent: int) -> None:
    rows = list(csv.DictReader(io.StringIO(run_ok(capsys, "report", "time", "--csv"))))
    assert [(r["date"], r["title"], r["spent_minutes"]) for r in rows] == [
        ("2026-11-19", "Reviews", "20.0"),
        ("2026-11-20", "MAE paper", "80.0"),
        ("2026-11-20", "Reviews", "20.0"),
    ]
    text = run_ok(capsys, "report", "time", "--week", "2026-W47")
    assert text.startswith("Time 2026-W47: Mon 16 Nov to Sun 22 Nov 2026")
    assert "1h40m spent" in text and "#paper" in text and "Papers" in text


def test_a_unit(capsys: pytest.CaptureFixture[str], spent: int) -> None:
    run_ok(capsys, "unit", "new", "--start", "2026-11-15")
    data = as_dict(json.loads(run_ok(capsys, "report", "time", "--unit", "1", "--json")))
    assert (data["kind"], data["first"], data["last"]) == ("unit", "2026-11-15", "2026-11-24")
    assert len(data["days"]) == 10  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--week", "2026-W99"], 2),
        (["--day", "not a day at all"], 2),
        (["--unit", "7"], 1),
        (["--day", "today", "--week", "2026-W47"], 2),
        (["--json", "--csv"], 2),
    ],
)
def test_bad_input_is_refused(
    capsys: pytest.CaptureFixture[str], home: Path, argv: list[str], code: int
) -> None:
    try:
        got = run(capsys, "report", "time", *argv)[0]
    except SystemExit as exit_:  # argparse refuses conflicting options itself
        got = int(exit_.code or 0)
    assert got == code


def test_the_days_log_shows_its_focus_line(capsys: pytest.CaptureFixture[str], spent: int) -> None:
    out = run_ok(capsys, "log", "show", "2026-11-20")
    assert "  Focus: 1h40m — MAE paper (1h20m), other (20m)" in out


def test_a_unit_goal_in_hours_from_the_command_line(
    capsys: pytest.CaptureFixture[str], spent: int
) -> None:
    run_ok(capsys, "unit", "new", "--start", "2026-11-15", "--goal", "papers=2..3h Reading")
    out = run_ok(capsys, "unit", "show", "1")
    assert "Papers: 1h20m of 2h..3h" in out
    assert "1h20m  " in out and "MAE paper" in out
