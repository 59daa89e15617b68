"""Counts in words, the same on the command line and in the window: `1 entry`,
`2 entries`, `1,024 days`."""

from __future__ import annotations

__all__ = ["plural"]

_IRREGULAR = {
    "entry": "entries",
    "log entry": "log entries",
    "category": "categories",
    "goal category": "goal categories",
    "match": "matches",
}


def plural(count: int, word: str, words: str | None = None) -> str:
    """`count` and `word`, or its plural: `words` when given, else a known irregular
    one, else `word` + s."""
    many = words or _IRREGULAR.get(word, word + "s")
    return f"{count:,} {word if count == 1 else many}"
