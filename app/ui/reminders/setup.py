"""Reminders in the running instance: the scheduler, its notices and the tray's entry.

The instance that owns the data folder runs the scheduler (app/ui/background.py): the
background one (`rizhi --background`, started at login) at once, a window's after its
first frame (app/ui/launch.py `when_ready`), so start-up pays nothing for it; it stops
as the application quits. Everything heavy
(APScheduler, the services) is imported when the scheduler starts.

Notices reach the user by app/ui/notifications (`make_notifier`): the desktop's
notification service where the session has one, else the tray's message and the
window's banner with the notice's actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction

from app.ui.notifications.choose import make_notifier

if TYPE_CHECKING:
    from app.ui.background import Instance
    from app.ui.main_window import MainWindow
    from app.ui.notifications.banner import BannerArea
    from app.ui.ops import Operations
    from app.ui.reminders.delivery import ReminderDelivery
    from app.ui.reminders.scheduler import ReminderScheduler


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
        notifier = make_notifier(instance.tray, self._banners, self)
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

    def _banners(self) -> BannerArea | None:
        window = self.instance.window
        return window.banners if window is not None else None

    def window(self) -> MainWindow:
        self.instance.show_window()
        window = self.instance.window
        assert window is not None
        return window

    def show_list(self) -> None:
        from app.ui.reminders.recent_dialog import open_recent_reminders

        open_recent_reminders(self.window())
