"""The built-in reminders Rizhi gives without being asked, as APScheduler triggers.

Weekly planning (on the first day of the week) and the evening log are cron triggers in
the user's named zone, so a daily 9:00 stays 9:00 local on both sides of a daylight-saving
change. The end-of-unit review is a date trigger at the next review moment
(app/services/unit_review.py `next_review_at`), which depends on the units, so the
scheduler arms it again after every change.
"""

from __future__ import annotations

from datetime import time, tzinfo
from typing import Final, NamedTuple

from apscheduler.triggers.cron import CronTrigger

from app.domain.reminder_settings import ReminderSettings

WEEKLY_PLANNING: Final = "weekly_planning"
EVENING_LOG: Final = "evening_log"
UNIT_REVIEW: Final = "unit_review"
CRON_JOBS: Final = (WEEKLY_PLANNING, EVENING_LOG)

_DAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class BuiltinPlan(NamedTuple):
    """What the built-in reminders depend on: when it changes, their jobs are rebuilt."""

    reminders: ReminderSettings
    week_start: int  # 0 = Monday, as date.weekday()
    review_time: time
    zone: str  # the zone's name: a change of zone rebuilds the triggers


def cron_triggers(plan: BuiltinPlan, zone: tzinfo) -> dict[str, CronTrigger]:
    """The cron triggers of the periodic built-ins that are on, by job id."""
    triggers: dict[str, CronTrigger] = {}
    planning = plan.reminders.weekly_planning
    if planning is not None:
        triggers[WEEKLY_PLANNING] = CronTrigger(
            day_of_week=_DAY_NAMES[plan.week_start],
            hour=planning.hour,
            minute=planning.minute,
            timezone=zone,
        )
    evening = plan.reminders.evening_log
    if evening is not None:
        triggers[EVENING_LOG] = CronTrigger(hour=evening.hour, minute=evening.minute, timezone=zone)
    return triggers
