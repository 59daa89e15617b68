"""Which way a notice is shown, decided at the first notice, not at start-up.

`make_notifier` costs nothing when called: it looks for a session bus address only. The
desktop notifier connects (and asks the service's capabilities) on the first `show`, so
the window's first paint never waits on D-Bus. From then on every notice goes:

* to the desktop's notification service when it takes it, and nowhere else, even with
  the window in front: the desktop shows its notification over every window, ours too,
  and the same notice in the banner as well would have to be closed twice;
* to the desktop *and* the window's banner when the service shows no actions (the
  "actions" capability missing): the desktop says it, the banner holds its buttons;
* to the tray's message and the banner (fallback.py) when there is no session bus, no
  service on it, or a call fails (the next notice tries the desktop again, once).

A notice acted on in one place is withdrawn from the other, and a notice shown in both
places counts as dismissed only once both have let it go.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon

from app.ui.notifications.banner import BannerArea
from app.ui.notifications.fallback import TrayNotifier
from app.ui.notifications.notice import Notice, Notifier

if TYPE_CHECKING:
    from app.ui.notifications.freedesktop import DesktopNotifier

log = logging.getLogger(__name__)


def session_bus_address(environ: Mapping[str, str] = os.environ) -> str | None:
    """The session bus's address: the environment's, or the per-user socket systemd
    makes under XDG_RUNTIME_DIR; None when neither is there."""
    named = environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if named:
        return named
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime, "bus").is_socket():
        return f"unix:path={runtime}/bus"
    return None


def desktop_notifier(bus: str | None) -> DesktopNotifier | None:
    """The desktop notifier for `bus`, not connected; None without a bus or jeepney
    (a Linux-only dependency)."""
    if bus is None:
        return None
    try:
        from app.ui.notifications.freedesktop import DesktopNotifier
    except ImportError as exc:
        log.info("notifications: jeepney cannot be imported (%s): the tray and banner", exc)
        return None
    return DesktopNotifier(bus)


def make_notifier(
    tray: QSystemTrayIcon | None,
    banners: Callable[[], BannerArea | None],
    parent: QObject | None = None,
    *,
    environ: Mapping[str, str] = os.environ,
) -> NoticeRouter:
    """The notifier the app uses: the desktop's service where the session has one, else
    `tray`'s message and the banner `banners` returns (None until the window exists)."""
    desktop = desktop_notifier(session_bus_address(environ))
    return NoticeRouter(desktop, TrayNotifier(tray, banners), parent)


class NoticeRouter(Notifier):
    """Sends each notice where the module's docstring says and merges what comes back."""

    def __init__(
        self, desktop: DesktopNotifier | None, fallback: TrayNotifier, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self.desktop = desktop
        self.fallback = fallback
        for notifier in (desktop, fallback):
            if notifier is not None:
                notifier.setParent(self)
                notifier.action_invoked.connect(partial(self._on_action, notifier))
                notifier.dismissed.connect(partial(self._on_dismissed, notifier))
        self._places: dict[str, set[Notifier]] = {}  # key -> where the notice is shown
        self._via = ""

    @property
    def via(self) -> str:
        """Where the last notice went: "desktop", "desktop+banner", "fallback" or ""."""
        return self._via

    def show(self, notice: Notice) -> bool:
        self._places.pop(notice.key, None)
        places: set[Notifier] = set()
        if self.desktop is not None and self.desktop.show(notice):
            places.add(self.desktop)
            self._via = "desktop"
            offer_here = not self.desktop.has_actions and bool(notice.actions)
            if offer_here and self.fallback.show_in_window(notice):
                places.add(self.fallback)
                self._via = "desktop+banner"
        elif self.fallback.show(notice):
            places.add(self.fallback)
            self._via = "fallback"
        else:
            self._via = ""
        if places:
            self._places[notice.key] = places
        return bool(places)

    def withdraw(self, key: str) -> None:
        for notifier in self._places.pop(key, ()):
            notifier.withdraw(key)

    def _on_action(self, source: Notifier, key: str, action_id: str) -> None:
        for notifier in self._places.pop(key, set()) - {source}:
            notifier.withdraw(key)
        self.action_invoked.emit(key, action_id)

    def _on_dismissed(self, source: Notifier, key: str) -> None:
        places = self._places.get(key)
        if places is None:
            return
        places.discard(source)
        if not places:
            del self._places[key]
            self.dismissed.emit(key)
