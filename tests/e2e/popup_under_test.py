"""The capture popup in a process of its own, as a Rizhi running in the background shows
it: no main window, the popup built by `build_capture_popup` on the data folder's store.

    RIZHI_HOME=/tmp/x RIZHI_E2E_REPORT=/tmp/x/popup.json python tests/e2e/popup_under_test.py

A stand-in for the instance that will own the popup: where the instance opens it on a
request (the hotkey, `rizhi capture`), this process opens it when the test writes the
file `<report>.open`, and removes the file. Every 50 ms it writes what a test waits on:
whether the popup is shown, active and has the keyboard in its line, its X window and
rectangle, the line's text and chips, the error under it, and the toast.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.config.paths import backups_dir, data_dir, database_path
from app.store.db import Store
from app.ui.capture.popup import CapturePopup
from app.ui.capture.setup import build_capture_popup
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.theme import ThemeController

INTERVAL_MS = 50


def rect_of(widget: QWidget) -> list[int]:
    return list(widget.frameGeometry().getRect())


class Reporter(QObject):
    def __init__(self, path: str, popup: CapturePopup) -> None:
        super().__init__(popup)
        self.path = path
        self.popup = popup
        self.saved: list[str] = []
        popup.saved.connect(self.saved.append)
        self._last = ""
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        request = self.path + ".open"
        if os.path.exists(request):
            os.remove(request)
            self.popup.open_popup()
        text = json.dumps(self.describe(), sort_keys=True)
        if text != self._last:
            self._last = text
            temporary = self.path + ".tmp"
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, self.path)

    def describe(self) -> dict[str, Any]:
        popup, toast = self.popup, self.popup.toast
        focus = QApplication.focusWidget()
        return {
            "pid": os.getpid(),
            "popup": {
                "visible": popup.isVisible(),
                "active": popup.isActiveWindow(),
                "focus": focus is popup.line.edit,
                "window_id": int(popup.winId()),
                "rect": rect_of(popup),
                "text": popup.line.edit.text(),
                "chips": popup.line.chips.chips,
                "error": popup.error.text() if popup.error.isVisible() else "",
            },
            "toast": {
                "visible": toast.isVisible(),
                "text": toast.message.text(),
                "rect": rect_of(toast),
            },
            "saved": self.saved,
        }


def main() -> int:
    report = os.environ["RIZHI_E2E_REPORT"]
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)  # a background instance outlives its windows
    ThemeController(app, UiSettings(os.path.join(data_dir(), "ui.ini")).theme, parent=app)
    store = Store.open(database_path(), backups_dir())
    popup = build_capture_popup(Operations(store, parent=app), data_dir())
    Reporter(report, popup)
    code = int(app.exec())
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
