"""SIGTERM and SIGINT end Rizhi as File › Quit does: the log's text saved, the backup on
quit taken, the socket removed.

Python runs a signal handler only between bytecodes, and Qt's event loop runs in C, so a
handler alone would wait for the next Python callback. The handler's wake-up byte goes
to a socket pair the event loop watches (QSocketNotifier), which runs `stop` at once. A
session manager ending the session, `kill PID` and Ctrl+C in a terminal all arrive so.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopSignals(QObject):
    def __init__(self, stop: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = stop
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {sig: signal.signal(sig, self._noted) for sig in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    @staticmethod
    def _noted(signum: int, frame: object) -> None:
        """The Python-level handler: nothing to do, the wake-up byte carries the signal."""

    def _woken(self) -> None:
        try:
            received = self._read.recv(64)
        except BlockingIOError:
            return
        if any(byte in STOP_SIGNALS for byte in received):
            self._stop()

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()
