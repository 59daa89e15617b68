from __future__ import annotations

import pytest

from app.domain.words import plural


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
