"""The daily log on the command line: `rizhi log ...`, `rizhi import markdown FILE` and
`rizhi export markdown -o FILE`. Imported by app.cli.main only when `log`, `import` or
`export` runs; services are imported by the handler that needs them, so that building
the parser for `import json` costs nothing extra."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, now, open_store, whole_number
from app.cli.output import print_json
from app.config.zone import local_zone
from app.domain.errors import InvalidInput
from app.domain.journal.status import LineStatus
from app.domain.words import plural

if TYPE_CHECKING:
    from app.services.journal_import_summary import ImportReport
    from app.services.log_days import DayPage, HeatDay, Streaks
    from app.services.log_search import LogHit
    from app.store.db import Store

HEAT_WEEKS = 53
HEAT_MARKS = " ░▒▓█"  # nothing, then more and more activity
MARKDOWN_ONLY = ("dry_run", "preamble_as_items", "date_from", "date_to", "newest_first", "blog")


# --- options ------------------------------------------------------------------------------


def configure_log(p: argparse.ArgumentParser) -> None:
    p.set_defaults(json=False)
    actions = p.add_subparsers(dest="log_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="write an entry (today, or --day)")
    add.add_argument("text", nargs="+", help="Markdown; '-' reads it from standard input")
    add.add_argument("--day", metavar="DATE", help="the day (default today): 2026-11-19, 昨天")
    add.add_argument("--to", dest="end_day", metavar="DATE", help="the last day of a range")
    add.add_argument("--json", action="store_true", help="print JSON")
    show = actions.add_parser("show", help="a day's entries and what the board did that day")
    show.add_argument("day", nargs="?", metavar="DAY", help="default today")
    show.add_argument("--json", action="store_true", help="print JSON")
    search = actions.add_parser("search", help="full-text search over the log, best first")
    search.add_argument("query", nargs="*", help="words (Chinese too); may be empty with --status")
    search.add_argument("--status", choices=[s.value for s in LineStatus])
    search.add_argument("--limit", type=whole_number, default=50)
    search.add_argument("--json", action="store_true", help="print JSON")
    streak = actions.add_parser("streak", help="current and longest run of logged days")
    streak.add_argument("--json", action="store_true", help="print JSON")


def configure_import_markdown(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Import a Rizhi JSON export (merges into existing data), or a Markdown journal "
        "into the daily log. Importing the same file twice adds nothing."
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="markdown: report what would be imported, write nothing",
    )
    p.add_argument(
        "--preamble-as-items",
        action="store_true",
        help="markdown: make the list lines before the first date backlog items",
    )


def configure_export_markdown(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Export everything as JSON, or the daily log as one Markdown document or blog post. "
        "'-o -' writes to standard output."
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="markdown: first day")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="markdown: last day")
    p.add_argument("--newest-first", action="store_true", help="markdown: newest day on top")
    blog = p.add_mutually_exclusive_group()
    blog.add_argument(
        "--jekyll",
        dest="blog",
        action="store_const",
        const="jekyll",
        help="markdown: a Jekyll post (front matter with layout, title, date)",
    )
    blog.add_argument(
        "--hugo",
        dest="blog",
        action="store_const",
        const="hugo",
        help="markdown: a Hugo post (front matter with title, date, draft)",
    )


def reject_markdown_options(args: argparse.Namespace) -> None:
    """Options that only a Markdown import or export reads are an error elsewhere."""
    given = [name for name in MARKDOWN_ONLY if getattr(args, name, None)]
    if given:
        flags = ", ".join("--" + name.replace("date_", "").replace("_", "-") for name in given)
        flags = flags.replace("--blog", "--jekyll/--hugo")
        raise InvalidInput(f"Only markdown takes {flags}; leave it out for {args.format}.")


def read_stdin() -> str:
    """Standard input as text; bad input when it is not UTF-8."""
    try:
        text = sys.stdin.read()
        text.encode("utf-8")  # bytes that did not decode may come through as surrogates
    except UnicodeError as exc:
        raise InvalidInput(
            "Standard input is not UTF-8 text; save it as UTF-8 and try again."
        ) from exc
    return text


def read_day(text: str, moment: datetime) -> date:
    """A day as typed: 2026-11-19, or a phrase ('yesterday', '昨天')."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        from app.domain.dates import parse_date_phrase

        return parse_date_phrase(text, moment).date


