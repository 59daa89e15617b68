"""The reminder an item gets without asking for one: the settings
`reminders.default_timed` (how long before the due time; at it by default) and
`reminders.default_dated` (a time of day on the due date of an item without a due time;
off by default), app/domain/reminder_settings.py.

An item gets it when it gets a due date or a due time it did not have (captured with
one, edited, given one by a repeat rule, imported from a journal) and has no reminders at
that moment. It is stored as an ordinary reminder relative to the due date: it follows
the due date (`follow_due`), `rizhi remind --clear` removes it, and since only gaining a
due date or time gives one, a reminder cleared stays cleared while the item keeps its due
date. Changing a setting applies to items that get a due date from then on; reminders
already given stay as they are. A default that would fire before now is not given: an
item captured with a past due date is not reminded of at once.

Raw SQL and the standard library only: `rizhi add` gives it on the capture path.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time

from app.domain.ids import new_uid
from app.domain.reminder_settings import ReminderSettings
from app.domain.reminders import ReminderSpec, next_fire, wall_now
from app.domain.settings import in_force
from app.store import reminder_rows
from app.store.formats import parse_time

Due = tuple[date | None, time | None]
NO_DUE: Due = (None, None)


def reminder_settings(conn: sqlite3.Connection) -> ReminderSettings:
    rows = conn.execute('SELECT "key", value FROM settings WHERE "key" LIKE \'reminders.%\'')
    return ReminderSettings.of(in_force({str(key): str(value) for key, value in rows}))


def default_spec(settings: ReminderSettings, due_time: time | None) -> ReminderSpec | None:
    """The default reminder for an item with a due time (`due_time`) or a date only; None
    where the setting is off."""
    if due_time is not None:
        minutes = settings.before_timed
        return None if minutes is None else ReminderSpec.before_due(minutes)
    clock = settings.dated_clock
    return None if clock is None else ReminderSpec.before_due(0, clock)


def give_default(conn: sqlite3.Connection, item_id: int, had: Due, *, now: datetime) -> bool:
    """Inside the caller's transaction, after item `item_id`'s due date or time was set
    (`had`: what it was before): give it the default reminder when it gained a due date,
    or a due time, and has no reminders. Whether one was given."""
    found = conn.execute(
        "SELECT due_date, due_time FROM items WHERE id = ?"
        " AND completed_at IS NULL AND deleted_at IS NULL",
        (item_id,),
    ).fetchone()
    if found is None or found[0] is None:
        return False
    due_date = date.fromisoformat(str(found[0]))
    due_time = parse_time(str(found[1])) if found[1] is not None else None
    gained = had[0] is None or (due_time is not None and had[1] is None)
    if not gained or _has_reminders(conn, item_id):
        return False
    spec = default_spec(reminder_settings(conn), due_time)
    if spec is None:
        return False
    fire = next_fire(spec, due_date, due_time)
    if fire is None or fire < wall_now(now):
        return False
    reminder_rows.insert(conn, new_uid(), item_id, spec, fire, now=now)
    return True


def _has_reminders(conn: sqlite3.Connection, item_id: int) -> bool:
    found = conn.execute("SELECT 1 FROM reminders WHERE item_id = ? LIMIT 1", (item_id,))
    return found.fetchone() is not None
