"""Hearing that the machine woke from suspend: logind's `PrepareForSleep(false)`.

Timers do not count the time a machine sleeps, so after a resume the reminder scheduler
looks at the store again at once instead of waiting for its coarse tick. logind speaks on
the system bus; jeepney, in a thread of its own, blocks on it and costs nothing while
nothing happens. Without a system bus (a container, a test run, another OS) there is no
watch, and the tick alone catches up after a sleep.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
MANAGER = "org.freedesktop.login1.Manager"
PATH = "/org/freedesktop/login1"


class ResumeWatch:
    """Calls `on_resume` (from its own thread) each time the machine wakes up."""

    def __init__(self, connection: Any, rule: Any, on_resume: Callable[[], None]) -> None:
        self._conn = connection
        self._rule = rule
        self._on_resume = on_resume
        self._stopping = False
        self._thread = threading.Thread(target=self._listen, name="rizhi-resume", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        conn = self._conn
        try:
            with conn.filter(self._rule) as queue:
                while True:
                    message = conn.recv_until_filtered(queue)
                    if message.body and message.body[0] is False:
                        self._on_resume()
        except Exception:  # the connection closed (stop) or the bus went away
            if not self._stopping:
                log.warning("stopped watching for resume from suspend", exc_info=True)

    def stop(self) -> None:
        self._stopping = True
        conn = self._conn
        # Shutting the socket down wakes the thread blocked reading it; it is closed only
        # after the thread has gone: a socket closed under a blocked select leaves the
        # select waiting for ever.
        with contextlib.suppress(OSError):
            conn.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=2)
        conn.close()


def watch_resume(on_resume: Callable[[], None]) -> ResumeWatch | None:
    """Watch logind on the system bus; None where there is no system bus to watch."""
    try:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return None
    try:
        conn = open_dbus_connection(bus="SYSTEM")
    except Exception:  # no system bus here: the coarse tick catches up after a sleep
        return None
    # The bus resolves logind's well-known name; messages carry its unique name, so the
    # rule this process filters with leaves the sender out.
    wanted = {"type": "signal", "interface": MANAGER, "member": "PrepareForSleep", "path": PATH}
    try:
        conn.send_and_get_reply(message_bus.AddMatch(MatchRule(sender=LOGIND, **wanted)), timeout=2)
    except Exception:
        conn.close()
        return None
    return ResumeWatch(conn, MatchRule(**wanted), on_resume)
