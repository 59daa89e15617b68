"""What every offscreen picture needs: the application, a fixed font and 'today', a
home folder of the picture's own, and time for the window to settle."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from scripts.shots.sample_items import clock

SIZE = (1280, 800)
# A desktop UI face with Chinese coverage; the first one installed wins. The window
# itself uses the system font; these only keep the pictures independent of the
# fallback (often DejaVu Sans) of the machine that renders them.
FONT_FAMILIES = ("Inter", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC")
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")
SETTLE_MS = 400  # longer than the window's deferred work after start (the status count)


def application() -> QApplication:
    """The one QApplication, named as Rizhi's, with the pictures' font."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Rizhi")
    pick_font()
    return app


@contextlib.contextmanager
def fixed_today(today: date) -> Iterator[None]:
    try:
        import time_machine
    except ImportError:  # a runtime install: screenshots show the real date
        print("time-machine is not installed; using the real date", file=sys.stderr)
        yield
        return
    with time_machine.travel(clock(today, 10, 30), tick=False):
        yield


def pick_font() -> None:
    installed = set(QFontDatabase.families())
    families = [f for f in FONT_FAMILIES if f in installed]
    families += [f for f in CJK_FAMILIES if f in installed and f not in families]
    if families:
        font = QFont()
        font.setFamilies(families)
        font.setPointSize(10)
        QApplication.setFont(font)


@contextlib.contextmanager
def home(folder: Path) -> Iterator[None]:
    before = os.environ.get("HOME")
    os.environ["HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = before


def settle(app: QApplication) -> None:
    """Let the window finish what it does shortly after a change, as a person would see."""
    deadline = QDeadlineTimer(SETTLE_MS)
    while not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
