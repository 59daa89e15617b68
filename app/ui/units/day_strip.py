"""The strip of a unit's days: one painted cell per day with what happened on it (items
completed, log entries, reading passes), empty days marked so they stand out, days to
come dimmed, and today outlined. Hover a day for the details."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QToolTip, QWidget

from app.services.unit_progress import DayActivity
from app.ui.card_frame import paint_frame
from app.ui.theme import Tokens
from app.ui.wording import short_day

GAP = 6
PAD = 6
RADIUS = 7


def activity_text(day: DayActivity) -> str:
    """`✓ 2  ✎ 1  ◑ 1`: items completed, log entries and reading passes, zeros left out."""
    parts = []
    if day.completed_items:
        parts.append(f"✓ {day.completed_items}")
    if day.log_entries:
        parts.append(f"✎ {day.log_entries}")
    if day.passes_read:
        parts.append(f"◑ {day.passes_read}")
    return "  ".join(parts)


def day_tooltip(day: DayActivity, empty: bool, today: date | None) -> str:
    head = short_day(day.day)
    if today is not None and day.day > today:
        return f"{head}: still to come"
    if empty:
        when = "so far" if day.day == today else ""
        return f"{head}: nothing completed, nothing logged {when}".rstrip()
    items, logs = day.completed_items, day.log_entries
    parts = []
    if items:
        parts.append(f"{items} item{'s' * (items != 1)} completed")
    if logs:
        parts.append(f"{logs} log entr{'ies' if logs != 1 else 'y'}")
    if day.passes_read:
        parts.append(f"{day.passes_read} reading pass{'es' * (day.passes_read != 1)}")
    return f"{head}: {', '.join(parts)}"


class DayStrip(QWidget):
    def __init__(self, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens = tokens
        self._days: list[DayActivity] = []
        self._empty: set[date] = set()
        self._today: date | None = None
        self.setMouseTracking(True)
        self.setAccessibleName("Days of the unit")

    # --- content ------------------------------------------------------------------------

    def set_days(
        self, days: Sequence[DayActivity], empty: Iterable[date], today: date | None
    ) -> None:
        self._days = list(days)
        self._empty = set(empty)
        self._today = today
        self.setMinimumWidth(self._min_width())
        self.setAccessibleDescription(
            "; ".join(day_tooltip(d, d.day in self._empty, today) for d in self._days)
        )
        self.updateGeometry()
        self.update()

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.update()

    @property
    def days(self) -> list[DayActivity]:
        return list(self._days)

    # --- geometry -----------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.86)
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.35)
        big.setWeight(QFont.Weight.DemiBold)
        return small, big

    def _cell_min_width(self) -> int:
        small, big = self._fonts()
        metrics = QFontMetrics(small)
        widest = max(metrics.horizontalAdvance(text) for text in ("Wed 30", "empty", "✓ 12  ✎ 12"))
        # A few pixels more: cells are rounded to whole pixels when the width is shared.
        return max(widest, QFontMetrics(big).horizontalAdvance("88")) + 2 * PAD + 4

    def _min_width(self) -> int:
        count = len(self._days)
        return count * self._cell_min_width() + max(count - 1, 0) * GAP

    def cell_height(self) -> int:
        small, big = self._fonts()
        return 2 * PAD + 2 * QFontMetrics(small).height() + QFontMetrics(big).height() + 4

    def sizeHint(self) -> QSize:
        return QSize(max(self._min_width(), 300), self.cell_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._min_width(), self.cell_height())

    def cell_rect(self, index: int) -> QRect:
        count = max(len(self._days), 1)
        width = (self.width() - (count - 1) * GAP) / count
        left = round(index * (width + GAP))
        right = round(index * (width + GAP) + width)
        return QRect(left, 0, right - left, self.cell_height())

    def index_at(self, point: QPoint) -> int:
        for index in range(len(self._days)):
            if self.cell_rect(index).contains(point):
                return index
        return -1

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small, big = self._fonts()
        for index, day in enumerate(self._days):
            self._paint_cell(painter, self.cell_rect(index), day, small, big)
        painter.end()

    def _paint_cell(
        self, painter: QPainter, rect: QRect, day: DayActivity, small: QFont, big: QFont
    ) -> None:
        t = self.tokens
        future = self._today is not None and day.day > self._today
        today = day.day == self._today
        # Today is not over: with nothing in it yet it is marked as today, not as empty.
        empty = day.day in self._empty and not today
        quiet_today = today and day.day in self._empty
        fill: QColor | None = None
        if empty:
            fill = QColor(t.overdue)
            fill.setAlphaF(0.16 if t.dark else 0.09)
            border = QPen(t.overdue, 1)
        elif future:
            border = QPen(t.card_border, 1, Qt.PenStyle.DashLine)
        else:
            fill = t.card_bg
            border = QPen(t.card_border, 1)
        if today:
            border = QPen(t.accent, 2)
        paint_frame(painter, QRectF(rect).adjusted(1, 1, -1, -1), RADIUS, fill=fill, border=border)

        small_h = QFontMetrics(small).height()
        big_h = QFontMetrics(big).height()
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        centre = int(Qt.AlignmentFlag.AlignCenter)
        painter.setFont(small)
        painter.setPen(t.accent if today else t.muted_text)
        label = "Today" if today else f"{day.day:%a} {day.day.day}"
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), small_h), centre, label)

        count = day.completed_items + day.log_entries + day.passes_read
        painter.setFont(big)
        painter.setPen(t.overdue if empty else t.muted_text if future else t.text)
        number = "–" if future else str(count)
        top = inner.top() + small_h + 2
        painter.drawText(QRect(inner.left(), top, inner.width(), big_h), centre, number)

        painter.setFont(small)
        caption = "empty" if empty else "to come" if future else activity_text(day)
        if quiet_today:
            caption = ""  # "Today" above and the 0 say it; the tooltip says "so far"
        caption = QFontMetrics(small).elidedText(
            caption, Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.setPen(t.overdue if empty else t.muted_text)
        top += big_h + 2
        painter.drawText(QRect(inner.left(), top, inner.width(), small_h), centre, caption)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            index = self.index_at(event.pos())
            if index >= 0:
                day = self._days[index]
                text = day_tooltip(day, day.day in self._empty, self._today)
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class DayStripArea(QScrollArea):
    """The strip, scrolling sideways when a long unit's days do not fit; as tall as the
    strip (plus the scroll bar when it shows)."""

    def __init__(self, strip: DayStrip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = strip
        self.setWidget(strip)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setAutoFillBackground(False)
        strip.setAutoFillBackground(False)
        self._fit()

    def _fit(self) -> None:
        needs_bar = self.strip.minimumWidth() > self.viewport().width()
        bar = self.horizontalScrollBar().sizeHint().height() if needs_bar else 0
        self.setFixedHeight(self.strip.cell_height() + bar + 2)

    def refresh(self) -> None:
        self._fit()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()
