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
from typing import NamedTuple

from app.domain.date_connectors import EN_CONNECTORS, chinese_date_start, english_lead
from app.domain.dates import (
    DueSpec,
    find_chinese_dates,
    match_fast,
    parse_date_phrase,
    read_with_dateparser,
)
from app.domain.entities import ItemDraft
from app.domain.enums import Horizon, ItemKind, Priority
from app.domain.errors import CaptureError, InvalidInput
from app.domain.estimates import estimate_minutes

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
        }


def parse_capture(text: str, now: datetime.datetime) -> Capture:
    """Read one line of capture text; raise CaptureError or InvalidInput when it cannot."""
    return _parse(text, now).capture


# --- vocabulary --------------------------------------------------------------------------

_SIGILS = "#!~^@"
# Chinese input methods type these full-width; treat them as the ASCII sigils at a word start.
_FULL_WIDTH_SIGILS = {"＃": "#", "！": "!", "～": "~"}

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
# A trailing bare English date may take at most this many words off the end of the title.
_TRAILING_DATE_WORDS = 4
# Alone at the end of a title these are ordinary words more often than dates: "Good morning",
# "Enjoy the sun", "Where I sat". Written with `due`/`@` they are still dates.
_NOT_A_BARE_DATE = frozenset(
    {"morning", "afternoon", "evening", "night", "noon", "midnight", "sun", "sat"}
)


# --- parsing -----------------------------------------------------------------------------


# The private records are plain slotted classes: a dataclass costs ~0.5 ms to create at
# import, and this module is on the `rizhi add` path.


class _Word:
    """A title word; `literal` when written with a backslash: never a marker or a date."""

    __slots__ = ("literal", "text")

    def __init__(self, text: str, *, literal: bool = False) -> None:
        self.text, self.literal = text, literal


class _Draft:
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
        self.words: list[_Word | None] = []  # None: a marker stood here
        self.tags: list[str] = []
        self.kind: ItemKind | None = None
        self.priority: tuple[str, Priority] | None = None
        self.estimate: tuple[str, int] | None = None
        self.horizon: tuple[str, Horizon] | None = None
        self.dues: list[tuple[str, DueSpec]] = []  # (source text, due)
        self.consumed: list[str] = []


class _Parsed:
    __slots__ = ("capture", "consumed")

    def __init__(self, capture: Capture, consumed: tuple[str, ...]) -> None:
        self.capture, self.consumed = capture, consumed


def _parse(text: str, now: datetime.datetime) -> _Parsed:
    draft = _Draft(now)
    _read_tokens(text.split(), draft)
    title_words = _take_chinese_dates(draft)
    if len(draft.dues) > 1:
        (first, _), (second, _) = draft.dues[:2]
        raise CaptureError(
            f"Found two due dates: '{first}' and '{second}'. Keep one of them, "
            "or write \\ before a word to keep it in the title.",
            words=second,
        )
    if not draft.dues:
        title_words = _take_trailing_date(title_words, draft)
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
    )
    return _Parsed(capture, tuple(draft.consumed))


