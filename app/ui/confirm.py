"""Asking before something that replaces or adds data in bulk: a question with the
action named on its button and Cancel as the default, so that Enter pressed in passing
changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, detail: str, action: str) -> bool:
    """True when the user chose `action` (the button's label); False on Cancel or Esc."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is chosen
