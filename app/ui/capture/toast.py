"""The capture popup's confirmation: "Saved to backlog: …" with Undo, in a small box on
the screen the popup was on, where the user sees it with no main window open.

It never takes the keyboard (the user is back in the window they were reading), so the
Undo button is for the mouse; with a window open, Ctrl+Z there undoes the capture too.
It goes away by itself after a few seconds, or at once when the popup opens again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

SHOWN_MS: Final = 6000  # as long as the window's status bar keeps a sentence
GAP: Final = 8  # between the popup's place and the toast
WIDTH: Final = 520


class CaptureToast(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        super().__init__(parent, flags)
        self.setObjectName("CaptureToast")
        self.setWindowTitle("Rizhi quick capture: saved")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.message = QLabel(self)
        self.message.setObjectName("CaptureToastText")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self._undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo_button)
        self._undo_action: Callable[[], str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str, near: QRect, undo: Callable[[], str] | None = None) -> None:
        """Show `text` just below `near` (the popup's rectangle), or above it when the
        screen ends first. `undo` takes the capture back and returns what to say then."""
        self._undo_action = undo
        self.undo_button.setVisible(undo is not None)
        self._say(text)
        self.adjustSize()
        self.resize(max(self.width(), min(WIDTH, near.width())), self.height())
        self.move(self._place(near))
        self.show()
        self.raise_()

    def _say(self, text: str) -> None:
        metrics = self.message.fontMetrics()
        self.message.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, WIDTH - 90))
        self.message.setToolTip(text)
        self._timer.start()

    def _place(self, near: QRect) -> QPoint:
        on = QGuiApplication.screenAt(near.center()) or QGuiApplication.primaryScreen()
        screen = on.availableGeometry()
        x = near.center().x() - self.width() // 2
        y = near.bottom() + GAP
        if y + self.height() > screen.bottom():
            y = near.top() - GAP - self.height()
        return QPoint(max(screen.left(), x), max(screen.top(), y))

    def _undo(self) -> None:
        action, self._undo_action = self._undo_action, None
        self.undo_button.hide()
        if action is not None:
            self._say(action())
