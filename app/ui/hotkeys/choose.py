"""Which global hotkey backend runs, and the one call that starts the capture hotkey.

The backend follows the Qt platform the app runs on, not guesses from the environment:
under `xcb` the window is an X11 client, and an X11 grab works whatever the desktop;
under `wayland` only the desktop can bind a global key, through its portal. A library
that is missing (python-xlib and jeepney are Linux-only dependencies) or another
platform gives the backend that says to bind `rizhi capture` in the desktop instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from app.ui.hotkeys.backend import HotkeyBackend, NoHotkeyBackend
from app.ui.settings import UiSettings


def backend_for(platform: str, parent: QObject | None = None) -> HotkeyBackend:
    """The backend for Qt's platform `platform` (QGuiApplication.platformName()), not
    started."""
    if platform == "xcb":
        try:
            from app.ui.hotkeys.x11 import X11HotkeyBackend
        except ImportError as exc:
            return NoHotkeyBackend(f"python-xlib cannot be imported: {exc}", parent)
        return X11HotkeyBackend(parent=parent)
    if platform.startswith("wayland"):  # also "wayland-egl"
        try:
            from app.ui.hotkeys.portal import PortalHotkeyBackend
        except ImportError as exc:
            return NoHotkeyBackend(f"jeepney cannot be imported: {exc}", parent)
        return PortalHotkeyBackend(parent=parent)
    return NoHotkeyBackend(f"Rizhi has no global hotkey on Qt's {platform!r} platform", parent)


def start_capture_hotkey(
    settings: UiSettings, open_capture: Callable[[], None], parent: QObject | None = None
) -> HotkeyBackend:
    """Hold the capture key the settings name (`UiSettings.capture_hotkey`) on the
    platform's backend, calling `open_capture` on the GUI thread at each press.

    Show `backend.status` in Settings and follow `backend.status_changed`; when the user
    sets another key, save it (`UiSettings.set_capture_hotkey`) and call
    `backend.start(settings.capture_hotkey, open_capture)` again: it lets go of the old
    key first. The backend stops itself when the application quits.
    """
    backend = backend_for(QGuiApplication.platformName(), parent)
    backend.start(settings.capture_hotkey, open_capture)
    return backend


class CaptureHotkey(NamedTuple):
    """The running capture hotkey: its backend (whose status Settings shows) and what a
    press opens, so that Settings can move it to another key."""

    backend: HotkeyBackend
    open_capture: Callable[[], None]

    def rebind(self, sequence: str) -> None:
        self.backend.start(sequence, self.open_capture)
