"""`rizhi unit`: every subcommand, its output, its errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from app.store import feed
from app.store.db import Store
from tests.cli.support import SHANGHAI, as_dict, run, run_json, run_ok, set_zone

NEW_YORK = ZoneInfo("America/New_York")

pytestmark = pytest.mark.usefixtures("frozen_clock")


def new_unit(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    return as_dict(run_json(capsys, "unit", "new", *argv))


def goal_ids(unit: dict[str, object]) -> list[int]:
    goals = unit["goals"]
    assert isinstance(goals, list)
    return [int(g["id"]) for g in goals]


def test_new_prints_the_unit_and_its_goals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "unit",
        "new",
        "--start",
        "2022-02-01",
        "--goal",
        "papers=2-3 SSL",
        "--goal",
        "math=1",
    )
    assert code == 0, err
    assert out.splitlines() == [
        "Created Unit 1: 2-01 to 2-10 (2022-02-01 to 2022-02-10).",
        "  goal 1: Papers 2..3 - SSL",
        "  goal 2: Math 1",
    ]


def test_new_without_goals_says_how_to_add_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "unit", "new")
    assert code == 0
    assert "Created Unit 1: 11-20 to 11-29" in out  # today, in the machine's zone
    assert "rizhi unit goal add 1" in out


def test_new_takes_natural_dates_lengths_and_titles(capsys: pytest.CaptureFixture[str]) -> None:
    unit = new_unit(capsys, "--start", "next monday", "--days", "7", "--title", "Sprint")
    assert (unit["start"], unit["end"], unit["title"]) == ("2026-11-23", "2026-11-29", "Sprint")
    following = new_unit(capsys)
    assert (following["start"], following["days"], following["title"]) == (
        "2026-11-30",
        10,
        "Unit 2: 11-30 to 12-09",
    )


def test_unknown_category_is_exit_2_and_tells_how_to_add_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "unit", "new", "--goal", "papers=2", "--goal", "biology=1")
    assert code == 2 and out == ""
    assert "no goal category 'biology'" in err
    assert "rizhi unit category add biology" in err
    assert run_json(capsys, "unit", "list") == []


def test_an_unreadable_goal_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "unit", "new", "--goal", "papers two", "--json")
    assert code == 2 and out == ""
    error = json.loads(err)
    assert error["exit_code"] == 2 and "CATEGORY=TARGET" in error["error"]


def test_show_and_list_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    new_unit(capsys, "--start", "2026-11-15", "--goal", "lecture=2 NYU", "--goal", "papers=1..2")
    with time_machine.travel(datetime(2026, 11, 16, 21, tzinfo=SHANGHAI), tick=False):
        item = as_dict(run_json(capsys, "add", "NYU 8L #lecture"))
        run_ok(capsys, "done", str(item["id"]))
    run_ok(capsys, "unit", "goal", "adjust", "1", "1")
    code, out, _ = run(capsys, "unit", "show")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Unit 1: 11-15 to 11-24"
    assert lines[1] == "  unit 1: 2026-11-15 to 2026-11-24 (10 days), day 6 of 10, 4 left"
    assert "Lectures: 1 counted + 1 by hand = 2 of 2  met   [goal 1] - NYU" in lines
    assert f"  11-16  {item['id']:>5}  NYU 8L  (tag)" in lines
    assert "Papers: 0 of 1..2   [goal 2]" in lines
    # Days still to come are not empty yet.
    assert lines[-1] == "Empty days: 11-15, 11-17, 11-18, 11-19, 11-20"
    out = run_ok(capsys, "unit", "list")
    assert out.splitlines() == [
        "   1  Unit 1: 11-15 to 11-24  [2026-11-15 to 2026-11-24, open]"
        "  Lectures 2/2, Papers 0/1..2"
    ]


def test_show_a_unit_that_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "unit", "show", "7")
    assert code == 1 and "No unit 7" in err
    code, _, err = run(capsys, "unit", "show")
    assert code == 1 and "rizhi unit new" in err
    code, _, err = run(capsys, "unit", "show", "last")
    assert code == 2 and "give its number or 'current'" in err


def test_edit_a_unit(capsys: pytest.CaptureFixture[str]) -> None:
    new_unit(capsys, "--start", "2022-02-01")
    unit = as_dict(run_json(capsys, "unit", "edit", "1", "--days", "7"))
    assert (unit["end"], unit["title"]) == ("2022-02-07", "Unit 1: 2-01 to 2-07")
    code, _, err = run(capsys, "unit", "edit", "1")
    assert code == 2 and "Nothing to change" in err


def test_goals_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    unit = new_unit(capsys, "--start", "2022-02-01", "--goal", "papers=2")
    papers = goal_ids(unit)[0]
    added = as_dict(run_json(capsys, "unit", "goal", "add", "1", "coding=1 Transducer"))
    assert (added["category"], added["description"]) == ("Coding", "Transducer")
    edited = as_dict(
        run_json(capsys, "unit", "goal", "edit", str(papers), "--target", "3", "--stretch", "4")
    )
    assert (edited["target"], edited["stretch"]) == (3, 4)
    edited = as_dict(run_json(capsys, "unit", "goal", "edit", str(papers), "--no-stretch"))
    assert edited["stretch"] is None
    adjusted = as_dict(run_json(capsys, "unit", "goal", "adjust", str(papers), "-1"))
    assert adjusted["adjustment"] == -1
    a = as_dict(run_json(capsys, "add", "paper a"))["id"]
    b = as_dict(run_json(capsys, "add", "paper b"))["id"]
    linked = as_dict(run_json(capsys, "unit", "goal", "link", str(papers), str(a), str(b)))
    assert linked["linked_items"] == [a, b]
    code, out, _ = run(capsys, "unit", "goal", "unlink", str(papers), str(a))
    assert code == 0 and out.strip() == f"Goal {papers}: Papers 3, -1 by hand, linked items {b}"
    code, out, _ = run(capsys, "unit", "goal", "rm", str(added["id"]))
    assert code == 0 and "Removed goal" in out
    code, _, err = run(capsys, "unit", "goal", "edit", str(papers))
    assert code == 2 and "Nothing to change" in err
    code, _, err = run(capsys, "unit", "goal", "adjust", "99", "1")
    assert code == 1 and "No goal 99" in err


def test_categories_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "unit", "category")
    assert code == 0 and out.splitlines()[1] == "  2  Papers  #16a34a  kinds: paper"
    added = as_dict(
        run_json(
            capsys,
            "unit",
            "category",
            "add",
            "Experiments",
            "--color",
            "#123456",
            "--kinds",
            "experiment",
        )
    )
    assert (added["name"], added["color"], added["kinds"]) == (
        "Experiments",
        "#123456",
        ["experiment"],
    )
    edited = as_dict(
        run_json(capsys, "unit", "category", "edit", "experiment", "--name", "Runs", "--no-kinds")
    )
    assert (edited["name"], edited["kinds"]) == ("Runs", [])
    unit = new_unit(capsys, "--goal", "runs=2")
    assert isinstance(unit["goals"], list) and unit["goals"][0]["category"] == "Runs"
    code, _, err = run(capsys, "unit", "category", "rm", "runs")
    assert code == 2 and "Goals in unit 1 use Runs" in err
    code, _, err = run(capsys, "unit", "category", "add", "paper")
    assert code == 2 and "same category as Papers" in err
    code, out, _ = run(capsys, "unit", "category", "rm", "coding")
    assert code == 0 and out.strip() == "Removed the category Coding."
    categories = run_json(capsys, "unit", "category", "list")
    assert isinstance(categories, list)
    assert [c["name"] for c in categories] == ["Lectures", "Papers", "Math", "Runs"]


def test_review_needs_a_decision_for_each_unfinished_item(
    capsys: pytest.CaptureFixture[str],
) -> None:
    unit = new_unit(capsys, "--start", "2022-02-01", "--goal", "coding=1")
    coding = goal_ids(unit)[0]
    a = as_dict(run_json(capsys, "add", "transducer"))["id"]
    b = as_dict(run_json(capsys, "add", "beam search"))["id"]
    run_ok(capsys, "unit", "goal", "link", str(coding), str(a), str(b))
    code, _, err = run(capsys, "unit", "review", "1", "--reflection", "meh", "--carry", str(a))
    assert code == 2 and f"unfinished linked item {b}" in err
    code, _, err = run(
        capsys, "unit", "review", "1", "--reflection", "meh", "--carry", str(a), "--drop", str(a)
    )
    assert code == 2 and "both --carry and --drop" in err
    units = run_json(capsys, "unit", "list")
    assert isinstance(units, list) and len(units) == 1 and units[0]["closed_at"] is None
    code, out, err = run(
        capsys,
        "unit",
        "review",
        "1",
        "--reflection",
        "meh",
        "--backlog",
        str(a),
        "--drop",
        str(b),
    )
    assert code == 0, err
    assert out.splitlines() == [
        "Reviewed Unit 1: 2-01 to 2-10: Coding 0/1.",
        f"  Back in the backlog: {a}",
        f"  Moved to the trash: {b}",
        "Created: Unit 2: 2-11 to 2-20 (2022-02-11 to 2022-02-20).",
    ]
    code, _, err = run(capsys, "unit", "review", "1", "--reflection", "again")
    assert code == 2 and "already reviewed" in err
    out = run_ok(capsys, "unit", "show", "1")
    assert "reviewed 2026-11-20" in out.splitlines()[1]
    assert "reflection: meh" in out
    assert out.splitlines()[-1] == f"Review decisions: backlog {a} transducer; drop {b} beam search"


def test_review_before_the_last_day_needs_early_and_never_before_the_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new_unit(capsys)  # today, 2026-11-20, is its first day
    new_unit(capsys, "--start", "2026-11-30")  # not started
    code, out, err = run(capsys, "unit", "review", "1", "--reflection", "day one")
    assert code == 2 and out == ""
    assert "Unit 1 has 9 days left — review now?" in err and "add --early" in err
    code, _, err = run(capsys, "unit", "review", "2", "--reflection", "x", "--early")
    assert code == 2 and "Unit 2 has not started yet" in err and "in 10 days" in err
    units = run_json(capsys, "unit", "list")
    assert isinstance(units, list) and [u["closed_at"] for u in units] == [None, None]
    assert "starts in 10 days" in run_ok(capsys, "unit", "show", "2")
    code, out, err = run(capsys, "unit", "review", "1", "--reflection", "day one", "--early")
    assert code == 0, err
    assert out.startswith("Reviewed Unit 1: 11-20 to 11-29")


def test_one_day_left_is_said_in_the_singular(capsys: pytest.CaptureFixture[str]) -> None:
    new_unit(capsys, "--start", "2026-11-12")  # its last day is tomorrow
    code, _, err = run(capsys, "unit", "review", "1", "--reflection", "")
    assert code == 2 and "Unit 1 has 1 day left — review now?" in err


def test_due_and_history_when_there_is_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_ok(capsys, "unit", "due").strip() == "No review is due."
    assert run_ok(capsys, "unit", "history").strip() == "No unit has been reviewed yet."
    new_unit(capsys, "--start", "2026-11-11")  # its last day is today, 2026-11-20
    assert run_json(capsys, "unit", "due") == []
    due = run_json(capsys, "unit", "due", "--at", "09:00")
    assert isinstance(due, list) and due[0]["due_at"] == "2026-11-20T09:00:00+08:00"
    code, _, err = run(capsys, "unit", "due", "--at", "25:00")
    assert code == 2 and "not a time of day" in err


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("America/New_York", "America/New_York"),
        (":America/New_York", "America/New_York"),
        ("/usr/share/zoneinfo/Europe/Berlin", "Europe/Berlin"),
        ("EST+5", None),  # a POSIX rule, not a zone name: today's offset, -05:00 in November
        ("Not/AZone", None),
    ],
)
def test_the_local_zone(monkeypatch: pytest.MonkeyPatch, tz: str, expected: str | None) -> None:
    from app.config.zone import local_zone

    set_zone(monkeypatch, tz)
    zone = local_zone()
    if expected is None:
        now = datetime.now().astimezone()
        assert not isinstance(zone, ZoneInfo) and zone.utcoffset(now) == now.utcoffset()
    else:
        assert zone == ZoneInfo(expected)


def test_a_unit_counts_local_days_in_the_machines_zone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_zone(monkeypatch, "America/New_York")
    new_unit(capsys, "--start", "2022-03-06", "--goal", "papers=2")  # over a clock change
    ids = []
    for moment in (
        datetime(2022, 3, 5, 23, 59, tzinfo=NEW_YORK),
        datetime(2022, 3, 6, 0, 0, tzinfo=NEW_YORK),
        datetime(2022, 3, 15, 23, 59, tzinfo=NEW_YORK),
        datetime(2022, 3, 16, 0, 0, tzinfo=NEW_YORK),
    ):
        with time_machine.travel(moment, tick=False):
            item = as_dict(run_json(capsys, "add", "a paper #paper"))
            run_ok(capsys, "done", str(item["id"]))
            ids.append(item["id"])
    shown = as_dict(run_json(capsys, "unit", "show", "1"))
    goals = shown["goals"]
    assert isinstance(goals, list)
    assert [(i["id"], i["day"]) for i in goals[0]["items"]] == [
        (ids[1], "2022-03-06"),
        (ids[2], "2022-03-15"),
    ]


def test_unit_commands_tell_an_open_window(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    seq = feed.latest(store.raw).last_seq
    new_unit(capsys, "--goal", "papers=1")
    changes = feed.since(store.raw, seq).changes
    assert changes.units


def test_capture_does_not_load_the_unit_commands(home: Path) -> None:
    env = dict(os.environ, RIZHI_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "app", "add", "first"], env=env, check=True, capture_output=True
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", "add", "second #paper"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "app.cli.main" in result.stderr
    unit_modules = ("app.cli.unit_", "app.services.unit", "app.services.goal_categories")
    assert [m for m in unit_modules if m in result.stderr] == []


def test_due_follows_the_review_time_setting(capsys: pytest.CaptureFixture[str]) -> None:
    new_unit(capsys, "--start", "2026-11-11")  # its last day is today; it is 10:00
    assert run_ok(capsys, "config", "set", "units.review_time", "09:30")
    due = run_json(capsys, "unit", "due")
    assert isinstance(due, list) and due[0]["due_at"] == "2026-11-20T09:30:00+08:00"
