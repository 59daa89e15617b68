"""File › Restore from backup…: choose a backup (app/ui/backup_list.py), confirm, and
the window's command restores it (app/ui/file_commands.py).

The list is the recovery dialog's: good backups first, newest first, the bad ones shown
greyed with what is wrong and never restorable. Restoring replaces everything the window
shows, so it is asked once more, with what it keeps: the data replaced is backed up
first, and the undo steps go (no undo reaches across a restore).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.recovery import list_backups
from app.store.backup_files import BackupInfo
from app.ui.backup_list import BackupList, describe
from app.ui.confirm import confirm
from app.ui.screen_fit import fit_to_screen
from app.ui.wording import folder_text


def confirm_restore(parent: QWidget, info: BackupInfo, now: datetime) -> bool:
    """Asked before the data is replaced; Cancel is the default."""
    return confirm(
        parent,
        "Restore from backup",
        f"Replace your data with {describe(info, now)}?",
        "Everything the window shows now is backed up first (a “before a restore” backup, "
        "listed here afterwards), then replaced. Undo cannot reach back past a restore.",
        "Restore",
    )


class RestoreDialog(QDialog):
    """The backups in `folder`; accepted with `chosen` set once the user confirmed."""

    def __init__(
        self, folder: str, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.chosen: BackupInfo | None = None
        self.setWindowTitle("Restore from backup")
        self.list = BackupList(self)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        intro = QLabel(f"Backups in {folder_text(folder)}. The newest good one is selected.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore…")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setDefault(True)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.list.chosen.connect(self._chosen)
        self.list.show_backups(list_backups(folder), clock())
        if not self.list.backups:
            intro.setText(f"There are no backups in {folder_text(folder)} yet.")
        self.list.setFocus()
        fit_to_screen(self, 720, 440)

    def _chosen(self, info: BackupInfo | None) -> None:
        self.restore_button.setEnabled(info is not None and info.good)
        if info is None:
            self.notice.setText("")
        elif info.good:
            self.notice.setText(f"Restore puts back {describe(info, self.clock())}.")
        else:
            self.notice.setText(f"This backup cannot be restored: {info.problem}.")

    def confirm(self) -> None:
        info = self.list.selected()
        if info is None or not info.good:
            return
        if confirm_restore(self, info, self.clock()):
            self.chosen = info
            self.accept()


def choose_backup(
    folder: str, clock: Callable[[], datetime], parent: QWidget | None = None
) -> BackupInfo | None:
    """The backup the user chose and confirmed; None when they cancelled."""
    dialog = RestoreDialog(folder, clock, parent)
    try:
        dialog.exec()
        return dialog.chosen
    finally:
        dialog.deleteLater()
