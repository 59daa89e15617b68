"""The time report: local days (midnight and daylight-saving changes), sums that equal the
entries, planned against spent per item, tag and category, JSON and CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.entities import ItemDraft
from app.domain.enums import ItemKind
from app.domain.time_days import day_parts
from app.domain.weeks import Week
from app.services.items import create_item
from app.services.time_blocks import add_block
from app.services.time_entries import add_entry
from app.services.time_report import Totals, day_span, time_report, week_span
from app.store.db import Store
from tests.conftest import NOW, TZ

BERLIN = ZoneInfo("Europe/Berlin")
LATER = datetime(2030, 1, 1, tzinfo=UTC)  # "now" after every entry in these tests


def item(store: Store, title: str, **fields: object) -> int:
    draft = ItemDraft(title=title, **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=NOW)[0].id


def spend(store: Store, item_id: int | None, start: datetime, minutes: float) -> None:
    start = start.astimezone(UTC)  # a stretch of real time, not of wall-clock time
    end = start + timedelta(minutes=minutes)
    add_entry(store, item_id=item_id, start=start, end=end, now=LATER)


# --- the rule of local days ---------------------------------------------------------------


def test_an_entry_across_midnight_counts_on_each_side_for_its_part() -> None:
    start = datetime(2026, 11, 19, 23, 0, tzinfo=TZ)
    parts = day_parts(start, start + timedelta(hours=2), TZ, first=date(2026, 11, 1),
                      last=date(2026, 11, 30))  # fmt: skip
    assert parts == [(date(2026, 11, 19), 3600.0), (date(2026, 11, 20), 3600.0)]


@pytest.mark.parametrize(
    ("day", "hours"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25), (date(2026, 6, 1), 24)]
)
def test_a_day_of_a_daylight_saving_change_lasts_what_the_clock_says(day: date, hours: int) -> None:
    start = datetime.combine(day - timedelta(days=1), datetime.min.time(), tzinfo=BERLIN)
    parts = day_parts(start, start + timedelta(days=3), BERLIN, first=day, last=day)
    assert parts == [(day, hours * 3600.0)]


def test_an_entry_over_the_night_the_clocks_go_back_is_split_at_local_midnight(
    store: Store,
) -> None:
    paper = item(store, "MAE paper")
    # 22:00 on Saturday 24 Oct to 04:00 on Sunday, Berlin: 2 h before midnight, and 5 h
    # after it, since 02:00-03:00 happens twice that night.
    start = datetime(2026, 10, 24, 22, 0, tzinfo=BERLIN)
    spend(store, paper, start, 7 * 60)
    span = day_span(date(2026, 10, 24))._replace(kind="week", last=date(2026, 10, 25))
    report = time_report(store, span, now=LATER, zone=BERLIN)
    days = {day: totals.spent_minutes for day, totals in report.days()}
    assert days == {date(2026, 10, 24): 120.0, date(2026, 10, 25): 300.0}
    only_sunday = time_report(store, day_span(date(2026, 10, 25)), now=LATER, zone=BERLIN)
    assert only_sunday.total.spent_minutes == 300.0


def test_an_entry_over_the_night_the_clocks_go_forward_is_split_at_local_midnight(
    store: Store,
) -> None:
    paper = item(store, "Ablation")
    start = datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN)
    spend(store, paper, start, 4 * 60)  # to 04:30 CEST: 30 min on Saturday, 3h30 on Sunday
    span = day_span(date(2026, 3, 28))._replace(last=date(2026, 3, 29))
    report = time_report(store, span, now=LATER, zone=BERLIN)
    assert [t.spent_minutes for _, t in report.days()] == [30.0, 210.0]
    assert report.to_dict()["days"][1]["date"] == "2026-03-29"  # type: ignore[index]


# --- the sums -----------------------------------------------------------------------------

stretches = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3),  # which item (3: none)
        st.integers(min_value=0, max_value=14 * 24 * 60),  # minutes after the first moment
        st.integers(min_value=1, max_value=30 * 60),  # length in minutes
        st.integers(min_value=0, max_value=59),  # and seconds
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(stretches)
def test_the_reports_sums_equal_the_entries(store: Store, found: list[tuple[int, ...]]) -> None:
    store.raw.execute("DELETE FROM time_entries")
    store.raw.commit()
    ids = [item(store, f"Item {n}", tags=(f"t{n}", "all")) for n in range(3)]
    # The week of the change back; moments in UTC, so that adding minutes adds real time.
    origin = datetime(2026, 10, 19, 0, 0, tzinfo=BERLIN).astimezone(UTC)
    for which, offset, minutes, seconds in found:
        start = origin + timedelta(minutes=offset)
        spend(store, ids[which] if which < 3 else None, start, minutes + seconds / 60)
    week = Week.of(date(2026, 10, 19))
    report = time_report(store, week_span(week), now=LATER, zone=BERLIN)
    inside = 0.0
    low, high = origin, datetime(2026, 10, 26, 0, 0, tzinfo=BERLIN).astimezone(UTC)
    for _, offset, minutes, seconds in found:
        start = origin + timedelta(minutes=offset)
        end = start + timedelta(minutes=minutes, seconds=seconds)
        inside += max(0.0, (min(end, high) - max(start, low)).total_seconds())
    total = report.total.spent_seconds
    assert total == pytest.approx(inside, abs=0.01 * (len(found) + 1))
    assert sum(t.spent_seconds for _, t in report.days()) == pytest.approx(total)
    assert sum(t.spent_seconds for _, _, t in report.items()) == pytest.approx(total)
    assert sum(t.spent_seconds for _, t in report.categories()) == pytest.approx(total)
    by_tag = dict(report.tags())
    untied = sum(t.spent_seconds for i, _, t in report.items() if i is None)
    assert by_tag.get("all", Totals()).spent_seconds + untied == pytest.approx(total)


# --- what the report holds ----------------------------------------------------------------


def test_planned_against_spent_per_item_tag_category_and_day(store: Store) -> None:
    paper = item(store, "MAE paper", kind=ItemKind.PAPER, tags=("ssl",))
    code = item(store, "Ablation runs", tags=("coding", "ssl"))
    day = NOW.date()
    add_block(store, day=day, start=9 * 60 + 30, minutes=90, item_id=paper, now=NOW)
    add_block(store, day=day, start=14 * 60, minutes=120, item_id=code, now=NOW)
    add_block(store, day=day, start=15 * 60, minutes=60, title="Group meeting", now=NOW)
    spend(store, paper, datetime(2026, 11, 20, 9, 30, tzinfo=TZ), 80)
    spend(store, code, datetime(2026, 11, 20, 14, 0, tzinfo=TZ), 50)
    spend(store, code, datetime(2026, 11, 19, 14, 0, tzinfo=TZ), 10)  # another day
    report = time_report(store, day_span(day), now=LATER, zone=TZ)
    data = report.to_dict()
    assert data["total"] == {"planned_minutes": 270, "spent_minutes": 130.0}
    assert data["items"] == [
        {"id": paper, "title": "MAE paper", "planned_minutes": 90, "spent_minutes": 80.0},
        {"id": code, "title": "Ablation runs", "planned_minutes": 120, "spent_minutes": 50.0},
        {"id": None, "title": "Group meeting", "planned_minutes": 60, "spent_minutes": 0.0},
    ]
    assert data["categories"] == [
        {"category": "Papers", "planned_minutes": 90, "spent_minutes": 80.0},
        {"category": "Coding", "planned_minutes": 120, "spent_minutes": 50.0},
        {"category": None, "planned_minutes": 60, "spent_minutes": 0.0},
    ]
    assert data["tags"][0] == {"tag": "ssl", "planned_minutes": 210, "spent_minutes": 130.0}
    assert data["days"] == [
        {
            "date": "2026-11-20",
            "planned_minutes": 270,
            "spent_minutes": 130.0,
            "categories": data["categories"],
        }
    ]
    rows = list(csv.DictReader(io.StringIO(report.csv_text())))
    assert [(r["title"], r["category"], r["tags"], r["spent_minutes"]) for r in rows] == [
        ("MAE paper", "Papers", "#ssl", "80.0"),
        ("Ablation runs", "Coding", "#coding #ssl", "50.0"),
        ("Group meeting", "", "", "0.0"),
    ]


def test_the_running_entry_counts_up_to_now(store: Store) -> None:
    from app.domain.timebox_settings import TimeboxSettings
    from app.services import focus

    paper = item(store, "MAE paper")
    focus.start_focus(store, item_id=paper, settings=TimeboxSettings(), now=NOW)
    report = time_report(store, day_span(NOW.date()), now=NOW + timedelta(minutes=25), zone=TZ)
    assert report.total.spent_minutes == 25.0
