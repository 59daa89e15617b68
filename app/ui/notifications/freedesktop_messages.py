"""The D-Bus messages of the desktop's notification service, built with jeepney.

`org.freedesktop.Notifications` (the Desktop Notifications Specification) takes
`Notify(susssasa{sv}i)` and answers the notification's id, a `u`. Daemons check the
signature: `replaces_id` must go out as `u`, which jeepney writes as given here (PySide6's
QtDBus sends Python ints as `i`, and dunst refuses the call).
"""

from __future__ import annotations

from enum import IntEnum
from html import escape
from typing import Any, Final

from jeepney import DBusAddress, MatchRule, Message, new_method_call

from app.ui.notifications.notice import Notice

NAME: Final = "org.freedesktop.Notifications"
SERVICE: Final = DBusAddress("/org/freedesktop/Notifications", bus_name=NAME, interface=NAME)
NOTIFY_SIGNATURE: Final = "susssasa{sv}i"

APP_NAME: Final = "Rizhi"
# The basename of the installed desktop entry (packaging/rizhi.desktop) and its icon: the
# desktop groups our notifications under the app and shows its icon.
DESKTOP_ENTRY: Final = "rizhi"
APP_ICON: Final = "rizhi"
# The specification's categories name system events ("email.arrived"); anything else is
# written "x-vendor.class".
CATEGORY: Final = "x-rizhi.reminder"

URGENCY_NORMAL: Final = 1
URGENCY_CRITICAL: Final = 2
EXPIRE_DEFAULT: Final = -1  # the daemon's own timeout
EXPIRE_NEVER: Final = 0


class Closed(IntEnum):
    """Why NotificationClosed says a notification went."""

    EXPIRED = 1
    DISMISSED = 2  # by the user
    CLOSED_BY_CALL = 3  # CloseNotification
    UNDEFINED = 4


class Capabilities:
    """What GetCapabilities answered, as the questions the notifier asks."""

    def __init__(self, names: list[str] | tuple[str, ...]) -> None:
        self.names = frozenset(names)

    @property
    def actions(self) -> bool:
        return "actions" in self.names

    @property
    def body(self) -> bool:
        return "body" in self.names

    @property
    def markup(self) -> bool:
        return "body-markup" in self.names


def get_capabilities() -> Message:
    return new_method_call(SERVICE, "GetCapabilities")


def notify(notice: Notice, replaces_id: int, capabilities: Capabilities) -> Message:
    """Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, timeout).

    Actions go as one flat list of id, label, id, label; without the "actions"
    capability none are sent (the caller offers them elsewhere). A daemon without "body"
    shows the summary only, so the body joins it there.
    """
    summary, body = notice.title, notice.body
    if not capabilities.body and body:
        summary, body = f"{summary}: {body}", ""
    if capabilities.markup:
        body = escape(body, quote=False)  # a "<" or "&" in a title would break the markup
    actions = [part for pair in notice.actions for part in pair] if capabilities.actions else []
    hints: dict[str, tuple[str, Any]] = {
        "urgency": ("y", URGENCY_CRITICAL if notice.critical else URGENCY_NORMAL),
        "desktop-entry": ("s", DESKTOP_ENTRY),
        "category": ("s", CATEGORY),
    }
    timeout = EXPIRE_NEVER if notice.critical else EXPIRE_DEFAULT
    body_args = (APP_NAME, replaces_id, APP_ICON, summary, body, actions, hints, timeout)
    return new_method_call(SERVICE, "Notify", NOTIFY_SIGNATURE, body_args)


def close_notification(notification_id: int) -> Message:
    return new_method_call(SERVICE, "CloseNotification", "u", (notification_id,))


def service_signals_rule() -> MatchRule:
    """ActionInvoked and NotificationClosed. Some daemons (dunst) send them to the
    notification's sender only, others to everyone; the rule covers the second kind."""
    return MatchRule(type="signal", interface=NAME, path=SERVICE.object_path)


def owner_changed_rule() -> MatchRule:
    """The bus's word that the service's name changed hands: the daemon went or came."""
    rule = MatchRule(
        type="signal",
        sender="org.freedesktop.DBus",
        interface="org.freedesktop.DBus",
        member="NameOwnerChanged",
        path="/org/freedesktop/DBus",
    )
    rule.add_arg_condition(0, NAME)
    return rule
