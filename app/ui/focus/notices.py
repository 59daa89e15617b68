"""A notice at the end of a pomodoro and of a break, through the notifier the reminders
use (app/ui/notifications/): the scheduler hands over the phase ends its process moved
past, so each end is told once across instances. Its actions start the next pomodoro
(cutting a break short) or stop the timer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QObject

from app.services.focus import PhaseEnd
from app.ui.focus.controller import FocusController
from app.ui.focus.words import phase_end_text
from app.ui.notifications.notice import Notice, Notifier

FOCUS_KEY: Final = "focus:phase"  # one notice at a time: the next phase end replaces it
NEXT: Final = "focus:next"
STOP: Final = "focus:stop"


def phase_notice(end: PhaseEnd, *, short_break: int, long_break: int) -> Notice:
    title, body = phase_end_text(end, short_break=short_break, long_break=long_break)
    first = "Skip the break" if end.phase == "focus" else "Start next pomodoro"
    return Notice(FOCUS_KEY, title, body, ((NEXT, first), (STOP, "Stop")))


class FocusNotices(QObject):
    def __init__(
        self, notifier: Notifier, controller: FocusController, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.controller = controller
        notifier.action_invoked.connect(self.act)

    def deliver(self, ends: Sequence[PhaseEnd]) -> None:
        """Phases that ended (several after a sleep): the latest is the one to tell."""
        self.controller.refresh()
        if not ends:
            return
        settings = self.controller.settings()
        notice = phase_notice(
            ends[-1], short_break=settings.short_break, long_break=settings.long_break
        )
        self.notifier.show(notice)

    def act(self, key: str, action: str) -> None:
        if key != FOCUS_KEY:
            return  # a reminder's notice
        if action == NEXT:
            self.controller.next_pomodoro()
        elif action == STOP:
            self.controller.stop()
