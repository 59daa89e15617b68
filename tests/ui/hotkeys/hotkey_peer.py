"""A process that runs on Qt's platform as a user's would and holds the capture hotkey
through `start_capture_hotkey`, for tests: it prints each status as a line of JSON and
"pressed" at each press, and quits on the second press.

Usage: python hotkey_peer.py UI_INI
"""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QGuiApplication

from app.ui.hotkeys.choose import start_capture_hotkey
from app.ui.hotkeys.status import HotkeyStatus
from app.ui.settings import UiSettings


def main() -> None:
    app = QGuiApplication(sys.argv[:1])
    presses = 0

    def pressed() -> None:
        nonlocal presses
        presses += 1
        print("pressed", flush=True)
        if presses == 2:
            app.quit()

    def said(status: HotkeyStatus) -> None:
        print(json.dumps({"platform": app.platformName(), "state": status.state.value,
                          "text": status.text}), flush=True)  # fmt: skip

    backend = start_capture_hotkey(UiSettings(sys.argv[1]), pressed)
    backend.status_changed.connect(said)
    said(backend.status)
    app.exec()


if __name__ == "__main__":
    main()
