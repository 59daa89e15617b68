"""Reading whole journals: days, entries, ranges, typos in sequence, notes, units."""

from __future__ import annotations

import time
from datetime import date

import pytest

from app.domain.journal.parse import (
    Fate,
    NoteKind,
    ParsedJournal,
    entry_keys,
    note_key,
    parse_journal,
    split_lines,
)


def parse(text: str) -> ParsedJournal:
    return parse_journal(text, year_hint=2026)


def days_of(parsed: ParsedJournal) -> list[tuple[date, date | None, str]]:
    return [(e.day, e.end_day, e.heading) for e in parsed.entries]


def test_a_plain_dated_journal() -> None:
    parsed = parse("2022-02-01\n- watched NYU 5L\n\n2022-02-02\n- read Graves '12\n")
    assert days_of(parsed) == [(date(2022, 2, 1), None, ""), (date(2022, 2, 2), None, "")]
    assert [e.body for e in parsed.entries] == ["- watched NYU 5L", "- read Graves '12"]
    assert [e.line for e in parsed.entries] == [1, 4]
    assert parsed.direction == "oldest first"
    assert parsed.notes == ()
    assert parsed.anomalies == ()


def test_headings_at_any_level_and_plain_lines_mix() -> None:
    text = "# 2021-06-10\na\n### 2021-6-11\nb\n2021-06-12\nc\n###### 2021.06.13\nd\n"
    assert [e.day.day for e in parse(text).entries] == [10, 11, 12, 13]


def test_body_keeps_every_line_verbatim_but_blank_ends() -> None:
    text = "## 2021-06-12\n\n\n1. plan\n   - nested\n\t- tab\n\n##### Meeting\n\n- ok  \n\n\n"
    entry = parse(text).entries[0]
    assert entry.body == "1. plan\n   - nested\n\t- tab\n\n##### Meeting\n\n- ok  "


def test_day_first_dates_are_read_by_their_weekday() -> None:
    text = "### Monday 04-11-2019\na\n### Tuesday 05-11-2019\nb\n"
    assert [e.day for e in parse(text).entries] == [date(2019, 11, 4), date(2019, 11, 5)]


def test_the_files_habit_settles_dates_without_a_weekday() -> None:
    # 13-11 can only be day first; so 04-11 (no weekday) is 4 November too.
    text = "### 13-11-2019\na\n### 04-12-2019\nb\n"
    assert [e.day for e in parse(text).entries] == [date(2019, 11, 13), date(2019, 12, 4)]
    text = "### 11/13/2019\na\n### 12/04/2019\nb\n"
    assert [e.day for e in parse(text).entries] == [date(2019, 11, 13), date(2019, 12, 4)]


def test_the_sequence_settles_an_ambiguous_date_without_habit_or_weekday() -> None:
    text = "## 2019-11-01\na\n### 05-11-2019\nb\n## 2019-11-20\nc\n"
    entries = parse(text).entries
    assert entries[1].day == date(2019, 11, 5)
    assert entries[1].anomaly is None


def test_ranges() -> None:
    text = (
        "### Wednesday 06-11-2019 till Friday 08-11-2019\nb\n"
        "2019-11-16/17\nc\n"
        "## 2021-05-18 ~ 19\na\n"
        "## 2021-11-26 ~ 2021-11-30 Trip\nd\n"
        "## 2021-12-30 ~ 01-02\ne\n"
    )
    parsed = parse(text)
    assert days_of(parsed) == [
        (date(2019, 11, 6), date(2019, 11, 8), ""),
        (date(2019, 11, 16), date(2019, 11, 17), ""),
        (date(2021, 5, 18), date(2021, 5, 19), ""),
        (date(2021, 11, 26), date(2021, 11, 30), "Trip"),
        (date(2021, 12, 30), date(2022, 1, 2), ""),
    ]
    assert parsed.range_count == 5
    assert parsed.anomalies == ()


def test_heading_with_a_title_after_the_date() -> None:
    parsed = parse("### 2021-08-14 Summer workshop\n- talk\n")
    assert days_of(parsed) == [(date(2021, 8, 14), None, "Summer workshop")]


