"""The quick-capture grammar: one line of text becomes a titled, tagged, dated item.

    Read MAE paper #paper #vision !high ~2h due fri 3pm
    明天下午三点开组会 #meeting

Markers start with a sigil and may stand anywhere: `#tag`, `!high`, `~2h`, `^week`, `@fri`,
`due:2026-12-01`. A backslash keeps a word literal: `\\#1` is the text "#1", `\\due` the word
"due". A marker that cannot be read is an error, never silently dropped.

Plain words are read as a date only where they make one, and otherwise stay in the title:
the word `due` followed by a date phrase ("due fri 3pm", but not "due diligence"), Chinese
dates inside the text, and a bare English date at the end ("call Bob tomorrow 3pm"). The
connecting words in front of a date that was read go with it ("slides for May 3", see
`date_connectors`).
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, NamedTuple

from app.domain.capture_dates import (
    read_date_marker,
    read_due_word,
    take_chinese_dates,
    take_trailing_date,
)
from app.domain.capture_draft import FULL_WIDTH_SIGILS, Draft, Word, is_due_colon, is_marker
from app.domain.capture_repeats import take_repeats_and_reminders
from app.domain.dates import DueSpec
from app.domain.entities import ItemDraft
from app.domain.enums import Horizon, ItemKind, Priority
from app.domain.errors import CaptureError, InvalidInput
from app.domain.estimates import estimate_minutes

if TYPE_CHECKING:
    from app.domain.reminders import ReminderSpec

__all__ = ["Capture", "parse_capture"]


class Capture(NamedTuple):
    """What one line of capture text asks for; nothing is saved yet."""

    title: str
    kind: ItemKind
    tags: tuple[str, ...]  # as typed, in order, without case-insensitive repeats
    priority: Priority
    estimate_minutes: int | None
    due: DueSpec | None
    horizon: Horizon | None
    repeat_rule: str | None = None  # an RRULE (app/domain/repeats.py)
    repeat_from_completion: bool = False
    reminders: tuple[ReminderSpec, ...] = ()

    def to_draft(self, *, notes: str = "", parent_id: int | None = None) -> ItemDraft:
        """The item this capture creates (the command line and quick add alike)."""
        due = self.due
        return ItemDraft(
            title=self.title,
            kind=self.kind,
            notes=notes,
            tags=self.tags,
            priority=self.priority,
            estimate_minutes=self.estimate_minutes,
            due_date=due.date if due else None,
            due_time=due.time if due else None,
            horizon=self.horizon,
            parent_id=parent_id,
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: enums as their values, due as 'YYYY-MM-DD' and 'HH:MM' (or None)."""
        due = self.due
        return {
            "title": self.title,
            "kind": self.kind.value,
            "tags": list(self.tags),
            "priority": self.priority.value,
            "estimate_minutes": self.estimate_minutes,
            "due_date": None if due is None else due.date.isoformat(),
            "due_time": None if due is None or due.time is None else due.time.strftime("%H:%M"),
            "horizon": None if self.horizon is None else self.horizon.value,
            **self._schedule_dict(),
        }

    def _schedule_dict(self) -> dict[str, object]:
        """The repeat and reminders, only when the line had them: the JSON of a line
        without them is as it always was."""
        found: dict[str, object] = {}
        if self.repeat_rule is not None:
            found["repeat"] = self.repeat_rule
            found["repeat_from_completion"] = self.repeat_from_completion
        if self.reminders:
            found["reminders"] = [spec.describe() for spec in self.reminders]
        return found


def parse_capture(text: str, now: datetime.datetime) -> Capture:
    """Read one line of capture text; raise CaptureError or InvalidInput when it cannot."""
    return _parse(text, now).capture


# --- vocabulary --------------------------------------------------------------------------

_KIND_TAGS: dict[str, ItemKind] = {
    **{kind.value: kind for kind in ItemKind},
    **{f"{kind.value}s": kind for kind in ItemKind},
    "论文": ItemKind.PAPER,
    "想法": ItemKind.IDEA,
    "点子": ItemKind.IDEA,
    "实验": ItemKind.EXPERIMENT,
    "笔记": ItemKind.NOTE,
    "任务": ItemKind.TASK,
}
_PRIORITIES: dict[str, Priority] = {
    "high": Priority.HIGH,
    "h": Priority.HIGH,
    "3": Priority.HIGH,
    "!!": Priority.HIGH,  # the token "!!!"
    "高": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "med": Priority.MEDIUM,
    "m": Priority.MEDIUM,
    "2": Priority.MEDIUM,
    "!": Priority.MEDIUM,  # the token "!!"
    "中": Priority.MEDIUM,
    "low": Priority.LOW,
    "l": Priority.LOW,
    "1": Priority.LOW,
    "": Priority.LOW,  # a lone "!"
    "低": Priority.LOW,
}
_HORIZONS: dict[str, Horizon] = {
    "week": Horizon.WEEK,
    "short": Horizon.SHORT,
    "short-term": Horizon.SHORT,
    "long": Horizon.LONG,
    "long-term": Horizon.LONG,
    "someday": Horizon.SOMEDAY,
}
_TAG = r"[\w-]+"  # \w is Unicode: letters, digits, _ and CJK ("#论文")


# --- parsing -----------------------------------------------------------------------------


