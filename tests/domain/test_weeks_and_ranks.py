from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.ranks import STEP, rank_between, spread
from app.domain.weeks import Week


def test_week_parse_format_and_bounds() -> None:
    week = Week.parse("2026-W48")
    assert str(week) == "2026-W48" == str(Week.parse("2026w48"))
    assert week.monday == date(2026, 11, 23) and week.sunday == date(2026, 11, 29)
    assert str(Week.of(date(2021, 1, 3))) == "2020-W53"  # ISO years differ from calendar years
    assert str(Week.parse("2026-W01").shifted(-1)) == "2025-W52"
    assert Week.parse("2026-W53").sunday == date(2027, 1, 3)  # 2026 has 53 ISO weeks
    with pytest.raises(InvalidInput, match="no week 53"):
        Week.parse("2025-W53")
    with pytest.raises(InvalidInput, match="2026-W48"):
        Week.parse("next week")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_every_day_is_in_its_week(day: date) -> None:
    week = Week.of(day)
    assert week.contains(day)
    assert Week.parse(str(week)) == week
    assert week.shifted(1).monday == week.monday + timedelta(days=7)


@given(st.one_of(st.none(), st.integers(-(10**12), 10**12)), st.integers(0, 10**6))
def test_rank_between_is_strictly_between(before: int | None, gap: int) -> None:
    after = None if before is None else before + gap
    rank = rank_between(before, after)
    if before is not None and after is not None and gap < 2:
        assert rank is None
    else:
        assert rank is not None
        assert before is None or rank > before
        assert after is None or rank < after


def test_spread_is_evenly_spaced() -> None:
    assert spread(3) == [STEP, 2 * STEP, 3 * STEP]
    assert rank_between(None, None) == STEP


def test_new_uid_is_a_version_4_uuid() -> None:
    import uuid

    from app.domain.ids import new_uid

    uids = {new_uid() for _ in range(1000)}
    assert len(uids) == 1000
    for uid in list(uids)[:50]:
        parsed = uuid.UUID(uid)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == uid


@pytest.mark.parametrize("week_start", range(7))
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_a_board_week_holds_its_days_for_any_start(week_start: int, day: date) -> None:
    week = Week.containing(day, week_start)
    assert week.first_day(week_start) <= day <= week.last_day(week_start)
    assert week.first_day(week_start).weekday() == week_start
    assert week.contains(week.monday)


def test_sunday_start_maps_sunday_to_the_following_iso_week() -> None:
    sunday = date(2026, 11, 22)
    assert str(Week.containing(sunday, 0)) == "2026-W47"
    assert str(Week.containing(sunday, 6)) == "2026-W48"
    assert Week.parse("2026-W48").first_day(6) == sunday


def test_estimate_and_priority_words_read_like_the_grammar() -> None:
    from app.domain.capture import priority_named
    from app.domain.enums import Priority
    from app.domain.estimates import estimate_minutes

    assert [estimate_minutes(t) for t in ("90", "~2h", "1h 30m", "1.5h", "1小时30分")] == [
        90, 120, 90, 90, 90,
    ]  # fmt: skip
    assert estimate_minutes("soon") is None and estimate_minutes("0m") is None
    assert priority_named("high") is priority_named("!!!") is Priority.HIGH
    assert priority_named("medium") is priority_named("2") is Priority.MEDIUM
    assert priority_named("!") is Priority.LOW and priority_named("none") is Priority.NONE
    assert priority_named("urgent") is None
