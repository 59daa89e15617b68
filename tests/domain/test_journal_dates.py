"""Which lines start a day, and what their dates say as written (before the sequence)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.journal.dates import DateLine, read_date_line
from app.domain.journal.range_end import resolve_end


def read(line: str) -> DateLine:
    found = read_date_line(line)
    assert found is not None, line
    return found


@pytest.mark.parametrize(
    ("line", "level", "day"),
    [
        ("2022-02-01", 0, date(2022, 2, 1)),
        ("## 2021-06-12", 2, date(2021, 6, 12)),
        ("### 2021-3-9", 3, date(2021, 3, 9)),
        ("# 2021/03/09", 1, date(2021, 3, 9)),
        ("###### 2021.3.9", 6, date(2021, 3, 9)),
        ("##2021-06-12", 2, date(2021, 6, 12)),
        ("   ## 2021-06-12", 2, date(2021, 6, 12)),
        ("**2021-06-12**", 0, date(2021, 6, 12)),
        ("## [2021-06-12]", 2, date(2021, 6, 12)),
        ("## 2021年6月12日", 2, date(2021, 6, 12)),
        ("2021年6月12日", 0, date(2021, 6, 12)),
        ("20210612", 0, date(2021, 6, 12)),
        ("## Nov 4, 2019", 2, date(2019, 11, 4)),
        ("## 4th November 2019", 2, date(2019, 11, 4)),
        ("## Monday, November 4, 2019", 2, date(2019, 11, 4)),
    ],
)
def test_date_lines_at_any_level_or_plain(line: str, level: int, day: date) -> None:
    found = read(line)
    assert found.level == level
    assert found.start.readings[0] == day
    assert not found.start.problem


@pytest.mark.parametrize(
    "line",
    [
        "- 2021-06-12",  # a list item
        "* 2021-06-12",
        "  2021-06-12",  # indented: part of what is above
        "2021-2022 plans",  # a span of years
        "## 1850-01-01 history",  # no year we read
        "100.5.3 released",  # a version number
        "1.2.3",
        "12345678 is a number",
        "Unit 1: 2-01 to 2-10",
        "February, 2022: A Lost ~~Ark~~ Month",
        "## **Exploration**-stage",
        "#### Some questions",
        "\\## 2021-06-12",  # escaped
        "Monday: met Bob on 2021-06-12",
        "",
    ],
)
def test_lines_that_are_not_date_lines(line: str) -> None:
    assert read_date_line(line) is None


def test_weekday_before_a_day_first_date_keeps_both_readings_for_the_sequence() -> None:
    found = read("### Monday 04-11-2019")
    assert found.weekday == 0
    assert set(found.start.readings) == {date(2019, 11, 4), date(2019, 4, 11)}
    assert dict(zip(found.start.readings, found.start.styles, strict=True)) == {
        date(2019, 11, 4): "dmy",
        date(2019, 4, 11): "mdy",
    }


def test_a_part_above_twelve_leaves_one_reading() -> None:
    assert read("### 13-11-2019").start.readings == (date(2019, 11, 13),)
    assert read("### 11/13/2019").start.readings == (date(2019, 11, 13),)


@pytest.mark.parametrize(
    ("line", "weekday"),
    [
        ("## 2021-06-12 Saturday", 5),
        ("## 2021-06-12 (Sat)", 5),
        ("## 2021-06-12, Sat.", 5),
        ("## 2021年6月12日 周六", 5),
        ("## 2021-06-12 星期六", 5),
        ("**2021.06.12** (Sat)", 5),
        ("【2021-06-12】周六", 5),
        ("Sat 2021-06-12", 5),
    ],
)
def test_weekday_after_or_before_the_date(line: str, weekday: int) -> None:
    found = read(line)
    assert found.weekday == weekday
    assert found.title == ""


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("### 2021-08-14 Summer workshop", "Summer workshop"),
        ("### 2021-08-14: Summer workshop", "Summer workshop"),
        ("### 2021-08-14 - Summer workshop", "Summer workshop"),
        ("### **2021-08-14** Summer workshop", "Summer workshop"),
        ("### **2021-08-14 Summer workshop**", "Summer workshop"),
        ("## [2021-08-14] 组会", "组会"),
        ("2021-05-18 - 3 papers read", "3 papers read"),
        ("## 2021-06-12: Saturday fun", "Saturday fun"),
        ("## 2021-06-12 **bold** words", "**bold** words"),
    ],
)
def test_title_after_the_date(line: str, title: str) -> None:
    assert read(line).title == title


@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("2021-11-26 ~ 2021-11-30", date(2021, 11, 30)),
        ("2021-11-26~2021-11-30", date(2021, 11, 30)),
        ("## 2021-11-26 - 2021-11-30", date(2021, 11, 30)),
        ("## 2021-11-26 – 2021-11-30", date(2021, 11, 30)),
        ("## 2021-11-26 till 2021-11-30", date(2021, 11, 30)),
        ("## 2021-11-26 to 2021-11-30", date(2021, 11, 30)),
        ("## 2021-11-26 至 2021-11-30", date(2021, 11, 30)),
        ("2021-11-26 ~ 30", date(2021, 11, 30)),
        ("2021-11-26~30", date(2021, 11, 30)),
        ("2021-11-26-30", date(2021, 11, 30)),
        ("2021-11-26 till 30", date(2021, 11, 30)),
        ("2019-11-16/17", date(2019, 11, 17)),
        ("2021-05-30 ~ 2", date(2021, 6, 2)),
        ("2021-12-30 ~ 01-02", date(2022, 1, 2)),
        ("## 2021年5月18日至20日", date(2021, 5, 20)),
    ],
)
def test_ranges_in_every_spelling(line: str, end: date) -> None:
    found = read(line)
    assert found.end is not None
    start = found.start.readings[0]
    assert resolve_end(start, found.end, day_first=None) == end


def test_range_with_weekdays_on_both_ends() -> None:
    found = read("### Wednesday 06-11-2019 till Friday 08-11-2019")
    assert found.weekday == 2
    assert found.end_weekday == 4
    assert found.end is not None and found.end.full is not None
    assert found.title == ""


def test_a_range_end_of_the_same_day_is_that_day() -> None:
    found = read("2021-05-18 ~ 18")
    assert found.end is not None
    assert resolve_end(date(2021, 5, 18), found.end, day_first=None) == date(2021, 5, 18)


@pytest.mark.parametrize(
    ("line", "problem", "repair"),
    [
        ("2021-0829", "a separator is missing between month and day", date(2021, 8, 29)),
        ("## 20201-02-16", "the year 20201 has five digits", date(2021, 2, 16)),
        ("## 202-02-16", "the year 202 has three digits", date(2022, 2, 16)),
        ("## 2021-02-30", "2021-02 has no day 30", date(2021, 2, 28)),
        ("## 2021-13-05", "there is no month 13", date(2021, 5, 13)),
    ],
)
def test_typos_are_date_lines_with_a_problem_and_repairs(
    line: str, problem: str, repair: date
) -> None:
    found = read(line)
    assert found.start.readings == ()
    assert found.start.problem == problem
    assert repair in found.start.repairs


def test_content_is_the_line_without_heading_marks() -> None:
    assert read("### 2012-12-09 Summer").content == "2012-12-09 Summer"
    assert read("### 2012-12-09 Summer").date_text == "2012-12-09"
