"""A timer that fires just after local midnight, so that a view left open overnight can
read itself again and keep "today" and the days left true."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QObject, Qt, QTimer

HOUR_MS = 3600 * 1000


def ms_to_midnight(now: datetime, tz: tzinfo) -> int:
    """Milliseconds from `now` to the next midnight in `tz` (a day can be 23 or 25 hours
    long where the clocks change)."""
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
    wait = midnight.astimezone(UTC) - local.astimezone(UTC)
    return max(int(wait.total_seconds() * 1000), 0)


class MidnightTimer(QTimer):
    """Single shot, armed by `arm` for a second past the next midnight and at most an
    hour ahead: a machine asleep does not count the time a timer waits, so a long wait
    could wake up well into the next day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSingleShot(True)
        self.setTimerType(Qt.TimerType.PreciseTimer)

    def arm(self, now: datetime, tz: tzinfo) -> None:
        # A second past midnight, so that the clock read then is on the new day.
        self.start(min(ms_to_midnight(now, tz) + 1000, HOUR_MS))
