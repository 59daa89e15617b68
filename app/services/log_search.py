"""Searching the log: every word of a query in an entry's heading or text (Chinese
included), optionally only through lines of one status, best match first.

Words of three characters or more go through the trigram index `log_fts`; shorter ones
are matched as substrings. Raw SQL: this runs on every keystroke of the search box.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.domain.journal.status import LineStatus
from app.services.log_entries import ENTRY_COLUMNS, LogEntryRecord, entry_record
from app.store.db import Store
from app.store.item_rows import FTS_MIN_CHARS

SNIPPET_CHARS = 120
# What a line must contain to possibly carry each status: a cheap filter before reading lines.
_STATUS_HINTS = {
    LineStatus.DONE: ("[done]", "[x]"),
    LineStatus.DELAY: ("[delay",),
    LineStatus.TODO: ("[todo]", "[ ]"),
    LineStatus.STRUCK: ("~~",),
}


class LogHit(NamedTuple):
    """One search result: the entry, its day, and the line that matched."""

    entry_id: int
    day: date
    end_day: date | None
    heading: str
    snippet: str  # the matching line, shortened around the match
    line: int  # index of that line in the body; -1 for the heading
    status: LineStatus | None  # the status of that line

    def to_dict(self) -> dict[str, object]:
        return {
            "entry_id": self.entry_id,
            "day": self.day.isoformat(),
            "end_day": self.end_day.isoformat() if self.end_day else None,
            "heading": self.heading,
            "snippet": self.snippet,
            "line": self.line,
            "status": self.status.value if self.status else None,
        }


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_log(
    store: Store, query: str, *, status: LineStatus | None = None, limit: int = 50
) -> list[LogHit]:
    """Entries whose heading or body contains every word of `query` (any substring, so
    Chinese works), best match first, with the matching line. With `status`, an entry
    is a hit only through a line carrying that status and one of the words; an empty
    query then finds every entry with such a line."""
    if limit < 1:
        raise InvalidInput(f"A search shows at least 1 result; {limit} asks for none.")
    terms = query.split()
    if not terms and status is None:
        return []
    long_terms = [t for t in terms if len(t) >= FTS_MIN_CHARS]
    short_terms = [t for t in terms if len(t) < FTS_MIN_CHARS]
    where: list[str] = []
    params: list[object] = []
    # Words shorter than a trigram (二字 Chinese words) cannot use the index.
    for term in short_terms:
        where.append("instr(lower(e.heading || char(10) || e.body), lower(?)) > 0")
        params.append(term)
    if status is not None:
        hints = _STATUS_HINTS[status]
        where.append("(" + " OR ".join("instr(lower(e.body), ?) > 0" for _ in hints) + ")")
        params.extend(hints)
    extra = "".join(f" AND {clause}" for clause in where)
    # With a status, lines are checked here, so the database cannot stop at `limit`.
    cap = -1 if status is not None else limit
    if long_terms:
        sql = (
            f"SELECT {ENTRY_COLUMNS} FROM log_fts f JOIN log_entries e ON e.id = f.rowid"
            f" WHERE log_fts MATCH ?{extra}"
            " ORDER BY bm25(log_fts, 2.0, 1.0), e.day DESC, e.position LIMIT ?"
        )
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        rows = store.raw.execute(sql, [match, *params, cap]).fetchall()
    else:
        sql = (
            f"SELECT {ENTRY_COLUMNS} FROM log_entries e WHERE 1{extra}"
            " ORDER BY e.day DESC, e.position LIMIT ?"
        )
        rows = store.raw.execute(sql, [*params, cap]).fetchall()
    hits = []
    for row in rows:
        hit = _hit(entry_record(row), terms, status)
        if hit is not None:
            hits.append(hit)
            if len(hits) >= limit:
                break
    return hits


def _hit(entry: LogEntryRecord, terms: Sequence[str], status: LineStatus | None) -> LogHit | None:
    """The entry as a hit, showing the line with the most of the words (first on ties).
    With `status`, only lines carrying it count, and one of them must hold a word."""
    folded = [t.casefold() for t in terms]
    best: tuple[int, int, str, LineStatus | None] | None = None  # (words, index, line, status)
    states = dict(entry.statuses)
    for index, line in [(-1, entry.heading), *enumerate(entry.body.split("\n"))]:
        line_state = states.get(index)
        if status is not None and line_state is not status:
            continue
        lowered = line.casefold()
        words = sum(t in lowered for t in folded)
        if best is None or words > best[0]:
            best = (words, index, line, line_state)
            if words == len(folded):
                break
    if best is None or (status is not None and folded and best[0] == 0):
        return None  # no line has the status (and, with words, one of the words)
    _, index, line, line_state = best
    if not line.strip() and index == -1:
        index, line = 0, entry.body.split("\n")[0]
    return LogHit(
        entry_id=entry.id,
        day=entry.day,
        end_day=entry.end_day,
        heading=entry.heading,
        snippet=_snippet(line, folded),
        line=index,
        status=line_state,
    )


def _snippet(line: str, folded: Sequence[str]) -> str:
    text = " ".join(line.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    lowered = text.casefold()
    at = min((p for p in (lowered.find(t) for t in folded) if p >= 0), default=0)
    start = max(0, min(at - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    piece = text[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")