def test_the_same_date_twice_is_one_day_with_both_texts() -> None:
    text = "2022-02-05\n- first half\n2022-02-05\n- second half\n2022-02-06\n- next\n"
    parsed = parse(text)
    assert len(parsed.entries) == 3
    assert [(d.day, [e.body for e in d.entries]) for d in parsed.days] == [
        (date(2022, 2, 5), ["- first half", "- second half"]),
        (date(2022, 2, 6), ["- next"]),
    ]


def test_a_year_typo_between_two_december_2021_entries() -> None:
    text = "## 2021-12-08\na\n## 2012-12-09 Summer\nb\n## 2021-12-10\nc\n"
    parsed = parse(text)
    flagged = parsed.entries[1]
    assert flagged.day == date(2021, 12, 9)
    assert flagged.heading == "2012-12-09 Summer"  # the original text is kept
    assert flagged.body == "b"
    assert flagged.anomaly is not None
    assert flagged.anomaly.line == 3
    assert flagged.anomaly.original == "2012-12-09 Summer"
    assert flagged.anomaly.suggested == date(2021, 12, 9)
    assert "out of sequence between 2021-12-08 and 2021-12-10" in flagged.anomaly.reason
    assert parsed.anomalies == (flagged.anomaly,)
    assert [e.anomaly for e in parsed.entries if e is not flagged] == [None, None]


def test_a_missing_separator_and_a_five_digit_year() -> None:
    text = (
        "## 2021-08-28\na\n## 2021-0829\nb\n## 2021-08-30\nc\n"
        "## 2021-02-15\nd\n## 20201-02-16\ne\n## 2021-02-17\nf\n"
    )
    parsed = parse(text)
    # 2021-02-15 after August: the three February days are out of order here, but the
    # file has them oldest first within each run, so only check the typo'd lines.
    flagged = {a.original: a for a in parsed.anomalies}
    assert flagged["2021-0829"].suggested == date(2021, 8, 29)
    assert "separator is missing" in flagged["2021-0829"].reason
    fixed = [e for e in parsed.entries if e.heading == "20201-02-16"]
    assert fixed and fixed[0].anomaly is not None
    assert "five digits" in fixed[0].anomaly.reason


def test_five_digit_year_takes_the_repair_that_fits_its_neighbours() -> None:
    parsed = parse("## 2021-02-15\nd\n## 20201-02-16\ne\n## 2021-02-17\nf\n")
    entry = parsed.entries[1]
    assert entry.day == date(2021, 2, 16)
    assert entry.anomaly is not None
    assert entry.anomaly.reason == "the year 20201 has five digits"


def test_an_impossible_day_is_placed_in_sequence() -> None:
    parsed = parse("## 2021-02-27\na\n## 2021-02-30\nb\n## 2021-03-02\nc\n")
    assert parsed.entries[1].day == date(2021, 2, 28)
    assert parsed.entries[1].anomaly is not None
    assert parsed.entries[1].anomaly.reason == "2021-02 has no day 30"


def test_a_date_with_no_fitting_correction_joins_the_entry_before_it() -> None:
    parsed = parse("## 2021-06-10\na\n## 2019-01-03\nb\n## 2021-06-11\nc\n## 2021-06-12\n")
    entry = parsed.entries[1]
    assert entry.day == date(2021, 6, 10)
    assert entry.anomaly is not None
    assert entry.anomaly.suggested == date(2021, 6, 10)
    assert "2019-01-03 is out of sequence" in entry.anomaly.reason


def test_newest_first_journals_are_sequences_too() -> None:
    text = "## 2021-12-10\na\n## 2012-12-09\nb\n## 2021-12-08\nc\n## 2021-12-07\nd\n"
    parsed = parse(text)
    assert parsed.direction == "newest first"
    assert [e.day.day for e in parsed.entries] == [10, 9, 8, 7]
    assert [e.anomaly is not None for e in parsed.entries] == [False, True, False, False]


def test_a_file_out_of_order_keeps_its_dates_as_written() -> None:
    # Notes by topic, not by day: no direction keeps three quarters of the dates in order.
    days = [
        "2021-03-01", "2020-07-04", "2022-01-09", "2019-05-05", "2021-11-11",
        "2018-02-02", "2020-01-20", "2022-06-30", "2019-09-09", "2021-01-15",
    ]  # fmt: skip
    parsed = parse("".join(f"## {d}\nx\n" for d in days))
    assert [e.day.isoformat() for e in parsed.entries] == days
    assert parsed.anomalies == ()


