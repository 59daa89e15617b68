"""Two processes on one data folder: each hears of the other's edits through the change
feed within a second, and an undo never overwrites what the other one changed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemPatch
from app.services.item_edits import edit_item
from app.services.items import get_item
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from tests.ui.conftest import add

ROOT = Path(__file__).resolve().parents[2]
WITHIN_S = 1.0


def peer(home: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, RIZHI_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ui.feed_peer", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def window_on(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_an_edit_in_another_window_shows_here_within_a_second(
    qtbot: QtBot, home: Path, store: Store, ui_settings: UiSettings
) -> None:
    item = add(store, "Read the MAE paper")
    window = window_on(qtbot, store, ui_settings)
    assert window.rows.get(item).title == "Read the MAE paper"  # type: ignore[union-attr]
    process = peer(home, "edit", str(item), "Read the MAE paper, twice")
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    out, err = process.communicate()
    assert process.returncode == 0, err
    committed = float(out.split()[1])

    def shown() -> bool:
        record = window.rows.get(item)
        return record is not None and record.title == "Read the MAE paper, twice"

    qtbot.waitUntil(shown, timeout=5_000)
    assert time.monotonic() - committed < WITHIN_S
    # The other process's record named the item, so this window refreshed just it.
    assert window.statusBar().currentMessage() == "1 item changed outside the window."


def test_an_edit_in_this_window_shows_in_another_within_a_second(
    qtbot: QtBot, home: Path, store: Store, ui_settings: UiSettings
) -> None:
    item = add(store, "Ablation runs")
    window = window_on(qtbot, store, ui_settings)
    process = peer(home, "watch", str(item), "Ablation runs, seeds 1-5")
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    patch = ItemPatch(title="Ablation runs, seeds 1-5")
    assert window.ops.run("Rename", lambda now: edit_item(store, item, patch, now=now)[1])
    committed = time.monotonic()
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    seen = float(out.split()[1])
    assert seen - committed < WITHIN_S


def test_an_undo_is_refused_after_another_process_changed_the_row(
    qtbot: QtBot,
    home: Path,
    store: Store,
    ui_settings: UiSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    item = add(store, "Draft")
    window = window_on(qtbot, store, ui_settings)
    patch = ItemPatch(title="Draft of the related work")
    assert window.ops.run("Rename", lambda now: edit_item(store, item, patch, now=now)[1])
    env = dict(os.environ, RIZHI_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "app", "edit", str(item), "--title", "Related work, final"],
        env=env,
        check=True,
        capture_output=True,
    )
    with qtbot.waitSignal(window.ops.failed) as failure:
        window.ops.undo()
    assert "changed since" in failure.args[0] and "nothing was changed" in failure.args[0]
    assert get_item(store, item).title == "Related work, final"
    assert window.ops.undo_stack.index() == 1  # the step stays where it was
    assert warned == [failure.args[0]]  # the window said so
