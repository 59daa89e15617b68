from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.units import (
    GoalSpec,
    ReviewTooEarly,
    UnitSpan,
    check_color,
    check_review_day,
    containing,
    day_bounds,
    default_title,
    early_review_question,
    empty_days,
    find_category,
    hashtags,
    name_key,
    parse_goal_spec,
    parse_kinds,
    review_moment,
    unknown_category,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
DEFAULTS = ["Lectures", "Papers", "Math", "Coding"]


# --- goal specs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("papers=2..3 Read two papers on SSL", GoalSpec("papers", 2, 3, "Read two papers on SSL")),
        ("lecture=3", GoalSpec("lecture", 3)),
        ("math=1 Section 2", GoalSpec("math", 1, None, "Section 2")),
        ("papers=2-3", GoalSpec("papers", 2, 3)),
        ("papers=2–3 dash", GoalSpec("papers", 2, 3, "dash")),
        (
            "  Coding = 1   Machine   translation ",
            GoalSpec("Coding", 1, None, "Machine translation"),
        ),
        (
            "lectures=3 Watch weeks 5-6 of NYU",
            GoalSpec("lectures", 3, None, "Watch weeks 5-6 of NYU"),
        ),
        ("Deep Learning=2", GoalSpec("Deep Learning", 2)),
        ("math=1 2. Linear Algebra", GoalSpec("math", 1, None, "2. Linear Algebra")),
    ],
)
def test_goal_specs_are_read(text: str, spec: GoalSpec) -> None:
    assert parse_goal_spec(text) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("papers", "CATEGORY=TARGET"),
        ("=2", "CATEGORY=TARGET"),
        ("papers=two", "CATEGORY=TARGET"),
        ("papers=", "CATEGORY=TARGET"),
        ("papers=0", "target is 1 to"),
        ("papers=3..2", "more than the target"),
        ("papers=2..2", "more than the target"),
        ("papers=5000", "target is 1 to"),
    ],
)
def test_bad_goal_specs_say_how_to_write_one(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_goal_spec(text)


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Papers", "paper"),
        ("papers", "PAPERS"),
        ("Lectures", "lecture"),
        ("Coding", "coding"),
        ("studies", "study"),
        ("classes", "class"),
        ("boxes", "box"),
        ("Deep Learning", "deep-learning"),
        ("Deep Learning", "deep_learning"),
        ("论文", "论文"),
    ],
)
def test_names_match_in_any_case_singular_or_plural(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Papers", "paperwork"), ("Math", "Coding"), ("class", "cla")]
)
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_words_ending_in_s_that_are_not_plurals_keep_it() -> None:
    assert name_key("analysis") == "analysis"
    assert name_key("campus") == "campus"
    assert name_key("class") == "class"
    assert name_key("gas") == "gas"  # too short to fold


def test_find_category_returns_the_stored_name() -> None:
    assert find_category("lecture", DEFAULTS) == "Lectures"
    assert find_category("PAPER", DEFAULTS) == "Papers"
    assert find_category("biology", DEFAULTS) is None


def test_unknown_category_lists_the_known_ones_and_how_to_add_one() -> None:
    message = str(unknown_category("Reading Group", DEFAULTS))
    assert "Lectures, Papers, Math, Coding" in message
    assert 'rizhi unit category add "Reading Group"' in message
    assert "none yet" in str(unknown_category("x", []))


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("watched NYU 5L #lecture", ["lecture"]),
        ("#Papers: Graves and #math too", ["Papers", "math"]),
        ("＃论文 读完了", ["论文"]),
        ("# A heading\n## another", []),
        ("C# and F# are languages", []),
        ("see https://example.com/page#section and /#/route", []),
        ("#deep-learning works", ["deep-learning"]),
    ],
)
def test_hashtags_in_log_text(text: str, tags: list[str]) -> None:
    assert hashtags(text) == tags


def test_kinds_accept_plurals_and_refuse_unknown_kinds() -> None:
    assert parse_kinds(["papers", "Paper", "experiment"]) == ("paper", "experiment")
    with pytest.raises(InvalidInput, match="task, idea, paper, experiment, note"):
        parse_kinds(["lecture"])


def test_colours() -> None:
    assert check_color(" #2563EB ") == "#2563eb"
    assert check_color("#abc") == "#abc"
    with pytest.raises(InvalidInput, match="#rrggbb"):
        check_color("blue")


# --- days ---------------------------------------------------------------------------------


def test_a_ten_day_unit() -> None:
    span = UnitSpan(date(2022, 2, 1))
    assert span.last == date(2022, 2, 10)
    assert span.next_start == date(2022, 2, 11)
    assert len(span.dates()) == 10 and span.dates()[0] == span.start
    assert span.contains(date(2022, 2, 10)) and not span.contains(date(2022, 2, 11))
    assert not span.contains(date(2022, 1, 31))
    assert default_title(1, span) == "Unit 1: 2-01 to 2-10"


def test_units_of_other_lengths_across_months_and_years() -> None:
    span = UnitSpan(date(2021, 12, 28), 7)
    assert span.last == date(2022, 1, 3)
    assert default_title(12, span) == "Unit 12: 12-28 to 1-03"
    one = UnitSpan(date(2024, 2, 29), 1)
    assert one.last == one.start and one.next_start == date(2024, 3, 1)


