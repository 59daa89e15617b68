"""The capture being assembled from one line of text: its words and what was read so far.

Shared by the grammar (`capture.py`, markers) and the due-date readers of a capture
(`capture_dates.py`, dates in and around the title).
"""

from __future__ import annotations

import datetime

from app.domain.date_reading import DueSpec
from app.domain.enums import Horizon, ItemKind, Priority

__all__ = ["FULL_WIDTH_SIGILS", "Draft", "Word", "is_due_colon", "is_marker"]

SIGILS = "#!~^@"
# Chinese input methods type these full-width; treat them as the ASCII sigils at a word start.
FULL_WIDTH_SIGILS = {"＃": "#", "！": "!", "～": "~"}


def is_marker(token: str) -> bool:
    """Whether a word is a marker: `#tag`, `!high`, `~2h`, `^week`, `@fri`, `due:...`."""
    return token[0] in SIGILS or token[0] in FULL_WIDTH_SIGILS or is_due_colon(token)


def is_due_colon(token: str) -> bool:
    return token[:4].casefold() == "due:"


# Plain slotted classes: a dataclass costs ~0.5 ms to create at import, and this module is
# on the `rizhi add` path.


class Word:
    """A title word; `literal` when written with a backslash: never a marker or a date."""

    __slots__ = ("literal", "text")

    def __init__(self, text: str, *, literal: bool = False) -> None:
        self.text, self.literal = text, literal


class Draft:
    """The capture being assembled, and every piece of text each rule consumed.

    `consumed` lets tests prove that no word is silently dropped: title + consumed pieces
    hold exactly the characters of the input.
    """

    __slots__ = (
        "consumed",
        "dues",
        "estimate",
        "horizon",
        "kind",
        "now",
        "priority",
        "tags",
        "words",
    )

    def __init__(self, now: datetime.datetime) -> None:
        self.now = now
        self.words: list[Word | None] = []  # None: a marker stood here
        self.tags: list[str] = []
        self.kind: ItemKind | None = None
        self.priority: tuple[str, Priority] | None = None
        self.estimate: tuple[str, int] | None = None
        self.horizon: tuple[str, Horizon] | None = None
        self.dues: list[tuple[str, DueSpec]] = []  # (source text, due)
        self.consumed: list[str] = []
