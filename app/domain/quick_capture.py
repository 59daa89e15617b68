"""A line typed into the capture popup: where it goes, and what it saves there.

The popup reads the capture grammar (`capture.py`) with two additions of its own:

* **Where it goes.** The backlog by default; this week's To do when the popup is set so
  or the line says `^week` (the grammar's horizon "this week", which also plans the item
  onto the board); today's log when the popup is set so or the line holds the word
  `^log` (or `^日志`). A log line is text, not an item: it is saved as written, less
  that word, with its tags and links for the log to show.
* **Links.** Web addresses and arXiv or DOI identifiers leave the title for the item's
  links (`capture_links.py`), and an arXiv or DOI link makes the item a paper unless the
  line names another kind. A line that is only a link gets the link for its title.

    read_line("try token halting on ViT #idea", now)
    read_line("https://arxiv.org/abs/2111.06377 ~1h", now)   # a paper, titled "arXiv 2111.06377"
    read_line("^log ran the ablation, loss flat", now)       # a line in today's log
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Final, NamedTuple

from app.domain.capture import Capture, parse_capture
from app.domain.capture_links import Link, take_links
from app.domain.enums import Horizon, ItemKind
from app.domain.errors import InvalidInput


class Destination(Enum):
    BACKLOG = "backlog"
    WEEK = "week"
    LOG = "log"

    @property
    def label(self) -> str:
        """Where a line goes, as the popup and its confirmation say it."""
        return _LABELS[self]


_LABELS: Final = {
    Destination.BACKLOG: "backlog",
    Destination.WEEK: "this week's To do",
    Destination.LOG: "today's log",
}
# The words that send a line to today's log, wherever they stand in it.
LOG_WORDS: Final = frozenset({"^log", "^日志"})


class CaptureLine(NamedTuple):
    """What one line asks the popup to save; nothing is saved yet."""

    destination: Destination
    text: str  # the item's title, or the log line as it will be saved
    capture: Capture | None  # the item's fields; None for a log line
    links: tuple[Link, ...]  # the item's links (a log line keeps its links in its text)


def read_line(
    text: str, now: datetime.datetime, chosen: Destination = Destination.BACKLOG
) -> CaptureLine:
    """Read `text` for the destination the popup is set to (`chosen`). Raises
    `InvalidInput` naming the words that could not be read; nothing is guessed."""
    words = text.split()
    if chosen is Destination.LOG or any(word.casefold() in LOG_WORDS for word in words):
        line = " ".join(word for word in words if word.casefold() not in LOG_WORDS)
        if not line:
            raise InvalidInput("Nothing to log: type the line after ^log.")
        return CaptureLine(Destination.LOG, line, None, ())
    rest, links = take_links(text)
    capture = _parse(rest, links, now)
    if capture.kind is ItemKind.TASK and any(link.paper for link in links):
        capture = capture._replace(kind=ItemKind.PAPER)
    week = chosen is Destination.WEEK or capture.horizon is Horizon.WEEK
    destination = Destination.WEEK if week else Destination.BACKLOG
    return CaptureLine(destination, capture.title, capture, links)


def _parse(rest: str, links: tuple[Link, ...], now: datetime.datetime) -> Capture:
    """The grammar's reading of the line without its links. A line that was nothing but
    links (and markers) is titled by its first link, written literally so that no word
    of it is read as a date or a marker."""
    try:
        return parse_capture(rest, now)
    except InvalidInput as unread:
        if not links:
            raise
        error = unread
    title = links[0].title or links[0].url
    literal = " ".join("\\" + word for word in title.split())
    try:
        return parse_capture(f"{literal} {rest}", now)
    except InvalidInput:
        raise error from None  # what the line itself could not say


def confirmation(destination: Destination, text: str) -> str:
    """What the popup says once a line is saved: "Saved to backlog: …"."""
    return f"Saved to {destination.label}: {text}"
