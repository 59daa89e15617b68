"""What the item editor's tabs share: form errors, status lines, buttons, opening links."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.ui.theme import Tokens, tokens_for


class FormError(Exception):
    """Input that cannot be saved: the tab and widget to show, and why."""

    def __init__(self, tab: str, widget: QWidget, message: str) -> None:
        super().__init__(message)
        self.tab, self.widget, self.message = tab, widget, message


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


def no_default(button: QPushButton) -> QPushButton:
    # Enter in a line edit must not press a button of the dialog (Save is Ctrl+S).
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def tokens_of(widget: QWidget) -> Tokens:
    """The colours for the editor holding `widget`. Its window's palette, not the
    widget's: on a palette change the window hears of it before its children do."""
    window = widget.window()
    return tokens_for(window.palette().color(QPalette.ColorRole.Window).lightness() < 128)


def set_status(label: QLabel, text: str, error: bool = False) -> None:
    """Show a hint under a field, in the error colour when `error`."""
    label.setText(text)
    label.setProperty("error", error)
    if error:
        label.setForegroundRole(QPalette.ColorRole.WindowText)
        label.setStyleSheet(f"color: {tokens_of(label).overdue.name()};")
    else:
        label.setStyleSheet("")
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def repaint_status(label: QLabel) -> None:
    """Give a status line showing an error the error colour of the current palette."""
    if label.property("error"):
        label.setStyleSheet(f"color: {tokens_of(label).overdue.name()};")


def open_link(url: QUrl) -> bool:
    """Open a link from the notes preview or the Links tab in the system's handler."""
    if not url.isValid() or not url.scheme():
        return False
    return QDesktopServices.openUrl(url)
