"""Unexpected errors reach the user as a dialog with a copyable report and a log file,
never as a silent crash (the one path for errors the services did not anticipate).

One kind is not a fault of Rizhi's and gets its own answer: SQLite reporting the data
file damaged (a read meeting a broken page of a store too large to check whole before
the window opens). That goes to `on_damage` (app/ui/damage_notice.py), which offers a
restore, instead of a report that would call the data safe.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication

log = logging.getLogger("app.ui")

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
# Told of damage with SQLite's words; False when it could not take it (no window yet).
DamageHandler = Callable[[str], bool]

DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def is_damage(error: BaseException) -> bool:
    """Whether `error` is SQLite saying the file is damaged (or not a database at all)."""
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(error, sqlite3.DatabaseError) or code is None:
        return False
    return (code & 0xFF) in DAMAGE_CODES


def install_excepthook(log_file: str, on_damage: DamageHandler | None = None) -> None:
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    app_log = logging.getLogger("app")
    app_log.addHandler(handler)
    # What the app did (a backup taken, the hotkey held) goes to the log too, not only
    # what went wrong: the root's default level would keep the info lines out.
    app_log.setLevel(logging.INFO)
    sys.excepthook = make_hook(log_file, on_damage)


def make_hook(log_file: str, on_damage: DamageHandler | None = None) -> Hook:
    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        report = "".join(traceback.format_exception(kind, error, trace))
        if sys.__stderr__ is not None:
            sys.__stderr__.write(report)
        windowed = QApplication.instance() is not None
        if windowed and on_damage is not None and is_damage(error) and on_damage(str(error)):
            log.warning("The data file is damaged\n%s", report)
            return
        log.error("Unexpected error\n%s", report)
        if windowed:
            show_report(kind, error, report, log_file)

    return hook


def show_report(
    kind: type[BaseException], error: BaseException, report: str, log_file: str
) -> None:
    # Imported here: a message box's classes cost milliseconds of start-up to set up.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "Rizhi hit an unexpected error", "")
    box.setText(
        f"{kind.__name__}: {error}\n\nYour saved data is safe: every change is saved "
        "when it is made. The details are in the log file:\n" + log_file
    )
    box.setDetailedText(report)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
