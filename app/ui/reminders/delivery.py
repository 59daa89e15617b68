"""Turning claimed reminders into notices, and what the user does with them.

The scheduler (scheduler.py) claims due reminders and hands them here, on the GUI
thread. Each becomes a `Notice` (app/ui/notifications/notice.py) with the actions Open
(the default: a click on the notification), Done, Snooze 10 min, Snooze 1 h, Tomorrow
9:00 and a custom snooze, and is recorded shown once the notifier has shown it
(`mark_shown`, which only this process's claim allows). A notifier that could not show
it at all leaves it claimed: after the lease it is claimed and tried again, never lost.

What fell due while Rizhi was not running comes as one summary notice ("3 reminders
while Rizhi was closed"), whose Open lists them; each is recorded shown, so none comes
back. The built-in reminders (weekly planning, the evening log, the unit review) are
notices whose Open shows the page they are about.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject

from app.domain.changes import Changes
from app.domain.reminders import Anchor, duration_text
from app.store.reminder_rows import ReminderRow
from app.ui.notifications.notice import (
    DONE,
    OPEN,
    SNOOZE_CUSTOM,
    SNOOZE_PREFIX,
    Notice,
    Notifier,
)
from app.ui.reminders.actions import SNOOZES, ReminderActions
from app.ui.reminders.builtins import EVENING_LOG, UNIT_REVIEW, WEEKLY_PLANNING

if TYPE_CHECKING:
    from datetime import datetime

log = logging.getLogger(__name__)

REMINDER_KEY: Final = "reminder:"
MISSED_KEY: Final = "missed"
BUILTIN_KEY: Final = "builtin:"
LISTED_IN_SUMMARY = 5  # titles a summary names before "and N more"

REMINDER_ACTIONS: Final = (
    (OPEN, "Open"),
    (DONE, "Done"),
    *((SNOOZE_PREFIX + length, label) for length, label in SNOOZES),
    (SNOOZE_CUSTOM, "Snooze…"),
)

_BUILTIN_TEXT: Final = {
    WEEKLY_PLANNING: ("Plan the week", "Choose this week's cards from the backlog."),
    EVENING_LOG: ("Write today's log", "What did you do today? A few lines in the log."),
    UNIT_REVIEW: ("Unit review due", "The unit ends today: review it to start the next one."),
}


def reminder_notice(row: ReminderRow) -> Notice:
    spec = row.spec
    if spec.anchor is Anchor.AT and row.next_fire is not None:
        body = f"Reminder for {row.next_fire:%a %d %b, %H:%M}"
    elif spec.clock is None:
        minutes = spec.before_minutes or 0
        body = f"Due in {duration_text(minutes)}" if minutes else "Due now"
    else:
        body = f"Reminder {spec.describe()}"
    return Notice(f"{REMINDER_KEY}{row.id}", row.title, body, REMINDER_ACTIONS)


def missed_notice(rows: Sequence[ReminderRow]) -> Notice:
    count = len(rows)
    titles = [f"• {row.title}" for row in rows[:LISTED_IN_SUMMARY]]
    if count > LISTED_IN_SUMMARY:
        titles.append(f"and {count - LISTED_IN_SUMMARY} more")
    title = f"{count} reminder{'s' * (count != 1)} while Rizhi was closed"
    return Notice(MISSED_KEY, title, "\n".join(titles), ((OPEN, "Open"),))


def builtin_notice(kind: str) -> Notice:
    title, body = _BUILTIN_TEXT[kind]
    return Notice(f"{BUILTIN_KEY}{kind}", title, body, ((OPEN, "Open"),))


class ReminderDelivery(QObject):
    def __init__(
        self,
        notifier: Notifier,
        actions: ReminderActions,
        *,
        owner: str,
        show_list: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.actions = actions
        self.owner = owner  # the scheduler's: its claims are what this records shown
        self._show_list = show_list
        self._reminders: dict[str, ReminderRow] = {}  # notices shown, by key
        notifier.action_invoked.connect(self.act)

    # --- showing ----------------------------------------------------------------------

    def deliver(self, rows: Sequence[ReminderRow]) -> None:
        """Show each reminder claimed now; record shown those the notifier showed."""
        for row in rows:
            notice = reminder_notice(row)
            if self.notifier.show(notice):
                self._reminders[notice.key] = row
                self._record_shown([row])
            else:
                log.warning("a reminder could not be shown; it is tried again later")

    def deliver_missed(self, rows: Sequence[ReminderRow]) -> None:
        """What fell due while Rizhi was closed: one summary, each recorded shown."""
        if not rows:
            return
        if self.notifier.show(missed_notice(rows)):
            for row in rows:
                self._reminders[f"{REMINDER_KEY}{row.id}"] = row
            self._record_shown(rows)
        else:
            log.warning("the reminders missed while closed could not be shown")

    def builtin(self, kind: str) -> None:
        if kind not in _BUILTIN_TEXT:
            return
        self.notifier.show(builtin_notice(kind))
        if kind == UNIT_REVIEW:
            self._review_in_window()

    def _record_shown(self, rows: Sequence[ReminderRow]) -> None:
        from app.services.reminders import mark_shown

        ops = self.actions.ops

        def shown(now: datetime) -> Changes:
            changes = Changes()
            for row in rows:
                changes = changes | mark_shown(ops.store, row.id, owner=self.owner, now=now)[1]
            return changes

        try:
            ops.run_once(shown)
        except sqlite3.Error:  # still claimed: shown again after the lease, never lost
            log.warning("a reminder shown could not be recorded", exc_info=True)

    # --- what the user did -----------------------------------------------------------

    def act(self, key: str, action: str) -> None:
        if key == MISSED_KEY:
            if action == OPEN:
                self._show_list()
            return
        if key.startswith(BUILTIN_KEY):
            if action == OPEN:
                self._open_builtin(key.removeprefix(BUILTIN_KEY))
            return
        row = self._reminders.get(key)
        if row is None:
            return  # a notice of another process, or of a run before a restart
        settled = False
        if action == OPEN:
            self.actions.open_item(row.item_id)
        elif action == DONE:
            settled = self.actions.done(row.item_id)
        elif action == SNOOZE_CUSTOM:
            self.actions.ask_snooze(row.id)
        elif action.startswith(SNOOZE_PREFIX):
            settled = self.actions.snooze(row.id, action.removeprefix(SNOOZE_PREFIX))
        if action in (DONE, *(SNOOZE_PREFIX + n for n, _ in SNOOZES)) and settled:
            # Answered: a desktop that keeps notices after an action takes it away.
            self.notifier.withdraw(key)

    def _open_builtin(self, kind: str) -> None:
        window = self.actions.window()
        if kind == WEEKLY_PLANNING:
            window.show_view("board")
            window.board.go_to_this_week()
        elif kind == EVENING_LOG:
            window.show_view("log")
            window.log.go_today()
        elif kind == UNIT_REVIEW:
            window.show_view("units")
            window.units.review_due_or_shown()

    def _review_in_window(self) -> None:
        """The review fell due: a window already open asks for it as it does at start
        (its status-bar notice and one question); a hidden one is left alone, the
        notice's Open reaches it."""
        window = self.actions.current_window()
        if window is not None and window.isVisible() and window.review_prompt is not None:
            window.review_prompt.check()
