"""The capture popup in a running process, on a virtual X screen, against a bare Qt window
shown and saved the same way (the floor):

* shown -> visible and focused: `open_popup()` until the popup's window is exposed and
  painted, active, and its line holds the keyboard, while another X client (xmessage)
  held the keyboard before each open;
* Enter -> committed and hidden: the Return key sent to the line until the item is
  committed (one transaction, an undo step, the change feed) and the popup hidden with
  its confirmation shown. The floor's Return inserts a row with sqlite3 (WAL, the same
  pragmas) and hides its window. Target: 16 ms median (one frame at 60 Hz).

The store holds `--items` items, as the window's benchmark does. The first runs warm
up (the first save starts the undo recording) and are not counted.

    .venv/bin/python bench/capture_popup.py [--items 50000] [--runs 40]

Needs Xvfb, xdotool and xmessage (`make system-packages`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import save, summary
from bench.seed import seed

WARMUP = 3
SETTLE_S = 0.3  # after a close, longer than Qt takes to hear the keyboard left the window
TEXT = "try token halting on ViT #idea !high ~2h"


def start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    with open(log, "wb") as out:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as numbers:
        return server, ":" + numbers.readline().strip()


def other_window(display: str) -> tuple[subprocess.Popen[bytes], str]:
    """xmessage, the program the user was reading in; its X window id."""
    title = f"Reading {os.getpid()}"
    process = subprocess.Popen(
        ["xmessage", "-geometry", "900x440+250+220", "-title", title, "a paper"],
        env={**os.environ, "DISPLAY": display},
    )
    found = subprocess.run(
        ["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
        env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return process, found.stdout.split()[0]


class Subject:
    """What is measured: a window with a line, shown on request, saving on Return."""

    def __init__(self, window: Any, line: Any, show: Callable[[], None]) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.window, self.line, self.show = window, line, show
        self.painted = False
        subject = self

        class Paints(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    subject.painted = True
                return False

        self._paints = Paints()
        window.installEventFilter(self._paints)

    def ready(self) -> bool:
        """Exposed and painted, active, the keyboard in the line."""
        handle = self.window.windowHandle()
        return bool(
            self.painted
            and handle is not None
            and handle.isExposed()
            and self.window.isActiveWindow()
            and self.line.hasFocus()
        )


def spin_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        QCoreApplication.processEvents()


def settle(seconds: float) -> None:
    from PySide6.QtCore import QCoreApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        time.sleep(0.002)


def cycle(subject: Subject, focus_other: Callable[[], None], text: str,
          committed: Callable[[], int]) -> tuple[float, float]:  # fmt: skip
    """One capture: the other window focused, the subject shown until ready (timed),
    the line filled, Return until committed and hidden (timed)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    focus_other()
    settle(0.05)  # Qt hears that the keyboard is elsewhere
    subject.painted = False
    start = time.perf_counter()
    subject.show()
    spin_until(subject.ready)
    shown = time.perf_counter() - start
    subject.line.setText(text)
    settle(0.02)
    before = committed()
    enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    start = time.perf_counter()
    QApplication.sendEvent(subject.line, enter)
    saved = time.perf_counter() - start
    if subject.window.isVisible() or committed() != before + 1:
        raise RuntimeError("Return did not save and hide")
    settle(SETTLE_S)
    return shown, saved


def popup_subject(home: Path) -> tuple[Subject, Callable[[], int]]:
    from app.store.db import Store
    from app.ui.capture.setup import build_capture_popup
    from app.ui.ops import Operations

    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    popup = build_capture_popup(Operations(store), str(home))
    reader = sqlite3.connect(home / "rizhi.sqlite3")
    subject = Subject(popup, popup.line.edit, popup.open_popup)
    return subject, lambda: int(reader.execute("SELECT COUNT(*) FROM items").fetchone()[0])


def bare_subject(folder: Path) -> tuple[Subject, Callable[[], int]]:
    """A frameless window on top with a line; Return inserts a row and hides it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    flags = (Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
             | Qt.WindowType.WindowStaysOnTopHint)  # fmt: skip
    window = QWidget(None, flags)
    line = QLineEdit(window)
    QVBoxLayout(window).addWidget(line)
    path = folder / "bare.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT, at TEXT)")

    def save() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO notes (title, at) VALUES (?, datetime())", (line.text(),))
        connection.execute("COMMIT")
        line.clear()
        window.hide()

    def show() -> None:
        area = QGuiApplication.primaryScreen().availableGeometry()
        window.setGeometry(area.center().x() - 320, area.center().y() - 60, 640, 120)
        window.show()
        window.raise_()
        window.activateWindow()
        line.setFocus()

    line.returnPressed.connect(save)
    reader = sqlite3.connect(path)
    subject = Subject(window, line, show)
    return subject, lambda: int(reader.execute("SELECT COUNT(*) FROM notes").fetchone()[0])


def ms(values: list[float]) -> dict[str, float]:
    return {k: (v * 1000 if k != "runs" else v) for k, v in summary(values).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "xdotool", "xmessage") if shutil.which(tool) is None]
    if missing:
        print(f"{', '.join(missing)} missing: `make system-packages` (as root) installs them")
        return 1
    with tempfile.TemporaryDirectory(prefix="rizhi-bench-popup-") as folder:
        root = Path(folder)
        home = root / "home"
        home.mkdir()
        print(f"Seeding {args.items:,} items…", flush=True)
        seed(home, args.items, 300)
        server, display = start_xvfb(root / "xvfb.log")
        reading, window_id = other_window(display)
        try:
            results = run(display, window_id, home, root, args.runs)
        finally:
            reading.kill()
            server.terminate()
            server.wait(5)
    report(results)
    print(f"saved to {save('capture_popup', results)}")
    return 0


def run(display: str, other: str, home: Path, root: Path, runs: int) -> dict[str, object]:
    os.environ.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    os.environ.pop("WAYLAND_DISPLAY", None)
    from PySide6.QtWidgets import QApplication

    from app.ui.theme import ThemeController

    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    theme = ThemeController(app, "light")  # the app's style sheet and palette, for both
    env = {**os.environ, "DISPLAY": display}

    def focus_other() -> None:
        subprocess.run(["xdotool", "windowfocus", "--sync", other], env=env, check=True)

    subjects = {
        "capture popup": popup_subject(home),
        "bare Qt window (floor)": bare_subject(root),
    }
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in subjects}
    for n in range(runs + WARMUP):
        for name, (subject, committed) in subjects.items():  # interleaved: same conditions
            shown, saved = cycle(subject, focus_other, f"{TEXT} {n}", committed)
            if n >= WARMUP:
                times[name][0].append(shown)
                times[name][1].append(saved)
    del theme
    return {
        name: {
            "shown -> visible and focused": ms(shown),
            "Enter -> committed and hidden": ms(saved),
        }
        for name, (shown, saved) in times.items()
    }


def report(results: dict[str, object]) -> None:
    print(f"{'':26} {'measure':32} {'median':>8} {'p95':>8} {'min':>8}  (ms)")
    for name, measures in results.items():
        assert isinstance(measures, dict)
        for what, values in measures.items():
            print(f"{name:26} {what:32} {values['median']:8.2f} {values['p95']:8.2f}"
                  f" {values['min']:8.2f}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
