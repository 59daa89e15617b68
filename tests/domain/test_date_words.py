"""The shared date vocabulary: its tables, and both readers understanding every word in them."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from app.domain.date_words import (
    EN_MONTHS,
    EN_ORDINAL_SUFFIXES,
    EN_WEEKDAYS,
    ZH_DAY_MARKS,
    ZH_DIGITS,
    ZH_WEEK_WORDS,
    ZH_WEEKDAYS,
    alternation,
    has_cjk,
)
from app.domain.dates import match_fast
from app.domain.journal.dates import read_date_line

NOW = datetime(2026, 11, 20, 10, 0)  # a Friday
FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def test_every_english_name_shortens_the_full_name_of_its_number() -> None:
    for name, weekday in EN_WEEKDAYS.items():
        assert FULL_WEEKDAYS[weekday].startswith(name), name
    for name, month in EN_MONTHS.items():
        assert FULL_MONTHS[month - 1].startswith(name), name
    assert set(FULL_WEEKDAYS) <= set(EN_WEEKDAYS)
    assert set(FULL_MONTHS) <= set(EN_MONTHS)


def test_chinese_weekdays_are_the_numerals_then_sunday() -> None:
    for char, weekday in ZH_WEEKDAYS.items():
        if char in ZH_DIGITS:
            assert ZH_DIGITS[char] == weekday + 1, char
        else:
            assert weekday == 6, char  # 日 and 天: Sunday
    assert sorted(set(ZH_WEEKDAYS.values())) == list(range(7))


def test_alternation_tries_the_longest_word_first() -> None:
    found = re.match(alternation(EN_WEEKDAYS), "thursday")
    assert found is not None and found.group() == "thursday"
    assert re.fullmatch(alternation(["a.m", "am"]), "a.m") is not None  # escaped
    assert re.fullmatch(alternation(["a.m"]), "axm") is None


@pytest.mark.parametrize(
    ("text", "cjk"),
    [("fri 3pm", False), ("", False), ("café", False), ("周五", True), ("１号", True)],
)
def test_has_cjk(text: str, cjk: bool) -> None:
    assert has_cjk(text) is cjk


# --- both readers read every shared word -------------------------------------------------


@pytest.mark.parametrize("name", sorted(EN_WEEKDAYS))
def test_both_readers_read_every_english_weekday(name: str) -> None:
    weekday = EN_WEEKDAYS[name]
    spec = match_fast(name, NOW)
    assert spec is not None and spec.date.weekday() == weekday
    line = read_date_line(f"## {name.title()} 2021-06-12")
    assert line is not None and line.weekday == weekday


@pytest.mark.parametrize("name", sorted(EN_MONTHS))
def test_both_readers_read_every_english_month(name: str) -> None:
    month = EN_MONTHS[name]
    spec = match_fast(f"{name} 1st", NOW)
    assert spec is not None and (spec.date.month, spec.date.day) == (month, 1)
    line = read_date_line(f"## {name.title()} 1st, 2021")
    assert line is not None and line.start.readings == (date(2021, month, 1),)


@pytest.mark.parametrize("suffix", EN_ORDINAL_SUFFIXES)
def test_both_readers_read_every_ordinal_suffix(suffix: str) -> None:
    spec = match_fast(f"dec 4{suffix}", NOW)
    assert spec is not None and spec.date == date(2026, 12, 4)
    line = read_date_line(f"## 4{suffix} Dec 2021")
    assert line is not None and line.start.readings == (date(2021, 12, 4),)


@pytest.mark.parametrize("week", ZH_WEEK_WORDS)
@pytest.mark.parametrize("char", sorted(ZH_WEEKDAYS))
def test_both_readers_read_every_chinese_weekday(week: str, char: str) -> None:
    weekday = ZH_WEEKDAYS[char]
    spec = match_fast(f"{week}{char}", NOW)
    assert spec is not None and spec.date.weekday() == weekday
    line = read_date_line(f"## 2021年6月12日 {week}{char}")
    assert line is not None and line.weekday == weekday


@pytest.mark.parametrize("mark", ZH_DAY_MARKS)
def test_both_readers_read_every_chinese_day_mark(mark: str) -> None:
    spec = match_fast(f"12月1{mark}", NOW)
    assert spec is not None and spec.date == date(2026, 12, 1)
    line = read_date_line(f"## 2021年12月1{mark}")
    assert line is not None and line.start.readings == (date(2021, 12, 1),)


@pytest.mark.parametrize("digit", sorted(d for d, value in ZH_DIGITS.items() if value))
def test_the_phrase_reader_reads_every_chinese_digit(digit: str) -> None:
    # The journal reads Arabic digits only; Chinese numerals are the phrase reader's.
    spec = match_fast(f"{digit}号", NOW)
    assert spec is not None and spec.date.day == ZH_DIGITS[digit]


def test_spellings_only_the_phrase_reader_takes() -> None:
    # Typed in a hurry or naming the weekend: due dates take them, journal headings never have.
    assert match_fast("weds", NOW) == match_fast("wednesday", NOW)
    assert read_date_line("## Weds 2021-06-09") is None
    spec = match_fast("周末", NOW)
    assert spec is not None and spec.date.weekday() == 5
    line = read_date_line("## 2021年6月12日 周末")
    assert line is not None and line.weekday is None
