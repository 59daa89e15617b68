"""A year of activity, GitHub-style: one column per week (53), one row per weekday,
each day a square whose shade says how much happened (log entries covering the day plus
items completed that day, from `services.log_days.heatmap`). Painted in one
`paintEvent`, no widget per day; hover a day for its counts, click it to show it.

Shades are the theme's accent mixed into the card colour, so both themes read; the
four steps are set by the year's own busy days (see `thresholds`), so a light logger and
a heavy one both see contrast.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.services.log_days import HeatDay
from app.ui.log.wording import heat_tooltip
from app.ui.theme import Tokens

WEEKS = 53
CELL = 11
GAP = 3
LEVELS = 4
RADIUS = 2.5


def first_shown(today: date, week_start: int) -> date:
    """The first day of the heatmap: the start of the week 52 weeks before today's."""
    this_week = today - timedelta(days=(today.weekday() - week_start) % 7)
    return this_week - timedelta(weeks=WEEKS - 1)


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
        self.first = first_shown(self.today, week_start)
        self._days: dict[date, HeatDay] = {}
        self._marks: tuple[int, ...] = (2, 3, 4)
        self._selected: date | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Activity over the past year")

    # --- content ------------------------------------------------------------------------

    def set_days(self, days: Sequence[HeatDay], today: date) -> None:
        self.today = today
        self.first = first_shown(today, self.week_start)
        self._days = {d.day: d for d in days}
        self._marks = thresholds([d.entries + d.completed for d in days])
        active = sum(1 for d in days if d.entries)
        self.setAccessibleDescription(f"{active} days logged in the past year")
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
    def last(self) -> date:
        return self.first + timedelta(days=WEEKS * 7 - 1)

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
        width = self._left() + WEEKS * (CELL + GAP)
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
        if week >= WEEKS or row >= 7:
            return None
        if x % (CELL + GAP) >= CELL + 1 or y % (CELL + GAP) >= CELL + 1:
            return None  # in a gap
        day = self.first + timedelta(days=week * 7 + row)
        return day if day <= self.today else None

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
        # Month names over the first week that starts in them.
        last_label_right = -1
        for week in range(WEEKS):
            start = self.first + timedelta(weeks=week)
            previous = start - timedelta(days=7)
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
        day = self.first
        while day <= self.today:
            rect = QRectF(self.cell_rect(day))
            painter.setBrush(colours[self.level_of(day)])
            painter.drawRoundedRect(rect, RADIUS, RADIUS)
            day += timedelta(days=1)
        for marked, colour in ((self.today, t.text), (self._selected, t.accent)):
            if marked is None or not self.first <= marked <= self.today:
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
        right = self._left() + WEEKS * (CELL + GAP) - GAP
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