def test_a_weekday_that_does_not_match_is_flagged() -> None:
    parsed = parse("## 2021-06-12 Monday\na\n## 2021-06-13\nb\n")
    entry = parsed.entries[0]
    assert entry.day == date(2021, 6, 12)
    assert entry.anomaly is not None
    assert entry.anomaly.reason == "Monday does not match 2021-06-12, a Saturday"


def test_a_range_ending_before_it_starts_is_flagged_and_kept_as_one_day() -> None:
    parsed = parse("## 2022-01-05 ~ 2021-01-01\na\n")
    entry = parsed.entries[0]
    assert (entry.day, entry.end_day) == (date(2022, 1, 5), None)
    assert entry.heading == "2022-01-05 ~ 2021-01-01"
    assert entry.anomaly is not None
    assert "ends (2021-01-01) before it starts" in entry.anomaly.reason


@pytest.mark.parametrize(
    ("text", "start", "end", "reason"),
    [
        (
            "## 2021-03-01\na\n## 2021-03-02 ~ 2021-0304\nb\n## 2021-03-05\nc\n",
            date(2021, 3, 2),
            date(2021, 3, 4),
            "the range end '2021-0304' is read as 2021-03-04 (a separator is missing "
            "between month and day)",
        ),
        (
            "## 2020-02-10\na\n## 2020-2-11 ~ 20201-02-16\nb\n## 2020-02-17\nc\n",
            date(2020, 2, 11),
            date(2020, 2, 16),
            "the range end '20201-02-16' is read as 2020-02-16 (the year 20201 has five digits)",
        ),
    ],
)
def test_a_range_whose_end_has_a_typo_keeps_its_repaired_end(
    text: str, start: date, end: date, reason: str
) -> None:
    parsed = parse(text)
    entry = parsed.entries[1]
    assert (entry.day, entry.end_day) == (start, end)
    assert entry.anomaly is not None  # listed for the user to confirm
    assert (entry.anomaly.suggested, entry.anomaly.reason) == (start, reason)
    assert entry.heading == entry.anomaly.original  # the line as written
    assert parsed.anomalies == (entry.anomaly,)
    assert parsed.range_count == 1


def test_a_range_end_is_not_repaired_by_a_guess() -> None:
    # The 59th of July is no typo of one fix; clamping it to the 31st would be a guess.
    entry = parse("## 2019-07-17 ~ 2019-07-59\na\n").entries[0]
    assert (entry.day, entry.end_day) == (date(2019, 7, 17), None)
    assert entry.anomaly is not None
    assert "names no day after 2019-07-17" in entry.anomaly.reason


def test_a_truncated_day_between_two_neighbours_is_the_missing_day() -> None:
    text = "## 2021-05-17\na\n## 2021-05-16\nb\n## 2021-05-1\nc\n## 2021-05-14\nd\n"
    parsed = parse(text)
    assert parsed.direction == "newest first"
    entry = parsed.entries[2]
    assert entry.day == date(2021, 5, 15)
    assert entry.anomaly is not None
    assert entry.anomaly.suggested == date(2021, 5, 15)
    assert entry.anomaly.reason == (
        "2021-05-1 is out of sequence between 2021-05-14 and 2021-05-16, "
        "and a digit of its day looks missing (15)"
    )
    assert [e.day.day for e in parsed.entries] == [17, 16, 15, 14]


def test_a_start_repaired_into_its_range_keeps_the_end_as_written() -> None:
    text = "## 2020-05-25\na\n## 2020-05-2 ~ 2020-05-28\nb\n## 2020-05-30\nc\n"
    entry = parse(text).entries[1]
    assert (entry.day, entry.end_day) == (date(2020, 5, 26), date(2020, 5, 28))
    assert entry.anomaly is not None


def test_front_matter_is_metadata_and_a_note() -> None:
    text = (
        "---\ntitle: My log\ntags: [phd, ml]\nauthors:\n  - Ann\n  - Bo\ndraft: false\n"
        "weight: 3\nsummary: |\n  line one\n  line two\n---\n## 2021-06-12\na\n"
    )
    parsed = parse(text)
    assert dict(parsed.front_matter) == {
        "title": "My log",
        "tags": ["phd", "ml"],
        "authors": ["Ann", "Bo"],
        "draft": False,
        "weight": 3,
        "summary": "line one\nline two\n",  # a `|` block keeps its last line break
    }
    note = parsed.notes[0]
    assert note.kind is NoteKind.FRONT_MATTER
    assert note.title == "My log"
    assert note.body == "\n".join(split_lines(text)[:12])
    assert len(parsed.entries) == 1


