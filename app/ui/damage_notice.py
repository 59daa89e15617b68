"""Damage found while the window runs: the way back, offered once.

A store too large to check whole before the window opens is checked on the automatic
backup's thread after the first frame, and a read may meet a damaged page before that.
Either way the user is told that the data file is damaged (not that it is safe) and
offered File › Restore from backup… at once; after the first time, the status bar
repeats it, so that every failing read does not raise another dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

HEADLINE = "Rizhi's data file is damaged"
ADVICE = (
    "Changes may fail from now on. Restore from backup… puts a backup back (the damaged "
    "file is kept beside it); `rizhi check` in a terminal says what is wrong."
)


class DamageNotice:
    """Set `window` once it exists; until then damage is not this notice's to tell
    (start-up's recovery dialog handles what it meets)."""

    def __init__(self) -> None:
        self.window: MainWindow | None = None
        self.offered = False

    def offer(self, detail: str) -> bool:
        window = self.window
        if window is None:
            return False
        if self.offered:
            window.show_status(f"{HEADLINE}: File › Restore from backup… puts a backup back.")
            return True
        self.offered = True
        if ask_to_restore(window, detail):
            from app.ui.file_commands import restore_from_backup

            restore_from_backup(window)
        return True


def ask_to_restore(window: MainWindow, detail: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Critical, "Rizhi", HEADLINE, parent=window)
    box.setInformativeText(f"{detail}\n\n{ADVICE}")
    restore = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore
