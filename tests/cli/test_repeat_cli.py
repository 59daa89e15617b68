"""Repeating items from the command line: `rizhi skip`, `rizhi done` and `rizhi move ID
done` move the item to its next occurrence, on a frozen clock (Friday 2026-11-20 10:00
in Shanghai, board week 2026-W47)."""

from __future__ import annotations

import pytest

from tests.cli.support import as_dict, run, run_json, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


def item(capsys: pytest.CaptureFixture[str], item_id: str = "1") -> dict[str, object]:
    return as_dict(run_json(capsys, "show", item_id, "--json"))


def test_skip_moves_a_repeating_item_to_its_next_occurrence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "group meeting every friday 3pm")
    out = run_ok(capsys, "skip", "1")
    assert "occurrence due 2026-11-20; next due 2026-11-27" in out
    shown = item(capsys)
    assert shown["due_date"] == "2026-11-27" and shown["completed_at"] is None


def test_skip_on_an_item_that_does_not_repeat_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "camera-ready due fri")
    code, out, err = run(capsys, "skip", "1")
    assert code == 2 and out == ""
    assert err == "rizhi: Item 1 does not repeat: it has no occurrence to complete or skip.\n"


def test_skipping_the_last_occurrence_completes_the_item(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "reading group due fri")
    run_ok(capsys, "repeat", "1", "--rrule", "FREQ=WEEKLY;UNTIL=20261120")
    assert "last occurrence (2026-11-20); the item is completed" in run_ok(capsys, "skip", "1")
    assert item(capsys)["completed_at"] is not None


def test_move_done_completes_the_occurrence_and_plans_the_next_week(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "group meeting every friday 3pm", "--week")
    run_ok(capsys, "move", "1", "done")
    shown = item(capsys)
    assert shown["due_date"] == "2026-11-27" and shown["completed_at"] is None
    assert (shown["week"], shown["column"]) == ("2026-W48", "todo")
    assert "group meeting" not in run_ok(capsys, "list", "--week", "2026-W47")
    assert "group meeting" in run_ok(capsys, "list", "--week", "2026-W48")


def test_done_keeps_the_item_open_and_the_log_counts_the_occurrence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "add", "stand-up every day 9am")
    run_ok(capsys, "done", "1")
    assert item(capsys)["due_date"] == "2026-11-22"  # 9:00 today had passed
    page = as_dict(run_json(capsys, "log", "show", "2026-11-20", "--json"))
    auto = [as_dict(entry) for entry in page["auto"]]  # type: ignore[union-attr]
    assert [(e["kind"], e["text"]) for e in auto if e["kind"] == "completed"] == [
        ("completed", "stand-up")
    ]
