"""A real notification daemon for tests: dunst on a virtual X screen and a private
session bus, with dbus-monitor listening to what is said to it.

dunstctl drives it as a user would: `action 0` is a click on the newest notification
(its "default" action), `close` dismisses it, `history` lists the notifications already
closed. dunst offers the other actions through a menu program ("dmenu" in its
configuration) that reads one line per action and prints the chosen one; here that
program is a script printing the line with the label `choose` named, so
`dunst.choose("1 hour")` picks an action as the user would from the menu.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import Xvfb, wait_for
from tests.support.session_bus import SessionBus, require

SCREEN = "800x600x24"
PICK = """#!/bin/sh
# dunst's menu program: print the menu line with the label the test chose.
grep -m1 -F -- "#$(cat '{choice}') (" || true
"""
DUNSTRC = """[global]
    dmenu = {pick}
    history_length = 50
"""


class Dunst:
    """dunst on `display`, serving the bus `bus`, configured in `folder`."""

    def __init__(self, bus: SessionBus, display: str, folder: Path) -> None:
        self.bus = bus
        self.folder = folder
        self.choice = folder / "choice"
        config_home = folder / "config"
        (config_home / "dunst").mkdir(parents=True, exist_ok=True)
        pick = folder / "pick"
        pick.write_text(PICK.format(choice=self.choice))
        pick.chmod(0o755)
        (config_home / "dunst" / "dunstrc").write_text(DUNSTRC.format(pick=pick))
        self.env = bus.environment(DISPLAY=display, XDG_CONFIG_HOME=str(config_home))
        self.log = folder / "dunst.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                ["dunst"], env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        wait_for(lambda: self.ctl("count", "displayed", check=False).returncode == 0, what="dunst")

    def ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["dunstctl", *args], env=self.env, capture_output=True, text=True, check=check
        )

    def displayed(self) -> int:
        return int(self.ctl("count", "displayed").stdout)

    def history(self) -> list[dict[str, Any]]:
        """The closed notifications, newest first, each as {field: value}."""
        entries = json.loads(self.ctl("history").stdout)["data"][0]
        return [{name: field["data"] for name, field in entry.items()} for entry in entries]

    def click(self) -> None:
        """A click on the newest notification: its default action."""
        self.ctl("action", "0")

    def choose(self, label: str) -> None:
        """Pick the action labelled `label` from the newest notification's menu."""
        self.choice.write_text(label)
        self.ctl("context")

    def close(self) -> None:
        """The user dismisses the newest notification."""
        self.ctl("close")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class BusMonitor:
    """dbus-monitor on `bus`, writing what is said to the notification service to a
    file the test reads."""

    def __init__(self, bus: SessionBus, folder: Path) -> None:
        self.output = folder / "dbus-monitor.log"
        with open(self.output, "wb") as out:
            self.process = subprocess.Popen(
                [
                    "dbus-monitor",
                    "--address",
                    bus.address,
                    "interface='org.freedesktop.Notifications'",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        # dbus-monitor says it became a monitor (NameLost of its own name) once it listens.
        wait_for(lambda: "NameLost" in self.text(), what="dbus-monitor")

    def text(self) -> str:
        return self.output.read_text(errors="replace")

    def notify_calls(self) -> list[str]:
        """Each Notify call as dbus-monitor printed it."""
        parts = self.text().split("method call ")
        return [part for part in parts if "member=Notify" in part.split("\n", 1)[0]]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class NotificationDesktop:
    """The parts together: `bus` (its address for the app), `dunst`, `monitor`."""

    def __init__(self, bus: SessionBus, dunst: Dunst, monitor: BusMonitor) -> None:
        self.bus = bus
        self.dunst = dunst
        self.monitor = monitor


@pytest.fixture
def notification_desktop(tmp_path: Path) -> Iterator[NotificationDesktop]:
    """dunst on an X screen and a session bus of the test's own, with dbus-monitor."""
    require("Xvfb", "dbus-daemon", "dbus-monitor", "dunst", "dunstctl")
    folder = tmp_path / "desktop"
    folder.mkdir()
    screen = Xvfb(folder / "xvfb.log", screen=SCREEN)
    bus = SessionBus(folder / "bus")
    display = screen.start()
    try:
        bus.start()
        dunst = Dunst(bus, display, folder)
        dunst.start()
        monitor = BusMonitor(bus, folder)
        yield NotificationDesktop(bus, dunst, monitor)
        monitor.stop()
        dunst.stop()
    finally:
        bus.stop()
        screen.stop()
