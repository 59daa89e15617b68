"""The pictures taken on a real X screen by the end-to-end tests (tests/e2e): they run
under Xvfb with RIZHI_E2E_SCREENSHOTS naming a temporary folder, and the pictures are
copied from there once the tests pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The end-to-end tests that take pictures on an X screen, and the pictures each takes.
X_SHOTS = {
    "tests/e2e/test_journal_import_e2e.py": ("import-journal.png", "log.png", "log-heatmap.png"),
    "tests/e2e/test_unit_review_e2e.py": ("unit-review.png",),
    "tests/e2e/test_recovery_e2e.py": ("recovery.png",),
    "tests/e2e/test_capture_popup_e2e.py": ("capture-popup.png",),
    "tests/e2e/test_hotkey_e2e.py": ("capture-popup-hotkey.png",),
}
X_TOOLS = ("Xvfb", "xdotool", "import")
SCREENSHOTS_ENV = "RIZHI_E2E_SCREENSHOTS"  # read by tests/e2e/conftest.py


def render_on_x(out: Path) -> list[Path]:
    """Run the end-to-end tests in X_SHOTS, their pictures going to a temporary folder,
    and copy those pictures to `out` once every test has passed."""
    missing = [tool for tool in X_TOOLS if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} missing: `make system-packages` (as root) installs them"
        )
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rizhi-x-shots-") as folder:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *X_SHOTS]
        result = subprocess.run(
            command, cwd=ROOT, env={**os.environ, SCREENSHOTS_ENV: folder}, check=False
        )
        if result.returncode != 0:
            raise RuntimeError("the end-to-end tests failed; no picture was copied")
        taken = [Path(folder) / name for names in X_SHOTS.values() for name in names]
        absent = [path.name for path in taken if not path.exists()]
        if absent:
            raise RuntimeError(f"the end-to-end tests took no {', '.join(absent)}")
        return [Path(shutil.copyfile(path, out / path.name)) for path in taken]
