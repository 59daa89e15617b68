"""How long the user has been idle, from whichever source the session has, tried in
order: the X11 screensaver extension (python-xlib; Xorg and Xwayland sessions), GNOME's
Mutter IdleMonitor on the session bus (GNOME on Wayland). Qt has no idle API. Each is a
single cheap query, asked every `POLL_SECONDS` while a timer runs (idle_guard.py)."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)

MUTTER = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
CALL_SECONDS = 1.0


class IdleSource(Protocol):
    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last input; None when the source cannot tell now."""

    def close(self) -> None: ...


class X11Idle:
    name = "x11"

    def __init__(self, display: Any) -> None:
        self._display = display
        self._root = display.screen().root

    def idle_seconds(self) -> float | None:
        try:
            return float(self._root.screensaver_query_info().idle) / 1000
        except Exception:  # the X server went away
            return None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._display.close()


def x11_idle(display_name: str | None = None) -> X11Idle | None:
    """The X server's idle time; None without X or its MIT-SCREEN-SAVER extension."""
    name = display_name or os.environ.get("DISPLAY", "")
    if not name:
        return None
    try:
        from Xlib import display

        opened = display.Display(name)
    except Exception:  # no python-xlib, or no X server to talk to
        return None
    if not opened.has_extension("MIT-SCREEN-SAVER"):
        opened.close()
        return None
    source = X11Idle(opened)
    if source.idle_seconds() is None:
        source.close()
        return None
    return source


class MutterIdle:
    name = "mutter"

    def __init__(self, connection: Any) -> None:
        self._conn = connection

    def idle_seconds(self) -> float | None:
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(MUTTER_PATH, bus_name=MUTTER, interface=MUTTER)
        try:
            reply = self._conn.send_and_get_reply(
                new_method_call(address, "GetIdletime"), timeout=CALL_SECONDS
            )
        except Exception:
            return None
        body = reply.body
        return float(body[0]) / 1000 if body else None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()


def mutter_idle(bus: str | None) -> MutterIdle | None:
    """GNOME's idle monitor on the session bus `bus`; None where it does not answer."""
    if bus is None:
        return None
    try:
        from jeepney.io.blocking import open_dbus_connection

        conn = open_dbus_connection(bus=bus)
    except Exception:
        return None
    source = MutterIdle(conn)
    if source.idle_seconds() is None:
        source.close()
        return None
    return source


def find_idle_source(
    finders: tuple[Callable[[], IdleSource | None], ...] | None = None,
) -> IdleSource | None:
    """The first source that answers, or None: then idle time is never asked about."""
    if finders is None:
        from app.ui.notifications.choose import session_bus_address

        finders = (x11_idle, lambda: mutter_idle(session_bus_address()))
    for find in finders:
        source = find()
        if source is not None:
            log.info("focus: idle time from %s", source.name)
            return source
    log.info("focus: no idle source in this session; idle time is not asked about")
    return None
