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

import importlib
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction

from app.ui.notifications.choose import make_notifier

if TYPE_CHECKING:
    from app.ui.background import Instance
    from app.ui.main_window import MainWindow
    from app.ui.notifications.banner import BannerArea
    from app.ui.notifications.notice import Notifier
    from app.ui.ops import Operations
    from app.ui.reminders.delivery import ReminderDelivery
    from app.ui.reminders.scheduler import ReminderScheduler


log = logging.getLogger(__name__)

# What `Reminders._begin` imports: loaded on a thread of their own first.
_MODULES = (
    "app.ui.reminders.actions",
    "app.ui.reminders.delivery",
    "app.ui.reminders.scheduler",
    "app.ui.reminders.resume",
    "app.ui.focus.notices",
)


class _Loaded(QObject):
    done = Signal()  # emitted on the loading thread, received on the GUI thread


class Reminders(QObject):
    """The instance's reminder machinery, made when the scheduler starts."""

    def __init__(self, instance: Instance, ops: Operations) -> None:
        super().__init__(instance)
        self.instance = instance
        self.ops = ops
        self.scheduler: ReminderScheduler | None = None
        self.delivery: ReminderDelivery | None = None
        self._loading = False
        self._since = ops.clock()  # began to run: what fell due before was missed
        app = QCoreApplication.instance()
        if app is not None:  # stopped before the instance closes the store
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        """Load the machinery's modules off the GUI thread, then begin from the event loop
        (the instance has its store and tray by then; in the background this is asked
        before `Instance.start`). APScheduler and the services are about 100 ms of
        imports: on the GUI thread they would hold up the window just after its first
        frame, as the user starts to use it."""
        if self._loading:
            return
        self._loading = True
        loaded = _Loaded(self)
        loaded.done.connect(self._begin, Qt.ConnectionType.QueuedConnection)

        def load() -> None:
            try:
                for name in _MODULES:
                    importlib.import_module(name)
            except Exception:  # the begin imports again and reports it where it shows
                log.exception("the reminder modules could not be loaded")
            loaded.done.emit()

        threading.Thread(target=load, name="rizhi-reminders-load", daemon=True).start()

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
        scheduler = ReminderScheduler(
            store.path, store.backups, clock=self.ops.clock, since=self._since, parent=self
        )
        delivery = ReminderDelivery(
            notifier, actions, owner=scheduler.owner, show_list=self.show_list, parent=self
        )
        scheduler.fired.connect(delivery.deliver)
        scheduler.missed.connect(delivery.deliver_missed)
        scheduler.builtin.connect(delivery.builtin)
        self._focus_notices(notifier, scheduler)
        self.scheduler, self.delivery = scheduler, delivery
        scheduler.start()

    def _focus_notices(self, notifier: Notifier, scheduler: ReminderScheduler) -> None:
        """The focus timer's Pomodoro phase ends, told through the same notifier."""
        from app.ui.focus.controller import focus_controller
        from app.ui.focus.notices import FocusNotices

        notices = FocusNotices(notifier, focus_controller(self.ops), self)
        scheduler.focus_ended.connect(notices.deliver)

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
