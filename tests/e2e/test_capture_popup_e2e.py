"""The capture popup over another program's window, on a virtual X screen, with real
keys: an English idea and a Chinese one, each typed and saved with Enter, reopened from
the other window in between, then found in SQLite.

The other program is xmessage (x11-utils), a plain X client holding the keyboard, as a
PDF reader would. The popup runs as a background Rizhi shows it, with no main window
(`popup_under_test.py`, standing in for the instance that will open it on a hotkey).
Each open is checked where it matters: the X server's input focus is the popup's
window, so the keys typed next reach it. xdotool types the Chinese text as keysyms
(Xvfb needs no input method for that); the popup's picture over the other window is
saved (docs/screenshots/capture-popup.png when scripts/screenshots.py runs this test).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Seed
from tests.e2e.harness import (
    ROOT,
    TIMEOUT,
    Input,
    State,
    assert_not_blank,
    focus,
    grab_over,
    wait_for,
)

pytestmark = pytest.mark.e2e

RUNNER = Path(__file__).with_name("popup_under_test.py")
ENGLISH = "try token halting on ViT #idea"
CHINESE = "试试把 token 剪枝用在语音模型上 #想法"


class PopupProcess:
    """popup_under_test.py on `display` with RIZHI_HOME=`home`."""

    def __init__(self, home: Path, display: str, work: Path) -> None:
        self.report = work / "popup.json"
        self.log_path = work / "popup.log"
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "RIZHI_HOME": str(home),
            "RIZHI_E2E_REPORT": str(self.report),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        for name in ("WAYLAND_DISPLAY", "QT_SCALE_FACTOR"):
            env.pop(name, None)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(RUNNER)], cwd=ROOT, env=env, stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]

    def read(self) -> State | None:
        if self.process.poll() is not None:
            raise AssertionError(f"the popup's process exited\n{self.log()}")
        try:
            return json.loads(self.report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        except (FileNotFoundError, ValueError):
            return None

    def state(self, condition: Callable[[State], Any], what: str) -> State:
        def ready() -> State | None:
            state = self.read()
            return state if state is not None and condition(state) else None

        try:
            return wait_for(ready, TIMEOUT, what)  # type: ignore[no-any-return]
        except TimeoutError as exc:
            raise AssertionError(f"{exc}\nlast report: {self.read()}\n{self.log()}") from None

    def open_popup(self) -> State:
        """What the instance does on the hotkey; the popup then has the keyboard."""
        Path(str(self.report) + ".open").write_text("", encoding="utf-8")
        return self.state(
            lambda s: s["popup"]["visible"] and s["popup"]["active"] and s["popup"]["focus"],
            "the popup shown, active, its line focused",
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)


def saved_items(database: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(database, timeout=5)
    try:
        rows = connection.execute("SELECT title, kind FROM items ORDER BY id").fetchall()
    finally:
        connection.close()
    return [(str(title), str(kind)) for title, kind in rows]


def test_ideas_typed_into_the_popup_over_another_window_are_saved(
    display: str, seed: Seed, reading: int, screens: Path, tmp_path: Path
) -> None:
    seed.finish("backlog")
    keys = Input(display)
    popup = PopupProcess(seed.home, display, tmp_path)
    try:
        popup.state(lambda s: not s["popup"]["visible"], "the popup's process, ready")
        for number, idea in enumerate((ENGLISH, CHINESE), start=1):
            focus(keys, reading)  # back in the paper, as after each capture
            shown = popup.open_popup()
            # The X server's keyboard focus moved to the popup, away from the other client.
            assert int(keys.run("getwindowfocus")) == shown["popup"]["window_id"]
            keys.run("type", "--delay", "40", idea)
            typed = popup.state(lambda s, i=idea: s["popup"]["text"] == i, f"{idea!r} typed")
            assert typed["popup"]["chips"][0] == "→ backlog"
            if number == 2 and shutil.which("import"):
                shot = grab_over(display, typed["popup"]["rect"], screens / "capture-popup.png")
                assert_not_blank(shot)
            keys.key("Return")
            done = popup.state(
                lambda s, n=number: not s["popup"]["visible"] and len(s["saved"]) == n,
                f"capture {number} saved and the popup closed",
            )
            assert done["toast"]["visible"]
        assert saved_items(seed.database) == [
            ("try token halting on ViT", "idea"),
            ("试试把 token 剪枝用在语音模型上", "idea"),
        ]
    finally:
        popup.stop()
