"""Asking for a unit's review when it falls due.

A unit's review falls due at the chosen time of day on its last day (Settings, 21:00 by
default). The window checks after its first paint, so units that ended while it was
closed are found at the next start. While Rizhi runs, the moment itself is the reminder
scheduler's (app/ui/reminders/scheduler.py: a date job at the next review moment, with
the other reminders), which shows a notice and calls `check` on an open window: one
way of waiting for a time. When a review is due the window shows a notice in the status
bar, which stays until the unit is reviewed and opens the review when clicked, and asks
once: "Review now" opens the review, "Later" keeps quiet about that unit for the rest of
the session.

Only a review that fell due in the last two weeks is asked about. An older one (a unit
from a journal imported years later, or one put off for good) would otherwise be asked
about at every start; the notice still offers it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton

from app.services.unit_review import DueReview, review_due
from app.store.db import Store
from app.ui.wording import short_day

BUSY_RETRY_MS = 2000
ASK_WITHIN = timedelta(days=14)


class ReviewPrompter(QObject):
    review_requested = Signal(int)  # the unit's id

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        review_time: Callable[[], time],
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._store = store
        self._clock = clock
        self._review_time = review_time
        self._window = window
        self._snoozed: set[int] = set()
        self._due: list[DueReview] = []
        self.question: QMessageBox | None = None
        # Asks again shortly while another question is open (the week's rollover).
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(BUSY_RETRY_MS)
        self.retry.timeout.connect(self.check)
        self.notice = QPushButton()
        self.notice.setObjectName("ReviewDueNotice")
        self.notice.setFlat(True)
        self.notice.hide()
        self.notice.clicked.connect(self._notice_clicked)
        window.statusBar().addWidget(self.notice)

    @property
    def due(self) -> list[DueReview]:
        return list(self._due)

    def read_due(self) -> list[DueReview]:
        self._due = review_due(self._store, now=self._clock(), review_time=self._review_time())
        return self.due

    def check(self) -> None:
        """Look for due reviews now: show the notice and ask about one not asked about
        yet (at start, and when the reminder scheduler says a review fell due)."""
        self.refresh()
        recent = self._clock() - ASK_WITHIN
        fresh = [d for d in self._due if d.unit.id not in self._snoozed and d.due_at >= recent]
        if fresh and self.question is None:
            if QApplication.activeModalWidget() is not None:
                # Another question is open (the week's rollover): ask after it.
                self.retry.start()
                return
            self.ask(fresh[0])

    def refresh(self) -> None:
        """Read what is due again (after a unit changed, or the settings) without asking."""
        due = self.read_due()
        if due:
            first = due[0].unit
            more = f" (+{len(due) - 1} more)" if len(due) > 1 else ""
            self.notice.setText(f"Unit {first.number}'s review is due{more}: review now")
            self.notice.setToolTip(f"{first.title} ended; its review closes it and starts the next")
        self.notice.setVisible(bool(due))

    def ask(self, due: DueReview) -> None:
        unit = due.unit
        self._snoozed.add(unit.id)  # asked once per session, whatever the answer
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unit review due")
        box.setText(f"{unit.title} ended on {short_day(unit.last)}. Review it now?")
        box.setInformativeText(
            "The review compares each goal with what was achieved, decides what happens to "
            "unfinished items, closes the unit and starts the next one. Later, open it from "
            "the Units view or the notice in the status bar."
        )
        now = box.addButton("Review now", QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.setEscapeButton(later)
        self.question = box

        def answered(_result: int) -> None:
            self.question = None
            if box.clickedButton() is now:
                self.review_requested.emit(unit.id)
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def _notice_clicked(self) -> None:
        if self._due:
            self.review_requested.emit(self._due[0].unit.id)
