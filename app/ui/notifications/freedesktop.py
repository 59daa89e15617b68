"""Notices on the desktop's notification service, `org.freedesktop.Notifications`.

The notifier connects on its first use (`available` or `show`), not at start-up: it
asks the service's capabilities then, and keeps one connection whose receiving thread
(bus_link.py) hears ActionInvoked and NotificationClosed. Notification ids are mapped
back to notice keys on the GUI thread only: the signals cross to it queued, after the
`show` that recorded the id has returned, so an action on a fresh notification always
finds its key.

Nothing here raises into the GUI. A connection that cannot be made, a call that fails
or a daemon that leaves the bus (NameOwnerChanged) is logged, `show` answers False, and
the next `show` connects again, once. The ids of a daemon that went mean nothing to the
next one, so they are forgotten with the connection.

A notice shown again under a key names the id its key had as `replaces_id`, also once
that notification has closed: a reminder snoozed from its notification comes back when
the snooze ends, and the desktop shows it as the same notification again (dunst keeps
the id), not as another one.
"""

from __future__ import annotations

import logging
from typing import Final

from jeepney import HeaderFields, Message
from jeepney.bus_messages import message_bus
from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.ui.notifications import freedesktop_messages as fdn
from app.ui.notifications.bus_link import CALL_ERRORS, OPEN_ERRORS, BusLink
from app.ui.notifications.notice import Notice, Notifier

log = logging.getLogger(__name__)

CALL_SECONDS: Final = 3.0  # the daemon may be started by D-Bus activation on first use
DISMISSALS: Final = frozenset({fdn.Closed.EXPIRED, fdn.Closed.DISMISSED})


class DesktopNotifier(Notifier):
    """Shows notices through the notification service on `bus` ("SESSION" or a D-Bus
    address)."""

    # From the link's thread, queued to the GUI thread; tagged with the connection they
    # came on, so that nothing a closed connection still had queued is taken for news
    # from the next one (a restarted daemon counts its ids from 1 again).
    _received = Signal(int, object)  # connection, a signal Message
    _lost = Signal(int, str)  # connection, why it broke

    def __init__(self, bus: str = "SESSION", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._link: BusLink | None = None
        self._connection = 0  # numbers the connections made
        self._capabilities = fdn.Capabilities(())
        # Notice key -> the id of the latest notification shown for it, kept after it
        # closes: the replaces_id of the key's next notice.
        self._ids: dict[str, int] = {}
        self._keys: dict[int, str] = {}  # the ids still shown -> their keys
        self._acted: set[int] = set()  # ids whose action came: their closing is no dismissal
        self._received.connect(self._on_signal)
        self._lost.connect(self._on_lost)
        app = QCoreApplication.instance()
        if app is not None:
            # The receiving thread must not outlive the object it reports to.
            app.aboutToQuit.connect(self.close)

    @property
    def has_actions(self) -> bool:
        """Whether the service shows actions (known once connected): without them the
        caller offers the actions elsewhere."""
        return self._capabilities.actions

    @property
    def capabilities(self) -> frozenset[str]:
        return self._capabilities.names

    def available(self) -> bool:
        """Connected to a service that answers, connecting now if need be."""
        return self._connect()

    def show(self, notice: Notice) -> bool:
        if not self._connect():
            return False
        assert self._link is not None
        earlier = self._ids.get(notice.key, 0)
        message = fdn.notify(notice, earlier, self._capabilities)
        try:
            (notification_id,) = self._link.call(message, CALL_SECONDS)
        except CALL_ERRORS as exc:
            log.warning("notifications: Notify failed: %s", exc)
            self._disconnect()
            return False
        if earlier and earlier != notification_id:
            self._forget(earlier)  # it had gone already: the daemon made a new one
        self._ids[notice.key] = notification_id
        self._keys[notification_id] = notice.key
        self._acted.discard(notification_id)
        return True

    def withdraw(self, key: str) -> None:
        notification_id, link = self._ids.get(key), self._link
        if notification_id is None or link is None or self._keys.get(notification_id) != key:
            return  # never shown, or closed already
        self._forget(notification_id)  # so its NotificationClosed is not a dismissal
        link.send(fdn.close_notification(notification_id))

    def close(self) -> None:
        """Let go of the connection (at quit); shown notifications stay on the desktop."""
        self._disconnect()

    # --- the connection -------------------------------------------------------------

    def _connect(self) -> bool:
        if self._link is not None:
            return True
        self._connection += 1
        number = self._connection
        try:
            link = BusLink.open(
                self._bus,
                lambda message: self._received.emit(number, message),
                lambda reason: self._lost.emit(number, reason),
                CALL_SECONDS,
            )
        except OPEN_ERRORS as exc:
            log.info("notifications: no session bus at %s: %s", self._bus, exc)
            return False
        try:
            for rule in (fdn.service_signals_rule(), fdn.owner_changed_rule()):
                link.call(message_bus.AddMatch(rule), CALL_SECONDS)
            (names,) = link.call(fdn.get_capabilities(), CALL_SECONDS)
        except CALL_ERRORS as exc:
            log.info("notifications: no notification service on the session bus: %s", exc)
            link.close()
            return False
        self._link = link
        self._capabilities = fdn.Capabilities(names)
        log.info("notifications: the desktop's service, capabilities %s", sorted(names))
        return True

    def _disconnect(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.close()
        self._ids.clear()
        self._keys.clear()
        self._acted.clear()

    def _on_lost(self, connection: int, reason: str) -> None:
        if connection == self._connection and self._link is not None:
            log.warning("notifications: the session bus connection broke: %s", reason)
            self._disconnect()

    # --- what the daemon says, on the GUI thread ------------------------------------

    def _on_signal(self, connection: int, message: Message) -> None:
        if connection != self._connection or self._link is None:
            return
        member = message.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notification_id, action_id = message.body
            key = self._keys.get(notification_id)
            if key is not None:
                self._acted.add(notification_id)
                # The specification leaves closing to the client after an action, and
                # some daemons keep the notification up.
                self._link.send(fdn.close_notification(notification_id))
                self.action_invoked.emit(key, action_id)
        elif member == "NotificationClosed":
            notification_id, reason = message.body
            key = self._keys.get(notification_id)
            acted = notification_id in self._acted
            self._forget(notification_id)
            if key is not None and not acted and reason in DISMISSALS:
                self.dismissed.emit(key)
        elif member == "NameOwnerChanged":
            _name, _old, new_owner = message.body
            if not new_owner:
                log.warning("notifications: the notification service left the bus")
                self._disconnect()  # the next show connects again and asks its successor

    def _forget(self, notification_id: int) -> None:
        """The notification is no longer shown: its signals mean nothing from now on.
        Its key keeps the id for its next notice (`_ids`)."""
        self._keys.pop(notification_id, None)
        self._acted.discard(notification_id)
