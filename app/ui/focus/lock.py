"""Hearing that the screen locked, which stops the focus timer at that moment.

Sources, whichever exist: the screensavers' `ActiveChanged(true)` on the session bus
(org.freedesktop.ScreenSaver, org.gnome.ScreenSaver) and logind's `Lock` signal of the
user's session on the system bus. jeepney blocks on each bus in a thread of its own and
costs nothing while nothing happens (as app/ui/reminders/resume.py does for resume).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
LOGIND_SESSION = "org.freedesktop.login1.Session"


def is_lock(message: Any) -> bool:
    header = message.header.fields
    from jeepney import HeaderFields

    interface = header.get(HeaderFields.interface)
    member = header.get(HeaderFields.member)
    if interface in SCREENSAVERS and member == "ActiveChanged":
        return bool(message.body) and message.body[0] is True
    return bool(interface == LOGIND_SESSION and member == "Lock")


class LockWatch:
    """Calls `on_lock` (from its own threads) each time the screen locks."""

    def __init__(self, connections: list[Any], on_lock: Callable[[], None]) -> None:
        self._conns = connections
        self._on_lock = on_lock
        self._stopping = False
        self._threads = [
            threading.Thread(target=self._listen, args=(c,), name="rizhi-lock", daemon=True)
            for c in connections
        ]
        for thread in self._threads:
            thread.start()

    def _listen(self, conn: Any) -> None:
        from jeepney import MatchRule

        try:
            with conn.filter(MatchRule(type="signal")) as queue:
                while True:
                    if is_lock(conn.recv_until_filtered(queue)):
                        self._on_lock()
        except Exception:  # the connection closed (stop) or the bus went away
            if not self._stopping:
                log.warning("stopped watching for the screen lock", exc_info=True)

    def stop(self) -> None:
        self._stopping = True
        self._on_lock = _nothing  # a lock heard while stopping reaches no one
        for conn in self._conns:
            # Shutting the socket down wakes the thread blocked reading it. Closing it
            # only after the thread has gone: a socket closed under a blocked select
            # leaves the select waiting for ever.
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=2)
        for conn in self._conns:
            conn.close()


def _nothing() -> None:
    pass


def _listening(bus: str, rules: list[dict[str, str]]) -> Any | None:
    try:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        conn = open_dbus_connection(bus=bus)
    except Exception:  # no such bus here
        return None
    try:
        for rule in rules:
            conn.send_and_get_reply(message_bus.AddMatch(MatchRule(**rule)), timeout=2)
    except Exception:
        conn.close()
        return None
    return conn


def watch_lock(session_bus: str | None, on_lock: Callable[[], None]) -> LockWatch | None:
    """Watch every bus there is for the screen locking; None where there is none."""
    found = []
    if session_bus is not None:
        rules = [
            {"type": "signal", "interface": name, "member": "ActiveChanged"}
            for name in SCREENSAVERS
        ]
        found.append(_listening(session_bus, rules))
    found.append(
        _listening("SYSTEM", [{"type": "signal", "interface": LOGIND_SESSION, "member": "Lock"}])
    )
    conns = [c for c in found if c is not None]
    return LockWatch(conns, on_lock) if conns else None
