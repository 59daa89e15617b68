"""`python -m app`, with a minimal stand-in for the quick-capture popup.

    RIZHI_TEST_CAPTURES=/tmp/x/captures python tests/instance/stand_in_app.py [--background]

The app starts exactly as `python -m app` starts it (run with `runpy`); the only addition
is the capture handler the popup would be wired in as (`Instance.set_capture_handler`):
here it appends a line to the file RIZHI_TEST_CAPTURES names, which a test waits for.
"""

from __future__ import annotations

import os
import runpy
from typing import Any

from app.ui import background

CAPTURES_ENV = "RIZHI_TEST_CAPTURES"


def stand_in_popup() -> None:
    with open(os.environ[CAPTURES_ENV], "a", encoding="utf-8") as captures:
        captures.write(f"capture {os.getpid()}\n")


original_start = background.Instance.start


def start(self: background.Instance, *args: Any, **kwargs: Any) -> None:
    original_start(self, *args, **kwargs)
    self.set_capture_handler(stand_in_popup)


if __name__ == "__main__":
    background.Instance.start = start  # type: ignore[method-assign]
    runpy.run_module("app", run_name="__main__", alter_sys=True)
