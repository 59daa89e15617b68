"""Fixtures for the command-line tests (helpers are in tests/cli/support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.support import frozen_in_shanghai


@pytest.fixture
def frozen_clock(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Friday 2026-11-20 10:00 in Shanghai, with the machine's zone set to match."""
    yield from frozen_in_shanghai(monkeypatch)
