"""Work that waits for a window's first frame.

Start-up work the user does not need to see the window (asking for an overdue review,
carrying cards over) runs once the first frame is on screen, so it never delays it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, watched: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._watched = watched
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._watched.removeEventFilter(self)
            # A zero timer fires once this paint has completed.
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` from the event loop just after `widget` first paints. Of several
    callbacks on one widget, the one registered last runs first (Qt calls the newest
    event filter first)."""
    _FirstPaint(widget, callback)
