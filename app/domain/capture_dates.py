"""Where a capture's due date is read: a date marker (`@fri`, `due:2026-12-01`, running on
into "@tomorrow 9am"), the word `due` with the date after it, Chinese dates anywhere in
the title, and an English date at its end ("call Bob tomorrow 3pm"), with a date at its
start when the end gives only the time ("Feb 10th dentist 8am").

The connecting words in front of a date that was read go with it ("slides for May 3", see
`date_connectors`). A date form that names no date ("feb 30", "on 5/6") is refused with
the words that could not be read, never guessed.
"""

from __future__ import annotations

import datetime

from app.domain.capture_draft import Draft, Word, is_marker
from app.domain.date_connectors import EN_CONNECTORS, chinese_date_start, english_lead
from app.domain.date_offsets_en import is_duration
from app.domain.date_words import EN_WEEKDAYS
from app.domain.dates import DueSpec, find_chinese_dates, match_fast, parse_date_phrase
from app.domain.errors import CaptureError

__all__ = [
    "read_date_marker",
    "read_due_word",
    "take_chinese_dates",
    "take_trailing_date",
]

# A date at the end of a title may take at most this many words off it ("Haircut the day
# after tomorrow at 10"); one elsewhere, when the end gives only the time, this many.
_TRAILING_DATE_WORDS = 7
_LEADING_DATE_WORDS = 4
# The longest title searched for the day of a time at its end.
_TITLE_SCANNED_WORDS = 40
# A date after these recurs, and names no one day.
_RECURRING = frozenset({"every", "each"})
# Capitalised inside a title these are names more often than days ("Tomorrow Never Dies").
_RELATIVE_DAYS = frozenset({"today", "tonight", "tomorrow", "yesterday"})
# After a date marker, at most this many words may continue its date ("@fri 3:30 pm").
_MARKER_RUN_ON_WORDS = 3
# Alone at an end of a title these are ordinary words more often than dates: "Good
# morning", "Enjoy the sun", "Where I sat". Written with `due`/`@` they are still dates.
_NOT_A_BARE_DATE = frozenset(
    {"morning", "afternoon", "evening", "night", "noon", "midnight", "sun", "sat"}
)


def read_date_marker(tokens: list[str], i: int, value: str, draft: Draft) -> int:
    """Read the date marker `tokens[i]` (`@fri`, `due:2026-12-01`, whose date is `value`)
    and the plain words after it that continue its date ("@tomorrow 9am"); return how many
    of those words it took. The marker's own value must be a date."""
    token = tokens[i]
    if not value:
        raise CaptureError(
            f"'{token}' needs a date right after it, like @fri or due:2026-12-01.", words=token
        )
    spec = parse_date_phrase(value, draft.now)
    extra = 0
    run = _plain_run(tokens, i + 1)[:_MARKER_RUN_ON_WORDS]
    for count in range(len(run), 0, -1):
        try:
            longer = match_fast(" ".join([value, *run[:count]]), draft.now)
        except CaptureError:
            longer = None  # "@fri 30" is Friday, with a number after it
        if longer is not None:
            spec, extra = longer, count
            break
    draft.consumed.extend(tokens[i : i + 1 + extra])
    _record_due(draft, " ".join(tokens[i : i + 1 + extra]), spec)
    return extra


def _plain_run(tokens: list[str], start: int) -> list[str]:
    """Words from `start` up to the next marker or literal word."""
    end = start
    while end < len(tokens) and not is_marker(tokens[end]) and not tokens[end].startswith("\\"):
        end += 1
    return tokens[start:end]


def _record_due(draft: Draft, source: str, spec: DueSpec) -> None:
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