# --- import and export --------------------------------------------------------------------


def cmd_import_markdown(args: argparse.Namespace) -> int:
    from app.domain.journal.parse import parse_journal
    from app.services.journal_import import check_dated, import_journal, load_journal

    # The file is read and checked first: one that cannot be imported opens no store.
    moment = now()
    source = os.path.abspath(args.file)
    parsed = parse_journal(load_journal(args.file), year_hint=moment.year)
    check_dated(parsed, source)
    with ExitStack() as stack:
        if args.dry_run:
            store = stack.enter_context(dry_run_store())
        else:
            from app.domain.backup_schedule import BEFORE_IMPORT
            from app.services.backups import safety_backup

            store = open_store()
            safety_backup(store, BEFORE_IMPORT, now=moment)  # an import cannot be undone
        report, _ = import_journal(
            store,
            parsed,
            now=moment,
            source=source,
            dry_run=args.dry_run,
            preamble_as_items=args.preamble_as_items,
        )
    if args.json:
        print_json(report.to_dict())
    else:
        print(import_summary(report))
    return EXIT_OK


@contextmanager
def dry_run_store() -> Iterator[Store]:
    """The store to compare a journal with in a dry run, which creates nothing (no data
    folder, no database file) and changes nothing (an older file is not upgraded)."""
    from app.config.paths import DB_FILENAME, data_dir
    from app.store.dry_run import dry_run_store as store_for_reading

    folder = data_dir(create=False)
    path = os.path.join(folder, DB_FILENAME)
    with store_for_reading(path, os.path.join(folder, "backups")) as store:
        yield store


def import_summary(report: ImportReport) -> str:
    """What `rizhi import markdown` prints: the wording the window's import dialog uses
    (app/services/journal_import_summary.py), a line each, and where to look next."""
    from app.services.journal_import_summary import (
        anomaly_lines,
        found_counts,
        outcome_sentences,
    )

    lines = [f"{report.source or 'The journal'}: {', '.join(found_counts(report))}."]
    lines.extend(outcome_sentences(report))
    lines.extend(anomaly_lines(report))
    if report.anomalies and not report.dry_run:
        lines.append("Flagged entries are on the suggested day; `rizhi log show DAY` shows them.")
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)


def cmd_export_markdown(args: argparse.Namespace) -> int:
    from app.services.journal_export import BlogFormat, export_file, export_markdown

    moment = now()
    start = read_day(args.date_from, moment) if args.date_from else None
    end = read_day(args.date_to, moment) if args.date_to else None
    blog = BlogFormat(args.blog) if args.blog else None
    store = open_store()
    if args.output == "-":
        text, _ = export_markdown(
            store, now=moment, start=start, end=end, newest_first=args.newest_first, blog=blog
        )
        sys.stdout.write(text)
        return EXIT_OK
    report = export_file(
        store,
        args.output,
        now=moment,
        start=start,
        end=end,
        newest_first=args.newest_first,
        blog=blog,
    )
    span = f" ({report.first} to {report.last})" if report.first else ""
    print(
        f"Exported {plural(report.entries, 'entry')} over "
        f"{plural(report.days, 'day')}{span} to {report.path}"
    )
    return EXIT_OK


# --- rizhi log ----------------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    handlers = {"add": _log_add, "show": _log_show, "search": _log_search, "streak": _log_streak}
    return handlers[args.log_action](args)


def _log_add(args: argparse.Namespace) -> int:
    from app.services.log_entries import add_entry

    moment = now()
    text = read_stdin() if args.text == ["-"] else " ".join(args.text)
    day = read_day(args.day, moment) if args.day else moment.date()
    end_day = read_day(args.end_day, moment) if args.end_day else None
    store = open_store()
    record, _ = add_entry(store, day, text, now=moment, end_day=end_day)
    if args.json:
        print_json(record.to_dict())
    else:
        span = f" to {record.end_day}" if record.end_day else ""
        print(f"Logged entry {record.id} on {record.day}{span}.")
    return EXIT_OK


def _log_show(args: argparse.Namespace) -> int:
    from app.services.log_days import day_page

    zone = local_zone()
    moment = now().astimezone(zone)
    day = read_day(args.day, moment) if args.day else moment.date()
    page = day_page(open_store(), day, tz=zone)
    if args.json:
        print_json(page.to_dict())
    else:
        print(day_text(page))
    return EXIT_OK


