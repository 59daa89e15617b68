"""Fixtures for the single-instance tests (helpers in processes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.instance.processes import Place


@pytest.fixture
def place(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Place]:
    here = Place(home)
    # This process asks the same instance its children start.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(here.run))
    yield here
    here.end()