def read_due_word(tokens: list[str], i: int, draft: Draft) -> int:
    """Read the word `due` at `tokens[i]` with the date after it; how many tokens it took.

    "due fri 3pm", "due on May 3", "due the 1st of december" (the whole phrase up to the
    next marker), or "due fri" out of "due fri for class" (the longest start that is a
    date). 0 when no date follows: "due diligence" is text.
    A phrase in a date's form that names no real or single date ("due feb 30", "due 3/4")
    is an error: whoever wrote it meant a date.
    """
    phrase = _plain_run(tokens, i + 1)
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
    """(words used, due) for the longest start of `words` that is a date; (0, None) when
    none is. The whole phrase in a date's form naming no date ("feb 30") is an error."""
    if not words:
        return 0, None
    spec = match_fast(" ".join(words), now)  # raises for "feb 30": see read_due_word
    if spec is not None:
        return len(words), spec
    for count in range(len(words) - 1, 0, -1):
        try:
            spec = match_fast(" ".join(words[:count]), now)
        except CaptureError:
            spec = None  # a start that names no real date, with more words after it
        if spec is not None:
            return count, spec
    return 0, None


# --- dates inside the title --------------------------------------------------------------


def take_chinese_dates(draft: Draft) -> list[Word]:
    """Title words with Chinese date expressions taken out and recorded as due dates.

    Dates are looked for within each run of plain words between markers, so a date may span
    spaces ("明天 下午三点") but never a marker or a literal word.
    """
    title: list[Word] = []
    run: list[str] = []
    for word in [*draft.words, None]:
        if word is not None and not word.literal:
            run.append(word.text)
            continue
        if run:
            title.extend(Word(text) for text in _cut_chinese_dates(" ".join(run), draft))
            run = []
        if word is not None:
            title.append(word)
    return title


def _cut_chinese_dates(text: str, draft: Draft) -> list[str]:
    if text.isascii():  # every Chinese date form has a Chinese character
        return text.split()
    kept: list[str] = []
    start = 0
    for found, end, spec in find_chinese_dates(text, draft.now):
        if any(spec == due for _, due in draft.dues):
            continue  # the same day named again ("10月31日前准备万圣节服装") stays as text
        begin = max(chinese_date_start(text, found), start)  # with its 截止, 于, "by"...
        kept.append(text[start:begin])
        draft.dues.append((text[begin:end], spec))
        draft.consumed.append(text[begin:end])
        start = end
    kept.append(text[start:])
    return " ".join(kept).split()


def take_trailing_date(words: list[Word], draft: Draft) -> list[Word]:
    """Read a bare English date at the end of the title ("call Bob tomorrow 3pm").

    Read conservatively: up to seven plain words, the longest run that reads completely,
    never the whole title, never a lone period word, number or length of time ("Sleep 8
    hours"), nothing after "every" ("Water plants every monday"). The connecting words
    before it go with it ("Prepare slides for May 3" is due May 3). A time at the end takes
    its day from elsewhere in the title ("Feb 10th dentist 8am", "Meeting tomorrow with
    Ann at 3pm"): read alone it would be due on the wrong day.
    """
    plain = 0
    while plain < len(words) and not words[-1 - plain].literal:
        plain += 1
    texts = [word.text for word in words[len(words) - plain :]]
    for count in range(min(_TRAILING_DATE_WORDS, plain), 0, -1):
        tail = texts[-count:]
        spec = _bare_date(tail, draft.now, after_connector=_ends_in_connector(texts[:-count]))
        lead = None if spec is None else english_lead(texts[:-count], tail)
        if spec is None or lead is None:
            continue  # not a date, or not a due date: "Run it for 3 days" is how long
        if texts[:-count] and texts[-count - 1].casefold() in _RECURRING:
            return words  # "every monday" is no one day
        taken = count + lead
        if taken == len(words):
            # The whole title is a date ("tomorrow 3pm", "by May 3"): keep it rather than
            # split it into a title "tomorrow" due at 3pm.
            return words
        rest = words[:-taken]
        day = _day_elsewhere(rest, tail, draft.now)
        left = rest if day is None else rest[: day[0]] + rest[day[0] + day[1] :]
        if _names_other_days([word.text for word in left]):
            return words  # "Yoga tue/thu 6pm", "gym mon wed fri 7am": no one day
        if day is None:
            draft.dues.append((" ".join(tail), spec))
            draft.consumed.extend(texts[-taken:])
            return rest
        start, size, joined = day
        day_words = [word.text for word in rest[start : start + size]]
        draft.dues.append((" ".join(day_words + tail), joined))
        draft.consumed.extend(day_words + texts[-taken:])
        return rest[:start] + rest[start + size :]
    return words


