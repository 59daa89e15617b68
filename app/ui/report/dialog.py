"""View › Time report…: where the time went over a day, a board week or a study unit.
A stacked bar per day by goal category against the time planned, the breakdown by
category, tag and item, the totals, and "Export CSV…" (app/services/time_report.py).
A window of its own beside the pages, so it can stay open while the board is used; it
follows every time change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.domain.errors import DomainError
from app.domain.timebox import seconds_text, span_text
from app.domain.weeks import Week
from app.services.goal_categories import load_categories
from app.services.settings import preferences
from app.services.time_report import ReportSpan, TimeReport, day_span, time_report, week_span
from app.services.unit_records import UnitRecord, current_unit, list_units
from app.ui.ops import Operations
from app.ui.report.charts import Breakdown, BreakdownRow, DayBars
from app.ui.theme import ResolvedTheme, Tokens, chip_color

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

KINDS = (("day", "Day"), ("week", "Week"), ("unit", "Unit"))
SHOWN_ITEMS = 12
NO_CATEGORY = "No category"


class TimeReportDialog(QDialog):
    def __init__(self, ops: Operations, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimeReport")
        self.setWindowTitle("Time report")
        self.resize(920, 720)
        self.ops = ops
        self.tokens = tokens
        now = ops.clock()
        self.zone = zone_of(now)
        self.today = now.astimezone(self.zone).date()
        self.week_start = preferences(ops.store).week_start
        self.kind = "week"
        self.anchor = self.today  # a day inside the span shown
        self.unit: UnitRecord | None = None
        self.report: TimeReport | None = None
        self._build()
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_box = QComboBox()
        for key, label in KINDS:
            self.kind_box.addItem(label, key)
        self.kind_box.setCurrentIndex(1)
        self.kind_box.setAccessibleName("Report over")
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Earlier")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Later")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.now_button = QPushButton("&Now")
        self.now_button.setToolTip("The day, week or unit holding today")
        self.now_button.clicked.connect(self.go_now)
        self.span_label = QLabel()
        self.span_label.setObjectName("PageTitle")
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.clicked.connect(self.ask_export)
        self._build_body(self._build_bar())

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.kind_box)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.now_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.span_label, 1)
        bar.addWidget(self.export_button)
        return bar

    def _build_body(self, bar: QHBoxLayout) -> None:
        self.totals_label = QLabel()
        self.totals_label.setObjectName("TimeReportTotals")
        self.days = DayBars(self.tokens)
        self.categories = Breakdown(self.tokens, "By category")
        self.tags = Breakdown(self.tokens, "By tag")
        self.items = Breakdown(self.tokens, "By item", label_w=320)
        sides = QHBoxLayout()
        sides.setSpacing(24)
        sides.addWidget(self.categories, 1, Qt.AlignmentFlag.AlignTop)
        sides.addWidget(self.tags, 1, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        column.addWidget(self.days)
        column.addLayout(sides)
        column.addWidget(self.items)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        legend = QLabel(
            "Bars: time spent, by goal category. Dashed outline and thin line: time planned."
        )
        legend.setObjectName("PageSubtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addLayout(bar)
        layout.addWidget(self.totals_label)
        layout.addWidget(legend)
        layout.addWidget(scroll, 1)

    # --- the span ---------------------------------------------------------------------------

    def span(self) -> ReportSpan:
        if self.kind == "day":
            return day_span(self.anchor)
        if self.kind == "unit" and self.unit is not None:
            return ReportSpan("unit", self.unit.title, self.unit.start, self.unit.last)
        week = Week.containing(self.anchor, self.week_start)
        return week_span(week, self.week_start)

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex([k for k, _ in KINDS].index(kind))

    def _kind_chosen(self) -> None:
        self.kind = str(self.kind_box.currentData())
        if self.kind == "unit":
            self.unit = self._unit_holding(self.anchor)
        self.refresh()

    def _unit_holding(self, day: date) -> UnitRecord | None:
        try:
            return current_unit(self.ops.store, today=day)
        except DomainError:
            return None

    def step(self, steps: int) -> None:
        """The day, week or unit before (-1) or after (1) the one shown."""
        if self.kind == "day":
            self.anchor += timedelta(days=steps)
        elif self.kind == "week":
            self.anchor += timedelta(weeks=steps)
        else:
            units = list_units(self.ops.store)
            numbers = [u.number for u in units]
            if self.unit is not None and self.unit.number in numbers:
                index = numbers.index(self.unit.number) + steps
                if 0 <= index < len(units):
                    self.unit = units[index]
        self.refresh()

    def go_now(self) -> None:
        self.anchor = self.today
        if self.kind == "unit":
            self.unit = self._unit_holding(self.today)
        self.refresh()

    # --- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        span = self.span()
        if self.kind == "unit" and self.unit is None:
            self.span_label.setText("No units yet")
        else:
            self.span_label.setText(_span_title(span))
        report = time_report(self.ops.store, span, now=self.ops.clock(), zone=self.zone)
        self.report = report
        spent, planned = report.total.spent_seconds, report.total.planned_minutes
        self.totals_label.setText(f"Spent {seconds_text(spent)} · planned {span_text(planned)}")
        self._show_charts(report)

    def _show_charts(self, report: TimeReport) -> None:
        colors = self._category_colors()
        self.days.show_report(report, colors)
        self.categories.show_rows(
            [
                BreakdownRow(name or NO_CATEGORY, totals, colors.get(name, self.tokens.muted_text))
                for name, totals in report.categories()
            ]
        )
        dark = self.tokens.dark
        self.tags.show_rows(
            [
                BreakdownRow(
                    f"#{name}" if name else "No tag",
                    totals,
                    chip_color(name, dark=dark) if name else self.tokens.muted_text,
                )
                for name, totals in report.tags()
            ]
        )
        self.items.show_rows(
            [
                BreakdownRow(title, totals, self.tokens.accent)
                for _, title, totals in report.items()[:SHOWN_ITEMS]
            ]
        )

    def _category_colors(self) -> dict[str | None, QColor]:
        colors: dict[str | None, QColor] = {
            c.name: QColor(c.color) for c in load_categories(self.ops.store.raw)
        }
        colors[None] = self.tokens.muted_text
        return colors

    def apply(self, changes: Changes) -> None:
        if changes.time or changes.everything or changes.categories or changes.tags:
            self.refresh()
        elif changes.any_units and self.kind == "unit":
            if self.unit is not None:
                self.unit = next(
                    (u for u in list_units(self.ops.store) if u.id == self.unit.id), None
                )
            self.refresh()

    def follow_theme(self, resolved: ResolvedTheme) -> None:
        self.set_tokens(resolved.tokens)

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        for chart in (self.days, self.categories, self.tags, self.items):
            chart.tokens = tokens
        self.refresh()

    # --- export -----------------------------------------------------------------------------

    def ask_export(self) -> None:
        span = self.span()
        suggested = f"rizhi-time-{span.first.isoformat()}-{span.last.isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export CSV", suggested, "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        from app.services.files import write_whole

        if self.report is not None:
            write_whole(path, self.report.csv_text())


def _span_title(span: ReportSpan) -> str:
    if span.kind == "day":
        return f"{span.first:%A %d %B %Y}"
    if span.kind == "week":
        return f"{span.label} · {span.first:%d %b} – {span.last:%d %b %Y}"
    return f"{span.label} · {span.first:%d %b} – {span.last:%d %b %Y}"


def open_time_report(window: MainWindow) -> TimeReportDialog:
    """Show the report, bringing forward the one already open."""
    for dialog in window.findChildren(TimeReportDialog):
        if dialog.isVisible():
            dialog.refresh()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = TimeReportDialog(window.ops, window.theme.tokens, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.ops.changed.connect(dialog.apply)
    window.live.changed.connect(dialog.apply)
    window.theme.theme_changed.connect(dialog.follow_theme)
    dialog.finished.connect(lambda _: _disconnect(window, dialog))
    dialog.show()
    return dialog


def _disconnect(window: MainWindow, dialog: TimeReportDialog) -> None:
    window.ops.changed.disconnect(dialog.apply)
    window.live.changed.disconnect(dialog.apply)
    window.theme.theme_changed.disconnect(dialog.follow_theme)
