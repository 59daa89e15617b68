"""`rizhi capture`: without text it opens the running instance's capture popup, starting
`rizhi --background` first when none runs; with text it saves at once like `rizhi add`
and never starts anything. The popup is a stand-in here (stand_in_app.py)."""

from __future__ import annotations

import os
import sqlite3
import sys

import pytest

from app.cli.main import main
from app.instance import launcher
from tests.instance.processes import RUNNER, Place, alive, wait_for


def titles(place: Place) -> list[str]:
    with sqlite3.connect(place.home / "rizhi.sqlite3") as conn:
        return [row[0] for row in conn.execute("SELECT title FROM items ORDER BY id")]


def test_capture_reaches_the_running_instance(place: Place) -> None:
    instance = place.start("--background", runner=True)
    place.answering(pid=instance.pid)
    result = place.command("capture")
    assert result.returncode == 0, result.stderr
    assert wait_for(place.captured, "the popup to open") == [f"capture {instance.pid}"]
    assert place.answering()["pid"] == instance.pid  # no second instance


def test_capture_starts_rizhi_in_the_background_when_none_runs(
    place: Place, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # What `rizhi capture` starts is the app with the stand-in popup.
    monkeypatch.setattr(
        launcher, "background_command", lambda: [sys.executable, str(RUNNER), "--background"]
    )
    for name, value in place.env.items():
        monkeypatch.setenv(name, value)
    assert place.ping() is None
    assert main(["capture"]) == 0, capsys.readouterr().err
    reply = place.answering(window="none")
    pid = int(str(reply["pid"]))
    place.pids.append(pid)
    assert pid != os.getpid() and alive(pid)
    assert wait_for(place.captured, "the popup to open") == [f"capture {pid}"]
    assert (place.home / "logs" / "background.log").exists()  # where its output goes


def test_capture_starts_the_real_app_when_none_runs(place: Place) -> None:
    result = place.command("capture")
    assert result.returncode == 0, result.stderr
    reply = place.answering()
    place.pids.append(int(str(reply["pid"])))  # detached: not a child of the command
    assert place.ask("quit") is not None
    wait_for(lambda: place.ping() is None, "the instance to quit")


def test_capture_with_text_saves_at_once_and_starts_nothing(place: Place) -> None:
    result = place.command("capture", "try token halting on ViT #idea")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added ") and "try token halting on ViT" in result.stdout
    assert "#idea" in result.stdout
    assert titles(place) == ["try token halting on ViT"]
    assert place.ping() is None and not place.socket.exists()


def test_capture_with_text_while_an_instance_runs_only_saves(place: Place) -> None:
    instance = place.start("--background", runner=True)
    place.answering(pid=instance.pid)
    result = place.command("capture", "--json", "明天下午三点 组会 #meeting")
    assert result.returncode == 0, result.stderr
    assert '"title": "组会"' in result.stdout
    assert titles(place) == ["组会"]
    assert place.captured() == []  # the popup was not opened


def test_options_without_text_are_refused(place: Place) -> None:
    result = place.command("capture", "--week")
    assert result.returncode == 2
    assert "go with text" in result.stderr
    assert place.ping() is None
