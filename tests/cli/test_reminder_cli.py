"""`rizhi remind`, `rizhi reminders`, `rizhi snooze`, `rizhi repeat`, on a frozen clock
(Friday 2026-11-20 10:00 in Shanghai)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.support import as_dict, run, run_json, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


def reminders(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    found = run_json(capsys, "reminders", "--json", *extra)
    assert isinstance(found, list)
    return [as_dict(row) for row in found]


def test_remind_before_the_due_time_lists_local_time_and_utc(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "group meeting due tomorrow 3pm")
    row = as_dict(run_json(capsys, "remind", "1", "--before", "30m", "--json"))
    assert row["next_fire"] == "2026-11-21 14:30"
    assert row["next_fire_utc"] == "2026-11-21T06:30Z"
    assert row["when"] == "30m before" and row["state"] == "pending"
    assert "2026-11-21 14:30 (2026-11-21T06:30Z)" in run_ok(capsys, "reminders")


def test_remind_at_a_time_and_a_day_before_at_nine(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "camera-ready due dec 3 5pm")
    run_ok(capsys, "remind", "1", "sat", "9am")
    run_ok(capsys, "remind", "1", "--before", "1d", "9am")
    fires = [row["next_fire"] for row in reminders(capsys)]
    # With the default reminder the item got at its due time (reminders.default_timed).
    assert fires == ["2026-11-21 09:00", "2026-12-02 09:00", "2026-12-03 17:00"]


def test_clear_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "rebuttal due fri 5pm remind 1h before")
    assert len(reminders(capsys)) == 1
    assert "Cleared 1 reminder of item 1" in run_ok(capsys, "remind", "--clear", "1")
    assert reminders(capsys, "--all") == []


def test_snooze_moves_the_next_fire(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "call mom remind sat 9am")
    assert "until 2026-11-20 10:10" in run_ok(capsys, "snooze", "1", "10m")
    (row,) = reminders(capsys)
    assert (row["state"], row["next_fire"]) == ("snoozed", "2026-11-20 10:10")
    assert "until 2026-11-21 09:00" in run_ok(capsys, "snooze", "1", "tomorrow")


def test_repeat_in_words_or_as_an_rrule(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "group meeting")
    assert "next due 2026-11-23" in run_ok(capsys, "repeat", "1", "every", "monday")
    out = run_ok(capsys, "repeat", "1", "--rrule", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2")
    assert "next due 2026-12-08" in out
    assert "next due" in run_ok(capsys, "repeat", "1", "每个工作日")
    assert "no longer repeats" in run_ok(capsys, "repeat", "1", "--stop")


def test_done_on_a_repeating_item_moves_it_to_the_next_occurrence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "standup every day 9am remind 10m before")
    item = as_dict(run_json(capsys, "done", "1", "--json"))
    assert item["due_date"] == "2026-11-22" and item["completed_at"] is None
    (row,) = reminders(capsys)
    assert row["next_fire"] == "2026-11-22 08:50"


@pytest.mark.parametrize(
    "argv",
    [
        ("remind", "1", "blorf"),
        ("remind", "1"),
        ("remind", "1", "--before", "soon"),
        ("remind", "1", "--before", "30m", "blorf"),
        ("remind", "--clear", "1", "fri"),
        ("remind", "1", "fri", "--before", "30m"),
        ("snooze", "1", "later"),
        ("repeat", "1", "every", "blue", "moon"),
        ("repeat", "1", "--rrule", "FREQ=SOMETIMES"),
        ("repeat", "1", "--rrule", "FREQ=DAILY;COUNT=3"),
        ("repeat", "1", "every", "day", "--rrule", "FREQ=DAILY"),
        ("skip", "1"),  # the item does not repeat
    ],
)
def test_bad_rules_and_times_exit_2_and_change_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    run_ok(capsys, "add", "group meeting due fri 3pm")
    run_ok(capsys, "remind", "1", "--before", "5m")
    path = home / "rizhi.sqlite3"
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT value FROM store_revision").fetchone()[0]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.startswith("rizhi: "), (code, out, err)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM store_revision").fetchone()[0] == before


def test_an_unknown_item_or_reminder_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "remind", "7", "fri", "9am")[0] == 1
    assert run(capsys, "snooze", "7", "10m")[0] == 1
    assert run(capsys, "repeat", "7", "every", "day")[0] == 1
    assert run(capsys, "skip", "7")[0] == 1


def test_remind_on_the_weekday_it_is_after_that_time_means_next_week(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "rebuttal")
    row = as_dict(run_json(capsys, "remind", "1", "fri", "9am", "--json"))  # said Fri 10:00
    assert row["next_fire"] == "2026-11-27 09:00"


def test_add_says_the_repeat_and_the_reminders_it_understood(
    capsys: pytest.CaptureFixture[str],
) -> None:
    said = run_ok(capsys, "add", "组会 每周五下午三点 提前30分钟提醒")
    assert "repeats: Weekly on Fri" in said and "reminders: 30m before" in said
    plain = run_ok(capsys, "add", "an idea")
    assert "repeats" not in plain and "reminders" not in plain
    assert as_dict(run_json(capsys, "add", "stretch every 2 days", "--json"))["title"] == "stretch"
