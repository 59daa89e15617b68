"""The sample store's reminders, as they stand at 10:30 on 'today': some fired this week
(one just now), two snoozed, the next ones waiting; and the weekly group meeting with
past occurrences, done and skipped, and two reminders of its own."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app.domain.entities import ItemPatch
from app.domain.reminders import ReminderSpec
from app.services import item_edits, reminders, repeats
from app.store.db import Store
from scripts.shots.sample_items import TODAY, clock

OWNER = "screenshots"  # the process that claims and shows the fired ones


def seed_reminders(store: Store, ids: dict[str, int], today: date = TODAY) -> int:
    """Reminders on the sample items; the id of the one that fires at 10:30 today."""
    friday = today + timedelta(days=4 - today.weekday())
    _meeting_history(store, ids["meeting"], friday)
    at = ReminderSpec.absolute
    # (item, how, when it fired, snoozed until): in the order they fire.
    fired: list[tuple[str, ReminderSpec, datetime, datetime | None]] = [
        ("hubert", ReminderSpec.before_due(0, time(9, 0)), clock(today - timedelta(3), 9), None),
        ("lecture", at(_wall(today - timedelta(1), 20)), clock(today - timedelta(1), 20), None),
        ("grading", at(_wall(today, 8, 30)), clock(today, 8, 30), _wall(today, 14)),
        ("survey", at(_wall(today, 9, 15)), clock(today, 9, 15), _wall(today + timedelta(1), 9)),
        ("ablation", at(_wall(today, 9, 45)), clock(today, 9, 45), None),
        ("rebuttal", at(_wall(today, 10, 30)), clock(today, 10, 30), None),
    ]
    waiting: list[tuple[str, ReminderSpec]] = [
        ("meeting", ReminderSpec.before_due(30)),
        ("rebuttal", ReminderSpec.before_due(24 * 60, time(9, 0))),
        ("reimburse", ReminderSpec.before_due(0, time(9, 0))),
        ("ch3", ReminderSpec.before_due(2 * 24 * 60, time(10, 0))),
    ]
    set_at = clock(today - timedelta(days=5), 18)
    made = {key: reminders.set_reminder(store, ids[key], spec, now=set_at)[0].id
            for key, spec, _fired, _snooze in fired}  # fmt: skip
    for key, spec in waiting:
        reminders.set_reminder(store, ids[key], spec, now=set_at)
    for _key, _spec, moment, until in fired:
        for row in reminders.claim_due(store, owner=OWNER, now=moment)[0]:
            reminders.mark_shown(store, row.id, owner=OWNER, now=moment)
            if until is not None:
                reminders.snooze(store, row.id, until, now=moment + timedelta(minutes=2))
    return made["rebuttal"]


def _meeting_history(store: Store, meeting: int, friday: date) -> None:
    """The Friday meeting three weeks back: held twice, skipped last week; it is due
    this Friday again."""
    start = friday - timedelta(weeks=3)
    back = ItemPatch(due_date=start, due_time=time(15, 0))  # a due date comes with its time
    item_edits.edit_item(store, meeting, back, now=clock(start, 8))
    for week, done in ((0, True), (1, True), (2, False)):
        day = start + timedelta(weeks=week)
        move_on = repeats.complete_occurrence if done else repeats.skip_occurrence
        move_on(store, meeting, now=clock(day, 16, 20))


def _wall(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))
