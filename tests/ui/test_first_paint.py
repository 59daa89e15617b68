"""Start-up work waits for the window's first frame; the benchmark probe reports it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui import probe
from app.ui.first_paint import after_first_paint
from tests.ui.conftest import run_queued


def test_work_runs_once_after_the_first_paint_newest_first(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    after_first_paint(widget, lambda: calls.append("older"))
    after_first_paint(widget, lambda: calls.append("newer"))
    run_queued(qtbot)
    assert calls == []  # never shown, never painted
    widget.show()
    qtbot.waitUntil(lambda: len(calls) == 2)
    widget.repaint()  # painted now; a callback it set off would be queued
    run_queued(qtbot)
    assert calls == ["newer", "older"]


def test_probe_reports_memory_and_paint_time_then_quits(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "probe.json"
    monkeypatch.setenv(probe.ENV, str(report))
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    widget = QWidget()
    qtbot.addWidget(widget)
    probe.install(widget)
    widget.show()
    qtbot.waitUntil(lambda: quits == [True])
    data = json.loads(report.read_text())
    assert data["max_rss_kb"] > 0 and data["painted_at"] > 0


def test_no_probe_without_the_environment(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(probe.ENV, raising=False)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    widget = QWidget()
    qtbot.addWidget(widget)
    painted: list[bool] = []
    # Registered first, so it runs after the work of anything installed below.
    after_first_paint(widget, lambda: painted.append(True))
    probe.install(widget)
    widget.show()
    qtbot.waitUntil(lambda: painted == [True])
    assert quits == []
