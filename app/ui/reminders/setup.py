"""Reminders in the running instance: the scheduler, its notices and the tray's entry.

The instance that owns the data folder runs the scheduler (app/ui/background.py): the
background one (`rizhi --background`, started at login) at once, a window's after its
first frame (app/ui/launch.py `when_ready`), so start-up pays nothing for it; it stops
as the application quits. Everything heavy
(APScheduler, the services) is imported when the scheduler starts.

How notices reach the user is `_notifier_for`, the one seam for it: the tray icon's
message where there is a tray, else the window's status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction

from app.ui.notifications.notice import OPEN, Notice, Notifier

if TYPE_CHECKING:
    from app.ui.background import Instance
    from app.ui.main_window import MainWindow
    from app.ui.ops import Operations
    from app.ui.reminders.delivery import ReminderDelivery
    from app.ui.reminders.scheduler import ReminderScheduler
    from app.ui.tray import Tray


class TrayNotifier(Notifier):
    """The tray icon's message. It has no buttons: a click on it is Open."""

    def __init__(self, tray: Tray) -> None:
        super().__init__(tray)
        self._tray = tray
        self._last = ""
        tray.messageClicked.connect(self._clicked)

    def show(self, notice: Notice) -> bool:
        self._last = notice.key
        self._tray.showMessage(notice.title, notice.body)
        return True

    def withdraw(self, key: str) -> None:
        pass  # a tray message goes by itself

    def _clicked(self) -> None:
        if self._last:
            self.action_invoked.emit(self._last, OPEN)


class StatusNotifier(Notifier):
    """Without a tray: a sentence in the window's status bar, or kept for when it opens
    (`Instance.show_status`). No actions; the list of reminders has them."""

    def __init__(self, say: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._say = say

    def show(self, notice: Notice) -> bool:
        self._say(f"{notice.title}: {notice.body.splitlines()[0] if notice.body else ''}")
        return True

    def withdraw(self, key: str) -> None:
        pass


def _notifier_for(window: Callable[[], MainWindow | None], tray: Tray | None) -> Notifier:
    """How notices are shown: the tray's message, else the window's status bar."""
    if tray is not None:
        return TrayNotifier(tray)

    def say(message: str) -> None:
        shown = window()
        if shown is not None:
            shown.show_status(message)

    return StatusNotifier(say)


class Reminders(QObject):
    """The instance's reminder machinery, made when the scheduler starts."""

    def __init__(self, instance: Instance, ops: Operations) -> None:
        super().__init__(instance)
        self.instance = instance
        self.ops = ops
        self.scheduler: ReminderScheduler | None = None
        self.delivery: ReminderDelivery | None = None
        app = QCoreApplication.instance()
        if app is not None:  # stopped before the instance closes the store
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        """Start from the event loop: the instance has its store and tray by then (in the
        background this is asked before `Instance.start`)."""
        QTimer.singleShot(0, self, self._begin)

    def _begin(self) -> None:
        from app.ui.reminders.actions import ReminderActions
        from app.ui.reminders.delivery import ReminderDelivery
        from app.ui.reminders.scheduler import ReminderScheduler

        if self.scheduler is not None:
            return
        instance, store = self.instance, self.ops.store
        self._add_to_tray()
        actions = ReminderActions(self.ops, self.window, lambda: instance.window, self)
        notifier = _notifier_for(lambda: instance.window, instance.tray)
        scheduler = ReminderScheduler(store.path, store.backups, clock=self.ops.clock, parent=self)
        delivery = ReminderDelivery(
            notifier, actions, owner=scheduler.owner, show_list=self.show_list, parent=self
        )
        scheduler.fired.connect(delivery.deliver)
        scheduler.missed.connect(delivery.deliver_missed)
        scheduler.builtin.connect(delivery.builtin)
        self.scheduler, self.delivery = scheduler, delivery
        scheduler.start()

    def _add_to_tray(self) -> None:
        tray = self.instance.tray
        if tray is not None:
            entry = QAction("Reminders…", tray.menu)
            entry.triggered.connect(self.show_list)
            separator = [a for a in tray.menu.actions() if a.isSeparator()]
            tray.menu.insertAction(separator[0] if separator else None, entry)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()

    def window(self) -> MainWindow:
        self.instance.show_window()
        window = self.instance.window
        assert window is not None
        return window

    def show_list(self) -> None:
        from app.ui.reminders.recent_dialog import open_recent_reminders

        open_recent_reminders(self.window())
