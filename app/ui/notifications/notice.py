"""What a notification says and the one interface every way of showing it has.

A `Notice` is plain data, so the reminder machinery builds notices without knowing where
they appear: on the desktop's notification service, as the tray's message, or in a
banner inside the window. Whatever shows it reports what the user did through the
`Notifier`'s signals, on the GUI thread.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QObject, Signal

# Action ids. "default" is a click on the notification itself (Open, as the desktop's
# convention has it); the snooze ids carry their length for `domain.reminders.snooze_until`.
OPEN: Final = "default"
DONE: Final = "done"
SNOOZE_PREFIX: Final = "snooze:"
SNOOZE_CUSTOM: Final = "snooze:custom"


class Notice(NamedTuple):
    key: str  # stable per thing reminded of: a repeat replaces the earlier notification
    title: str
    body: str
    actions: tuple[tuple[str, str], ...] = ()  # (action id, label), in the order shown
    critical: bool = False  # stays until acted on


class Notifier(QObject):
    """Shows notices and reports what became of them. Subclasses do the showing."""

    action_invoked = Signal(str, str)  # notice key, action id
    dismissed = Signal(str)  # notice key: closed without an action (expired or by the user)

    def show(self, notice: Notice) -> bool:
        """Show `notice`, replacing one shown before under the same key; False when it
        could not be shown at all."""
        raise NotImplementedError

    def withdraw(self, key: str) -> None:
        """Take the notice under `key` away, if it is still shown."""
        raise NotImplementedError
