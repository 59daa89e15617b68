"""The interface every global hotkey backend offers, and the one used where none works.

A backend holds one key from `start` to `stop`. Getting the key takes a round trip to
another process (the X server, the desktop portal, which may even ask the user), so
`start` returns at once with the status STARTING and the backend's own worker thread
reports the outcome. The worker speaks to the GUI thread only through a `Link`: Qt
signals of the backend, which lives in the GUI thread, so the callback and every status
change run there (queued). Each start is numbered, and what a worker of an earlier start
still had queued is dropped, so a restart with another key never shows the old key's
status or fires its callback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.ui.hotkeys import status as says
from app.ui.hotkeys.keys import Chord, chord_of
from app.ui.hotkeys.status import HotkeyState, HotkeyStatus

log = logging.getLogger(__name__)


class Link:
    """What a backend's worker thread holds to report to the GUI thread."""

    def __init__(self, backend: HotkeyBackend, start: int) -> None:
        self._backend = backend
        self._start = start

    def pressed(self) -> None:
        self._backend._pressed.emit(self._start)

    def report(self, status: HotkeyStatus) -> None:
        self._backend._reported.emit(self._start, status)


class HotkeyBackend(QObject):
    """One platform's way to hold a global key. Subclasses implement `_begin` (start a
    worker that gets the key and reports through the link) and `_end` (stop that worker
    and give the key back; it returns once the worker is done)."""

    status_changed = Signal(object)  # HotkeyStatus, on the GUI thread

    # From the worker threads; tagged with the start they belong to.
    _reported = Signal(int, object)
    _pressed = Signal(int)

    via = "nothing"  # how the status names this path: "X11", "the desktop portal"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start = 0
        self._running = False
        self._callback: Callable[[], None] | None = None
        self._status = says.off()
        self._reported.connect(self._on_reported)
        self._pressed.connect(self._on_pressed)
        app = QCoreApplication.instance()
        if app is not None:
            # A worker thread must not outlive the objects it reports to.
            app.aboutToQuit.connect(self.stop)

    @property
    def status(self) -> HotkeyStatus:
        return self._status

    def start(self, sequence: str, callback: Callable[[], None]) -> None:
        """Hold `sequence` (the shortcut editor's portable text; "" for none) and call
        `callback` on the GUI thread at each press. A running backend lets go of its
        key first, so this is also how the key is changed."""
        self.stop()
        try:
            chord = chord_of(sequence)
        except ValueError as exc:
            self._set(says.bad_key(str(exc)))
            return
        if chord is None:
            return
        self._start += 1
        self._callback = callback
        self._running = True
        self._set(says.starting(chord.text, self.via))
        self._begin(chord, Link(self, self._start))

    def stop(self) -> None:
        """Give the key back; the callback is not called after this returns."""
        if self._running:
            self._running = False
            self._end()
        self._start += 1  # drops whatever the stopped worker still had queued
        self._callback = None
        self._set(says.off())

    # --- for subclasses -----------------------------------------------------------------

    def _begin(self, chord: Chord, link: Link) -> None:
        raise NotImplementedError

    def _end(self) -> None:
        raise NotImplementedError

    # --- on the GUI thread --------------------------------------------------------------

    def _on_reported(self, start: int, status: HotkeyStatus) -> None:
        if start == self._start:
            self._set(status)

    def _on_pressed(self, start: int) -> None:
        if start == self._start and self._callback is not None:
            self._callback()

    def _set(self, status: HotkeyStatus) -> None:
        if status == self._status:
            return
        self._status = status
        if status.detail:
            log.info("global hotkey: %s (%s)", status.text, status.detail)
        else:
            log.info("global hotkey: %s", status.text)
        self.status_changed.emit(status)


class NoHotkeyBackend(HotkeyBackend):
    """Where no backend exists (another Qt platform, a library missing): every start
    says so, with the command to bind in the desktop's settings instead."""

    def __init__(self, why: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._why = why

    def _begin(self, chord: Chord, link: Link) -> None:
        link.report(says.unavailable(self._why))

    def _end(self) -> None:
        pass


__all__ = ["HotkeyBackend", "HotkeyState", "HotkeyStatus", "Link", "NoHotkeyBackend"]
