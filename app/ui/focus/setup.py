"""The focus timer in the running instance (the window's or the background one): the
tray's entry, the idle guard with its source and the screen-lock watch. Started after the
window's first frame (app/ui/launch.py), from the event loop so the tray exists by then;
stopped as the application quits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from app.ui.background import Instance
    from app.ui.focus.idle_guard import IdleGuard
    from app.ui.focus.lock import LockWatch
    from app.ui.focus.tray_entry import FocusTrayEntry
    from app.ui.ops import Operations


class FocusInstance(QObject):
    def __init__(self, instance: Instance, ops: Operations) -> None:
        super().__init__(instance)
        self.instance = instance
        self.ops = ops
        self.tray_entry: FocusTrayEntry | None = None
        self.guard: IdleGuard | None = None
        self.lock: LockWatch | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        from app.ui.focus.controller import focus_controller
        from app.ui.focus.idle import find_idle_source
        from app.ui.focus.idle_guard import IdleGuard
        from app.ui.focus.lock import watch_lock
        from app.ui.focus.tray_entry import FocusTrayEntry
        from app.ui.notifications.choose import session_bus_address

        controller = focus_controller(self.ops)
        controller.follow_others()  # the background instance has no window's feed
        tray = self.instance.tray
        if tray is not None:
            self.tray_entry = FocusTrayEntry(tray, tray.menu, controller)
        guard = IdleGuard(controller, find_idle_source())
        guard.returned.connect(lambda _stretch: self._ask(guard))
        self.guard = guard
        self.lock = watch_lock(session_bus_address(), guard.screen_locked)

    def _ask(self, guard: IdleGuard) -> None:
        from app.ui.focus.idle_dialog import ask_idle

        ask_idle(guard, self.instance.window)

    def stop(self) -> None:
        if self.lock is not None:
            self.lock.stop()
            self.lock = None
        if self.guard is not None and self.guard.source is not None:
            self.guard.source.close()


def start_focus(instance: Instance, ops: Operations) -> FocusInstance:
    """Made now, started from the event loop: in the background this is asked before
    the instance has its tray."""
    focus = FocusInstance(instance, ops)
    QTimer.singleShot(0, focus, focus.start)
    return focus
