"""Opening the store and the window at start-up, with the way back when the data file
fails.

Three things can stop the window from opening: the look before opening finds a problem
(`diagnose_before_opening`: damaged, empty, missing with backups, not Rizhi's, newer,
unreadable), `Store.open` refuses (a DomainError), or the first reads meet damage the
quick look of a large file cannot see (sqlite3.DatabaseError from the window). Each
shows the recovery dialog (app/ui/recovery_dialog.py); once it restored a backup or
started an empty store, the file is looked at and opened again from the start, so a
restore that did not help shows the dialog again. Quitting the dialog opens nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from app.domain.errors import DomainError
from app.services.diagnosis import diagnose, diagnose_before_opening
from app.store.db import Store

if TYPE_CHECKING:
    from app.services.recovery import RestoreResult
    from app.store.health import OpenProblem
    from app.ui.main_window import MainWindow


class Opened(NamedTuple):
    store: Store
    window: MainWindow | None  # None when Rizhi starts in the background
    notice: str  # what the recovery did, for the status bar; "" when none was needed


class Failure(NamedTuple):
    problem: OpenProblem | None  # what the diagnosis found; None when it found nothing
    detail: str  # the error met, when there was one


def open_window(
    database: str,
    backups: str,
    make_window: Callable[[Store], MainWindow | None],
    theme: str,
    *,
    before_asking: Callable[[], None] = lambda: None,
) -> Opened | None:
    """The open store and its window, after as many rounds of the recovery dialog as it
    takes; None when the user quit the dialog. `before_asking` runs before the dialog
    first shows."""
    notice = ""
    while True:
        opened = try_open(database, backups, make_window)
        if isinstance(opened, Opened):
            return opened._replace(notice=notice)
        before_asking()
        outcome = ask_recovery(database, backups, opened, theme)
        if outcome is None:
            return None
        from app.ui.recovery_dialog import outcome_text

        notice = outcome_text(outcome)


def try_open(
    database: str, backups: str, make_window: Callable[[Store], MainWindow | None]
) -> Opened | Failure:
    # Thorough (SQLite's quick_check) for a store up to 8 MB, the quick look (header,
    # schema, revision) for a larger one, whose pages the automatic backup's thread
    # checks after the first frame; damage the first frame's reads meet is caught below.
    problem = diagnose_before_opening(database, backups)
    if problem is not None:
        return Failure(problem, "")
    try:
        store = Store.open(database, backups, role="window")
    except DomainError as exc:
        return Failure(diagnose(database, backups), str(exc))
    try:
        window = make_window(store)
    except sqlite3.DatabaseError as exc:
        store.close()
        return Failure(diagnose(database, backups), str(exc))
    return Opened(store, window, "")


def ask_recovery(database: str, backups: str, failure: Failure, theme: str) -> RestoreResult | None:
    """Show the recovery dialog in the user's theme (no window has set it yet); what it
    restored, or None when the user quit."""
    from PySide6.QtWidgets import QApplication, QDialog

    from app.ui.recovery_dialog import RecoveryDialog
    from app.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    dialog = RecoveryDialog(database, backups, failure.problem, detail=failure.detail)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    outcome = dialog.outcome if accepted else None
    dialog.deleteLater()
    return outcome
