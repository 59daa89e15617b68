"""A year of activity, GitHub-style: one column per week, one row per weekday, each day
a square whose shade says how much happened (log entries covering the day plus items
completed that day, from `services.log_days.heatmap`). Painted in one `paintEvent`, no
widget per day; hover a day for its counts, click it to show it.

It shows a `HeatSpan`: the 53 weeks up to today, or a calendar year before this one
(`year`), so years of an imported journal can be paged to (`earlier`, `later`; the
page's activity panel, app/ui/log/activity.py, holds the buttons).

Shades are the theme's accent mixed into the card colour, so both themes read; the
four steps are set by the year's own busy days (see `thresholds`), so a light logger and
a heavy one both see contrast.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.words import plural
from app.services.log_days import HeatDay
from app.ui.log.wording import heat_tooltip
from app.ui.theme import Tokens

WEEKS = 53  # the past year's columns
MAX_WEEKS = 54  # a leap year starting on a week's last day spans 54 columns
CELL = 11
GAP = 3
LEVELS = 4
RADIUS = 2.5


def first_shown(today: date, week_start: int) -> date:
    """The first day of the heatmap: the start of the week 52 weeks before today's."""
    this_week = today - timedelta(days=(today.weekday() - week_start) % 7)
    return this_week - timedelta(weeks=WEEKS - 1)


class HeatSpan(NamedTuple):
    """The days a heatmap shows, `start` to `end`, in week columns from `first` (the
    start of `start`'s week). `year` is None for the 53 weeks up to today."""

    year: int | None
    first: date
    start: date
    end: date

    @property
    def weeks(self) -> int:
        return (self.end - self.first).days // 7 + 1

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def heat_span(year: int | None, today: date, week_start: int) -> HeatSpan:
    """The calendar year `year` (one before today's), else the 53 weeks up to today."""
    if year is None or year >= today.year:
        first = first_shown(today, week_start)
        return HeatSpan(None, first, first, today)
    start = date(year, 1, 1)
    first = start - timedelta(days=(start.weekday() - week_start) % 7)
    return HeatSpan(year, first, start, date(year, 12, 31))


def year_holding(day: date, today: date, week_start: int) -> int | None:
    """The span to show `day` in: None (the past year) when it is recent, or to come."""
    return None if day >= first_shown(today, week_start) else day.year


def earlier(year: int | None, today: date) -> int:
    """The year before the one shown; before the past year, last calendar year."""
    return (today.year if year is None else year) - 1


def later(year: int | None, today: date) -> int | None:
    """The year after the one shown; after last calendar year comes the past year."""
    if year is None or year + 1 >= today.year:
        return None
    return year + 1