def day_text(page: DayPage) -> str:
    """A day page as text: the entries, then what the board did that day."""
    lines = [f"{page.day.isoformat()} {page.day:%A}" + (f" — {page.title}" if page.title else "")]
    for entry in page.entries:
        about = f"entry {entry.id}"
        if entry.end_day:
            about += f", {entry.day} to {entry.end_day}"
        if entry.anomaly:
            about += f", flagged: {entry.anomaly.get('reason', '')}"
        lines.append("")
        lines.append(f"[{about}]" + (f" {entry.heading}" if entry.heading else ""))
        lines.extend(entry.body.split("\n") if entry.body else [])
    if page.auto or page.focus:
        lines.append("")
        lines.append("From the board:")
    if page.focus:
        lines.append(f"  {page.focus.line()}")
    if page.auto:
        labels = {"completed": "completed", "captured": "captured", "reviewed": "reviewed"}
        for auto in page.auto:
            ref = f" (item {auto.item_id})" if auto.item_id else ""
            lines.append(f"  {auto.at:%H:%M}  {labels[auto.kind.value]:<9}  {auto.text}{ref}")
    if not page.entries and not page.auto and not page.focus:
        lines.append("Nothing logged. `rizhi log add TEXT` writes an entry.")
    return "\n".join(lines)


def _log_search(args: argparse.Namespace) -> int:
    from app.services.log_search import search_log

    query = " ".join(args.query)
    status = LineStatus(args.status) if args.status else None
    if not query.strip() and status is None:
        raise InvalidInput("Search for some words, or give --status (done, delay, todo, struck).")
    hits = search_log(open_store(), query, status=status, limit=args.limit)
    if args.json:
        print_json([hit.to_dict() for hit in hits])
        return EXIT_OK
    print_hits(hits)
    return EXIT_OK


def print_hits(hits: Sequence[LogHit]) -> None:
    for hit in hits:
        mark = f"[{hit.status.value}] " if hit.status else ""
        print(f"{hit.day.isoformat()}  {hit.entry_id:>5}  {mark}{hit.snippet}")
    if not hits:
        print("No entries.", file=sys.stderr)


def _log_streak(args: argparse.Namespace) -> int:
    from app.services.log_days import heatmap, streaks

    zone = local_zone()
    today = now().astimezone(zone).date()
    store = open_store()
    found = streaks(store, today=today)
    start = today - timedelta(days=today.weekday() + 7 * (HEAT_WEEKS - 1))
    days = heatmap(store, start=start, end=today, tz=zone)
    if args.json:
        print_json(
            {
                "streaks": found.to_dict(),
                "heatmap": [
                    {"day": d.day.isoformat(), "entries": d.entries, "completed": d.completed}
                    for d in days
                ],
            }
        )
        return EXIT_OK
    print(streak_text(found))
    print()
    print(heat_text(days))
    return EXIT_OK


def streak_text(found: Streaks) -> str:
    if found.current:
        current = f"Current streak: {plural(found.current, 'day')}, since {found.current_start}"
        if not found.today_logged:
            current += " (log today to keep it)"
    else:
        current = "No current streak: nothing logged today or yesterday."
    longest = "Longest streak: none yet."
    if found.longest:
        longest = (
            f"Longest streak: {plural(found.longest, 'day')}, "
            f"{found.longest_start} to {found.longest_end}."
        )
    return f"{current}\n{longest}"


def heat_text(days: Sequence[HeatDay]) -> str:
    """A year of activity (log entries plus completed items) as a grid of weeks, Monday
    on top, like a contribution calendar."""
    if not days:
        return ""
    top = max(d.entries + d.completed for d in days) or 1
    rows = ["" for _ in range(7)]
    for day in days:
        total = day.entries + day.completed
        level = 0 if total == 0 else 1 + min(3, (total * 4 - 1) // top)
        rows[day.day.weekday()] += HEAT_MARKS[min(level, 4)]
    width = max(len(row) for row in rows)
    names = ("Mon", "", "Wed", "", "Fri", "", "Sun")
    grid = [f"{name:<4}{row.ljust(width)}" for name, row in zip(names, rows, strict=True)]
    legend = f"    less {HEAT_MARKS[1:]} more   ({days[0].day} to {days[-1].day})"
    return "\n".join([*grid, legend])