def test_front_matter_is_read_as_yaml_a_comment_then_a_list() -> None:
    text = "---\ntitle: 日志\ntags:  #标签\n- private\n---\n## 2021-06-12\na\n"
    parsed = parse(text)
    assert dict(parsed.front_matter) == {"title": "日志", "tags": ["private"]}
    assert parsed.notes[0].body == "---\ntitle: 日志\ntags:  #标签\n- private\n---"
    assert parsed.notices == ()


def test_front_matter_values_are_what_yaml_says_and_json_can_hold() -> None:
    text = (
        "---\n"
        "date: 2021-06-12 10:00:00 +0800  # a timestamp stays the text it was written as\n"
        "day: 2021-06-12\n"
        "ratio: 0.5\n"
        "none: ~\n"
        "folded: >\n  one\n  two\n"
        "quoted: 'it''s # not a comment'\n"
        "nested: {a: [1, 2], b: {c: d}}\n"
        "odd: .nan\n"
        "---\n## 2021-06-12\na\n"
    )
    assert dict(parse(text).front_matter) == {
        "date": "2021-06-12 10:00:00 +0800",
        "day": "2021-06-12",
        "ratio": 0.5,
        "none": None,
        "folded": "one two\n",
        "quoted": "it's # not a comment",
        "nested": {"a": [1, 2], "b": {"c": "d"}},
        "odd": "nan",
    }


@pytest.mark.parametrize(
    ("yaml_lines", "problem"),
    [
        (
            "title: Log\nsummary: a: b\n",
            "is not valid YAML at line 3, column 11 (mapping values are not allowed here)",
        ),
        ("\ttitle: Log\n", "is not valid YAML at line 2, column 1"),
        ("a: !!python/object/apply:os.system [ls]\n", "could not determine a constructor"),
        ("a: " + "[" * 2000 + "\n", "nests too deeply to read"),
        ("a: &a [*a]\n", "nests too deeply to keep (more than 50 levels)"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: [*d, *d, *d, *d, *d, *d, *d, *d]\n",  # 40,960 values from 5 lines
            "holds too many values to keep (more than 10,000)",
        ),
    ],
)
def test_front_matter_that_cannot_be_read_is_kept_as_text_with_a_notice(
    yaml_lines: str, problem: str
) -> None:
    front = f"---\n{yaml_lines}---"
    parsed = parse(f"{front}\n## 2021-06-12\na\n")
    assert parsed.front_matter == {}
    assert parsed.notes[0].kind is NoteKind.FRONT_MATTER
    assert parsed.notes[0].body == front  # nothing lost
    (notice,) = parsed.notices
    lines = front.count("\n") + 1
    assert notice.startswith(f"The front matter (lines 1 to {lines}) ")
    assert problem in notice
    assert notice.endswith("Its text is kept as written, in a note; its values are not read.")
    assert len(parsed.entries) == 1


def test_front_matter_that_is_not_a_mapping_has_no_values_and_no_notice() -> None:
    parsed = parse("---\njust a sentence between two rules\n---\n## 2021-06-12\na\n")
    assert parsed.front_matter == {}
    assert parsed.notices == ()
    assert parsed.notes[0].body == "---\njust a sentence between two rules\n---"


def test_an_unclosed_fence_is_not_front_matter() -> None:
    parsed = parse("---\ntitle: x\n## 2021-06-12\na\n")
    assert parsed.front_matter == {}
    assert parsed.notes[0].kind is NoteKind.PREAMBLE


def test_text_before_the_first_date_is_a_note() -> None:
    text = "# **LOG**\n## Today\n- read paper\n## ShortTerm\n- thesis\n\n## 2021-06-12\na\n"
    parsed = parse(text)
    note = parsed.notes[0]
    assert note.kind is NoteKind.PREAMBLE
    assert note.title == "LOG"
    assert note.body == "# **LOG**\n## Today\n- read paper\n## ShortTerm\n- thesis"
    assert note.line == 1


