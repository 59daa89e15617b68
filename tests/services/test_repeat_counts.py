"""Occurrences of repeating items count where completions count: the log's day page and
heatmap, and the units' progress, each once on the day it was done, while the item
stays open (a controlled clock in Shanghai)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.domain.entities import ItemDraft
from app.domain.repeats import Repeat
from app.domain.units import parse_goal_spec
from app.services.items import create_item, get_item
from app.services.log_days import AutoKind, day_page, first_active_day, heatmap
from app.services.repeats import complete_occurrence, set_repeat, skip_occurrence
from app.services.unit_progress import unit_progress
from app.services.units import create_unit
from app.store.db import Store

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI)
START = date(2026, 12, 1)  # a ten-day unit, to 2026-12-10


def at(day: int, hour: int = 20) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=SHANGHAI)


def daily(store: Store, rule: str = "FREQ=DAILY", title: str = "leetcode #coding") -> int:
    name, _, tag = title.partition(" #")
    draft = ItemDraft(title=name, tags=(tag,) if tag else (), due_date=START)
    item_id = create_item(store, draft, now=CREATED)[0].id
    set_repeat(store, item_id, Repeat(rule), now=CREATED)
    return item_id


def completed_entries(store: Store, day: int) -> list[tuple[str, int | None]]:
    page = day_page(store, date(2026, 12, day), tz=SHANGHAI)
    return [(e.text, e.item_id) for e in page.auto if e.kind is AutoKind.COMPLETED]


def test_each_occurrence_done_is_a_completed_entry_on_its_day(store: Store) -> None:
    item_id = daily(store)
    complete_occurrence(store, item_id, now=at(1))
    complete_occurrence(store, item_id, now=at(2))
    assert completed_entries(store, 1) == [("leetcode", item_id)]
    assert completed_entries(store, 2) == [("leetcode", item_id)]
    assert completed_entries(store, 3) == []
    assert get_item(store, item_id).completed_at is None


def test_a_skipped_occurrence_is_no_completion(store: Store) -> None:
    item_id = daily(store)
    skip_occurrence(store, item_id, now=at(1))
    assert completed_entries(store, 1) == []
    assert [d.completed for d in heatmap(store, start=START, end=START, tz=SHANGHAI)] == [0]


def test_the_heatmap_and_the_first_active_day_count_occurrences(store: Store) -> None:
    item_id = daily(store)
    complete_occurrence(store, item_id, now=at(2))
    complete_occurrence(store, item_id, now=at(2, 21))
    days = heatmap(store, start=START, end=date(2026, 12, 3), tz=SHANGHAI)
    assert [d.completed for d in days] == [0, 2, 0]
    assert first_active_day(store, tz=SHANGHAI) == date(2026, 12, 2)


def test_the_last_occurrence_counts_once(store: Store) -> None:
    item_id = daily(store, "FREQ=DAILY;UNTIL=20261201")
    assert complete_occurrence(store, item_id, now=at(1))[0] is None
    assert get_item(store, item_id).completed_at is not None
    assert completed_entries(store, 1) == [("leetcode", item_id)]
    assert [d.completed for d in heatmap(store, start=START, end=START, tz=SHANGHAI)] == [1]


def test_a_last_occurrence_skipped_completes_the_item_without_counting(store: Store) -> None:
    item_id = daily(store, "FREQ=DAILY;UNTIL=20261201")
    skip_occurrence(store, item_id, now=at(1))
    assert get_item(store, item_id).completed_at is not None
    assert completed_entries(store, 1) == []


def test_a_unit_counts_every_occurrence_on_its_day(store: Store) -> None:
    unit, _ = create_unit(
        store, now=CREATED, start=START, days=10, goals=[parse_goal_spec("coding=3")]
    )
    item_id = daily(store)
    once = create_item(store, ItemDraft(title="kata", tags=("coding",)), now=CREATED)[0].id
    for day in (1, 2, 4):
        complete_occurrence(store, item_id, now=at(day))
    from app.services.item_edits import set_completed

    set_completed(store, once, True, now=at(4))
    found = unit_progress(store, unit.id, tz=SHANGHAI)
    (goal,) = found.goals
    assert [(c.item_id, c.day.day, c.occurrence) for c in goal.items] == [
        (item_id, 1, date(2026, 12, 1)),
        (item_id, 2, date(2026, 12, 2)),
        (item_id, 4, date(2026, 12, 3)),
        (once, 4, None),
    ]
    assert goal.achieved == 4 and goal.met
    activity = {d.day.day: d.completed_items for d in found.days}
    assert (activity[1], activity[2], activity[3], activity[4]) == (1, 1, 0, 2)
    assert goal.to_dict()["items"][0]["occurrence"] == "2026-12-01"  # type: ignore[index]


def test_the_last_occurrence_counts_once_in_a_unit(store: Store) -> None:
    unit, _ = create_unit(
        store, now=CREATED, start=START, days=10, goals=[parse_goal_spec("coding=3")]
    )
    item_id = daily(store, "FREQ=DAILY;UNTIL=20261202")
    complete_occurrence(store, item_id, now=at(1))
    complete_occurrence(store, item_id, now=at(2))
    (goal,) = unit_progress(store, unit.id, tz=SHANGHAI).goals
    assert [c.day.day for c in goal.items] == [1, 2]
