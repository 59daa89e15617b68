"""The default reminder from the command line: `rizhi add` and `rizhi edit --due` give
it, `rizhi config` sets it, `rizhi remind --clear` removes it for good (a frozen clock:
Friday 2026-11-20 10:00 in Shanghai)."""

from __future__ import annotations

import pytest

from tests.cli.support import as_dict, run_json, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


def waiting(capsys: pytest.CaptureFixture[str]) -> list[tuple[object, object]]:
    found = run_json(capsys, "reminders", "--json")
    assert isinstance(found, list)
    return [(as_dict(row)["next_fire"], as_dict(row)["when"]) for row in found]


def test_add_with_a_due_time_is_reminded_at_it(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "group meeting sat 3pm")
    assert waiting(capsys) == [("2026-11-21 15:00", "at the due time")]


def test_the_setting_applies_to_items_dated_from_then_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "config", "set", "reminders.default_timed", "15m")
    run_ok(capsys, "config", "set", "reminders.default_dated", "9:00")
    run_ok(capsys, "add", "rebuttal sat 3pm")
    run_ok(capsys, "add", "camera-ready")
    run_ok(capsys, "edit", "2", "--due", "mon")
    assert waiting(capsys) == [
        ("2026-11-21 14:45", "15m before"),
        ("2026-11-23 09:00", "on the due date at 09:00"),
    ]


def test_a_cleared_default_stays_cleared(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "rebuttal sat 3pm")
    run_ok(capsys, "remind", "--clear", "1")
    run_ok(capsys, "edit", "1", "--due", "sun 4pm")
    assert waiting(capsys) == []
