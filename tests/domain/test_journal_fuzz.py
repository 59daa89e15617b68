"""Property tests for the journal parser: any text is read without an error, no non-blank
line is lost, and writing the entries back and reading them again gives the same entries.

Text comes from two sources: arbitrary Unicode, and lines drawn from what journals hold
(date lines in every style, typos, ranges, units, front matter, lists, Chinese) with noise.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.journal.dates import unescape_date_line
from app.domain.journal.parse import Fate, ParsedJournal, parse_journal, split_lines
from app.domain.journal.render import EntryText, render_journal

SETTINGS = settings(deadline=None, database=None, max_examples=400)

JOURNAL_LINES = [
    "## 2021-12-08",
    "## 2012-12-09",
    "## 2021-12-10 Summer workshop",
    "2022-02-01",
    "2021-0829",
    "20201-02-16",
    "## 2021-02-30",
    "### Monday 04-11-2019",
    "### Wednesday 06-11-2019 till Friday 08-11-2019",
    "2021-05-18 ~ 19",
    "2019-11-16/17",
    "## 2021-11-26 ~ 2021-11-30",
    "## 2022-01-05 ~ 2021-01-01",
    "## 2021-03-02 ~ 2021-0304",
    "2020-2-11 ~ 20201-02-16",
    "## 2021-05-1",
    "**2021.06.12** (Sat)",
    "## 2021年6月12日 周六",
    "## Nov 4, 2019",
    "11/07/2019",
    "Unit 1: 2-01 to 2-10",
    "Goals:",
    "- Lecture: weeks 5-6",
    "- Papers: 2-3 papers",
    "---",
    "title: log",
    "# **LOG**",
    "## Today",
    "- [ ] read MAE #paper",
    "1. [DONE] ran ablations",
    "   - nested",
    "- ~~dropped~~",
    "读了一篇论文",
    "\\## 2021-06-12",
    ": colon",
    "~",
    "#",
    "",
    "   ",
]
journal_line = st.one_of(
    st.sampled_from(JOURNAL_LINES),
    st.tuples(st.sampled_from(JOURNAL_LINES), st.sampled_from(["", " x", " Sat", " ~ 3", ":"])).map(
        "".join
    ),
    st.text(max_size=20),
)
journals = st.one_of(
    st.text(max_size=400),
    st.lists(journal_line, max_size=30).map("\n".join),
)


# Front matter: YAML as people write it, YAML that explicit tags, anchors and aliases
# make hostile, and noise.
YAML_LINES = [
    "title: 日志",
    "tags:  #标签",
    "- private",
    "  - nested",
    "tags: [a, b",
    "date: 2021-06-12 10:00:00 +0800",
    "summary: |",
    "  a line",
    "a: b: c",
    "a: &x [1, 2]",
    "b: [*x, *x, *x]",
    "c: &y {k: *x}",
    "d: *y",
    "e: &z [*z]",
    "f: !!int abc",
    "g: !!bool x",
    "h: !!binary aGk=",
    "i: !!set {a, b}",
    "j: !!python/object:os.system x",
    'k: "\\ud800"',
    "l: " + "1" * 5000,
    "m: .inf",
    "? [1, 2]",
    ": x",
    "<<: {a: 1}",
    "\tn: tab",
    "...",
]
front_matter = st.lists(
    st.one_of(st.sampled_from(YAML_LINES), st.text(max_size=20)), max_size=12
).map(lambda lines: "---\n" + "\n".join(lines) + "\n---\n## 2021-06-12\na\n")


def entries_of(parsed: ParsedJournal) -> list[tuple[object, ...]]:
    """Entries by day, keeping the order of entries within a day."""
    ordered = sorted(parsed.entries, key=lambda e: e.day)
    return [(e.day, e.end_day, e.heading, e.body) for e in ordered]


@SETTINGS
@given(journals)
def test_never_raises_and_loses_no_line(text: str) -> None:
    parsed = parse_journal(text, year_hint=2026)
    lines = split_lines(text)
    assert len(parsed.fates) == len(lines)
    for line, fate in zip(lines, parsed.fates, strict=True):
        if not line.strip():
            assert fate.fate is Fate.BLANK
            continue
        if fate.fate is Fate.HEADING:
            entry = parsed.entries[fate.target]
            assert lines[entry.line - 1] == line
            # The words after the date are the heading; a flagged line keeps all its text.
            assert entry.heading in line
        elif fate.fate is Fate.BODY:
            # An escaped date line ("\\## 2021-06-12") is kept without its backslash.
            assert unescape_date_line(line) in parsed.entries[fate.target].body.split("\n")
        else:
            assert fate.fate is Fate.NOTE, (line, fate)
            assert line in parsed.notes[fate.target].body.split("\n")


@SETTINGS
@given(journals)
def test_written_back_and_read_again_gives_the_same_entries(text: str) -> None:
    first = parse_journal(text, year_hint=2026)
    document = render_journal(EntryText(e.day, e.end_day, e.heading, e.body) for e in first.entries)
    second = parse_journal(document, year_hint=2026)
    assert entries_of(second) == entries_of(first)
    assert second.anomalies == ()
    again = render_journal(EntryText(e.day, e.end_day, e.heading, e.body) for e in second.entries)
    assert again == document


@SETTINGS
@given(front_matter)
def test_front_matter_never_raises_and_its_values_can_be_stored(text: str) -> None:
    parsed = parse_journal(text, year_hint=2026)
    lines = split_lines(text)
    fence = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    assert parsed.notes[0].body == "\n".join(lines[: fence + 1])  # kept as written
    json.dumps(parsed.front_matter, ensure_ascii=False, allow_nan=False).encode("utf-8")
    assert not (parsed.front_matter and parsed.notices)
