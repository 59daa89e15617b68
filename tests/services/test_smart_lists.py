"""The smart lists: "Today" (overdue, due or planned today), "Overdue" and "Next 7 days",
open items only, on the user's local day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput
from app.services.item_edits import set_completed
from app.services.items import create_item, trash_item
from app.services.smart_lists import smart_counts, smart_ids
from app.services.time_blocks import add_block
from app.store.db import Store
from tests.conftest import NOW

TODAY = NOW.date()


def item(store: Store, title: str, due: date | None = None) -> int:
    return create_item(store, ItemDraft(title=title, due_date=due), now=NOW)[0].id


def test_today_holds_overdue_due_today_and_planned_today_items(store: Store) -> None:
    late = item(store, "Late review", TODAY - timedelta(days=3))
    due = item(store, "Submit form", TODAY)
    planned = item(store, "Ablation runs")
    add_block(store, day=TODAY, start=14 * 60, item_id=planned, now=NOW)
    soon = item(store, "Slides", TODAY + timedelta(days=2))
    later = item(store, "Camera-ready", TODAY + timedelta(days=7))
    item(store, "Someday")
    assert smart_ids(store, "today", NOW) == [late, due, planned]
    assert smart_ids(store, "overdue", NOW) == [late]
    assert smart_ids(store, "7d", NOW) == [late, due, soon]
    assert later not in smart_ids(store, "7d", NOW)
    counts = smart_counts(store, NOW)
    assert (counts.overdue, counts.today, counts.next_days) == (1, 3, 3)


def test_done_and_trashed_items_leave_every_list(store: Store) -> None:
    done = item(store, "Done already", TODAY - timedelta(days=1))
    trashed = item(store, "Thrown away", TODAY)
    planned_done = item(store, "Planned, then done")
    add_block(store, day=TODAY, start=9 * 60, item_id=planned_done, now=NOW)
    set_completed(store, done, True, now=NOW)
    set_completed(store, planned_done, True, now=NOW)
    trash_item(store, trashed, now=NOW)
    for name in ("today", "overdue", "7d"):
        assert smart_ids(store, name, NOW) == []
    assert tuple(smart_counts(store, NOW)) == (0, 0, 0)


def test_today_is_the_users_local_day_not_the_utc_one(store: Store) -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    # 00:30 on the 21st in Shanghai is still the 20th in UTC.
    just_after_midnight = datetime(2026, 11, 21, 0, 30, tzinfo=shanghai)
    due_21 = item(store, "Due on the 21st", date(2026, 11, 21))
    due_20 = item(store, "Due on the 20th", date(2026, 11, 20))
    assert smart_ids(store, "today", just_after_midnight) == [due_20, due_21]
    assert smart_ids(store, "overdue", just_after_midnight) == [due_20]
    # And in New York, the evening of the 20th: the 21st is not due yet.
    evening = just_after_midnight.astimezone(ZoneInfo("America/New_York"))
    assert evening.date() == date(2026, 11, 20)
    assert smart_ids(store, "today", evening) == [due_20]


def test_a_block_on_another_day_does_not_put_an_item_in_today(store: Store) -> None:
    tomorrow_only = item(store, "Tomorrow's reading")
    add_block(store, day=TODAY + timedelta(days=1), start=600, item_id=tomorrow_only, now=NOW)
    assert smart_ids(store, "today", NOW) == []
    assert smart_counts(store, NOW).today == 0


def test_an_unknown_list_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput):
        smart_ids(store, "tomorrow", NOW)
