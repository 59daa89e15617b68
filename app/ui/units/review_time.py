"""The review's line on time: per goal category, the hours planned in blocks on the unit's
days against the hours spent (app/services/time_report.py), so a unit is judged on where
its time went as well as on what got done."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.timebox import seconds_text, span_text
from app.services.time_report import ReportSpan, TimeReport, time_report
from app.services.unit_records import UnitRecord
from app.store.db import Store

NO_CATEGORY = "no category"


def unit_time(store: Store, unit: UnitRecord, *, now: datetime, zone: tzinfo) -> TimeReport:
    span = ReportSpan("unit", unit.title, unit.start, unit.last)
    return time_report(store, span, now=now, zone=zone)


def time_rows_html(report: TimeReport) -> str:
    """One row per category: name, planned, spent; "" when nothing was planned or spent."""
    rows = report.categories()
    if not rows:
        return ""
    lines = "".join(
        f"<tr><td>{escape(name or NO_CATEGORY)}</td>"
        f"<td align='right'>{span_text(totals.planned_minutes)}</td>"
        f"<td align='right'>{seconds_text(totals.spent_seconds)}</td></tr>"
        for name, totals in rows
    )
    total = report.total
    return (
        "<table cellspacing='0' cellpadding='2'>"
        "<tr><th align='left'>Category</th><th align='right'>Planned</th>"
        "<th align='right'>Spent</th></tr>"
        f"{lines}<tr><td><b>All</b></td><td align='right'><b>{span_text(total.planned_minutes)}"
        f"</b></td><td align='right'><b>{seconds_text(total.spent_seconds)}</b></td></tr></table>"
    )


class ReviewTime(QLabel):
    def __init__(self, report: TimeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewTime")
        self.report = report
        html = time_rows_html(report)
        self.setText(html or "No time planned or spent in this unit.")
