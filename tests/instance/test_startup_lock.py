"""The start-up lock: one holder at a time, and a holder killed with -9 leaves none."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.instance.errors import InstanceError
from app.instance.startup_lock import startup_lock

HOLD = """
import sys, time
from app.instance.startup_lock import startup_lock
with startup_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_holder_waits_then_gives_up_with_a_message(tmp_path: Path) -> None:
    lock = str(tmp_path / "i.lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, lock], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        with (
            pytest.raises(InstanceError, match="Another Rizhi has been starting"),
            startup_lock(lock, timeout=0.3),
        ):
            pass
        assert time.monotonic() - started >= 0.3
        holder.send_signal(signal.SIGKILL)  # dies holding it: the system releases it
        holder.wait(10)
        with startup_lock(lock, timeout=5):
            pass
    finally:
        holder.kill()
        holder.wait(10)


def test_held_in_turn_within_one_process(tmp_path: Path) -> None:
    lock = str(tmp_path / "i.lock")
    with startup_lock(lock):
        pass
    with startup_lock(lock, timeout=0):
        pass
