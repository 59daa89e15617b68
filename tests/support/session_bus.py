"""A private D-Bus session bus for a test: `dbus-daemon` with a configuration of its own.

Its own configuration, not the system's session one, so that nothing is started by bus
activation behind the test's back: Debian's dunst package declares itself the activatable
org.freedesktop.Notifications, and a test that checks "no notification service" must not
get one. Any client on the bus may own any name and monitor it (dbus-monitor).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

START_SECONDS = 10.0

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SessionBus:
    """`dbus-daemon` on a socket in `folder`; `address` once started."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.address = ""
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "bus.conf"
        config.write_text(CONFIG.format(folder=self.folder))
        self.process = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], START_SECONDS)
        self.address = self.process.stdout.readline().strip() if ready else ""
        if not self.address:
            self.stop()
            raise RuntimeError("dbus-daemon did not start")
        return self.address

    def environment(self, **more: str) -> dict[str, str]:
        """os.environ with this bus as the session bus, and `more`."""
        return {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address, **more}

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(START_SECONDS)


def require(*tools: str) -> None:
    """Skip the test, saying why, when a system tool it runs is not installed."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed: `make system-packages` (as root) installs it"
        )


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[SessionBus]:
    """A private session bus of the test's own (not in the environment: pass
    `session_bus.address` or `session_bus.environment()` to what should use it)."""
    require("dbus-daemon")
    bus = SessionBus(tmp_path / "bus")
    bus.start()
    yield bus
    bus.stop()
