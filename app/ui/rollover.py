"""Carrying unfinished cards over to this week when the window opens.

The settings say how (`board.rollover`, in the store): "manual" leaves it to Board › Carry
unfinished cards, "ask" asks first, "auto" carries them at once. It runs after the
window's first frame (first_paint.py), and its module is imported only then.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def rollover_on_open(window: MainWindow) -> None:
    """Cards left unfinished in past weeks move to this week on first open."""
    mode = window.prefs.rollover
    if mode == "manual":
        return
    from app.services import board
    from app.ui.window_commands import rollover

    this_week = window.week_of(date.today())
    pending = board.pending_rollover(window.store, this_week)
    if not pending:
        return
    if mode == "ask":
        answer = QMessageBox.question(
            window,
            "Carry over unfinished cards?",
            f"{pending} card{'s' * (pending != 1)} from past weeks are still in To do or "
            "Active. Move them to this week?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    if not rollover(window):
        return  # the refusal is already on the status bar
    window.show_status(
        f"Carried {pending} unfinished card{'s' * (pending != 1)} over to this week."
    )
