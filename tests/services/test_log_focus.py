"""The daily log fills itself: the day's time entries make its focus line, split at local
midnight, a running timer counted up to now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.entities import ItemDraft
from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.services.items import create_item
from app.services.log_days import day_page
from app.services.time_entries import add_entry
from app.store.db import Store
from tests.conftest import NOW, TZ

LATER = datetime(2030, 1, 1, tzinfo=UTC)


def item(store: Store, title: str) -> int:
    return create_item(store, ItemDraft(title=title), now=NOW)[0].id


def spend(store: Store, item_id: int | None, start: datetime, minutes: int) -> None:
    start = start.astimezone(UTC)
    end = start + timedelta(minutes=minutes)
    add_entry(store, item_id=item_id, start=start, end=end, now=LATER)


def test_the_day_shows_its_focus_time_per_item(store: Store) -> None:
    paper, ablation = item(store, "MAE paper"), item(store, "ablation")
    spend(store, paper, datetime(2026, 11, 20, 9, 0, tzinfo=TZ), 50)
    spend(store, ablation, datetime(2026, 11, 20, 14, 0, tzinfo=TZ), 50)
    spend(store, paper, datetime(2026, 11, 20, 16, 0, tzinfo=TZ), 30)
    spend(store, paper, datetime(2026, 11, 21, 9, 0, tzinfo=TZ), 30)  # the next day
    page = day_page(store, NOW.date(), tz=TZ, now=LATER)
    assert page.focus is not None
    assert page.focus.line() == "Focus: 2h10m — MAE paper (1h20m), ablation (50m)"
    data = page.to_dict()["focus"]
    assert data == {
        "seconds": 7800.0,
        "items": [
            {"item_id": paper, "title": "MAE paper", "seconds": 4800.0},
            {"item_id": ablation, "title": "ablation", "seconds": 3000.0},
        ],
    }


def test_an_entry_across_midnight_counts_on_each_day_for_its_part(store: Store) -> None:
    paper = item(store, "MAE paper")
    spend(store, paper, datetime(2026, 11, 19, 23, 20, tzinfo=TZ), 60)
    spend(store, None, datetime(2026, 11, 20, 8, 0, tzinfo=TZ), 15)
    before = day_page(store, NOW.date() - timedelta(days=1), tz=TZ, now=LATER).focus
    after = day_page(store, NOW.date(), tz=TZ, now=LATER).focus
    assert before is not None and before.line() == "Focus: 40m — MAE paper (40m)"
    assert after is not None and after.line() == "Focus: 35m — MAE paper (20m), other (15m)"


def test_a_running_timer_counts_up_to_now_and_a_day_without_time_has_no_line(
    store: Store,
) -> None:
    assert day_page(store, NOW.date(), tz=TZ, now=NOW).focus is None
    paper = item(store, "MAE paper")
    focus.start_focus(store, item_id=paper, settings=TimeboxSettings(), now=NOW)
    page = day_page(store, NOW.date(), tz=TZ, now=NOW + timedelta(minutes=25))
    assert page.focus is not None and page.focus.line() == "Focus: 25m — MAE paper (25m)"
