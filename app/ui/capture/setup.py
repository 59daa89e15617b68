"""Building the capture popup for a running Rizhi: the one function the instance calls.

    popup = build_capture_popup(ops, data_dir())
    popup.open_popup()            # the hotkey, the tray's Quick capture, `rizhi capture`
    popup.saved.connect(...)      # "Saved to backlog: …" for a status bar or the tray

Build it once and keep it: it keeps the draft and the recall between opens, and the
second open costs only showing it.
"""

from __future__ import annotations

import os

from app.ui.capture.memory import FILE_NAME, CaptureMemory
from app.ui.capture.popup import CapturePopup
from app.ui.ops import Operations


def build_capture_popup(ops: Operations, data_folder: str | None) -> CapturePopup:
    """The capture popup, hidden, saving through `ops`.

    * `ops`: the window's `Operations` when a window exists, so that a capture is a step
      of its Edit › Undo and its views hear of it at once; otherwise one `Operations` on
      the instance's `Store`, to hand to the window when it is made. (Two `Operations` on
      one connection would both record its rows for undo.)
    * `data_folder`: where `capture.json` (the draft and the recent lines) is kept; None
      keeps them for the process only.

    The popup draws from the application's palette and style sheet: apply the user's
    theme first (`ThemeController`), as the window does.
    """
    path = os.path.join(data_folder, FILE_NAME) if data_folder is not None else None
    return CapturePopup(ops, CaptureMemory(path))
