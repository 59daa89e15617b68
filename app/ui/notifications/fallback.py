"""Notices without the desktop's notification service: the tray's message and the banner.

`QSystemTrayIcon.showMessage` gets the user's attention outside the window but has no
actions: a click on it is Open, the notice's default action. The actions are in the
window's banner (banner.py), which holds the notice until the user acts on it or closes
it. The tray message is left out while the window is the active one: the banner is then
in front of the user already, and a bubble would say the same thing twice.

The banner belongs to the window, which may not exist yet (Rizhi in the background), so
it is asked for at each show; a notice shown before the window exists is in the tray
only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon

from app.ui.notifications.banner import BannerArea
from app.ui.notifications.notice import OPEN, Notice, Notifier

MESSAGE_MS: Final = 10_000
CRITICAL_MESSAGE_MS: Final = 60_000  # as long as desktops let a tray message stay


class TrayNotifier(Notifier):
    """Shows notices as `tray`'s message (None: no tray) and in the banner `banners`
    returns (None: no window yet)."""

    has_actions = True  # the banner offers them

    def __init__(
        self,
        tray: QSystemTrayIcon | None,
        banners: Callable[[], BannerArea | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._banners = banners
        self._area: BannerArea | None = None
        self._message_key: str | None = None  # the notice the tray's message is about
        if tray is not None:
            tray.messageClicked.connect(self._on_message_clicked)

    def show(self, notice: Notice) -> bool:
        in_window = self.show_in_window(notice)
        area = self._area if in_window else None
        if area is not None and area.window().isActiveWindow():
            return True
        return self._show_message(notice) or in_window

    def show_in_window(self, notice: Notice) -> bool:
        """The banner only: for a desktop service that shows the notice without its
        actions. False when there is no window."""
        area = self._follow()
        if area is None:
            return False
        area.add(notice)
        return True

    def withdraw(self, key: str) -> None:
        area = self._follow()
        if area is not None:
            area.remove(key)
        if self._message_key == key:
            # Qt cannot take a tray message back; a click on it no longer opens anything.
            self._message_key = None

    def _show_message(self, notice: Notice) -> bool:
        tray = self._tray
        if tray is None or not tray.isVisible() or not QSystemTrayIcon.supportsMessages():
            return False
        icon = (
            QSystemTrayIcon.MessageIcon.Critical
            if notice.critical
            else QSystemTrayIcon.MessageIcon.Information
        )
        duration = CRITICAL_MESSAGE_MS if notice.critical else MESSAGE_MS
        tray.showMessage(notice.title, notice.body, icon, duration)
        self._message_key = notice.key
        return True

    def _follow(self) -> BannerArea | None:
        """The window's banner, its signals followed once per banner."""
        area = self._banners()
        if area is not None and area is not self._area:
            area.action_invoked.connect(self._on_banner_action)
            area.dismissed.connect(self.dismissed)
            self._area = area
        return area

    def _on_banner_action(self, key: str, action_id: str) -> None:
        if self._message_key == key:
            self._message_key = None
        self.action_invoked.emit(key, action_id)

    def _on_message_clicked(self) -> None:
        key, self._message_key = self._message_key, None
        if key is None:
            return
        if self._area is not None:
            self._area.remove(key)
        self.action_invoked.emit(key, OPEN)