def _read_tokens(tokens: list[str], draft: _Draft) -> None:
    """Sort tokens into markers (applied to the draft) and title words, in order."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("\\") and len(token) > 1:
            draft.consumed.append("\\")
            draft.words.append(_Word(token[1:], literal=True))
        elif token.casefold() == "due" and (used := _read_due_word(tokens, i, draft)):
            draft.words.append(None)
            i += used
            continue
        elif _is_marker(token):
            _read_marker(_FULL_WIDTH_SIGILS.get(token[0], token[0]) + token[1:], token, draft)
            draft.words.append(None)
        else:
            draft.words.append(_Word(token))
        i += 1


def _is_marker(token: str) -> bool:
    return token[0] in _SIGILS or token[0] in _FULL_WIDTH_SIGILS or _is_due_colon(token)


def _is_due_colon(token: str) -> bool:
    return token[:4].casefold() == "due:"


def _due_phrase(tokens: list[str], start: int) -> list[str]:
    """Words after `due` up to the next marker or literal word: the whole date phrase."""
    end = start
    while end < len(tokens) and not _is_marker(tokens[end]) and not tokens[end].startswith("\\"):
        end += 1
    return tokens[start:end]


def _read_marker(marker: str, token: str, draft: _Draft) -> None:
    """Apply one marker token (`marker` is `token` with its sigil made ASCII)."""
    draft.consumed.append(token)
    if _is_due_colon(marker):
        _add_due(draft, marker[4:], token)
    elif marker[0] == "#":
        _add_tag(marker[1:], token, draft)
    elif marker[0] == "!":
        _set_once(draft, "priority", token, _read_priority(marker[1:], token))
    elif marker[0] == "~":
        _set_once(draft, "estimate", token, _read_estimate(marker[1:], token))
    elif marker[0] == "^":
        _set_once(draft, "horizon", token, _read_horizon(marker[1:], token))
    else:  # "@"
        _add_due(draft, marker[1:], token)


def _add_tag(name: str, token: str, draft: _Draft) -> None:
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


def _set_once(draft: _Draft, name: str, token: str, value: object) -> None:
    """Set a single-valued marker; a second, different one is a contradiction to report."""
    current: tuple[str, object] | None = getattr(draft, name)
    if current is not None and current[1] != value:
        raise CaptureError(
            f"Found two {name} markers: '{current[0]}' and '{token}'. Keep one.", words=token
        )
    if current is None:
        setattr(draft, name, (token, value))


def _add_due(draft: _Draft, value: str, token: str) -> None:
    """Read the date of an explicit marker (`@fri`, `due:...`); the whole value must be one."""
    if not value:
        raise CaptureError(
            f"'{token}' needs a date right after it, like @fri or due:2026-12-01.", words=token
        )
    _record_due(draft, token, parse_date_phrase(value, draft.now))


def _record_due(draft: _Draft, source: str, spec: DueSpec) -> None:
    """Record a date read from `source`, and take the words connecting the title to it out
    of the title: "Submit by @fri" leaves "Submit". (The caller consumed `source`.)"""
    plain: list[str] = []  # the title words read just before the date, up to a marker
    for word in reversed(draft.words[-2:]):
        if word is None or word.literal:
            break
        plain.insert(0, word.text)
    lead = english_lead(plain) or 0
    if lead:
        draft.consumed.extend(plain[-lead:])
        del draft.words[-lead:]
    draft.dues.append((source, spec))


def _read_due_word(tokens: list[str], i: int, draft: _Draft) -> int:
    """Read the word `due` at `tokens[i]` with the date after it; how many tokens it took.

    "due fri 3pm", "due on May 3", "due the 1st of december" (the whole phrase up to the
    next marker, read by either parser), or "due fri" out of "due fri for class" (the
    longest start the fast parser reads). 0 when no date follows: "due diligence" is text.
    A phrase in a date's form that names no real or single date ("due feb 30", "due 3/4")
    is an error: whoever wrote it meant a date.
    """
    phrase = _due_phrase(tokens, i + 1)
    skip = 1 if phrase and phrase[0].casefold() in EN_CONNECTORS else 0  # "due for fri"
    words = phrase[skip:]
    try:
        count, spec = _date_at_start(words, draft.now)
    except CaptureError as error:
        raise CaptureError(
            f"{error} Write \\due to keep the word 'due' in the title.", words=error.words
        ) from None
    if spec is None:
        return 0
    used = 1 + skip + count
    draft.consumed.extend(tokens[i : i + used])
    _record_due(draft, " ".join(tokens[i : i + used]), spec)
    return used


def _date_at_start(words: list[str], now: datetime.datetime) -> tuple[int, DueSpec | None]:
    """(words used, due) for the date the words start with; (0, None) when they do not."""
    if not words:
        return 0, None
    spec = match_fast(" ".join(words), now)  # raises for "feb 30": see _read_due_word
    if spec is not None:
        return len(words), spec
    spec = read_with_dateparser(" ".join(words), now)
    if spec is not None:
        count = _words_needed(words, spec, now)
        return (count, spec) if count else (0, None)
    for count in range(len(words) - 1, 0, -1):
        try:
            spec = match_fast(" ".join(words[:count]), now)
        except CaptureError:
            spec = None  # a start that names no real date, with more words after it
        if spec is not None:
            return count, spec
    return 0, None


def _words_needed(words: list[str], spec: DueSpec, now: datetime.datetime) -> int:
    """How many of `words`, which dateparser read as `spec`, the date is made of; 0 when it
    does not start with the first. dateparser passes over words it has no use for ("and",
    "from", "just"): those are text ("due 3pm and" leaves "and", "due and fri" is no date).
    A leading "the" is the date's own ("the 1st of december", "the day after tomorrow")."""
    count = len(words)
    while count > 1 and read_with_dateparser(" ".join(words[: count - 1]), now) == spec:
        count -= 1
    unneeded_first = count > 1 and words[0].casefold() != "the"
    if unneeded_first and read_with_dateparser(" ".join(words[1:count]), now) == spec:
        return 0
    return count


