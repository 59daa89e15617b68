"""`rizhi plan`, `rizhi focus` and `rizhi time` on a frozen clock (Friday 2026-11-20
10:00 in Shanghai): what they print, their JSON, and refusals that change nothing."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from tests.cli.support import FROZEN, as_dict, run, run_json, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


def blocks(home: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / "rizhi.sqlite3") as conn:
        return conn.execute(
            "SELECT day, start_minute, minutes, item_id, title FROM time_blocks ORDER BY id"
        ).fetchall()


def test_plan_add_uses_the_remaining_estimate_and_prints_local_and_iso_times(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    run_ok(capsys, "add", "second pass of the MAE paper ~2h")
    block = as_dict(run_json(capsys, "plan", "add", "1", "--at", "14:00"))
    assert (block["date"], block["start"], block["end"]) == ("2026-11-20", "14:00", "16:00")
    assert block["start_iso"] == "2026-11-20T14:00:00+08:00"
    assert block["planned_minutes"] == 120
    run_ok(capsys, "plan", "add", "--title", "Group meeting", "--at", "15:00", "--for", "1h")
    day = as_dict(run_json(capsys, "plan"))
    assert day["planned_minutes"] == 180
    assert [b["title"] for b in day["blocks"]] == ["second pass of the MAE paper", "Group meeting"]  # type: ignore[union-attr]
    assert "14:00–16:00" in run_ok(capsys, "plan", "today")


@pytest.mark.parametrize(
    "argv",
    [
        ("plan", "add", "1", "--at", "25:00"),
        ("plan", "add", "1", "--at", "10:75"),
        ("plan", "add", "1", "--at", "23:30", "--for", "1h"),
        ("plan", "add", "1", "--at", "10:00", "--for", "0m"),
        ("plan", "add", "--title", "Lunch", "--at", "12:00"),
        ("plan", "add", "1", "--at", "10:00", "--for", "soon"),
        ("time", "add", "1", "20m", "--at", "24:10"),
        ("time", "add", "1", "later"),
    ],
)
def test_impossible_times_exit_2_and_change_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, argv: tuple[str, ...]
) -> None:
    run_ok(capsys, "add", "ablation runs")
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("rizhi: ")
    assert blocks(home) == []
    assert run_json(capsys, "time", "list") == []


def test_unknown_ids_are_refused_and_change_nothing(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    for argv in (
        ("plan", "add", "9", "--at", "10:00"),
        ("plan", "rm", "9"),
        ("focus", "start", "9"),
        ("time", "add", "9", "1h"),
        ("time", "rm", "9"),
    ):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "No " in err, argv
    assert blocks(home) == []


def test_plan_move_with_push_and_remove(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    run_ok(capsys, "plan", "add", "--title", "Reading", "--at", "09:00", "--for", "1h")
    run_ok(capsys, "plan", "add", "--title", "Ablation", "--at", "10:00", "--for", "30m")
    run_ok(capsys, "plan", "move", "1", "--at", "09:00", "--for", "1h30m", "--push")
    assert [b[1] for b in blocks(home)] == [540, 630]
    run_ok(capsys, "plan", "rm", "2")
    assert [b[4] for b in blocks(home)] == ["Reading"]


def test_focus_start_status_stop_records_one_entry(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "MAE paper ~2h")
    assert "Started the timer on MAE paper" in run_ok(capsys, "focus", "start", "1")
    with time_machine.travel(FROZEN + timedelta(minutes=42), tick=False):
        status = as_dict(run_json(capsys, "focus", "status"))
        assert status["running"] is True and status["elapsed_seconds"] == 42 * 60
        assert status["phase_started"] == "10:00"
        assert "42m on MAE paper" in run_ok(capsys, "focus", "stop")
    entries = run_json(capsys, "time", "list")
    assert isinstance(entries, list) and len(entries) == 1
    entry = as_dict(entries[0])
    assert (entry["start"], entry["end"], entry["seconds"]) == ("10:00", "10:42", 2520)
    assert entry["start_iso"] == "2026-11-20T10:00:00+08:00"
    assert as_dict(run_json(capsys, "focus", "status")) == {"running": False}


def test_a_pomodoro_started_on_the_command_line_moves_on_by_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "MAE paper")
    run_ok(capsys, "focus", "start", "1", "--pomodoro")
    with time_machine.travel(FROZEN + timedelta(minutes=27), tick=False):
        status = as_dict(run_json(capsys, "focus", "status"))
        assert (status["phase"], status["pomodoros"]) == ("break", 1)
        assert status["remaining_seconds"] == 3 * 60
        run_ok(capsys, "focus", "next")
        assert as_dict(run_json(capsys, "focus", "status"))["phase"] == "focus"


def test_time_add_on_another_day_and_at_a_time(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "ablation runs")
    assert "Recorded 1h20m on ablation runs" in run_ok(capsys, "time", "add", "1", "1h20m")
    run_ok(capsys, "time", "add", "1", "50m", "--date", "yesterday")
    run_ok(capsys, "time", "add", "1", "30m", "--date", "yesterday", "--at", "21:00")
    today = run_json(capsys, "time", "list")
    assert [as_dict(e)["start"] for e in today] == ["08:40"]  # type: ignore[union-attr]
    yesterday = run_json(capsys, "time", "list", "--date", "yesterday")
    assert [(as_dict(e)["start"], as_dict(e)["end"]) for e in yesterday] == [  # type: ignore[union-attr]
        ("08:00", "08:50"),
        ("21:00", "21:30"),
    ]
    assert datetime.fromisoformat(str(as_dict(today[0])["end_iso"])) == FROZEN  # type: ignore[index]
