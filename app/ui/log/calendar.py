"""The month calendar beside the day page: days with entries carry a dot.

Only the days the calendar shows are read (`visible_range`, six weeks around the month
on its page); the page reads them again when the month turns or the log changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QWidget

from app.ui.theme import Tokens

DOT = 4.0


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class LogCalendar(QCalendarWidget):
    def __init__(
        self, tokens: Tokens, *, week_start: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogCalendar")
        self.tokens = tokens
        self._marked: set[date] = set()
        self._today = date.today()
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.set_week_start(week_start)
        self._header_formats()
        self.setAccessibleName("Calendar: days with entries have a dot")

    def set_week_start(self, week_start: int) -> None:
        self.setFirstDayOfWeek(Qt.DayOfWeek(week_start + 1))

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self._header_formats()
        self.updateCells()

    def _header_formats(self) -> None:
        # Weekends in the theme's muted colour rather than Qt's red.
        fmt = QTextCharFormat()
        fmt.setForeground(self.tokens.muted_text)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, fmt)
        header = QTextCharFormat()
        header.setForeground(self.tokens.muted_text)
        self.setHeaderTextFormat(header)

    def set_today(self, today: date) -> None:
        self._today = today

    def visible_range(self) -> tuple[date, date]:
        """The first and last day of the six weeks on the calendar's page."""
        first = date(self.yearShown(), self.monthShown(), 1)
        week_start = self.firstDayOfWeek().value - 1
        start = first - timedelta(days=(first.weekday() - week_start) % 7)
        if start == first:
            start -= timedelta(days=7)  # Qt shows a row of the previous month then
        return start, start + timedelta(days=41)

    def set_marked(self, days: Iterable[date]) -> None:
        self._marked = set(days)
        self.updateCells()

    def is_marked(self, day: date) -> bool:
        return day in self._marked

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:
        plain = from_qdate(day)
        t = self.tokens
        selected = day == self.selectedDate()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        other_month = day.month() != self.monthShown()
        cell = rect.adjusted(2, 2, -2, -2)
        if selected:
            painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(cell, 6, 6)
        elif plain == self._today:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = painter.pen()
            pen.setColor(t.accent)
            pen.setWidthF(1.5)
            painter.setPen(pen)
            painter.drawRoundedRect(cell, 6, 6)
        font = QFont(self.font())
        marked = plain in self._marked
        if marked or plain == self._today:
            font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        if selected:
            painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        elif other_month:
            painter.setPen(t.muted_text)
        else:
            painter.setPen(t.text)
        text_rect = cell.adjusted(0, 0, 0, -int(DOT) - 2)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignCenter), str(day.day()))
        if marked:
            painter.setPen(Qt.PenStyle.NoPen)
            on_highlight = self.palette().color(QPalette.ColorRole.HighlightedText)
            painter.setBrush(on_highlight if selected else t.accent)
            below = text_rect.center().y() + painter.fontMetrics().ascent() // 2 + DOT
            centre = QPointF(cell.center().x() + 0.5, min(below + 1, cell.bottom() - DOT / 2 - 1))
            painter.drawEllipse(centre, DOT / 2, DOT / 2)
        painter.restore()
