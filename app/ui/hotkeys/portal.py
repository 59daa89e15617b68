"""The global hotkey on Wayland: the desktop portal's GlobalShortcuts, over jeepney.

A Wayland client cannot grab keys; the desktop (KDE Plasma, GNOME 48+, Hyprland) binds
them for it through `org.freedesktop.portal.GlobalShortcuts`. The worker thread, on a
session-bus connection of its own, first registers the app id (Registry.Register, which
a program outside Flatpak needs before any other portal call), then creates a session
and binds one shortcut with the chord as its preferred trigger. The desktop picks the
final key, may ask the user first, and says which key it bound. The worker then waits
for `Activated`. A session is created at every start: one kept across restarts has been
seen to stop working after a reboot.

`stop` shuts the connection's socket down, which wakes the worker from its wait; the
portal closes the session when its connection goes.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections import deque
from collections.abc import Callable

from jeepney import DBusErrorResponse, HeaderFields, Message
from jeepney.auth import AuthenticationError
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg
from PySide6.QtCore import QObject

from app.ui.hotkeys import portal_messages as portal
from app.ui.hotkeys import status as says
from app.ui.hotkeys.backend import HotkeyBackend, Link
from app.ui.hotkeys.keys import Chord
from app.ui.hotkeys.status import HotkeyState, HotkeyStatus

log = logging.getLogger(__name__)

VIA = "the desktop portal"
_CALL_SECONDS = 10.0  # a portal method returns its Request at once; the answer may wait
_JOIN_SECONDS = 2.0


class PortalHotkeyBackend(HotkeyBackend):
    """Holds the key through the desktop portal; `bus` is a D-Bus address (default: the
    session bus)."""

    via = VIA

    def __init__(self, bus: str = "SESSION", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._worker: _PortalWorker | None = None

    def _begin(self, chord: Chord, link: Link) -> None:
        self._worker = _PortalWorker(self._bus, chord, link)
        self._worker.start()

    def _end(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker.join(_JOIN_SECONDS)
            self._worker = None


class PortalRefused(Exception):
    """A Request answered with a code other than 0 (1: the user said no; 2: other)."""


def bound(trigger: str) -> HotkeyStatus:
    """The status once the desktop bound the shortcut, with the key it says it chose."""
    if trigger:
        return says.active(trigger, VIA)
    return HotkeyStatus(HotkeyState.ACTIVE, f"via {VIA}: the key is set in your desktop's settings")


class _PortalWorker(threading.Thread):
    def __init__(self, bus: str, chord: Chord, link: Link) -> None:
        super().__init__(name="rizhi-hotkey-portal", daemon=True)
        self._bus = bus
        self._chord = chord
        self._link = link
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # guards _conn between run and stop
        self._conn: DBusConnection | None = None

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(OSError):
                    self._conn.sock.shutdown(socket.SHUT_RDWR)

    def run(self) -> None:
        try:
            conn = open_dbus_connection(self._bus)
        except (OSError, KeyError, ValueError, AuthenticationError) as exc:
            self._link.report(says.unavailable(f"no session bus: {exc}"))
            return
        with self._lock:
            self._conn = conn
        try:
            if not self._stopping.is_set():
                self._serve(conn)
        except DBusErrorResponse as err:
            self._fail(f"the desktop portal answered {err.name}: {' '.join(map(str, err.data))}")
        except PortalRefused as refused:
            self._fail(f"the desktop did not bind the shortcut ({refused})")
        except (OSError, ValueError) as exc:
            self._fail(f"the connection to the desktop portal broke: {exc}")
        finally:
            with self._lock:
                self._conn = None
                conn.close()

    def _fail(self, detail: str) -> None:
        if not self._stopping.is_set():  # a stop breaks the connection on purpose
            self._link.report(says.unavailable(detail))

    def _serve(self, conn: DBusConnection) -> None:
        self._register(conn)
        rule = portal.shortcut_signals_rule()
        conn.bus_proxy.AddMatch(rule)
        # The filter is in place before the shortcut exists, so no signal is missed.
        with conn.filter(rule, queue=deque(maxlen=64)) as signals:
            created = _answer(conn, portal.create_session)
            session = portal.session_of(created)
            if not session:
                raise PortalRefused("no session handle in the answer")
            answer = _answer(conn, lambda token: portal.bind_shortcuts(session, self._chord, token))
            _, shortcuts = answer.get("shortcuts", ("a(sa{sv})", []))
            self._link.report(bound(portal.trigger_of(shortcuts)))
            while True:
                self._on_signal(conn.recv_until_filtered(signals), session)

    def _register(self, conn: DBusConnection) -> None:
        try:
            unwrap_msg(conn.send_and_get_reply(portal.register(), timeout=_CALL_SECONDS))
        except DBusErrorResponse as err:
            # Portals before 1.19.4 have no registry and take the app id from elsewhere;
            # if the session is refused for want of one, that error is the one reported.
            log.info("the desktop portal did not register the app id: %s", err)

    def _on_signal(self, message: Message, session: str) -> None:
        member = message.header.fields.get(HeaderFields.member)
        if member == "Activated":
            session_handle, shortcut_id = message.body[0], message.body[1]
            if session_handle == session and shortcut_id == portal.SHORTCUT_ID:
                self._link.pressed()
        elif member == "ShortcutsChanged" and message.body[0] == session:
            self._link.report(bound(portal.trigger_of(message.body[1])))


def _answer(conn: DBusConnection, call: Callable[[str], Message]) -> portal.Results:
    """Make a portal call that answers through a Request, and wait for the answer: the
    results of a Response with code 0, else PortalRefused. No time limit: the desktop
    may be asking the user."""
    token = portal.new_token()
    path = portal.request_path(conn.unique_name, token)
    rule = portal.response_rule(path)
    conn.bus_proxy.AddMatch(rule)
    with conn.filter(rule) as responses:
        (handle,) = unwrap_msg(conn.send_and_get_reply(call(token), timeout=_CALL_SECONDS))
        if handle != path:
            raise PortalRefused(f"the request came back at {handle}, not {path}")
        response = conn.recv_until_filtered(responses)
    conn.bus_proxy.RemoveMatch(rule)
    code, results = response.body
    if code != 0:
        raise PortalRefused(f"answer {code}")
    return results  # type: ignore[no-any-return]
