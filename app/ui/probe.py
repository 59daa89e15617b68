"""A start-up probe for benchmarks: with RIZHI_STARTUP_PROBE=FILE set, the window
writes its resident memory to FILE when it is first painted, then quits. The harness
times the whole process (bench/window.py); a bare Qt window does the same for the floor.
"""

from __future__ import annotations

import json
import os
import resource
import time

from PySide6.QtWidgets import QApplication, QWidget

from app.ui.first_paint import after_first_paint

ENV = "RIZHI_STARTUP_PROBE"


def install(widget: QWidget) -> None:
    """Watch `widget` when the environment asks for a probe. Installed after the
    window's own start-up work, it runs (and quits) before that work."""
    report = os.environ.get(ENV)
    if report:
        after_first_paint(widget, lambda: _finish(report))


def _finish(report: str) -> None:
    painted_at = time.time()  # wall clock, to compare with the harness's start time
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU time to the paint: unlike the wall clock, barely moved by other busy processes.
    cpu = usage.ru_utime + usage.ru_stime
    with open(report, "w", encoding="utf-8") as handle:
        json.dump({"max_rss_kb": usage.ru_maxrss, "painted_at": painted_at, "cpu": cpu}, handle)
    QApplication.quit()