_FULL_WEEKDAYS = frozenset(name for name in EN_WEEKDAYS if name.endswith("day"))
_EVERY_DAY_WORDS = frozenset({"weekdays", "weekends", "daily", "nightly"})


def _names_other_days(words: list[str]) -> bool:
    """Whether title words left beside a date name days of their own, so that the date
    is one of several ("tuesday and thursday 6pm") or a habit ("on mondays 6pm"): a
    weekday written out or in the plural, days joined by "/", or two short day names
    ("mon wed"). Short names alone are left alone: "sun cream", "sat the exam"."""
    short = 0
    for word in words:
        token = word.casefold().strip(",;.")
        if "'" in token or "’" in token:
            continue  # "Monday's slides": which slides, not when
        parts = token.split("/")
        if len(parts) > 1 and all(part in EN_WEEKDAYS for part in parts):
            return True
        if token in _EVERY_DAY_WORDS or token in _FULL_WEEKDAYS:
            return True
        if token.endswith("s") and token[:-1] in _FULL_WEEKDAYS:
            return True
        short += token in EN_WEEKDAYS
    return short > 1


def _ends_in_connector(words: list[str]) -> bool:
    return bool(words) and words[-1].casefold() in EN_CONNECTORS


def _day_elsewhere(
    rest: list[Word], tail: list[str], now: datetime.datetime
) -> tuple[int, int, DueSpec] | None:
    """(start, words, due) of the one date among the other title words that the trailing
    one completes ("Feb 10th dentist 8am": the day for a time, or "3pm call Ann tomorrow":
    the time for a day); None when there is none. Two such dates are refused: which one
    the time belongs to cannot be told. The title keeps at least one word."""
    found: list[tuple[int, int, DueSpec]] = []
    if len(rest) > _TITLE_SCANNED_WORDS:
        return None  # a pasted paragraph: each word would cost a few reads
    i = 0
    while i < len(rest):
        got = _date_joining(rest, i, tail, now)
        if got is None:
            i += 1
            continue
        found.append((i, got[0], got[1]))
        i += got[0]
    if len(found) > 1:
        first, second = (" ".join(w.text for w in rest[s : s + n]) for s, n, _ in found[:2])
        raise CaptureError(
            f"'{' '.join(tail)}' could go with '{first}' or with '{second}'. Write the date "
            "and time together, or write \\ before a word to keep it in the title.",
            words=second,
        )
    if found and found[0][1] < len(rest):
        return found[0]
    return None


def _date_joining(
    rest: list[Word], i: int, tail: list[str], now: datetime.datetime
) -> tuple[int, DueSpec] | None:
    """(words, due) for the longest run of plain words at `i` that is a date of its own
    and makes one with `tail`."""
    for count in range(min(_LEADING_DATE_WORDS, len(rest) - i), 0, -1):
        window = rest[i : i + count]
        if any(word.literal for word in window):
            continue
        texts = [word.text for word in window]
        if i > 0 and texts[0].istitle() and texts[0].casefold() in _RELATIVE_DAYS:
            return None  # "Watch Tomorrow Never Dies": a name, not tomorrow
        try:
            alone = _bare_date(texts, now, after_connector=False)
            joined = None if alone is None else match_fast(" ".join(texts + tail), now)
        except CaptureError:
            joined = None  # "section 3/4" is text
        if joined is not None:
            return count, joined
    return None


def _bare_date(
    words: list[str], now: datetime.datetime, *, after_connector: bool
) -> DueSpec | None:
    """The date plain title words make, or None. A form that names no date is refused when
    it is plainly written as a date ("by feb 30", "on 5/6", "the 31st of june"), and is
    text otherwise ("section 3/4")."""
    folded = [word.casefold() for word in words]
    if folded[:2] == ["in", "the"]:
        folded = folded[2:]  # "Work in the evening" is as much a habit as "Work evenings"
    if len(folded) == 1 and (folded[0] in _NOT_A_BARE_DATE or folded[0].isdigit()):
        return None
    if is_duration(words):
        return None  # "Sleep 8 hours": how long, not when
    try:
        return match_fast(" ".join(words), now)
    except CaptureError:
        if after_connector or words[0].casefold() in EN_CONNECTORS:
            raise
        if any(char.isalpha() for char in "".join(words)):
            raise
        return None
