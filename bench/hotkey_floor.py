"""The floor for the hotkey benchmark (bench/hotkey.py): a bare process holding the capture
hotkey with Rizhi's own X11 grab (`X11HotkeyBackend`) and showing a bare frameless window
with a line on each press, as the capture popup is shown; Esc hides it. It prints "ready"
once the key is held.

    DISPLAY=:1 QT_QPA_PLATFORM=xcb python bench/hotkey_floor.py "Ctrl+Alt+Space" TITLE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.ui.hotkeys.status import HotkeyState, HotkeyStatus
from app.ui.hotkeys.x11 import X11HotkeyBackend


def main() -> int:
    sequence, title = sys.argv[1], sys.argv[2]
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    flags = (Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
             | Qt.WindowType.WindowStaysOnTopHint)  # fmt: skip
    window = QWidget(None, flags)
    window.setWindowTitle(title)
    line = QLineEdit(window)
    QVBoxLayout(window).addWidget(line)
    QShortcut(QKeySequence(Qt.Key.Key_Escape), window, window.hide)

    def show() -> None:
        area = QGuiApplication.primaryScreen().availableGeometry()
        window.setGeometry(area.center().x() - 320, area.center().y() - 60, 640, 120)
        window.show()
        window.raise_()
        window.activateWindow()
        line.setFocus()

    def said(status: HotkeyStatus) -> None:
        if status.state is HotkeyState.ACTIVE:
            print("ready", flush=True)
        elif status.state is not HotkeyState.STARTING:
            print(f"not held: {status.text} ({status.detail})", flush=True)
            app.exit(1)

    backend = X11HotkeyBackend()
    backend.status_changed.connect(said)
    backend.start(sequence, show)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
