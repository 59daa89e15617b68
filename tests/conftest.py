"""Shared fixtures: every test gets its own data folder and a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.store.db import Store

# A fixed, timezone-aware 'now' (a Friday) for services that take the clock as a parameter.
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rizhi-home"
    monkeypatch.setenv("RIZHI_HOME", str(folder))
    return folder


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    opened = Store.open(home / "rizhi.sqlite3", home / "backups")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the desktop it runs on (a notification popping up on a developer's
    screen): the ones that need a bus start their own and name it."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test fails if Rizhi logs a warning or an error it did not expect.

    Tests that provoke one on purpose clear `caplog` after checking it.
    """
    yield
    noisy = [r for r in caplog.get_records("call") if r.name.startswith("app") and r.levelno >= 30]
    assert not noisy, [f"{r.name}: {r.getMessage()}" for r in noisy]
