"""What keeps the unit dialogs from closing by accident.

Neither the unit dialog nor the review has a default button: Return in a list, a table
or a field would otherwise press "Save" or "Complete review" with the work half done.
Ctrl+Enter saves or completes; Return presses a button only when that button has the
focus. Closing with work typed asks first (or keeps a draft, where the owner holds one).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget


def no_default_buttons(dialog: QDialog) -> None:
    """No button of `dialog` takes Return for itself, focused or not."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def take_return(event: QKeyEvent) -> bool:
    """For a dialog's keyPressEvent: True when the key was Return or Enter and has been
    dealt with. It presses the button that has the focus, if one has, and nothing else."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False  # Ctrl+Enter is a shortcut of its own
    focus = QApplication.focusWidget()
    if isinstance(focus, QPushButton) and focus.isEnabled() and focus.isVisible():
        focus.click()
    event.accept()
    return True


def ask_discard(
    parent: QWidget, text: str, informative: str, discard: Callable[[], None]
) -> QMessageBox:
    """Ask whether to throw typed work away: "Discard" calls `discard`, "Keep editing"
    (the default, and Escape) goes back to the dialog. Returns the open question."""
    box = QMessageBox(parent)
    box.setObjectName("DiscardQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Discard changes?")
    box.setText(text)
    box.setInformativeText(informative)
    drop = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)

    def answered(_result: int) -> None:
        if box.clickedButton() is drop:
            discard()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
