"""An item's fields as text: what the item editor and `rizhi edit` read from typed text,
and what they show for a stored field."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from app.domain.dates import DueSpec
from app.domain.entities import ItemRecord, Placement
from app.domain.enums import Column, ItemKind, Priority
from app.domain.errors import CaptureError, InvalidInput
from app.domain.item_fields import (
    describe_due,
    describe_estimate,
    due_text,
    format_estimate,
    has_scheme,
    moment_text,
    not_a_link,
    parse_due,
    parse_estimate,
    parse_priority,
    parse_tags,
    placement_text,
    reading_progress,
    record_due,
    tag_changes,
    unique_tags,
    week_text,
)

FRI = datetime(2026, 11, 20, 10, 0)  # a Friday, 10:00
CREATED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def record(**fields: object) -> ItemRecord:
    base = ItemRecord(
        id=1,
        uid="u1",
        kind=ItemKind.TASK,
        title="An item",
        notes="",
        parent_id=None,
        priority=Priority.NONE,
        estimate_minutes=None,
        due_date=None,
        due_time=None,
        horizon=None,
        reading_pass=0,
        target_pass=None,
        created_at=CREATED,
        updated_at=CREATED,
        completed_at=None,
        deleted_at=None,
    )
    return base._replace(**fields)


# --- estimates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90m", 90),
        ("90", 90),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("1.5h", 90),
        ("2h", 120),
        ("~45m", 45),
        ("1小时30分", 90),
        ("", None),
        ("  ", None),
    ],
)
def test_estimates_read_like_the_capture_grammar(text: str, minutes: int | None) -> None:
    assert parse_estimate(text) == minutes


@pytest.mark.parametrize("text", ["abc", "0m", "h", "~", "1h30x", "-5m"])
def test_unreadable_estimates_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="Could not read the estimate"):
        parse_estimate(text)


def test_estimates_format_back_to_what_they_parse_from() -> None:
    for minutes in (5, 45, 60, 90, 150, 600):
        assert parse_estimate(format_estimate(minutes)) == minutes
    assert format_estimate(None) == ""


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (600, "10 h")]
)
def test_estimates_in_words(minutes: int, text: str) -> None:
    assert describe_estimate(minutes) == text


# --- priority --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("high", Priority.HIGH),
        (" High ", Priority.HIGH),
        ("!!!", Priority.HIGH),
        ("2", Priority.MEDIUM),
        ("低", Priority.LOW),
        ("none", Priority.NONE),
        ("0", Priority.NONE),
    ],
)
def test_priorities_are_read_from_their_words(text: str, priority: Priority) -> None:
    assert parse_priority(text) is priority


def test_an_unknown_priority_is_refused() -> None:
    with pytest.raises(InvalidInput, match="Unknown priority 'urgent'"):
        parse_priority("urgent")


# --- due dates ---------------------------------------------------------------------------


def test_due_phrases_read_in_english_and_chinese() -> None:
    assert parse_due("fri 3pm", FRI) == DueSpec(date(2026, 11, 20), time(15, 0))  # today
    assert parse_due("明天下午三点", FRI) == DueSpec(date(2026, 11, 21), time(15, 0))
    assert parse_due("  ", FRI) is None
    with pytest.raises(CaptureError):
        parse_due("when the moon is blue", FRI)


def test_due_dates_show_as_text_the_parser_reads_back() -> None:
    for spec in (DueSpec(date(2026, 12, 1), None), DueSpec(date(2026, 12, 1), time(15, 0))):
        assert parse_due(due_text(spec), FRI) == spec
    assert due_text(DueSpec(date(2026, 12, 1), time(9, 5))) == "2026-12-01 09:05"
    assert due_text(None) == ""


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (DueSpec(date(2026, 11, 27), time(15, 0)), "Fri 27 Nov 2026, 15:00 · in 7 days"),
        (DueSpec(date(2026, 11, 20), None), "Fri 20 Nov 2026 · today"),
        (DueSpec(date(2026, 11, 21), None), "Sat 21 Nov 2026 · tomorrow"),
        (DueSpec(date(2026, 11, 19), None), "Thu 19 Nov 2026 · yesterday"),
        (DueSpec(date(2026, 11, 17), None), "Tue 17 Nov 2026 · 3 days ago"),
    ],
)
def test_due_dates_in_words(spec: DueSpec, text: str) -> None:
    assert describe_due(spec, FRI.date()) == text


def test_a_records_due_date_and_time_are_one_value() -> None:
    assert record_due(record()) is None
    assert record_due(record(due_date=date(2026, 12, 1))) == DueSpec(date(2026, 12, 1), None)
    assert record_due(record(due_date=date(2026, 12, 1), due_time=time(15, 0))) == DueSpec(
        date(2026, 12, 1), time(15, 0)
    )


# --- tags ------------------------------------------------------------------------------


def test_tags_split_on_commas_and_spaces_without_duplicates() -> None:
    assert parse_tags("#phd, nlp  reading，论文、NLP") == ("phd", "nlp", "reading", "论文")
    assert parse_tags("＃实验; ml；gpu") == ("实验", "ml", "gpu")
    assert parse_tags("  ") == ()


def test_tag_names_lose_their_hash_blanks_and_repeats() -> None:
    assert unique_tags(["#ML", " ml ", "#", "", "thesis"]) == ("ML", "thesis")


def test_tag_changes_ignore_case() -> None:
    assert tag_changes(("ML", "old"), ("ml", "gpu")) == (("gpu",), ("old",))
    assert tag_changes((), ()) == ((), ())


# --- links -----------------------------------------------------------------------------


def test_urls_need_a_scheme() -> None:
    assert has_scheme("https://arxiv.org/abs/1706.03762")
    assert has_scheme("  zotero://select/items/ABC ")
    assert has_scheme("file:///home/me/paper.pdf")
    assert not has_scheme("arxiv.org/abs/1706.03762")
    assert not has_scheme("C:\\papers\\x.pdf")
    assert not has_scheme("")
    assert "https://" in not_a_link("arxiv.org")


# --- reading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "text"),
    [
        (0, None, "Pass 0/3 · no target chosen"),
        (2, None, "Pass 2/3 · no target chosen"),
        (1, 2, "Pass 1/2 · 1 more pass to go"),
        (0, 3, "Pass 0/3 · 3 more passes to go"),
        (2, 3, "Pass 2/3 · 1 more pass to go"),
        (3, 2, "Pass 3/2 · target reached"),
    ],
)
def test_reading_progress_in_words(current: int, target: int | None, text: str) -> None:
    assert reading_progress(current, target) == text


# --- history ---------------------------------------------------------------------------


def test_moments_show_in_local_time() -> None:
    assert moment_text(None) == ""
    assert moment_text(CREATED) == f"{CREATED.astimezone():%a %d %b %Y, %H:%M}"


def test_weeks_show_their_days() -> None:
    assert week_text("2026-W48") == "2026-W48 · 23 Nov – 29 Nov 2026"
    assert week_text("not a week") == "not a week"


def test_placements_in_words() -> None:
    assert placement_text(None) == "Not on a board"
    placement = Placement("2026-W48", Column.TODO, 0)
    assert placement_text(placement) == f"2026-W48, {Column.TODO.label}"
    assert placement_text(placement._replace(carried_over=1)).endswith("(carried over once)")
    assert placement_text(placement._replace(carried_over=3)).endswith("(carried over 3×)")
