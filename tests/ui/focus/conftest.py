"""Fixtures for the focus timer's tests: a private session bus and an X screen of their
own."""

from __future__ import annotations

import contextlib
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import Xvfb
from tests.support.session_bus import SessionBus, session_bus

__all__ = ["SessionBus", "session_bus"]


@pytest.fixture
def x_screen(tmp_path: Path) -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed: `make system-packages` (as root) installs it")
    if shutil.which("xdotool") is None:
        pytest.fail("xdotool missing: `make system-packages` (as root) installs it")
    server = Xvfb(tmp_path / "xvfb.log", screen="640x480x24")
    yield server.start()
    server.stop()


@pytest.fixture(autouse=True)
def controllers_stopped() -> Iterator[None]:
    """After each test, no controller of it goes on ticking while later tests run, and
    what the test left in reference cycles (windows, schedulers) is freed here, on the
    GUI thread: the garbage collector may otherwise free Qt objects later on whichever
    thread happens to run it (a scheduler's worker), which Qt does not survive."""
    yield
    from app.ui.focus.controller import FocusController

    for found in gc.get_objects():
        if isinstance(found, FocusController):
            with contextlib.suppress(RuntimeError):  # deleted with its Operations
                found.stop_following()
    gc.collect()
