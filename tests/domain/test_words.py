from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.words import day_name, plural, relative_day


@pytest.mark.parametrize(
    ("count", "word", "words", "text"),
    [
        (1, "day", None, "1 day"),
        (0, "day", None, "0 days"),
        (2, "entry", None, "2 entries"),
        (3, "goal category", None, "3 goal categories"),
        (2, "match", None, "2 matches"),
        (1_024, "backlog item", None, "1,024 backlog items"),
        (2, "item completed", "items completed", "2 items completed"),
    ],
)
def test_counts_in_words(count: int, word: str, words: str | None, text: str) -> None:
    assert plural(count, word, words) == text


TODAY = date(2026, 11, 18)  # a Wednesday


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.mark.parametrize(
    ("offset", "weekday", "capital", "name"),
    [
        (0, False, False, "today"),
        (1, False, False, "tomorrow"),
        (-1, False, False, "yesterday"),
        (0, False, True, "Today"),
        (-1, True, True, "Yesterday"),
        (2, False, False, None),
        (-2, True, False, None),  # a weekday names a day ahead only
        (2, True, False, "Fri"),
        (6, True, False, "Tue"),
        (7, True, False, None),  # next Wednesday would read as today's weekday
        (1, True, True, "Tomorrow"),
    ],
)
def test_a_day_is_named_when_a_word_says_it(
    offset: int, weekday: bool, capital: bool, name: str | None
) -> None:
    assert day_name(days(offset), TODAY, weekday=weekday, capital=capital) == name


@pytest.mark.parametrize(
    ("offset", "named", "coarse", "text"),
    [
        (0, True, False, "today"),
        (1, True, False, "tomorrow"),
        (-1, True, False, "yesterday"),
        (0, False, False, "today"),
        (1, False, False, "in 1 day"),
        (-1, False, False, "1 day ago"),
        (3, True, False, "in 3 days"),
        (-15, True, False, "15 days ago"),
        (-15, True, True, "2 weeks ago"),
        (13, True, True, "in 13 days"),
        (61, True, True, "in 8 weeks"),
        (62, True, True, "in 2 months"),
        (-400, True, True, "13 months ago"),
        (-800, True, True, "2 years ago"),
        (1_200, True, False, "in 1,200 days"),
    ],
)
def test_a_sentence_says_where_a_day_stands(
    offset: int, named: bool, coarse: bool, text: str
) -> None:
    assert relative_day(days(offset), TODAY, named=named, coarse=coarse) == text


def test_a_named_day_and_a_sentence_agree() -> None:
    for offset in (-1, 0, 1):
        name = day_name(days(offset), TODAY)
        assert name is not None and relative_day(days(offset), TODAY) == name
