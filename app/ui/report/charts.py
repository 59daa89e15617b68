"""The time report's charts, painted with QPainter: a stacked bar per day (time spent by
goal category, the planned time as a dashed outline behind it), and a breakdown of rows
(categories, tags, items) with time spent against time planned. Colours come from the
theme's tokens and the categories' own colours, so light and dark both read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.timebox import seconds_text, span_text
from app.services.time_report import TimeReport, Totals
from app.ui.card_frame import paint_frame
from app.ui.theme import Tokens

LEFT, BOTTOM, TOP, RIGHT = 48, 24, 12, 8
MAX_BAR = 30
ROW_H, LABEL_W, BAR_H = 24, 150, 8


def hour_step(top_minutes: float) -> int:
    """Minutes between grid lines: whole hours (or half, for short spans), at most 6."""
    for step in (30, 60, 120, 180, 240, 360, 480, 720):
        if top_minutes / step <= 6:
            return step
    return 1440


class DayStack(NamedTuple):
    day: date
    planned_minutes: int
    parts: tuple[tuple[str | None, float], ...]  # (category, minutes spent), stacked in order


def day_stacks(report: TimeReport) -> list[DayStack]:
    """Per day of the span, the minutes spent by category in the report's category order
    (most time first), and the minutes planned."""
    order = [name for name, _ in report.categories()]
    by_day = report.day_categories()
    stacks = []
    for day, totals in report.days():
        parts = by_day.get(day, {})
        stacks.append(
            DayStack(
                day,
                totals.planned_minutes,
                tuple(
                    (name, parts[name].spent_seconds / 60)
                    for name in order
                    if name in parts and parts[name].spent_seconds > 0
                ),
            )
        )
    return stacks


class DayBars(QWidget):
    """A stacked bar per day: spent by category, planned as a dashed outline."""

    def __init__(self, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimeReportDays")
        self.tokens = tokens
        self.stacks: list[DayStack] = []
        self.colors: Mapping[str | None, QColor] = {}
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_report(self, report: TimeReport, colors: Mapping[str | None, QColor]) -> None:
        self.stacks = day_stacks(report)
        self.colors = colors
        self.setAccessibleDescription(
            "; ".join(
                f"{s.day:%a %d %b}: {span_text(round(sum(m for _, m in s.parts)))} spent, "
                f"{span_text(s.planned_minutes)} planned"
                for s in self.stacks
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def top_minutes(self) -> float:
        highest = max(
            (max(s.planned_minutes, sum(m for _, m in s.parts)) for s in self.stacks), default=0
        )
        step = hour_step(max(highest, 60))
        top = max(step, -(-highest // step) * step)
        # Headroom above the highest bar, so that it never touches the frame's top.
        return top + step if top - highest < step * 0.2 else top

    def bar_rect(self, index: int, minutes: float) -> QRectF:
        """Where the bar of day `index` reaching `minutes` is drawn."""
        plot = QRectF(self.rect()).adjusted(LEFT, TOP, -RIGHT, -BOTTOM)
        slot = plot.width() / max(len(self.stacks), 1)
        width = min(MAX_BAR, slot * 0.6)
        height = plot.height() * minutes / self.top_minutes()
        x = plot.left() + slot * index + (slot - width) / 2
        return QRectF(x, plot.bottom() - height, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.tokens
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = QRectF(self.rect()).adjusted(LEFT, TOP, -RIGHT, -BOTTOM)
        top = self.top_minutes()
        step = hour_step(top)
        metrics = QFontMetrics(self.font())
        for n in range(int(top // step) + 1):
            y = plot.bottom() - plot.height() * n * step / top
            painter.setPen(QPen(t.card_border, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(t.muted_text)
            label = QRectF(0, y - 8, LEFT - 6, 16)
            painter.drawText(label, int(Qt.AlignmentFlag.AlignRight), span_text(n * step))
        slot = plot.width() / max(len(self.stacks), 1)
        labels_fit = slot >= metrics.horizontalAdvance("Mon 30") + 6
        for index, stack in enumerate(self.stacks):
            self._paint_stack(painter, index, stack)
            text = f"{stack.day:%a} {stack.day.day}" if labels_fit else str(stack.day.day)
            if labels_fit or len(self.stacks) <= 16 or stack.day.day % 5 == 1:
                painter.setPen(t.muted_text)
                where = QRectF(plot.left() + slot * index, plot.bottom() + 4, slot, BOTTOM - 4)
                painter.drawText(where, int(Qt.AlignmentFlag.AlignHCenter), text)
        painter.end()

    def _paint_stack(self, painter: QPainter, index: int, stack: DayStack) -> None:
        t = self.tokens
        below = 0.0
        for name, minutes in stack.parts:
            whole = self.bar_rect(index, below + minutes)
            part = QRectF(
                whole.left(),
                whole.top(),
                whole.width(),
                whole.height() - self.bar_rect(index, below).height(),
            )
            painter.fillRect(part, self.colors.get(name, t.muted_text))
            below += minutes
        if stack.planned_minutes:
            planned = self.bar_rect(index, stack.planned_minutes).adjusted(-3, 0, 3, 0)
            painter.setPen(QPen(t.text, 1.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(planned)


class BreakdownRow(NamedTuple):
    label: str
    totals: Totals
    color: QColor


class Breakdown(QWidget):
    """Rows of time spent (a filled bar in the row's colour) against time planned (a thin
    outlined bar under it), scaled to the largest figure of all the rows."""

    def __init__(
        self, tokens: Tokens, title: str, parent: QWidget | None = None, *, label_w: int = LABEL_W
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TimeReportBreakdown")
        self.tokens = tokens
        self.title = title
        self.label_w = label_w
        self.rows: list[BreakdownRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_rows(self, rows: Sequence[BreakdownRow]) -> None:
        self.rows = list(rows)
        self.setAccessibleName(self.title)
        self.setAccessibleDescription(
            "; ".join(
                f"{r.label}: {seconds_text(r.totals.spent_seconds)} spent, "
                f"{span_text(r.totals.planned_minutes)} planned"
                for r in self.rows
            )
        )
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, ROW_H * (max(len(self.rows), 1) + 1) + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.tokens
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(t.text)
        painter.drawText(QRectF(0, 0, self.width(), ROW_H), int(Qt.AlignmentFlag.AlignVCenter),
                         self.title)  # fmt: skip
        painter.setFont(self.font())
        if not self.rows:
            painter.setPen(t.muted_text)
            empty = QRectF(0, ROW_H, self.width(), ROW_H)
            painter.drawText(empty, int(Qt.AlignmentFlag.AlignVCenter), "Nothing yet")
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        figures_w = max(metrics.horizontalAdvance(self._figures(r.totals)) for r in self.rows) + 8
        scale = max(max(r.totals.spent_seconds / 60, r.totals.planned_minutes) for r in self.rows)
        label_w = self.label_w
        bar_w = max(self.width() - label_w - figures_w, 20)
        for n, row in enumerate(self.rows):
            y = ROW_H * (n + 1)
            painter.setPen(t.text)
            label = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(0, y, label_w, ROW_H), int(Qt.AlignmentFlag.AlignVCenter), label
            )
            spent = bar_w * row.totals.spent_seconds / 60 / max(scale, 1)
            planned = bar_w * row.totals.planned_minutes / max(scale, 1)
            top = y + (ROW_H - BAR_H) / 2 - 2
            paint_frame(painter, QRectF(label_w, top, bar_w, BAR_H), 3, fill=t.column_header_bg)
            if spent > 0:
                paint_frame(painter, QRectF(label_w, top, spent, BAR_H), 3, fill=row.color)
            if planned > 0:
                outline = QRectF(label_w, top + BAR_H + 2, planned, 3)
                paint_frame(painter, outline, 1.5, fill=t.muted_text)
            painter.setPen(t.muted_text)
            figures = QRectF(label_w + bar_w + 8, y, figures_w, ROW_H)
            painter.drawText(figures, int(Qt.AlignmentFlag.AlignVCenter), self._figures(row.totals))
        painter.end()

    @staticmethod
    def _figures(totals: Totals) -> str:
        return f"{seconds_text(totals.spent_seconds)} / {span_text(totals.planned_minutes)}"
