"""The capture grammar against the date-phrase corpus (tests/fixtures/date_phrases/): no
line may be saved with a wrong date, and each language keeps its share of lines read right
or refused with an error (bench/date_phrases.py prints the figures and every miss)."""

from __future__ import annotations

import pytest

from bench.date_corpus import LANGUAGES, TARGETS, load, read_with_grammar, score


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_corpus_holds_enough_lines(language: str) -> None:
    rows = load(language)
    assert len(rows) >= 300
    assert {row.kind for row in rows} >= {"none", "refuse", "clock", "offset", "holiday"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_line_is_saved_with_a_wrong_date(language: str) -> None:
    result = score(load(language), read_with_grammar)
    wrong = [
        f"line {row.line}: {row.text!r} at {row.now:%Y-%m-%d %H:%M} read as {reading}, "
        f"meant {' | '.join(row.expected)}"
        for row, reading, outcome in result.misses
        if outcome == "wrong"
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_meets_its_target(language: str) -> None:
    result = score(load(language), read_with_grammar)
    share = result.share("right", "refused")
    assert share >= TARGETS[language], f"{language}: {share:.1%} read right or refused"
