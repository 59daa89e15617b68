"""Reminders as the item editor shows and reads them: the presets offered, a reminder
typed in words, and a reminder's line in the list. Qt-free, so it is tested without a
window.

A typed reminder is read by the grammar `rizhi remind` and capture lines use: relative
phrases ("30m before", "1d before 9am", "at due time", 提前30分钟) through the capture
grammar (app/domain/capture_repeats.py), times ("fri 9am", 明天上午九点) through
`parse_date_phrase`, as `rizhi remind ID fri 9am` reads them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from app.domain.capture_draft import Draft, Word
from app.domain.capture_repeats import take_repeats_and_reminders
from app.domain.date_words import has_cjk
from app.domain.dates import parse_date_phrase
from app.domain.errors import CaptureError, InvalidInput
from app.domain.reminders import (
    DEFAULT_CLOCK,
    Anchor,
    ReminderSpec,
    ReminderState,
    absolute_from,
    duration_minutes,
)
from app.domain.words import day_name

PRESETS: Final[tuple[tuple[str, ReminderSpec], ...]] = (
    ("At the due time", ReminderSpec.before_due(0)),
    ("10 minutes before", ReminderSpec.before_due(10)),
    ("30 minutes before", ReminderSpec.before_due(30)),
    ("1 hour before", ReminderSpec.before_due(60)),
    ("1 day before", ReminderSpec.before_due(24 * 60)),
    ("9:00 on the due date", ReminderSpec.before_due(0, DEFAULT_CLOCK)),
)

NEEDS_DUE: Final = (
    "This reminder counts from the due date, and the item has none: give it a due date "
    "(Details), or type a time such as 'fri 9am'."
)
_HINT: Final = "Try 30m before, 1d before 9am, fri 9am, 明天上午九点 or 提前30分钟."


def needs_due(spec: ReminderSpec) -> bool:
    return spec.anchor is Anchor.DUE


def read_reminder(text: str, now: datetime) -> ReminderSpec:
    """The reminder typed in `text`; InvalidInput when it is not one. A bare duration
    ("30m") is that long before the due time, as `rizhi remind --before 30m`."""
    words = text.split()
    if words[:1] and words[0].casefold() in ("remind", "reminder"):
        words = words[1:]
    if not words:
        raise InvalidInput(f"Say when to remind. {_HINT}")
    phrase = " ".join(words)
    minutes = duration_minutes(phrase)
    if minutes is not None:
        return ReminderSpec.before_due(minutes)
    relative = _from_capture_grammar(words, now)
    if relative is not None:
        return relative
    try:
        due = parse_date_phrase(phrase, now)
    except CaptureError:
        raise InvalidInput(f"Could not read '{phrase}' as a reminder. {_HINT}") from None
    return absolute_from(due.date, due.time, words, now)


def _from_capture_grammar(words: list[str], now: datetime) -> ReminderSpec | None:
    """The one reminder the capture grammar reads in the whole of `words`, else None."""
    if has_cjk("".join(words)):
        joined = "".join(words)
        draft_words = [joined if joined.endswith("提醒") else f"{joined}提醒"]
    else:
        draft_words = ["remind", *words]
    draft = Draft(now)
    draft.words = [Word(word) for word in draft_words]
    try:
        taken = take_repeats_and_reminders(draft)
    except InvalidInput:
        return None
    left = [word for word in draft.words if word is not None]
    if left or taken.rule is not None or len(taken.reminders) != 1:
        return None
    return taken.reminders[0]


def reminder_line(
    spec: ReminderSpec, fire: datetime | None, state: ReminderState | None, today: date
) -> str:
    """A reminder in the editor's list: how it is set, when it fires next and, when it
    is not waiting, what became of it. `state` None: added in the form, not saved."""
    how = spec.describe()
    if spec.anchor is Anchor.AT:
        parts = [fire_text(spec.at, today) if spec.at is not None else how]
    elif fire is None:
        parts = [how[:1].upper() + how[1:], "no due date to count from"]
    else:
        parts = [how[:1].upper() + how[1:], fire_text(fire, today)]
    if state is None:
        parts.append("not saved yet")
    elif state is ReminderState.SNOOZED:
        parts.append("snoozed")
    elif state is ReminderState.SHOWN:
        parts.append("shown")
    elif state is ReminderState.DONE:
        parts.append("done")
    return " · ".join(parts)


def fire_text(moment: datetime, today: date) -> str:
    """A fire time in words: "Today 14:30", "Fri 13 Mar 09:00"."""
    day = day_name(moment.date(), today, capital=True)
    if day is None:
        day = f"{moment:%a %d %b}" + (f" {moment:%Y}" if moment.year != today.year else "")
    return f"{day} {moment:%H:%M}"
