"""Importing a Markdown journal into the log, in one transaction.

What goes where (app/domain/journal/parse.py reads the file):

* each dated entry becomes a log entry (`source` import) on its day, or on the day the
  sequence suggests when its date was flagged; the flag is stored with it as JSON;
* front matter becomes a journal note with the values as metadata; the text before the
  first date becomes a note too, or, with `preamble_as_items`, backlog items (its list
  lines, nested as written, with the horizon of the section they are in: Today, Short
  term, Long term, Someday) plus a note with its other lines;
* units defined in the journal (`Unit 1: 2-01 to 2-10` and its goals) become study units.

Importing the same journal again adds nothing: entries and notes carry an import key
(a digest of their day, heading and text), and an entry whose exact text is already on
its day counts as present too, so importing an export of the log adds nothing either.
Units are present when a unit on the same days is; a unit whose number is taken by other
days is imported under the next free number. A dry run reads the same way and writes
nothing.
Raw SQL: the whole `rizhi import markdown` of a years-long journal has half a second.

Here are the entry points. Planning what is new is journal_import_plan.py (the
preamble's items journal_preamble.py), writing it journal_import_write.py; the report
and its wording are journal_import_summary.py.
"""

from __future__ import annotations

import os
from datetime import datetime

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.journal.parse import ParsedJournal, parse_journal
from app.services.journal_import_plan import ImportPlan
from app.services.journal_import_summary import ImportReport
from app.services.journal_import_write import ImportWriter, Progress
from app.store.db import Store


def load_journal(path: str | os.PathLike[str]) -> str:
    """The text of a journal file (UTF-8, with or without a byte-order mark)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {name}: {exc.strerror}.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{name} is not UTF-8 text (line {line} has bytes that are not). "
            "Save it as UTF-8 in your editor and import it again; nothing was imported."
        ) from exc


def import_file(
    store: Store,
    path: str | os.PathLike[str],
    *,
    now: datetime,
    dry_run: bool = False,
    preamble_as_items: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportReport, Changes]:
    """Read, parse and import the journal at `path`."""
    text = load_journal(path)
    parsed = parse_journal(text, year_hint=now.year)
    return import_journal(
        store,
        parsed,
        now=now,
        source=os.path.abspath(os.fspath(path)),
        dry_run=dry_run,
        preamble_as_items=preamble_as_items,
        progress=progress,
    )


# What starts a day, as docs/journal.md "What starts a day" lists it.
DAY_LINE_EXAMPLES = (
    "## 2021-06-12",
    "### 2021-3-9 Summer workshop",
    "2022-02-01",
    "### Monday 04-11-2019",
    "## Nov 4, 2019",
    "## 2021年6月12日 周六",
    "## 2021-11-26 ~ 2021-11-30",
)


def check_dated(parsed: ParsedJournal, source: str = "") -> None:
    """InvalidInput, saying what a day looks like, unless `parsed` has a dated day or a
    unit: a file without is not a journal, or writes its dates in a way the importer
    does not read, and importing it would only make a note of it."""
    if not parsed.entries and not any(unit.start is not None for unit in parsed.units):
        raise InvalidInput(undated_text(source))


def undated_text(source: str) -> str:
    """Why a file with no dated day is not imported, and what the importer looks for."""
    examples = ", ".join(f"`{line}`" for line in DAY_LINE_EXAMPLES)
    return (
        f"{source or 'The file'} has no dated day headings, so nothing was imported. "
        "A day starts at a line that begins with a date, as a Markdown heading or a plain "
        f"line (not indented, not a list item), such as {examples}. Put such a line above "
        "each day's notes and import the file again."
    )


def import_journal(
    store: Store,
    parsed: ParsedJournal,
    *,
    now: datetime,
    source: str = "",
    dry_run: bool = False,
    preamble_as_items: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportReport, Changes]:
    """Import a parsed journal: everything or, on any error, nothing. With `dry_run`
    the report is the same and nothing is written. `progress(done, total)` is called as
    the work advances, last with done == total. A journal with no dated day and no unit
    is refused (`check_dated`)."""
    check_dated(parsed, source)
    if dry_run:
        with store.raw_read() as conn:  # one consistent view of what is present
            plan = ImportPlan(conn, parsed, preamble_as_items, now)
        if progress is not None:
            progress(plan.total, plan.total)
        return plan.report(source, dry_run=True), Changes()
    with store.raw_write() as conn:
        plan = ImportPlan(conn, parsed, preamble_as_items, now)
        writer = ImportWriter(conn, plan, now, source, progress)
        item_ids = writer.run()
        report = plan.report(source, dry_run=False)
        added = report.added
        changes = Changes(
            items=frozenset(item_ids),
            tags=any(item.draft.tags for item in plan.items),
            units=frozenset(writer.unit_ids),
            categories=bool(added["categories"]),
            log=bool(added["entries"] or added["notes"]),
            reminders=writer.reminded,
        )
        store.publish(changes)
    return report, changes
