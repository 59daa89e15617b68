"""Fixtures for the global hotkey: a virtual X screen of a test's own (the lock keys a
test turns on stay with its screen), xdotool to press keys on it, and backends stopped
after each test."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import Input, Xvfb


@pytest.fixture
def x_screen(tmp_path: Path) -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed: `make system-packages` (as root) installs it")
    if shutil.which("xdotool") is None:
        pytest.fail("xdotool missing: `make system-packages` (as root) installs it")
    server = Xvfb(tmp_path / "xvfb.log", screen="640x480x24")
    yield server.start()
    server.stop()


@pytest.fixture
def keyboard(x_screen: str) -> Input:
    return Input(x_screen)


class Presses:
    """A hotkey callback that counts the presses and notes the thread each ran on."""

    def __init__(self) -> None:
        self.threads: list[int] = []

    def __call__(self) -> None:
        self.threads.append(threading.get_ident())

    @property
    def count(self) -> int:
        return len(self.threads)


@pytest.fixture
def presses() -> Presses:
    return Presses()


def hotkey_threads() -> list[str]:
    """The backends' worker threads still alive."""
    return [t.name for t in threading.enumerate() if t.name.startswith("rizhi-hotkey")]
