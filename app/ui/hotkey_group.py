"""Settings › General › Quick capture hotkey: the key that opens quick capture from any
window, and what the desktop made of it.

The key is the window's own setting (ui.ini, `UiSettings.capture_hotkey`). Below the key
the group shows the running backend's status as it changes ("Ctrl+Alt+Space via X11",
taken by another program, or not available here); where no global key can work it
offers the command to bind in the desktop's keyboard settings, with Copy.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.hotkeys.choose import CaptureHotkey
from app.ui.hotkeys.keys import chord_of
from app.ui.hotkeys.status import FALLBACK_COMMAND, HotkeyStatus
from app.ui.settings import UiSettings

NOT_RUNNING = "Takes effect when Rizhi starts next."

_PORTABLE = QKeySequence.SequenceFormat.PortableText
_NATIVE = QKeySequence.SequenceFormat.NativeText


class HotkeyGroup(QGroupBox):
    def __init__(
        self, settings: UiSettings, hotkey: CaptureHotkey | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Quick capture hotkey", parent)
        self._hotkey = hotkey
        self._before = settings.capture_hotkey
        self.edit = QKeySequenceEdit(QKeySequence.fromString(self._before, _PORTABLE))
        self.edit.setMaximumSequenceLength(1)
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip("Press the combination; clear it to have no hotkey")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.copy_button = QPushButton(f"&Copy “{FALLBACK_COMMAND}”")
        self.copy_button.clicked.connect(self._copy_command)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("hotkeyError")
        self.error.hide()
        label = QLabel("&Key:")
        label.setBuddy(self.edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        if hotkey is None:
            self._show_status(None)
        else:
            self._show_status(hotkey.backend.status)
            hotkey.backend.status_changed.connect(self._show_status)

    def sequence(self) -> str:
        return self.edit.keySequence().toString(_PORTABLE)

    def check(self) -> bool:
        """Whether the key can be a global hotkey; when not, says why under it."""
        try:
            chord_of(self.sequence())
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        return True

    def save(self, settings: UiSettings) -> bool:
        """Keep the key (checked first with `check`) and move the running hotkey to it;
        True when it changed."""
        chord = chord_of(self.sequence())
        portable = chord.portable if chord is not None else ""
        if portable == self._before:
            return False
        settings.set_capture_hotkey(portable)
        self._before = portable
        if self._hotkey is not None:
            self._hotkey.rebind(portable)
        return True

    def _show_status(self, status: HotkeyStatus | None) -> None:
        if status is None:
            self.status.setText(NOT_RUNNING)
            self.status.setToolTip("")
            self.copy_button.setVisible(False)
            return
        self.status.setText(status.text[:1].upper() + status.text[1:])
        self.status.setToolTip(status.detail)
        self.copy_button.setVisible(status.needs_command)

    def _copy_command(self) -> None:
        QGuiApplication.clipboard().setText(FALLBACK_COMMAND)
        self.copy_button.setText("Copied")
