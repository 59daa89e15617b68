"""The tray icon of the running instance: a click brings the window forward (building it
when Rizhi runs in the background); its menu shows the window, opens quick capture or
quits. It belongs to the instance (app/ui/background.py), not the window, so it is there
before any window is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class Tray(QSystemTrayIcon):
    def __init__(
        self,
        icon: QIcon,
        *,
        show: Callable[[], None],
        capture: Callable[[], None],
        quit: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(icon, parent)
        # The tray does not own its menu; this keeps it alive as long as the icon.
        self.menu = QMenu()
        self.menu.addAction("Show Rizhi", show)
        self.menu.addAction("Quick capture", capture)
        self.menu.addSeparator()
        self.menu.addAction("Quit Rizhi", quit)
        self.setContextMenu(self.menu)
        self.setToolTip("Rizhi")
        self.activated.connect(
            lambda reason: show() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
        )


def build_tray(
    icon: QIcon,
    *,
    show: Callable[[], None],
    capture: Callable[[], None],
    quit: Callable[[], None],
    parent: QObject | None = None,
) -> Tray | None:
    """The tray icon, shown; None where the desktop has no tray (vanilla GNOME without
    the AppIndicator extension, most tiling window managers)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = Tray(icon, show=show, capture=capture, quit=quit, parent=parent)
    tray.show()
    return tray
