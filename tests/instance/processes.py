"""Rizhi as real processes for the single-instance tests: each test has its own data
folder (RIZHI_HOME) and runtime folder (XDG_RUNTIME_DIR, short: a socket's path is
limited), the offscreen platform, and waits on what the instance answers, never a time.

`Place.start` runs `python -m app ...`, or with `runner=True` the same app with a
stand-in for the capture popup (stand_in_app.py). Every process a test started
is ended when it ends.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.instance.address import address_for
from app.instance.client import request
from app.instance.protocol import Message

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("stand_in_app.py")
TIMEOUT = 30.0  # a Qt process starting on a busy two-core machine


def wait_for(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """Poll `condition` until it returns something true; return that."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)


class Place:
    """A data folder, a runtime folder and the processes started on them."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.run = Path(tempfile.mkdtemp(prefix="rz-"))  # short, private (0700)
        self.captures = home.parent / "captures"
        self.env = {
            **os.environ,
            "RIZHI_HOME": str(home),
            "XDG_RUNTIME_DIR": str(self.run),
            "QT_QPA_PLATFORM": "offscreen",
            "RIZHI_TEST_CAPTURES": str(self.captures),
        }
        for name in ("RIZHI_STARTUP_PROBE", "RIZHI_RESTARTED", "XDG_ACTIVATION_TOKEN"):
            self.env.pop(name, None)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.pids: list[int] = []  # started by others (rizhi capture): ended by pid

    def env_for(self, installed: Path) -> dict[str, str]:
        env = dict(self.env, PYTHONPATH=str(installed))
        if installed != ROOT:  # a copy edited under a running process: compile afresh
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    @property
    def socket(self) -> Path:
        return Path(address_for(str(self.home)).socket)

    def start(
        self, *args: str, runner: bool = False, installed: Path = ROOT
    ) -> subprocess.Popen[bytes]:
        """`rizhi ARGS` left running; `installed`: the folder holding the `app` package
        (the checkout, or a copy a test upgrades)."""
        program = [str(RUNNER)] if runner else ["-m", "app"]
        log = open(self.home.parent / f"process-{len(self.processes)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, *program, *args],
            cwd=installed,
            env=self.env_for(installed),
            stdout=log,
            stderr=log,
        )
        log.close()
        self.processes.append(process)
        return process

    def command(
        self, *args: str, python: tuple[str, ...] = (), installed: Path = ROOT
    ) -> subprocess.CompletedProcess[str]:
        """`rizhi ARGS` run to its end (`python`: the interpreter's own options)."""
        return subprocess.run(
            [sys.executable, *python, "-m", "app", *args],
            cwd=installed,
            env=self.env_for(installed),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def ask(self, cmd: str) -> Message | None:
        return request(address_for(str(self.home)), {"cmd": cmd})

    def ping(self) -> Message | None:
        return self.ask("ping")

    def answering(self, **expected: object) -> Message:
        """The instance's ping reply once it answers with `expected` in it."""

        def matches() -> Message | None:
            reply = self.ping()
            if reply is None or any(reply.get(k) != v for k, v in expected.items()):
                return None
            return reply

        return wait_for(matches, f"an instance answering {expected}")  # type: ignore[no-any-return]

    def captured(self) -> list[str]:
        try:
            return self.captures.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []

    def log(self) -> str:
        texts = [p.read_text(errors="replace") for p in sorted(self.home.parent.glob("*.log"))]
        return "\n".join(texts)[-4000:]

    def end(self) -> None:
        for pid in self.pids:
            _end_pid(pid)
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
        shutil.rmtree(self.run, ignore_errors=True)


def _end_pid(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    wait_for(lambda: not alive(pid), f"process {pid} to end", timeout=10)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a child of this process that ended is reaped here)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
    except ChildProcessError:
        pass  # not our child
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
