"""The tray icon: a click brings the window back; its menu shows the window, adds an item
or quits (the same actions as the menus, so they keep the user's shortcuts)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from app.ui.actions import ActionRegistry


def build_tray(
    window: QMainWindow, registry: ActionRegistry, bring_to_front: Callable[[], None]
) -> QSystemTrayIcon | None:
    """The window's tray icon, shown; None where the desktop has no tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(window.windowIcon(), window)
    menu = QMenu(window)
    menu.addAction("Show Rizhi", bring_to_front)
    menu.addAction(registry.action("file.new"))
    menu.addSeparator()
    menu.addAction(registry.action("file.quit"))
    tray.setContextMenu(menu)
    tray.setToolTip("Rizhi")
    tray.activated.connect(
        lambda reason: (
            bring_to_front() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
        )
    )
    tray.show()
    return tray
