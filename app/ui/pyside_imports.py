"""Rizhi's own modules, told apart for PySide before they are imported.

PySide6 looks at every module imported after it, to learn whether that module may
switch on one of its `__feature__`s (snake_case, true_property): it reads the module's
whole source and searches it for "PySide6" (`_mod_uses_pyside` in shibokensupport's
feature.py), about 0.2 to 0.5 ms a module, some 15 ms for the modules of the window's
first frame. Rizhi uses no feature, so its modules are entered in PySide's table before
they load, with the value PySide itself would find: 0 ("no feature") for the window's
modules, which use PySide, -1 ("ignore this module") for the rest, which do not. PySide
then skips reading them. Modules of other packages are left to PySide.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

PACKAGE = "app"
QT_PACKAGE = "app.ui"


class _Declare:
    """A finder that finds nothing: it enters a module in PySide's table as the import
    system starts looking for it, and lets the real finders do their work."""

    def __init__(self, table: dict[str, int]) -> None:
        self._table = table

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname == PACKAGE or fullname.startswith(PACKAGE + "."):
            uses_qt = fullname == QT_PACKAGE or fullname.startswith(QT_PACKAGE + ".")
            self._table.setdefault(fullname, 0 if uses_qt else -1)
        return None


def declare_own_modules() -> bool:
    """Enter Rizhi's modules in PySide's feature table as they are imported; False (and
    nothing done) when this PySide keeps no such table."""
    feature = sys.modules.get("__feature__")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return False
    if not any(isinstance(finder, _Declare) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Declare(table))
    # Modules already imported were looked at already.
    return True
