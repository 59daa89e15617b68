"""The Pomodoro phases' ends as moments the reminder scheduler wakes for
(app/ui/reminders/scheduler.py): at each scan it moves a timer whose phase has ended
(`services.focus.advance`, one write transaction, so of two instances on one store only
one gets the ends to notify) and arms its one job at the next phase end."""

from __future__ import annotations

from datetime import datetime

from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.services.focus import PhaseEnd
from app.services.settings import setting_texts
from app.store.db import Store


def advance_phases(store: Store, now: datetime) -> tuple[list[PhaseEnd], datetime | None]:
    """The phases this call moved past, and when the timer's phase ends next (None when
    no phase has an end: no timer, counting up, or ready for the next pomodoro). Nothing
    is written unless a phase has ended."""
    state = focus.focus_status(store)
    if state is None or state.phase_ends_at is None:
        return [], None
    ended: list[PhaseEnd] = []
    if state.phase_ends_at <= now:
        settings = TimeboxSettings.of(setting_texts(store))
        ended = focus.advance(store, settings=settings, now=now)[0]
        state = focus.focus_status(store)
    return ended, None if state is None else state.phase_ends_at