def test_units_with_goals() -> None:
    text = (
        "For each unit: at least 2-3 papers and 3 lectures.\n"
        "Unit 1: 2-01 to 2-10\nGoals:\n- Lecture: weeks 5-6\n- Papers:\n- Coding: 4 notebooks\n"
        "- Math: chapter 2\n  - with exercises\n\n2022-02-01\n- a\n"
    )
    parsed = parse(text)
    unit = parsed.units[0]
    assert (unit.number, unit.start, unit.days, unit.line) == (1, date(2022, 2, 1), 10, 2)
    assert [(g.category, g.target, g.stretch, g.description) for g in unit.goals] == [
        ("Lecture", 3, None, "weeks 5-6"),
        ("Papers", 2, 3, ""),
        ("Coding", 4, None, "4 notebooks"),
        ("Math", 1, None, "chapter 2"),
    ]


def test_a_unit_across_new_year_and_one_without_any_date() -> None:
    parsed = parse("## 2021-12-25\nUnit 7: 12-25 to 1-3\n- Papers: 2 papers\n")
    unit = parsed.units[0]
    assert (unit.start, unit.days) == (date(2021, 12, 25), 10)
    lonely = parse_journal("Unit 2: 3-01 to 3-10\n", year_hint=None)
    assert lonely.units[0].start is None
    assert lonely.anomalies[0].reason == "no dated entry tells the unit's year"


def test_every_non_blank_line_has_a_home() -> None:
    text = "---\na: b\n---\n# Title\n\n## 2021-06-12 x\n- one\n\n## 2012-06-13\n- two\n"
    parsed = parse(text)
    fates = [(f.fate, f.target) for f in parsed.fates]
    assert fates == [
        (Fate.NOTE, 0),
        (Fate.NOTE, 0),
        (Fate.NOTE, 0),
        (Fate.NOTE, 1),
        (Fate.BLANK, -1),
        (Fate.HEADING, 0),
        (Fate.BODY, 0),
        (Fate.BLANK, -1),
        (Fate.HEADING, 1),
        (Fate.BODY, 1),
        (Fate.BLANK, -1),
    ]


def test_line_endings_and_a_byte_order_mark() -> None:
    parsed = parse("\ufeff## 2021-06-12\r\n- a\r- b\r\n")
    assert parsed.entries[0].body == "- a\n- b"
    assert split_lines("a\x85b\u2028c") == ["a\x85b\u2028c"]  # only \n, \r\n and \r split


def test_nothing_dated() -> None:
    parsed = parse("just some thoughts\n\n- a list\n")
    assert parsed.entries == ()
    assert parsed.notes[0].body == "just some thoughts\n\n- a list"
    assert parse("").notes == ()


def test_import_keys_tell_identical_entries_apart_and_are_stable() -> None:
    same = (date(2022, 2, 5), None, "", "- Unrelated side note")
    other = (date(2022, 2, 6), None, "", "- Unrelated side note")
    keys = entry_keys([same, same, other])
    assert len(set(keys)) == 3
    assert all(len(k) == 64 and int(k, 16) >= 0 for k in keys)
    assert entry_keys([same, same, other]) == keys
    assert entry_keys([same]) == keys[:1]
    assert note_key("preamble", "x") != note_key("front matter", "x")


def test_long_runs_of_spaces_and_marks_cost_one_pass() -> None:
    # Expressions that could split a run of spaces in many ways took minutes on these.
    spaces = " " * 20_000
    lines = [
        f"Monday{spaces}x",
        f"2021-06-12,{spaces}({spaces}",
        f"2021-06-12{spaces}~{spaces}x",
        f"Unit 1:{spaces}2-01{spaces}to{spaces}",
        f"Goals{spaces}x",
        f"- 3{spaces}-{spaces}x",
        "~~a" * 10_000,
        "*" * 20_000,
        f"a{spaces}x",
    ]
    text = "---\n" + "\n".join(lines) + "\n---\n" + "\n".join(lines)
    started = time.perf_counter()
    parsed = parse(text)
    assert time.perf_counter() - started < 2.0
    assert len(parsed.fates) == 2 * len(lines) + 2
    assert [e.day for e in parsed.entries] == [date(2021, 6, 12)] * 2
