"""`rizhi list --due today|overdue|7d`: the sidebar's smart lists on the command line."""

from __future__ import annotations

import pytest

from tests.cli.support import run, run_json, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")  # Friday 2026-11-20 10:00, Shanghai


def titles(value: object) -> list[str]:
    assert isinstance(value, list)
    return [str(item["title"]) for item in value]


def add(capsys: pytest.CaptureFixture[str], text: str) -> int:
    item = run_json(capsys, "add", text)
    assert isinstance(item, dict)
    return int(item["id"])


def test_due_lists_overdue_today_and_the_next_seven_days(
    capsys: pytest.CaptureFixture[str],
) -> None:
    add(capsys, "Late review due 2026-11-18")
    add(capsys, "Submit form due today")
    add(capsys, "Slides due 2026-11-26")
    add(capsys, "Camera-ready due 2026-11-27")
    done = add(capsys, "Finished due 2026-11-19")
    run_ok(capsys, "done", str(done))
    gone = add(capsys, "Trashed due today")
    run_ok(capsys, "rm", str(gone))
    add(capsys, "No date")
    assert titles(run_json(capsys, "list", "--due", "overdue")) == ["Late review"]
    assert titles(run_json(capsys, "list", "--due", "today")) == ["Late review", "Submit form"]
    assert titles(run_json(capsys, "list", "--due", "7d")) == [
        "Late review",
        "Submit form",
        "Slides",
    ]
    text = run_ok(capsys, "list", "--due", "today")
    assert "Late review" in text and "Submit form" in text and "Slides" not in text


def test_an_empty_list_says_so_and_an_unknown_one_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "list", "--due", "overdue")
    assert (code, out) == (0, "") and "No items" in err
    with pytest.raises(SystemExit) as refused:
        run(capsys, "list", "--due", "tomorrow")
    assert refused.value.code == 2
    code, _, err = run(capsys, "list", "--due", "today", "--tag", "paper")
    assert code == 2 and "--due" in err
