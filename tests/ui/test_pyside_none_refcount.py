"""Guard against a PySide6 defect seen in 6.12.0: every empty QVariant returned to
Python (an index's data for an unset role, a combo box entry stored with None) dropped
one reference to None, and a long session aborted with 'deallocating None'."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QComboBox
app = QApplication(sys.argv)
combo = QComboBox()
combo.addItem("any", None)
before = sys.getrefcount(None)
for _ in range(20000):
    QModelIndex().data()
    combo.currentData()
print(sys.getrefcount(None) - before)
"""


def test_empty_variants_do_not_leak_references_to_none() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert int(result.stdout.strip().splitlines()[-1]) > -1000
