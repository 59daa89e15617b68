"""What the command-line tests share: running `rizhi` in process and reading its output,
and the machine's clock and zone held at Friday 2026-11-20 10:00 in Shanghai."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from app.cli.main import main

SHANGHAI = ZoneInfo("Asia/Shanghai")
FROZEN = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)  # a Friday


def set_zone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The machine's local zone, as the CLI reads it."""
    monkeypatch.setenv("TZ", name)
    time.tzset()


def frozen_in_shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    set_zone(monkeypatch, "Asia/Shanghai")
    with time_machine.travel(FROZEN, tick=False):
        yield
    monkeypatch.undo()
    time.tzset()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must succeed; what it printed."""
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def as_dict(value: object) -> dict[str, object]:
    assert isinstance(value, dict)
    return value