def test_elapsed_and_left() -> None:
    span = UnitSpan(date(2022, 2, 1))
    assert (span.elapsed(date(2022, 1, 30)), span.left(date(2022, 1, 30))) == (0, 10)
    assert (span.elapsed(date(2022, 2, 1)), span.left(date(2022, 2, 1))) == (1, 9)
    assert (span.elapsed(date(2022, 2, 10)), span.left(date(2022, 2, 10))) == (10, 0)
    assert (span.elapsed(date(2022, 3, 1)), span.left(date(2022, 3, 1))) == (10, 0)


def test_overlaps() -> None:
    a = UnitSpan(date(2022, 2, 1))
    assert a.overlaps(UnitSpan(date(2022, 2, 10), 3))
    assert not a.overlaps(UnitSpan(date(2022, 2, 11), 3))
    assert UnitSpan(date(2022, 1, 25), 8).overlaps(a)
    assert not UnitSpan(date(2022, 1, 25), 7).overlaps(UnitSpan(date(2022, 2, 1)))
    assert a.overlaps_range(date(2022, 1, 1), date(2022, 2, 1))
    assert not a.overlaps_range(date(2022, 2, 11), date(2022, 2, 20))


def test_which_unit_holds_a_day() -> None:
    spans = [(1, UnitSpan(date(2022, 2, 1))), (2, UnitSpan(date(2022, 2, 11), 5))]
    assert containing(spans, date(2022, 2, 10)) == 1
    assert containing(spans, date(2022, 2, 11)) == 2
    assert containing(spans, date(2022, 2, 15)) == 2
    assert containing(spans, date(2022, 2, 16)) is None


def test_empty_days_leave_out_days_to_come() -> None:
    span = UnitSpan(date(2022, 2, 1))
    active = [date(2022, 2, d) for d in range(1, 7)]
    expected = [date(2022, 2, d) for d in range(7, 11)]
    assert empty_days(span, active) == expected
    assert empty_days(span, active, today=date(2022, 2, 8)) == expected[:2]
    assert empty_days(span, [], today=date(2022, 1, 1)) == []


def test_day_bounds_are_local_midnights() -> None:
    span = UnitSpan(date(2022, 2, 1))
    low, high = day_bounds(span, SHANGHAI)
    assert low.astimezone(UTC) == datetime(2022, 1, 31, 16, 0, tzinfo=UTC)
    assert high.astimezone(UTC) == datetime(2022, 2, 10, 16, 0, tzinfo=UTC)
    low, high = day_bounds(span, NEW_YORK)
    assert low.astimezone(UTC) == datetime(2022, 2, 1, 5, 0, tzinfo=UTC)
    assert high.astimezone(UTC) == datetime(2022, 2, 11, 5, 0, tzinfo=UTC)


def test_day_bounds_across_a_clock_change() -> None:
    # New York moves its clocks on 2022-03-13: the unit is 239 hours long, not 240.
    low, high = day_bounds(UnitSpan(date(2022, 3, 10)), NEW_YORK)
    assert high.astimezone(UTC) - low.astimezone(UTC) == timedelta(hours=239)
    assert high.astimezone(UTC) == datetime(2022, 3, 20, 4, 0, tzinfo=UTC)


def test_review_moment() -> None:
    span = UnitSpan(date(2022, 2, 1))
    assert review_moment(span, SHANGHAI) == datetime(2022, 2, 11, tzinfo=SHANGHAI)
    assert review_moment(span, SHANGHAI, time(21, 0)) == datetime(
        2022, 2, 10, 21, 0, tzinfo=SHANGHAI
    )


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=-5, max_value=70),
)
def test_a_day_is_in_the_unit_exactly_when_it_is_one_of_its_dates(
    start: date, days: int, offset: int
) -> None:
    span = UnitSpan(start, days)
    day = start + timedelta(days=offset)
    assert span.contains(day) == (day in span.dates()) == (0 <= offset < days)
    assert UnitSpan(span.next_start, days).overlaps(span) is False


# --- when a unit may be reviewed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (date(2022, 2, 1), "9 days left — review now?"),
        (date(2022, 2, 9), "1 day left — review now?"),
        (date(2022, 2, 10), "0 days left — review now?"),
    ],
)
def test_the_early_review_question_counts_the_days_after_today(today: date, text: str) -> None:
    assert early_review_question(UnitSpan(date(2022, 2, 1)), today) == text


def test_a_review_day_is_checked_against_the_units_days() -> None:
    span = UnitSpan(date(2022, 2, 1))
    with pytest.raises(InvalidInput, match=r"has not started yet.*in 1 day\)"):
        check_review_day(1, span, date(2022, 1, 31), early=True)
    with pytest.raises(ReviewTooEarly, match="9 days left"):
        check_review_day(1, span, date(2022, 2, 1), early=False)
    check_review_day(1, span, date(2022, 2, 1), early=True)
    check_review_day(1, span, date(2022, 2, 10), early=False)
    check_review_day(1, span, date(2022, 3, 10), early=False)
