"""The write path is loaded on a thread once the window shows."""

from __future__ import annotations

import subprocess
import sys


def test_warm_up_loads_the_write_path_off_the_calling_thread() -> None:
    # A fresh interpreter: this test process has imported everything already.
    code = (
        "import sys, threading\n"
        "from app.ui.warm_up import WRITE_PATH, warm_up\n"
        "assert not any(m in sys.modules for m in WRITE_PATH[1:])\n"
        "thread = warm_up()\n"
        "assert thread is not threading.current_thread()\n"
        "thread.join(60)\n"
        "missing = [m for m in WRITE_PATH if m not in sys.modules]\n"
        "print(missing)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stderr
