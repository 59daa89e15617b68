"""Settings › General › Running in the background: whether closing the window keeps
Rizhi running (for the tray icon and quick capture), and whether it starts at login.

Keeping it running is the window's own setting (ui.ini, `UiSettings.keep_in_background`:
it is about this desktop, whether a tray icon can bring the window back). Starting at
login is the XDG autostart entry itself (app/instance/autostart.py), so what the box
shows is what the desktop will do. Where the desktop shows no tray icon the group says
so, and how the window comes back without one.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QSystemTrayIcon, QVBoxLayout, QWidget

from app.instance import autostart
from app.ui.settings import UiSettings

WITH_TRAY = "The tray icon opens the window, quick capture, and quits."
WITHOUT_TRAY = (
    "This desktop shows no tray icon: `rizhi` or quick capture opens the window again, "
    "and File › Quit ends Rizhi."
)


class BackgroundValues(NamedTuple):
    keep_running: bool
    start_at_login: bool


class BackgroundGroup(QGroupBox):
    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__("Running in the background", parent)
        tray = QSystemTrayIcon.isSystemTrayAvailable()
        self._before = BackgroundValues(settings.keep_in_background(tray), autostart.is_enabled())
        self.keep_check = QCheckBox("&Keep Rizhi running when the window is closed")
        self.keep_check.setChecked(self._before.keep_running)
        self.keep_check.setToolTip("Quick capture and the tray icon stay available")
        self.login_check = QCheckBox("Start Rizhi at &login, in the background")
        self.login_check.setChecked(self._before.start_at_login)
        self.login_check.setToolTip(f"Writes {autostart.autostart_path()}")
        # Started at login, it is there for quick capture: closing its window should
        # not end it. Said by ticking the box, which stays the user's to untick.
        self.login_check.toggled.connect(self._login_toggled)
        self.hint = QLabel(WITH_TRAY if tray else WITHOUT_TRAY)
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("backgroundError")
        self.error.hide()
        layout = QVBoxLayout(self)
        for widget in (self.keep_check, self.login_check, self.hint, self.error):
            layout.addWidget(widget)

    def _login_toggled(self, on: bool) -> None:
        if on:
            self.keep_check.setChecked(True)

    def values(self) -> BackgroundValues:
        return BackgroundValues(self.keep_check.isChecked(), self.login_check.isChecked())

    def save(self, settings: UiSettings) -> bool | None:
        """Write what changed; True when something did, None (said in the group, nothing
        saved) when the autostart entry could not be written or removed."""
        values = self.values()
        if values.start_at_login != self._before.start_at_login:
            try:
                if values.start_at_login:
                    autostart.enable()
                else:
                    autostart.disable()
            except OSError as exc:
                self.error.setText(
                    f"Rizhi could not change {autostart.autostart_path()}: {exc.strerror}. "
                    "Nothing was saved."
                )
                self.error.show()
                return None
        if values.keep_running != self._before.keep_running:
            settings.set_keep_in_background(values.keep_running)
        changed = values != self._before
        self._before = values
        return changed
