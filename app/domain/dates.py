"""Reading the due dates people type: "fri 3pm", "dec 1", "明天下午三点", "三天后".

A hand-written reader reads English and Chinese phrases (simplified, traditional and
Cantonese) deterministically and in microseconds. A phrase it does not know is refused with
its words, never guessed: measured on phrases people write (bench/date_phrases.py), the
general-purpose parsers tried as a fallback, dateparser and Duckling, saved 14% and 17-27%
of them with a wrong date (see docs/architecture.md, "Dependencies").

`now` is always the caller's local wall clock; nothing here reads the system clock, so the same
phrase and `now` always give the same answer.

This module is the entry point; the reader lives in modules with one concern each:

    date_words.py         weekday, month and number names, Chinese numerals and traditional
                          characters (shared with the journal)
    date_arithmetic.py    calendar steps: days later, the next Friday, the next 12 March
    date_reading.py       what a phrase says (day, clock, period) and the DueSpec it makes
    date_phrases_en.py    English phrases, with date_clock_en (times), date_offsets_en
                          ("in 2 hours") and date_anchors_en ("the first monday of april")
    date_phrases_zh.py    Chinese phrases, whole or inside running text, with date_days_zh,
                          date_clock_zh and date_zh_parts
    date_holidays.py      holidays with a date of their own (xmas, 儿童节)
"""

from __future__ import annotations

import datetime

from app.domain.date_arithmetic import too_far
from app.domain.date_phrases_en import read_english
from app.domain.date_reading import DueSpec
from app.domain.date_words import has_cjk
from app.domain.errors import CaptureError

__all__ = ["DueSpec", "find_chinese_dates", "match_fast", "parse_date_phrase"]

_HINT = "Try a weekday, 'tomorrow 3pm', or 2026-12-01."


def parse_date_phrase(phrase: str, now: datetime.datetime) -> DueSpec:
    """Read `phrase` as a due date relative to `now`; raise CaptureError when it cannot."""
    text = " ".join(phrase.split())
    if not text:
        raise CaptureError(f"The date is empty. {_HINT}", words="")
    spec = match_fast(text, now)
    if spec is None:
        raise CaptureError(f"Could not read the date '{text}'. {_HINT}", words=text)
    return spec


def match_fast(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read `phrase` as a date; None when it is not one (words that may stay text).

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