class _Parsed:
    """A capture, every piece of text its rules consumed, and the words its due date was
    read from (None without one)."""

    __slots__ = ("capture", "consumed", "due_words")

    def __init__(self, capture: Capture, consumed: tuple[str, ...], due_words: str | None) -> None:
        self.capture, self.consumed, self.due_words = capture, consumed, due_words


def _parse(text: str, now: datetime.datetime) -> _Parsed:
    draft = Draft(now)
    _read_tokens(text.split(), draft)
    taken = take_repeats_and_reminders(draft)
    title_words = take_chinese_dates(draft)
    if len(draft.dues) > 1:
        (first, _), (second, _) = draft.dues[:2]
        raise CaptureError(
            f"Found two due dates: '{first}' and '{second}'. Keep one of them, "
            "or write \\ before a word to keep it in the title.",
            words=second,
        )
    if not draft.dues:
        title_words = take_trailing_date(title_words, draft)
    if not draft.dues and taken.first is not None:
        draft.dues.append(("", taken.first))
    title = " ".join(word.text for word in title_words).strip()
    if not title:
        raise InvalidInput("Nothing to capture: the title is empty.")
    capture = Capture(
        title=title,
        kind=draft.kind or ItemKind.TASK,
        tags=tuple(draft.tags),
        priority=draft.priority[1] if draft.priority else Priority.NONE,
        estimate_minutes=draft.estimate[1] if draft.estimate else None,
        due=draft.dues[0][1] if draft.dues else None,
        horizon=draft.horizon[1] if draft.horizon else None,
        repeat_rule=taken.rule,
        repeat_from_completion=taken.from_completion,
        reminders=taken.reminders,
    )
    due_words = draft.dues[0][0] if draft.dues else None
    return _Parsed(capture, tuple(draft.consumed), due_words)


def _read_tokens(tokens: list[str], draft: Draft) -> None:
    """Sort tokens into markers (applied to the draft) and title words, in order."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("\\") and len(token) > 1:
            draft.consumed.append("\\")
            draft.words.append(Word(token[1:], literal=True))
        elif token.casefold() == "due" and (used := read_due_word(tokens, i, draft)):
            draft.words.append(None)
            i += used
            continue
        elif is_marker(token):
            marker = FULL_WIDTH_SIGILS.get(token[0], token[0]) + token[1:]
            if marker[0] == "@" or is_due_colon(marker):
                value = marker[1:] if marker[0] == "@" else marker[4:]
                # The date may run on into the next words: "@tomorrow 9am".
                i += read_date_marker(tokens, i, value, draft)
            else:
                _read_marker(marker, token, draft)
            draft.words.append(None)
        else:
            draft.words.append(Word(token))
        i += 1


def _read_marker(marker: str, token: str, draft: Draft) -> None:
    """Apply one marker token other than a date (`marker` is `token` with its sigil made
    ASCII)."""
    draft.consumed.append(token)
    if marker[0] == "#":
        _add_tag(marker[1:], token, draft)
    elif marker[0] == "!":
        _set_once(draft, "priority", token, _read_priority(marker[1:], token))
    elif marker[0] == "~":
        _set_once(draft, "estimate", token, _read_estimate(marker[1:], token))
    else:  # "^"
        _set_once(draft, "horizon", token, _read_horizon(marker[1:], token))


def _add_tag(name: str, token: str, draft: Draft) -> None:
    if not re.fullmatch(_TAG, name):
        raise CaptureError(
            f"'{token}' is not a tag: tags use letters, digits, _ and -, like #paper. "
            f"Write \\{token} to keep it as text.",
            words=token,
        )
    if name.casefold() not in {tag.casefold() for tag in draft.tags}:
        draft.tags.append(name)
    if draft.kind is None:
        draft.kind = _KIND_TAGS.get(name.casefold())


def _read_priority(value: str, token: str) -> Priority:
    priority = _PRIORITIES.get(value.replace("！", "!").casefold())
    if priority is None:
        raise CaptureError(
            f"Unknown priority '{token}'. Use !high, !medium or !low (also !3 !2 !1, !!! !! !).",
            words=token,
        )
    return priority


def _read_estimate(value: str, token: str) -> int:
    minutes = estimate_minutes(value)
    if minutes is None:
        raise CaptureError(
            f"Could not read the estimate '{token}'. Write minutes or hours: ~30m, ~2h, ~1h30m.",
            words=token,
        )
    return minutes


def priority_named(text: str) -> Priority | None:
    """The priority a word names ("high", "!high", "3", "!!!", "高"); None if none."""
    value = text.strip().replace("！", "!").casefold()
    if value in ("none", "0"):
        return Priority.NONE
    # The table is keyed by what follows the marker's first "!" ("!!!" -> "!!").
    return _PRIORITIES.get(value[1:] if value.startswith("!") else value)


def _read_horizon(value: str, token: str) -> Horizon:
    horizon = _HORIZONS.get(value.casefold())
    if horizon is None:
        raise CaptureError(
            f"Unknown horizon '{token}'. Use ^week, ^short, ^long or ^someday.", words=token
        )
    return horizon


def _set_once(draft: Draft, name: str, token: str, value: object) -> None:
    """Set a single-valued marker; a second, different one is a contradiction to report."""
    current: tuple[str, object] | None = getattr(draft, name)
    if current is not None and current[1] != value:
        raise CaptureError(
            f"Found two {name} markers: '{current[0]}' and '{token}'. Keep one.", words=token
        )
    if current is None:
        setattr(draft, name, (token, value))
