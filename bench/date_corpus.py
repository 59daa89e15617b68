"""The date-phrase corpus (`tests/fixtures/date_phrases/`) and how a reading of it is scored.

Shared by the benchmark (`bench/date_phrases.py`) and the test that holds the capture
grammar to its targets (`tests/domain/test_date_phrase_corpus.py`). The corpus's README
says how the phrases were written and what each column means.

A reader turns a line into one of: a due date (`DueSpec`), `None` (no date: the words stay
in the title) or `REFUSED` (an error, nothing saved). Each reading is scored against the
line's expected readings as one of four outcomes:

    right     one of the readings the line may mean (a refusal where `refuse` is expected)
    refused   an error where a date or no date was expected: nothing saved, the person
              is told, and the text is still theirs
    title     no date, where a date was meant: the words stayed in the title
    wrong     a date saved that the line does not mean: the one outcome that loses work
"""

from __future__ import annotations

import csv
import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final, NamedTuple

from app.domain.capture import parse_capture
from app.domain.dates import DueSpec
from app.domain.errors import CaptureError, InvalidInput

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "date_phrases"
LANGUAGES: Final = ("en", "zh_hans", "zh_hant")
OUTCOMES: Final = ("right", "refused", "title", "wrong")
# Share of lines read right or refused with an error that each language must reach.
TARGETS: Final = {"en": 0.90, "zh_hans": 0.90, "zh_hant": 0.80}


class Refused:
    """The reading of a line that was refused with an error."""

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED: Final = Refused()
Reading = DueSpec | Refused | None

# Parts of the day an expected reading may name (README): all day, or a time in the range.
PERIODS: Final = {
    "morning": (datetime.time(5), datetime.time(12)),
    "afternoon": (datetime.time(12), datetime.time(18)),
    "evening": (datetime.time(17), datetime.time(22)),
    "night": (datetime.time(18), datetime.time(23, 59)),
    "eod": (datetime.time(17), datetime.time(23, 59)),
}


class Row(NamedTuple):
    """One line of the corpus."""

    language: str
    line: int  # in its file, for messages
    now: datetime.datetime
    text: str
    expected: tuple[str, ...]  # the readings a person may mean, as written in the file
    kind: str


def load(language: str) -> list[Row]:
    """The corpus lines of one language, in file order."""
    path = CORPUS / f"{language}.tsv"
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, record in enumerate(reader, start=2):
            expected = tuple(part.strip() for part in record["expected"].split("|"))
            now = datetime.datetime.strptime(record["now"], "%Y-%m-%d %H:%M")
            rows.append(Row(language, line, now, record["text"], expected, record["kind"]))
    return rows


def matches(expected: str, reading: Reading) -> bool:
    """Whether `reading` is the one reading `expected` (as written in the file) names."""
    if expected == "none":
        return reading is None
    if expected == "refuse":
        return reading is REFUSED
    if not isinstance(reading, DueSpec):
        return False
    day, _, at = expected.partition(" ")
    if reading.date != datetime.date.fromisoformat(day):
        return False
    if not at:
        return reading.time is None
    if at in PERIODS:
        start, end = PERIODS[at]
        return reading.time is None or start <= reading.time <= end
    return reading.time == datetime.time.fromisoformat(at)


def outcome(row: Row, reading: Reading) -> str:
    """How `reading` scores for `row`: one of OUTCOMES."""
    if any(matches(expected, reading) for expected in row.expected):
        return "right"
    if reading is REFUSED:
        return "refused"
    if reading is None:
        return "title"
    return "wrong"


def read_with_grammar(row: Row) -> Reading:
    """What the capture grammar saves for the line: its due date, None, or REFUSED."""
    try:
        return parse_capture(row.text, row.now).due
    except (CaptureError, InvalidInput):
        return REFUSED


def describe(reading: Reading) -> str:
    if not isinstance(reading, DueSpec):
        return "no date" if reading is None else "refused"
    if reading.time is None:
        return reading.date.isoformat()
    return f"{reading.date.isoformat()} {reading.time.strftime('%H:%M')}"


class Score(NamedTuple):
    """How a reader did on one language."""

    counts: Counter[str]  # outcome -> lines
    misses: list[tuple[Row, Reading, str]]  # every line not read right, with its outcome

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, *outcomes: str) -> float:
        return sum(self.counts[name] for name in outcomes) / self.total


def score(rows: Iterable[Row], reader: Callable[[Row], Reading]) -> Score:
    counts: Counter[str] = Counter(dict.fromkeys(OUTCOMES, 0))
    misses = []
    for row in rows:
        reading = reader(row)
        result = outcome(row, reading)
        counts[result] += 1
        if result != "right":
            misses.append((row, reading, result))
    return Score(counts, misses)
