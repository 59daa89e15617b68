"""Idle time and the screen lock while a timer runs.

While a focus phase counts (not in a Pomodoro break: a break is time away already), the
guard asks its idle source every `POLL_MS`. Once idle passes the setting `focus.idle`,
it notes when idle began (now less the idle seconds); when the user is back (idle under
the setting again), the return is now less the new idle seconds, and `returned` asks
what the time away counts as (idle_dialog.py: keep, drop, split →
`services.focus.resolve_idle`). The question waits, also reachable from the status
bar's timer, until answered. A screen lock stops the timer at the moment it locked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.focus import FocusState
from app.ui.focus.controller import FocusController
from app.ui.focus.idle import IdleSource

POLL_MS = 30_000  # coarse: the moments come from the idle seconds, not from the poll


class IdleStretch(NamedTuple):
    began: datetime
    returned: datetime


class IdleGuard(QObject):
    returned = Signal(object)  # IdleStretch: the user came back, asking what it counts as
    _locked = Signal(object)  # datetime: from the lock watch's thread to this one

    def __init__(
        self,
        controller: FocusController,
        source: IdleSource | None,
        *,
        poll_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else controller)
        self.controller = controller
        self.source = source
        self.idle_from: datetime | None = None  # idle began, while still away
        self.waiting: IdleStretch | None = None  # asked about, not answered yet
        self.dialog: QObject | None = None  # the question's dialog, once shown
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.poll)
        self._locked.connect(self._lock_heard)
        controller.changed.connect(self._timer_changed)
        self._timer_changed(controller.state)

    @property
    def polling(self) -> bool:
        return self._poll.isActive()

    def _counting(self, state: FocusState | None) -> bool:
        return state is not None and state.phase == "focus"

    def _timer_changed(self, state: FocusState | None) -> None:
        if self._counting(state) and self.source is not None:
            if not self._poll.isActive():
                self._poll.start()
            return
        self._poll.stop()
        self.idle_from = None
        if state is None:
            self.waiting = None  # the timer stopped: nothing left to decide

    def poll(self) -> None:
        limit = self.controller.settings().idle
        if self.source is None or limit is None or not self._counting(self.controller.state):
            return
        seconds = self.source.idle_seconds()
        if seconds is None:
            return
        now = self.controller.now()
        if self.idle_from is None:
            if seconds >= limit * 60:
                self.idle_from = now - timedelta(seconds=seconds)
            return
        if seconds < limit * 60:
            stretch = IdleStretch(self.idle_from, now - timedelta(seconds=seconds))
            self.idle_from = None
            if stretch.returned > stretch.began:
                self.waiting = stretch
                self.returned.emit(stretch)

    def answer(self, choice: str, split_item_id: int | None = None) -> bool:
        """What the waiting idle time counts as: keep, drop or split."""
        stretch = self.waiting
        if stretch is None:
            return False
        assert choice in ("keep", "drop", "split")
        done = self.controller.resolve_idle(
            stretch.began,
            stretch.returned,
            choice,  # type: ignore[arg-type]
            split_item_id,
        )
        if done:
            self.waiting = None
        return done

    # --- the screen lock ----------------------------------------------------------------

    def screen_locked(self) -> None:
        """From any thread: the screen locked now."""
        self._locked.emit(self.controller.now())

    def _lock_heard(self, at: datetime) -> None:
        state = self.controller.state
        if state is not None and state.entry is not None:
            self.controller.stop(at=at)
