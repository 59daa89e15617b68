"""One session-bus connection shared by a caller and a receiving thread, over jeepney.

The notification daemon sends ActionInvoked and NotificationClosed on the connection
that called Notify (dunst addresses them to that sender only), so calls and signals
must share one connection. A thread of the link's own blocks reading it: a reply wakes
the caller waiting for it, a signal goes to `on_signal`, and a broken connection to
`on_lost` once, with every call still waiting failed. Both callbacks run on that thread;
the notifier turns them into queued Qt signals.

jeepney's own threaded router does the same but lets its thread die with a traceback
when the connection breaks; this one says so instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from jeepney import DBusErrorResponse, HeaderFields, Message, MessageType
from jeepney.auth import AuthenticationError
from jeepney.io.common import RouterClosed
from jeepney.io.threading import DBusConnection, ReceiveStopped, open_dbus_connection
from jeepney.wrappers import unwrap_msg

log = logging.getLogger(__name__)

# What opening a connection raises: no address (KeyError), an address jeepney cannot
# use (RuntimeError, ValueError), no socket or no answer (OSError, TimeoutError among
# them), a bus that refuses us.
OPEN_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    KeyError,
    ValueError,
    RuntimeError,
    AuthenticationError,
    DBusErrorResponse,
    RouterClosed,  # the bus hung up during the greeting
)


class LinkClosed(Exception):
    """The connection closed before the reply came."""


# What a call raises: the service's error, no reply in time (TimeoutError, an OSError),
# the connection gone.
CALL_ERRORS: tuple[type[Exception], ...] = (DBusErrorResponse, OSError, LinkClosed)


class _Replies:
    """Calls waiting for their reply, by serial; filled from the receiving thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[int, Future[Message]] = {}
        self._closed = False

    def expect(self, serial: int) -> Future[Message]:
        future: Future[Message] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(LinkClosed("the connection is closed"))
            else:
                self._waiting[serial] = future
        return future

    def forget(self, serial: int) -> None:
        with self._lock:
            self._waiting.pop(serial, None)

    def deliver(self, message: Message) -> bool:
        serial = message.header.fields.get(HeaderFields.reply_serial)
        if serial is None:
            return False
        with self._lock:
            future = self._waiting.pop(serial, None)
        if future is not None:
            future.set_result(message)
        return True  # a reply nobody waits for (a call sent without waiting) is dropped

    def fail_all(self, reason: str) -> None:
        with self._lock:
            self._closed = True
            waiting, self._waiting = self._waiting, {}
        for future in waiting.values():
            future.set_exception(LinkClosed(reason))


class BusLink:
    """A connection to `bus` ("SESSION" or a D-Bus address) with its receiving thread."""

    def __init__(
        self,
        conn: DBusConnection,
        on_signal: Callable[[Message], None],
        on_lost: Callable[[str], None],
    ) -> None:
        self._conn = conn
        self._on_signal = on_signal
        self._on_lost = on_lost
        self._replies = _Replies()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._receive, name="rizhi-notify", daemon=True)
        self._thread.start()

    @classmethod
    def open(
        cls,
        bus: str,
        on_signal: Callable[[Message], None],
        on_lost: Callable[[str], None],
        timeout: float,
    ) -> BusLink:
        """Connect; raises one of OPEN_ERRORS."""
        return cls(open_dbus_connection(bus, auth_timeout=timeout), on_signal, on_lost)

    @property
    def unique_name(self) -> str:
        return str(self._conn.unique_name)

    def call(self, message: Message, timeout: float) -> tuple[Any, ...]:
        """Send a method call and return its reply's body; raises one of CALL_ERRORS
        (TimeoutError is an OSError)."""
        serial = next(self._conn.outgoing_serial)
        future = self._replies.expect(serial)
        try:
            self._conn.send(message, serial=serial)
            reply = future.result(timeout)
        finally:
            self._replies.forget(serial)
        return tuple(unwrap_msg(reply))

    def send(self, message: Message) -> None:
        """Send without waiting for the reply; a broken connection is only logged (the
        receiving thread reports it)."""
        try:
            self._conn.send(message)
        except OSError as exc:
            log.info("notifications: could not send %s: %s", message.header.fields, exc)

    def close(self) -> None:
        """Close the connection and wait for the receiving thread; `on_lost` is not
        called for this."""
        self._closing.set()
        self._conn.close()  # wakes the thread's read
        if threading.current_thread() is not self._thread:
            self._thread.join(2.0)

    def _receive(self) -> None:
        reason = "the connection closed"
        try:
            while True:
                message = self._conn.receive()
                if self._replies.deliver(message):
                    continue
                if message.header.message_type is MessageType.signal:
                    self._on_signal(message)
        except ReceiveStopped:
            pass
        except Exception as exc:  # any failure ends the link: say why rather than die
            reason = f"{type(exc).__name__}: {exc}"
        finally:
            self._replies.fail_all(reason)
            if not self._closing.is_set():
                self._on_lost(reason)
