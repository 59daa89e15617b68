"""The global hotkey on X11: a key grab on the root window, served by a thread of its own.

The grab lives on an X connection of its own (python-xlib), not Qt's: Qt's connection
belongs to the GUI thread, and reading its raw events from Python would mean decoding
xcb structures by hand. The worker thread opens the connection, grabs the chord
(x11_grab.py), reports the outcome, then sleeps in `select` on the connection and on a
pipe that `stop` writes to, so an idle hotkey costs no CPU.

On a press the worker lets the keyboard go at once (a passive grab turns into an active
one until the key is released): what is typed next reaches the window that opens, not
this connection.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading

from PySide6.QtCore import QObject
from Xlib import X
from Xlib.display import Display
from Xlib.error import ConnectionClosedError, DisplayError

from app.ui.hotkeys import status as says
from app.ui.hotkeys.backend import HotkeyBackend, Link
from app.ui.hotkeys.keys import Chord
from app.ui.hotkeys.x11_grab import Grab, GrabRefused, grab_chord, ungrab

VIA = "X11"
_JOIN_SECONDS = 2.0


class X11HotkeyBackend(HotkeyBackend):
    """Holds the key with an X11 grab; `display` names the X server (None: $DISPLAY,
    the one Qt's xcb platform uses too)."""

    via = VIA

    def __init__(self, display: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display = display
        self._worker: _GrabWorker | None = None

    def _begin(self, chord: Chord, link: Link) -> None:
        self._worker = _GrabWorker(self._display, chord, link)
        self._worker.start()

    def _end(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker.join(_JOIN_SECONDS)
            self._worker.release()
            self._worker = None


class _GrabWorker(threading.Thread):
    def __init__(self, display: str | None, chord: Chord, link: Link) -> None:
        super().__init__(name="rizhi-hotkey-x11", daemon=True)
        self._display_name = display
        self._chord = chord
        self._link = link
        self._wake_read, self._wake_write = os.pipe()

    def stop(self) -> None:
        os.write(self._wake_write, b"\0")

    def release(self) -> None:
        """Close the wake-up pipe once the thread is done (a thread stuck in a call to a
        hung X server keeps it: closed under it, the numbers could name other files)."""
        if not self.is_alive():
            os.close(self._wake_read)
            os.close(self._wake_write)

    def run(self) -> None:
        self._connect_and_serve()

    def _connect_and_serve(self) -> None:
        try:
            display = Display(self._display_name)
        except (DisplayError, ConnectionClosedError, OSError) as exc:
            self._link.report(says.unavailable(f"cannot reach the X server: {exc}"))
            return
        try:
            self._grab_and_serve(display)
        except (ConnectionClosedError, OSError) as exc:
            self._link.report(says.unavailable(f"the X server went away: {exc}"))
        finally:
            with contextlib.suppress(ConnectionClosedError, OSError):
                display.close()

    def _grab_and_serve(self, display: Display) -> None:
        try:
            grab = grab_chord(display, self._chord)
        except GrabRefused as refused:
            text = self._chord.text
            status = (
                says.taken(text, str(refused))
                if refused.taken
                else says.bad_key(f"{text} cannot be grabbed: {refused}")
            )
            self._link.report(status)
            return
        self._link.report(says.active(self._chord.text, VIA))
        try:
            self._serve(display, grab)
        finally:
            ungrab(display, grab)

    def _serve(self, display: Display, grab: Grab) -> None:
        while True:
            # Events read along with a reply sit in Xlib's queue, not on the socket.
            while display.pending_events():
                event = display.next_event()
                if event.type == X.KeyPress and grab.matches(event):
                    display.ungrab_keyboard(event.time)
                    display.flush()
                    self._link.pressed()
            ready, _, _ = select.select([display.fileno(), self._wake_read], [], [])
            if self._wake_read in ready:
                return
