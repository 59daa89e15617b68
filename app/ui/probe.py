"""A start-up probe for benchmarks: with RIZHI_STARTUP_PROBE=FILE set, the window
writes its resident memory to FILE when it is first painted, then quits. The harness
times the whole process (bench/window.py); a bare Qt window does the same for the floor.
"""

from __future__ import annotations

import json
import os
import resource

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "RIZHI_STARTUP_PROBE"


class FirstPaint(QObject):
    def __init__(self, watched: QWidget, report: str) -> None:
        super().__init__(watched)
        self._report = report
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._finish)  # after this paint has completed
        return False

    def _finish(self) -> None:
        rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with open(self._report, "w", encoding="utf-8") as handle:
            json.dump({"max_rss_kb": rss_kb}, handle)
        QApplication.quit()


def install(widget: QWidget) -> FirstPaint | None:
    """Watch `widget` when the environment asks for a probe."""
    report = os.environ.get(ENV)
    return FirstPaint(widget, report) if report else None