# --- dates inside the title --------------------------------------------------------------


def _take_chinese_dates(draft: _Draft) -> list[_Word]:
    """Title words with Chinese date expressions taken out and recorded as due dates.

    Dates are looked for within each run of plain words between markers, so a date may span
    spaces ("明天 下午三点") but never a marker or a literal word.
    """
    title: list[_Word] = []
    run: list[str] = []
    for word in [*draft.words, None]:
        if word is not None and not word.literal:
            run.append(word.text)
            continue
        if run:
            title.extend(_Word(text) for text in _cut_chinese_dates(" ".join(run), draft))
            run = []
        if word is not None:
            title.append(word)
    return title


def _cut_chinese_dates(text: str, draft: _Draft) -> list[str]:
    if text.isascii():  # every Chinese date form has a Chinese character
        return text.split()
    kept: list[str] = []
    start = 0
    for found, end, spec in find_chinese_dates(text, draft.now):
        begin = max(chinese_date_start(text, found), start)  # with its 截止, 于, "by"...
        kept.append(text[start:begin])
        draft.dues.append((text[begin:end], spec))
        draft.consumed.append(text[begin:end])
        start = end
    kept.append(text[start:])
    return " ".join(kept).split()


def _take_trailing_date(words: list[_Word], draft: _Draft) -> list[_Word]:
    """Read a bare English date at the end of the title ("call Bob tomorrow 3pm").

    Only the fast parser is used, and conservatively: up to four plain words, the longest run
    it reads completely, never the whole title, never a lone period word or number. The
    connecting words before it go with it ("Prepare slides for May 3" is due May 3).
    """
    plain = 0
    while plain < len(words) and not words[-1 - plain].literal:
        plain += 1
    texts = [word.text for word in words[len(words) - plain :]]
    for count in range(min(_TRAILING_DATE_WORDS, plain), 0, -1):
        tail = texts[-count:]
        spec = _bare_date(tail, draft.now)
        lead = None if spec is None else english_lead(texts[:-count], tail)
        if spec is None or lead is None:
            continue  # not a date, or not a due date: "Run it for 3 days" is how long
        taken = count + lead
        if taken == len(words):
            # The whole title is a date ("tomorrow 3pm", "by May 3"): keep it rather than
            # split it into a title "tomorrow" due at 3pm.
            return words
        draft.dues.append((" ".join(tail), spec))
        draft.consumed.extend(texts[-taken:])
        return words[:-taken]
    return words


def _bare_date(tail: list[str], now: datetime.datetime) -> DueSpec | None:
    if len(tail) == 1 and (tail[0].casefold() in _NOT_A_BARE_DATE or tail[0].isdigit()):
        return None
    try:
        return match_fast(" ".join(tail), now)
    except CaptureError:
        return None  # "section 3/4" is a title, not an ambiguous date
