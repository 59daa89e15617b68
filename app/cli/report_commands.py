"""`rizhi report time`: time planned and spent over a day, a board week or a study unit,
as a table, JSON or CSV (app/services/time_report.py)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, now, open_store, whole_number

if TYPE_CHECKING:
    from app.services.time_report import ReportSpan, TimeReport, Totals
    from app.store.db import Store


def configure(parser: argparse.ArgumentParser) -> None:
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    time_report = reports.add_parser(
        "time", help="time planned (blocks) and spent (entries) per day, item, tag, category"
    )
    which = time_report.add_mutually_exclusive_group()
    which.add_argument("--day", metavar="D", help="one day: 2026-11-20, today, yesterday")
    which.add_argument("--week", metavar="W", help="a board week: 2026-W47 (default: this week)")
    which.add_argument("--unit", metavar="N", type=whole_number, help="study unit number N")
    form = time_report.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV, one line per item per day")


def cmd_report(args: argparse.Namespace) -> int:
    from app.config.zone import zone_of
    from app.services.time_report import time_report

    moment = now()
    zone = zone_of(moment)
    store = open_store()
    try:
        span = _span(store, args, moment)
        report = time_report(store, span, now=moment, zone=zone)
    finally:
        store.close()
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.csv:
        sys.stdout.write(report.csv_text())
    else:
        sys.stdout.write(report_text(report))
    return EXIT_OK


def _span(store: Store, args: argparse.Namespace, moment: datetime) -> ReportSpan:
    from app.domain.weeks import Week
    from app.services.settings import preferences
    from app.services.time_report import day_span, unit_span, week_span

    if args.day is not None:
        from app.cli.journal_commands import read_day

        return day_span(read_day(args.day, moment))
    if args.unit is not None:
        return unit_span(store, args.unit)
    start = preferences(store).week_start
    week = Week.parse(args.week) if args.week else Week.containing(moment.date(), start)
    return week_span(week, start)


def _pair(totals: Totals) -> str:
    from app.domain.timebox import seconds_text, span_text

    spent, planned = seconds_text(totals.spent_seconds), span_text(totals.planned_minutes)
    return f"{spent:>7} spent  {planned:>7} planned"


def report_text(report: TimeReport) -> str:
    span = report.span
    lines = [
        f"Time {span.label}: {span.first:%a %d %b} to {span.last:%a %d %b %Y}  "
        f"{_pair(report.total)}",
    ]
    if not report.rows:
        lines.append("No time planned or spent.")
        return "\n".join(lines) + "\n"
    if span.first != span.last:
        lines += ["", "Days"]
        lines += [f"  {day:%a %d %b}  {_pair(totals)}" for day, totals in report.days()]
    sections = (
        ("Categories", [(name or "(no category)", t) for name, t in report.categories()]),
        ("Tags", [(f"#{name}" if name else "(no tag)", t) for name, t in report.tags()]),
        ("Items", [(f"{i or '':>5} {title}", t) for i, title, t in report.items()]),
    )
    for heading, rows in sections:
        width = max(len(name) for name, _ in rows)
        lines += ["", heading]
        lines += [f"  {name:<{width}}  {_pair(totals)}" for name, totals in rows]
    return "\n".join(lines) + "\n"
