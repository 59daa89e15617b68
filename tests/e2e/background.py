"""Rizhi running in the background, as a user's login starts it: `python -m app
--background` in a process of its own on the test's X screen (the xcb platform, so the
instance holds the global hotkey with its X11 grab), with its own data folder, runtime
folder (where its socket is) and configuration folder (where start at login would write).

It is followed and stopped by its pid, as a session manager would: SIGTERM ends it as
Quit does. X windows are looked for by name with xdotool, which is what a window
manager's rules would match too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.instance.address import Address
from tests.e2e.harness import ROOT, TIMEOUT, Input, wait_for


class BackgroundRizhi:
    """`rizhi --background` on `display` with RIZHI_HOME=`home`; its other folders and
    its log under `work`."""

    def __init__(self, home: Path, display: str, work: Path) -> None:
        self.home = home
        self.log_path = work / "background.log"
        # Short: a socket's path must fit in about 100 bytes (app/instance/address.py).
        self.runtime = Path(os.path.realpath(work)) / "run"
        self.runtime.mkdir(mode=0o700)
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "RIZHI_HOME": str(home),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_CONFIG_HOME": str(work / "config"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        for name in ("WAYLAND_DISPLAY", "RIZHI_STARTUP_PROBE", "QT_SCALE_FACTOR"):
            env.pop(name, None)
        self.env = env
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app", "--background"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]

    def alive(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"rizhi --background exited ({self.process.returncode})\n"
                                 f"{self.log()}")  # fmt: skip
        return True

    def address(self) -> Address:
        """The socket the instance listens on, as `rizhi capture` finds it."""
        saved = os.environ.get("XDG_RUNTIME_DIR")
        os.environ["XDG_RUNTIME_DIR"] = self.env["XDG_RUNTIME_DIR"]
        try:
            from app.instance.address import address_for

            return address_for(str(self.home))
        finally:
            if saved is None:
                del os.environ["XDG_RUNTIME_DIR"]
            else:
                os.environ["XDG_RUNTIME_DIR"] = saved

    def wait_until_serving(self) -> dict[str, object]:
        """Its reply to `ping` once its store is open (before, it says "starting")."""
        from app.instance.client import request

        address = self.address()

        def serving() -> dict[str, object] | None:
            self.alive()
            reply = request(address, {"cmd": "ping"})
            return reply if reply is not None and reply.get("window") != "starting" else None

        try:
            return wait_for(serving, 30, "rizhi --background to answer")  # type: ignore[no-any-return]
        except TimeoutError as exc:
            raise AssertionError(f"{exc}\n{self.log()}") from None

    def terminate(self) -> int:
        """SIGTERM, as a session manager ends it; its exit code."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"SIGTERM did not end it\n{self.log()}") from None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


def visible_window(keys: Input, name: str) -> int | None:
    """The X window named exactly `name` that is mapped, if there is one."""
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{name}$"],
        env=keys.env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    found = result.stdout.split()
    return int(found[0]) if result.returncode == 0 and found else None


def focused_window(keys: Input) -> int:
    """The window that has the X server's keyboard focus."""
    return int(keys.run("getwindowfocus"))