def thresholds(counts: Sequence[int]) -> tuple[int, ...]:
    """The counts at which shades 2, 3 and 4 start: a quarter, half and three quarters
    of a busy day, a busy day being the 95th percentile of the days with anything (so
    one marathon day does not leave every other day pale), and at least 4."""
    busy = sorted(c for c in counts if c > 0)
    # At least four: an entry a day (and nothing completed) is a quiet day, not a full one.
    cap = max(busy[(len(busy) - 1) * 95 // 100] if busy else LEVELS, LEVELS)
    return tuple((step * cap) // LEVELS + 1 for step in range(1, LEVELS))


def level(count: int, marks: Sequence[int]) -> int:
    """0 for nothing, else 1 to 4."""
    if count <= 0:
        return 0
    return 1 + sum(count >= mark for mark in marks)


def shades(tokens: Tokens) -> list[QColor]:
    """Empty, then four steps from a tint of the accent to the accent itself."""
    base, accent = tokens.card_bg, tokens.accent
    empty = QColor(tokens.card_border)
    steps = [empty]
    for step in range(1, LEVELS + 1):
        mix = 0.22 + 0.78 * (step - 1) / (LEVELS - 1)
        steps.append(
            QColor(
                round(base.red() + (accent.red() - base.red()) * mix),
                round(base.green() + (accent.green() - base.green()) * mix),
                round(base.blue() + (accent.blue() - base.blue()) * mix),
            )
        )
    return steps


class Heatmap(QWidget):
    day_clicked = Signal(object)  # date

    def __init__(
        self, tokens: Tokens, *, week_start: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogHeatmap")
        self.tokens = tokens
        self.week_start = week_start
        self.today = date.today()
        self.span = heat_span(None, self.today, week_start)
        self._days: dict[date, HeatDay] = {}
        self._marks: tuple[int, ...] = (2, 3, 4)
        self._selected: date | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Activity over the past year")

    # --- content ------------------------------------------------------------------------

    def set_days(self, days: Sequence[HeatDay], today: date, year: int | None = None) -> None:
        """Show `days`, those of `year` (None: the 53 weeks up to `today`)."""
        self.today = today
        self.span = heat_span(year, today, self.week_start)
        self._days = {d.day: d for d in days}
        self._marks = thresholds([d.entries + d.completed for d in days])
        active = sum(1 for d in days if d.entries)
        period = "the past year" if self.span.year is None else str(self.span.year)
        self.setAccessibleName(f"Activity in {period}")
        self.setAccessibleDescription(f"{plural(active, 'day')} logged in {period}")
        self.update()

    def set_selected(self, day: date | None) -> None:
        self._selected = day
        self.update()

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.update()

    def count(self, day: date) -> int:
        heat = self._days.get(day)
        return heat.entries + heat.completed if heat else 0

    def level_of(self, day: date) -> int:
        return level(self.count(day), self._marks)

    @property
    def first(self) -> date:
        """The first day of the first column (it may be before the span starts)."""
        return self.span.first

    # --- geometry -----------------------------------------------------------------------

    def _small(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.8)
        return font

    def _left(self) -> int:
        metrics = QFontMetrics(self._small())
        return max(metrics.horizontalAdvance(name) for name in ("Mon", "Wed", "Fri")) + 6

    def _top(self) -> int:
        return QFontMetrics(self._small()).height() + 4

    def sizeHint(self) -> QSize:
        # Wide enough for any year, so the panel keeps its layout from page to page.
        width = self._left() + MAX_WEEKS * (CELL + GAP)
        legend = QFontMetrics(self._small()).height() + 6
        return QSize(width, self._top() + 7 * (CELL + GAP) + legend)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, day: date) -> QRect:
        offset = (day - self.first).days
        week, row = divmod(offset, 7)
        x = self._left() + week * (CELL + GAP)
        y = self._top() + row * (CELL + GAP)
        return QRect(x, y, CELL, CELL)

    def day_at(self, point: QPoint) -> date | None:
        x, y = point.x() - self._left(), point.y() - self._top()
        if x < 0 or y < 0:
            return None
        week, row = x // (CELL + GAP), y // (CELL + GAP)
        if week >= self.span.weeks or row >= 7:
            return None
        if x % (CELL + GAP) >= CELL + 1 or y % (CELL + GAP) >= CELL + 1:
            return None  # in a gap
        day = self.first + timedelta(days=week * 7 + row)
        return day if self.span.holds(day) and day <= self.today else None

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        t = self.tokens
        colours = shades(t)
        small = self._small()
        painter.setFont(small)
        metrics = QFontMetrics(small)
        painter.setPen(t.muted_text)
        # Monday, Wednesday and Friday named, as GitHub does, whichever day starts weeks.
        for row in range(7):
            weekday = self.first + timedelta(days=row)
            if weekday.weekday() not in (0, 2, 4):
                continue
            name = weekday.strftime("%a")
            y = self._top() + row * (CELL + GAP)
            painter.drawText(
                QRect(0, y - 2, self._left() - 6, CELL + 4),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
        # Month names over the first week that starts in them (a year's first column
        # is January's, whichever day it starts on).
        last_label_right = -1
        for week in range(self.span.weeks):
            start = max(self.first + timedelta(weeks=week), self.span.start)
            previous = max(start - timedelta(days=7), self.span.start)
            if week and start.month == previous.month:
                continue
            if week == 0 and start.day > 7:
                continue  # a sliver of the month: its name would crowd the next one
            x = self._left() + week * (CELL + GAP)
            label = start.strftime("%b")
            if x <= last_label_right:
                continue
            painter.drawText(QPoint(x, metrics.ascent()), label)
            last_label_right = x + metrics.horizontalAdvance(label) + 4
        painter.setPen(Qt.PenStyle.NoPen)
        day, end = self.span.start, min(self.span.end, self.today)
        while day <= end:
            rect = QRectF(self.cell_rect(day))
            painter.setBrush(colours[self.level_of(day)])
            painter.drawRoundedRect(rect, RADIUS, RADIUS)
            day += timedelta(days=1)
        for marked, colour in ((self.today, t.text), (self._selected, t.accent)):
            if marked is None or not self.span.holds(marked) or marked > self.today:
                continue
            pen = painter.pen()
            pen.setColor(colour)
            pen.setWidthF(1.5)
            pen.setStyle(Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.cell_rect(marked)).adjusted(-1, -1, 1, 1), 3, 3)
            painter.setPen(Qt.PenStyle.NoPen)
        self._paint_legend(painter, colours, small)
        painter.end()

    def _paint_legend(self, painter: QPainter, colours: list[QColor], font: QFont) -> None:
        metrics = QFontMetrics(font)
        y = self._top() + 7 * (CELL + GAP) + 3
        right = self._left() + self.span.weeks * (CELL + GAP) - GAP
        more, less = "More", "Less"
        x = right - metrics.horizontalAdvance(more)
        painter.setPen(self.tokens.muted_text)
        baseline = y + (CELL + metrics.ascent() - metrics.descent()) // 2
        painter.drawText(QPoint(x, baseline), more)
        painter.setPen(Qt.PenStyle.NoPen)
        x -= 4 + len(colours) * (CELL + GAP)
        for index, colour in enumerate(colours):
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x + index * (CELL + GAP), y, CELL, CELL), RADIUS, RADIUS)
        painter.setPen(self.tokens.muted_text)
        painter.drawText(QPoint(x - 4 - metrics.horizontalAdvance(less), baseline), less)

    # --- events -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                heat = self._days.get(day) or HeatDay(day, 0, 0)
                QToolTip.showText(event.globalPos(), heat_tooltip(heat, self.today), self)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().toPoint())
            if day is not None:
                self.day_clicked.emit(day)
                return
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.day_at(event.position().toPoint()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)
