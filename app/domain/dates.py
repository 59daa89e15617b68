"""Reading the due dates people type: "fri 3pm", "dec 1", "明天下午三点", "三天后".

A small hand-written parser reads the common English and Chinese forms deterministically and
in microseconds; only phrases it does not know go to `dateparser`, which is imported lazily
because importing it costs a quarter of a second on the `rizhi add` hot path.

`now` is always the caller's local wall clock; nothing here reads the system clock, so the same
phrase and `now` always give the same answer.

This module is the entry point; the parser lives in modules with one concern each:

    date_words.py         weekday and month names, Chinese numerals (shared with the journal)
    date_arithmetic.py    calendar steps: days later, the next Friday, the next 12 March
    date_reading.py       what a phrase says (day, clock, period) and the DueSpec it makes
    date_phrases_en.py    English phrases
    date_phrases_zh.py    Chinese phrases, whole or inside running text
"""

from __future__ import annotations

import datetime
import re

from app.domain.date_arithmetic import naive, too_far
from app.domain.date_phrases_en import read_english
from app.domain.date_reading import DueSpec
from app.domain.date_words import has_cjk
from app.domain.errors import CaptureError

__all__ = [
    "DueSpec",
    "find_chinese_dates",
    "match_fast",
    "parse_date_phrase",
    "read_date_phrase",
    "read_with_dateparser",
]

_HINT = "Try a weekday, 'tomorrow 3pm', or 2026-12-01."
_FALLBACK_MAX_CHARS = 80  # no real date phrase is longer; keeps dateparser off pasted paragraphs


def parse_date_phrase(
    phrase: str, now: datetime.datetime, *, allow_fallback: bool = True
) -> DueSpec:
    """Read `phrase` as a due date relative to `now`; raise CaptureError when it cannot."""
    text = " ".join(phrase.split())
    if not text:
        raise CaptureError(f"The date is empty. {_HINT}", words="")
    spec = read_date_phrase(text, now, allow_fallback=allow_fallback)
    if spec is None:
        raise CaptureError(f"Could not read the date '{text}'. {_HINT}", words=text)
    return spec


def read_date_phrase(
    phrase: str, now: datetime.datetime, *, allow_fallback: bool = True
) -> DueSpec | None:
    """Read `phrase` as a due date; None when it is not one (words that may stay text).

    Raises CaptureError, as `match_fast` does, for a known form naming no real or single
    date ("feb 30", "3/4"): whoever wrote that meant a date.
    """
    spec = match_fast(phrase, now)
    if spec is None and allow_fallback:
        spec = read_with_dateparser(phrase, now)
    return spec


def match_fast(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read `phrase` with the fast parser only; None when it is not a form the parser knows.

    Raises CaptureError when the phrase is a known form that names no real or no single date
    ("feb 30", the ambiguous "3/4"): guessing there would silently file the item on a wrong day.
    """
    text = " ".join(phrase.split())
    if not text:
        return None
    try:
        spec = read_english(text, now)
        if spec is None and has_cjk(text):
            from app.domain.date_phrases_zh import read_chinese  # see find_chinese_dates

            spec = read_chinese(text, now)
        return spec
    except (OverflowError, ValueError):
        # Only at the ends of the calendar (a `now` in year 1 or 9999): out of datetime's range.
        raise too_far(text) from None


def find_chinese_dates(text: str, now: datetime.datetime) -> list[tuple[int, int, DueSpec]]:
    """Every Chinese date expression in `text` as (start, end, due), left to right.

    Chinese is written without spaces, so dates are found inside running text:
    "明天下午三点开组会" holds "明天下午三点" (the rules are in `date_phrases_zh`).
    """
    if not has_cjk(text):
        return []
    # Imported only for text that may hold Chinese: an English `rizhi add` never loads it.
    from app.domain.date_phrases_zh import find_chinese_dates as find_in_text

    return find_in_text(text, now)


# --- dateparser fallback -----------------------------------------------------------------

# Words that show the phrase named a time of day, so a parsed 00:00 is meant, not a default.
_TIME_CUE = (
    r"[0-9]\s*(?:am|pm|a\.m|p\.m)|[0-9]:[0-9]|[点點时]"
    r"|\b(?:noon|midnight|hours?|hrs?|minutes?|mins?|o'clock)\b"
)


def read_with_dateparser(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read `phrase` with dateparser alone (slow: the fast parser's forms are read there);
    None when it reads no date, or the phrase is too long to be one."""
    phrase = " ".join(phrase.split())
    if not phrase or len(phrase) > _FALLBACK_MAX_CHARS:
        return None
    import dateparser  # heavy (~0.25 s to import); only unusual phrases need it

    base = naive(now)
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        found = dateparser.parse(phrase, settings=settings, languages=["en", "zh"])
    except Exception:  # a third-party parser on arbitrary text: any failure means unreadable
        return None
    if found is None:
        return None
    found = found.replace(tzinfo=None)
    # dateparser fills a missing time with 00:00 or with RELATIVE_BASE's time ("in 3 days");
    # either means the phrase named no time and the item stays all-day.
    named_time = re.search(_TIME_CUE, phrase, re.IGNORECASE) is not None or found.time() not in (
        datetime.time(0),
        base.time(),
    )
    if not named_time:
        return DueSpec(found.date())
    return DueSpec(found.date(), found.time().replace(second=0, microsecond=0))
