"""The question on return from idle time: keep it, drop it, or split it off as an entry
of its own (for another card of this week, or for no item). Not modal: the user may
answer later, from the status bar's timer ("Idle time…")."""

from __future__ import annotations

import weakref
from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.domain.timebox import seconds_text
from app.services.focus_targets import week_cards
from app.ui.focus.idle_guard import IdleGuard, IdleStretch


def stretch_text(stretch: IdleStretch) -> str:
    began, back = stretch.began.astimezone(), stretch.returned.astimezone()
    length = seconds_text((stretch.returned - stretch.began).total_seconds())
    return f"You were away from {began:%H:%M} to {back:%H:%M} ({length}) while the timer ran."


class IdleDialog(QDialog):
    def __init__(self, guard: IdleGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Weak: the guard keeps its dialog, and a reference back would make a cycle
        # that only the garbage collector frees, on whichever thread it runs.
        self._guard = weakref.ref(guard)
        self.setWindowTitle("Idle time")
        self.setModal(False)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.keep = QPushButton("Keep it")
        self.keep.setToolTip("The time away counts for the timer's item")
        self.drop = QPushButton("Drop it")
        self.drop.setToolTip("The time away counts for nothing")
        self.split = QPushButton("Split it off")
        self.split.setToolTip("The time away becomes an entry of its own, for the item chosen")
        self.split_item = QComboBox()
        self.split_ids: list[int | None] = [None]
        self.split_item.setAccessibleName("Split the idle time off to")
        self.keep.clicked.connect(lambda: self._answer("keep"))
        self.drop.clicked.connect(lambda: self._answer("drop"))
        self.split.clicked.connect(lambda: self._answer("split"))
        buttons = QHBoxLayout()
        for button in (self.keep, self.drop, self.split):
            buttons.addWidget(button)
        split_row = QHBoxLayout()
        split_row.addWidget(QLabel("Split off to:"))
        split_row.addWidget(self.split_item, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(split_row)
        layout.addLayout(buttons)
        self.keep.setDefault(True)

    def load(self, now: datetime) -> None:
        guard = self._guard()
        stretch = None if guard is None else guard.waiting
        if guard is None or stretch is None:
            return
        self.text.setText(stretch_text(stretch))
        cards = week_cards(guard.controller.ops.store, now)
        # The combo is read by index into this list: an empty QVariant read back from
        # a combo leaks a reference to None in some PySide6 releases.
        self.split_ids = [None, *(item_id for item_id, _ in cards)]
        self.split_item.clear()
        self.split_item.addItems(["No item", *(title for _, title in cards)])

    def _answer(self, choice: str) -> None:
        index = self.split_item.currentIndex()
        item = self.split_ids[index] if choice == "split" and index >= 0 else None
        guard = self._guard()
        if guard is None or guard.answer(choice, item):
            self.accept()


def ask_idle(guard: IdleGuard, parent: QWidget | None = None) -> IdleDialog | None:
    """Show the question (one dialog per guard, brought forward when asked again)."""
    if guard.waiting is None:
        return None
    dialog = guard.dialog if isinstance(guard.dialog, IdleDialog) else None
    if dialog is None or not isValid(dialog):  # none yet, or gone with its window
        dialog = IdleDialog(guard, parent)
        guard.dialog = dialog
    dialog.load(guard.controller.now())
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
