"""Fixtures for window tests: a real store, the operations runner with a fixed clock,
and UI settings in a temporary INI file (never the user's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.domain.enums import Column
from app.domain.weeks import Week
from app.services.items import create_item
from app.store.db import Store
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.settings import UiSettings


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "ui.ini")


@pytest.fixture
def ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: datetime.now().astimezone())
    yield operations
    operations.undo_stack.clear()


@pytest.fixture
def rows(store: Store) -> RowCache:
    return RowCache(store)


def this_week() -> Week:
    return Week.containing(date.today())


def add(
    store: Store,
    title: str,
    *,
    column: Column | None = None,
    week: Week | None = None,
    **fields: object,
) -> int:
    now = datetime.now().astimezone()
    on_board = column is not None or week is not None
    record, _ = create_item(
        store,
        ItemDraft(title=title, **fields),  # type: ignore[arg-type]
        now=now,
        week=(week or this_week()) if on_board else None,
        column=column or Column.TODO,
    )
    return record.id


def run_queued(qtbot: QtBot) -> None:
    """Wait until what the event loop holds now has run: the posted events and zero
    timers a test's last step set off (a focus change's reaction, a layout). A zero
    timer started now runs after them; no fixed time is waited."""
    done: list[bool] = []
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done))


def undo_step(ops: Operations) -> None:
    """Ctrl+Z as the window does it, which must take the step back: a refused undo
    leaves the stack where it was and fails the test here."""
    index = ops.undo_stack.index()
    ops.undo()
    assert ops.undo_stack.index() == index - 1, "the undo was refused"


def redo_step(ops: Operations) -> None:
    """Ctrl+Shift+Z as the window does it, which must do the step again."""
    index = ops.undo_stack.index()
    ops.redo()
    assert ops.undo_stack.index() == index + 1, "the redo was refused"
