"""Writing entries back as Markdown that reads into the same entries."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.journal.parse import parse_journal
from app.domain.journal.render import (
    EntryText,
    escape_body,
    heading_line,
    render_front_matter,
    render_journal,
)

DAY = date(2021, 6, 12)


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("", "## 2021-06-12"),
        ("Summer workshop", "## 2021-06-12 Summer workshop"),
        ("组会", "## 2021-06-12 组会"),
        ("Saturday fun", "## 2021-06-12: Saturday fun"),  # would read as a weekday
        ("~ 19 people", "## 2021-06-12: ~ 19 people"),  # would read as a range
        ("- dash first", "## 2021-06-12: - dash first"),
        (": colon first", "## 2021-06-12: : colon first"),
        ("2012-12-09 Summer", "## 2021-06-12 2012-12-09 Summer"),
    ],
)
def test_heading_lines_read_back_exactly(heading: str, line: str) -> None:
    assert heading_line(DAY, None, heading) == line
    entry = parse_journal(line + "\nbody\n").entries[0]
    assert (entry.day, entry.end_day, entry.heading) == (DAY, None, heading)


def test_a_range_heading() -> None:
    line = heading_line(DAY, date(2021, 6, 14), "Trip")
    assert line == "## 2021-06-12 ~ 2021-06-14 Trip"
    entry = parse_journal(line).entries[0]
    assert (entry.day, entry.end_day, entry.heading) == (DAY, date(2021, 6, 14), "Trip")


def test_headings_are_one_line() -> None:
    assert heading_line(DAY, None, "  two\nlines\r ") == "## 2021-06-12 two lines"


def test_body_lines_that_look_like_dates_are_escaped() -> None:
    body = "- fine\n## 2021-06-13\n2021-06-14 plain\nnot 2021-06-15"
    assert escape_body(body) == "- fine\n\\## 2021-06-13\n\\2021-06-14 plain\nnot 2021-06-15"
    text = render_journal([EntryText(DAY, None, "", body)])
    entries = parse_journal(text).entries
    assert len(entries) == 1
    assert entries[0].body == body  # reading takes the backslashes off again


def test_only_the_escape_of_a_date_line_is_taken_off() -> None:
    body = "\\## 2021-06-13\n\\\\## 2021-06-13\n\\not a date\n\\- 2021-06-13"
    entry = parse_journal("## 2021-06-12\n" + body).entries[0]
    assert entry.body == "## 2021-06-13\n\\\\## 2021-06-13\n\\not a date\n\\- 2021-06-13"
    assert escape_body(entry.body) == body


def test_document_order_and_same_day_entries() -> None:
    entries = [
        EntryText(date(2021, 6, 13), None, "", "b"),
        EntryText(DAY, None, "first", "a1"),
        EntryText(DAY, None, "second", "a2"),
    ]
    oldest = render_journal(entries)
    assert oldest == (
        "## 2021-06-12 first\n\na1\n\n## 2021-06-12 second\n\na2\n\n## 2021-06-13\n\nb\n"
    )
    newest = render_journal(entries, newest_first=True)
    assert newest.index("2021-06-13") < newest.index("first") < newest.index("second")
    parsed = parse_journal(newest)
    assert parsed.direction == "newest first"
    assert [(e.day, e.heading, e.body) for e in parsed.entries] == [
        (date(2021, 6, 13), "", "b"),
        (DAY, "first", "a1"),
        (DAY, "second", "a2"),
    ]


def test_an_entry_without_body_and_an_empty_log() -> None:
    assert render_journal([EntryText(DAY, None, "only a heading", "")]) == (
        "## 2021-06-12 only a heading\n"
    )
    assert render_journal([]) == ""


def test_front_matter_reads_back() -> None:
    meta = {"layout": "post", "title": 'Log "2021"', "draft": False, "tags": ["a", "b"]}
    text = render_front_matter(meta)
    assert text == (
        '---\nlayout: "post"\ntitle: "Log \\"2021\\""\ndraft: false\ntags: ["a", "b"]\n---\n'
    )
    parsed = parse_journal(render_journal([EntryText(DAY, None, "", "x")], front_matter=meta))
    assert dict(parsed.front_matter) == meta
    assert [e.body for e in parsed.entries] == ["x"]
