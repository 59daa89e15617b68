"""The way back when the data file cannot be opened: the dialog the window shows at
start-up instead of opening an empty store or a traceback.

It says what is wrong in words (from the diagnosis's `OpenProblem`), lists the backups
(app/ui/backup_list.py: the newest good one selected) and puts the chosen one in place
through `recovery.restore_file`, which keeps the file it replaces (moved aside when
damaged, backed up when healthy). When the file is empty or missing, or no backup is
good, it also offers to start with an empty store, asking first. A restore that is
refused (a backup damaged since it was listed, one from a newer Rizhi) is told in the
dialog and changes nothing; the user may choose another. Keys: the list has the focus,
the arrows choose, Enter restores, Esc quits.

The dialog only restores; app/ui/launch_recovery.py opens the store again afterwards.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.recovery import RestoreResult, list_backups, restore_file, start_empty
from app.store.backup_files import BackupInfo
from app.store.health import (
    DAMAGED,
    EMPTY,
    FOREIGN,
    MISSING,
    NEWER,
    UNREADABLE,
    OpenProblem,
)
from app.ui.backup_list import BackupList, describe
from app.ui.confirm import confirm
from app.ui.ops import local_now
from app.ui.screen_fit import fit_to_screen
from app.ui.theme import tokens_for
from app.ui.wording import folder_text

TITLE = "Rizhi cannot open its data"
# Starting empty is offered where no restore can help, or none is needed to go on.
EMPTY_OFFERED = (EMPTY, MISSING)
NO_START_EMPTY = (NEWER, UNREADABLE)  # the file is fine, or cannot be replaced at all


def problem_words(problem: OpenProblem | None, live: str, detail: str) -> tuple[str, str]:
    """The headline and the sentences under it for what stops the file at `live` from
    opening: the diagnosis's `problem`, or only the error `detail` when it found none."""
    where = folder_text(live)
    if problem is None:
        return (
            "Rizhi cannot open your data.",
            f"Opening {where} failed: {detail} Restore a backup below, or quit and look at "
            "the file with `rizhi check`.",
        )
    kept = "the damaged file is kept beside it, renamed to …damaged-<time>."
    words = {
        DAMAGED: (
            "Your data file is damaged.",
            f"SQLite cannot read {where} ({problem.detail}). Restore a backup below: {kept}",
        ),
        EMPTY: (
            "Your data file is empty.",
            f"{where} holds 0 bytes: the data it held is gone. Restore a backup below, or "
            "start with an empty store.",
        ),
        MISSING: (
            "Your data file is missing.",
            f"{where} is not there, but backups of it are. Restore one below, or start with "
            "an empty store.",
        ),
        FOREIGN: (
            "Your data file is not Rizhi's.",
            f"{where} is {problem.detail}. Restore a backup below: the file is kept beside "
            "it, renamed to …damaged-<time>.",
        ),
        NEWER: (
            "Your data was saved by a newer Rizhi.",
            f"{where} was {problem.detail}. Update Rizhi to open it; nothing was changed. "
            "Restoring an older backup instead keeps this file as a backup first.",
        ),
        UNREADABLE: (
            "Rizhi cannot read your data file.",
            f"{where} cannot be opened ({problem.detail}). Check that it is a file you may "
            "read and write, then start Rizhi again; nothing was changed.",
        ),
    }
    return words[problem.kind]


def outcome_text(result: RestoreResult) -> str:
    """What a restore or a fresh start did, for the window's status bar."""
    if result.source is None:
        done = "Started with an empty store."
    else:
        done = f"Restored {folder_text(os.fspath(result.source))}."
    if result.set_aside:
        done += f" The damaged file is kept as {folder_text(result.set_aside[0])}."
    elif result.safety is not None:
        done += f" The data it replaced is saved as {folder_text(os.fspath(result.safety))}."
    return done


def ask_to_start_empty(parent: QWidget, problem: OpenProblem | None) -> bool:
    """Starting with no data is asked for by name: Cancel is the default."""
    kept = (
        "Nothing is lost: the backups stay where they are"
        if problem is not None and problem.kind == MISSING
        else "The old file is kept beside the new one, and the backups stay where they are"
    )
    return confirm(
        parent,
        "Start with an empty store?",
        "Start with an empty store?",
        f"Rizhi will open with no items, units or log. {kept}; File › Restore from "
        "backup… brings one back later.",
        "Start empty",
    )


