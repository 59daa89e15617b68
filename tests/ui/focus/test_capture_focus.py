"""The capture popup's "Add and focus": Ctrl+Shift+Enter saves the line and starts the
focus timer on the new item; a line for the log has no item to focus on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.store.db import Store
from app.ui.capture.popup import CapturePopup
from app.ui.capture.setup import build_capture_popup
from app.ui.focus.controller import focus_controller
from app.ui.ops import Operations

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def popup(qtbot: QtBot, ops: Operations, tmp_path: Path) -> Iterator[CapturePopup]:
    shown = build_capture_popup(ops, str(tmp_path))
    qtbot.addWidget(shown)
    qtbot.addWidget(shown.toast)
    yield shown
    shown.hide()


def test_ctrl_shift_enter_saves_and_starts_focus_on_the_new_item(
    qtbot: QtBot, popup: CapturePopup, ops: Operations, store: Store
) -> None:
    popup.open_popup()
    qtbot.waitUntil(popup.line.edit.hasFocus)
    qtbot.keyClicks(popup.line.edit, "ablation runs")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return, CTRL_SHIFT)
    state = focus_controller(ops).state
    assert state is not None and state.title == "ablation runs"
    assert not popup.isVisible()
    (item_id,) = store.raw.execute("SELECT id FROM items").fetchone()
    assert state.item_id == item_id


def test_a_log_line_starts_nothing(
    qtbot: QtBot, popup: CapturePopup, ops: Operations, store: Store
) -> None:
    popup.open_popup()
    qtbot.waitUntil(popup.line.edit.hasFocus)
    popup.destinations.step(-1)  # backlog → today's log
    qtbot.keyClicks(popup.line.edit, "read two papers")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return, CTRL_SHIFT)
    assert popup.line.edit.text() == "" and not popup.isVisible()  # saved, to the log
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone() == (0,)
    assert focus_controller(ops).state is None
