"""`reminder_rows.next_due`, what the scheduler aims its one timer at: the earliest fire
time still waiting, or the end of a claim's lease, whichever comes first, as a moment in
the user's zone (on either side of a daylight-saving change)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.entities import ItemDraft
from app.domain.reminders import ReminderSpec
from app.services.bulk import trash_items
from app.services.items import create_item
from app.services.reminders import claim_due, mark_shown, set_reminder
from app.store import reminder_rows
from app.store.db import Store
from tests.conftest import NOW, TZ


def item(store: Store, title: str) -> int:
    return create_item(store, ItemDraft(title=title), now=NOW)[0].id


def at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(NOW.date(), time(hour, minute), tzinfo=TZ)


def remind(store: Store, item_id: int, when: datetime) -> int:
    return set_reminder(store, item_id, ReminderSpec.absolute(when), now=NOW)[0].id


def next_due(store: Store) -> datetime | None:
    with store.raw_read() as conn:
        return reminder_rows.next_due(conn, TZ)


def test_nothing_waiting_is_none(store: Store) -> None:
    assert next_due(store) is None


def test_the_earliest_fire_time_as_a_moment_in_the_zone(store: Store) -> None:
    task = item(store, "camera-ready")
    remind(store, task, at(15))
    remind(store, task, at(11, 30))
    found = next_due(store)
    assert found == at(11, 30) and found is not None and found.tzinfo is TZ


def test_a_lease_that_ends_first_is_what_comes_next(store: Store) -> None:
    task = item(store, "rebuttal")
    claimed = remind(store, task, at(9))
    remind(store, task, at(11))
    # A process claims the 9:00 one at 10:00 and dies before recording it shown.
    claim_due(store, owner="died", now=at(10), lease=timedelta(minutes=2))
    found = next_due(store)
    assert found == at(10, 2)
    assert found is not None and found.astimezone(UTC) == at(10, 2).astimezone(UTC)
    # Shown by the process that took it over: only the 11:00 one waits.
    claim_due(store, owner="took over", now=at(10, 2))
    mark_shown(store, claimed, owner="took over", now=at(10, 2))
    assert next_due(store) == at(11)


def test_a_fire_time_before_the_lease_end_comes_first(store: Store) -> None:
    task = item(store, "group meeting")
    remind(store, task, at(9))
    claim_due(store, owner="showing", now=at(9), lease=timedelta(minutes=2))
    remind(store, task, at(9, 1))
    assert next_due(store) == at(9, 1)


def test_claims_of_items_in_the_trash_are_not_waited_for(store: Store) -> None:
    gone = item(store, "gone")
    remind(store, gone, at(9))
    claim_due(store, owner="died", now=at(9))
    trash_items(store, [gone], now=NOW)
    assert next_due(store) is None


def test_a_nine_oclock_after_a_dst_change_is_nine_on_the_wall_clock(store: Store) -> None:
    berlin = ZoneInfo("Europe/Berlin")  # summer time began 2026-03-29 at 02:00
    task = item(store, "stand-up")
    remind(store, task, datetime(2026, 3, 30, 9, 0))
    with store.raw_read() as conn:
        found = reminder_rows.next_due(conn, berlin)
    assert found is not None and (found.hour, found.minute) == (9, 0)
    assert found.astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # summer: +02:00