class RecoveryDialog(QDialog):
    """Accepted once a backup was restored or an empty store started (`outcome` says
    which); rejected when the user quits."""

    def __init__(
        self,
        live: str | os.PathLike[str],
        backups: str | os.PathLike[str],
        problem: OpenProblem | None,
        *,
        detail: str = "",
        clock: Callable[[], datetime] = local_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.live, self.backups_folder = os.fspath(live), os.fspath(backups)
        self.problem = problem
        self.clock = clock
        self.outcome: RestoreResult | None = None  # the restore or fresh start done
        self.setWindowTitle(TITLE)
        headline_text, explanation_text = problem_words(problem, self.live, detail)
        self.headline = QLabel(headline_text)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = _wrapped(explanation_text)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = _wrapped(f"Backups in {folder_text(self.backups_folder)}:")
        self.list = BackupList(self)
        self.notice = _wrapped("")
        self.list.chosen.connect(self._chosen)
        self.restore_button = QPushButton("Restore")
        self.empty_button = QPushButton("Start empty…")
        self.folder_button = QPushButton("Open backups folder")
        self.quit_button = QPushButton("Quit")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.start_empty)
        self.folder_button.clicked.connect(self.open_folder)
        self.quit_button.clicked.connect(self.reject)
        self._lay_out()
        self.reload()
        fit_to_screen(self, 760, 500)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        for button in (self.empty_button, self.restore_button, self.quit_button):
            buttons.addWidget(button)
        # Enter in the list restores; a button Tab reaches takes Enter while it has focus.
        self.restore_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addWidget(self.where)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.list.setFocus()

    def reload(self) -> None:
        """List the backups again (after a refusal, what was good may not be)."""
        chosen = self.list.selected()
        self.list.show_backups(list_backups(self.backups_folder), self.clock())
        if chosen is not None:
            self.list.select_path(chosen.path)
        if not self.list.backups:
            self.where.setText(f"There are no backups in {folder_text(self.backups_folder)}.")
        self.empty_button.setVisible(self._offers_empty())

    def _offers_empty(self) -> bool:
        if self.problem is not None and self.problem.kind in NO_START_EMPTY:
            return False
        no_good = not any(info.good for info in self.list.backups)
        return no_good or (self.problem is not None and self.problem.kind in EMPTY_OFFERED)

    def _chosen(self, info: BackupInfo | None) -> None:
        self.restore_button.setEnabled(info is not None and info.good)
        if info is None:
            self._say("")
        elif info.good:
            self._say(f"Restore puts back {describe(info, self.clock())}.")
        else:
            self._say(f"This backup cannot be restored: {info.problem}. Choose another.")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colour = tokens_for(dark).overdue.name() if error else ""
        self.notice.setStyleSheet(f"color: {colour};" if colour else "")

    # --- what the buttons do ----------------------------------------------------------

    def restore_selected(self) -> bool:
        """Put the selected backup in place; True once done (the dialog is accepted)."""
        info = self.list.selected()
        if info is None or not info.good:
            return False
        return self._run(
            lambda: restore_file(self.live, self.backups_folder, Path(info.path), now=self.clock())
        )

    def start_empty(self) -> bool:
        """Start with an empty store, once the user said so; True once done."""
        if not ask_to_start_empty(self, self.problem):
            return False
        return self._run(lambda: start_empty(self.live, self.backups_folder, now=self.clock()))

    def _run(self, step: Callable[[], RestoreResult]) -> bool:
        try:
            self.outcome = step()
        except DomainError as exc:
            self._failed(str(exc))
            return False
        except (sqlite3.Error, OSError) as exc:
            self._failed(f"The restore stopped: {exc}. Choose another backup, or quit.")
            return False
        self.accept()
        return True

    def _failed(self, message: str) -> None:
        self.reload()  # after the message: reloading selects a row, which says its own
        self._say(message, error=True)
        self.list.setFocus()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.backups_folder))


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
