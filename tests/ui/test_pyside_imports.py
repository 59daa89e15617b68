"""Rizhi's modules are entered in PySide's feature table before they load, with the
value PySide would find itself, so it does not read their sources at import."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
from app.ui.pyside_imports import declare_own_modules
assert declare_own_modules()
import app.ui.wording, app.domain.words
table = sys.modules["__feature__"].pyside_feature_dict
print(table["app.ui.wording"], table["app.domain.words"])
"""


def test_own_modules_are_declared_as_pyside_would_find_them() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    ).stdout
    # A window module uses PySide (0: no feature); a domain module does not (-1: ignored).
    assert out.split() == ["0", "-1"]
