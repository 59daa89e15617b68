"""The Log's year of activity: the heatmap (app/ui/log/heatmap.py), the year it shows
with buttons to page to the year before or after, and what that year holds beside it.

It opens on the 53 weeks up to today. The buttons (and the Log menu's Previous year and
Next year, Ctrl+Shift+PgUp and Ctrl+Shift+PgDown) page by calendar year, back to the
first year with anything logged or completed, so the years of an imported journal can
be reached; `follow` pages to the year of a day the Log goes to (a day picked in the
calendar, the newest day of an import). The page says when the log changed and what
to read again (`reload`); paging reads the year it turns to.
"""

from __future__ import annotations

from datetime import date, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.services.log_days import Streaks, first_active_day, heatmap
from app.ui.log.heatmap import Heatmap, earlier, heat_span, later, year_holding
from app.ui.log.wording import period_name, year_summary
from app.ui.ops import Operations
from app.ui.theme import Tokens

PREVIOUS_KEYS, NEXT_KEYS = "Ctrl+Shift+PgUp", "Ctrl+Shift+PgDown"


class ActivityPanel(QFrame):
    day_clicked = Signal(object)  # date

    def __init__(
        self,
        ops: Operations,
        tokens: Tokens,
        *,
        week_start: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogActivity")
        self._ops = ops
        self.year: int | None = None  # None: the 53 weeks up to today
        self.today = date.today()
        self.tz: tzinfo | None = None  # known once read
        self._streak: Streaks | None = None
        self.heatmap = Heatmap(tokens, week_start=week_start)
        self.heatmap.day_clicked.connect(self.day_clicked)
        self._build()

    def _build(self) -> None:
        arrows = QFont(self.font())
        arrows.setPointSizeF(arrows.pointSizeF() * 1.3)
        self.prev_year_button = QToolButton()
        self.prev_year_button.setText("‹")
        self.prev_year_button.setAccessibleName("Previous year")
        self.next_year_button = QToolButton()
        self.next_year_button.setText("›")
        self.next_year_button.setAccessibleName("Next year")
        for button in (self.prev_year_button, self.next_year_button):
            button.setFont(arrows)
            button.setAutoRaise(True)
        self.prev_year_button.clicked.connect(lambda: self.step_year(-1))
        self.next_year_button.clicked.connect(lambda: self.step_year(1))
        self.period_label = QLabel()
        self.period_label.setObjectName("LogYear")
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.period_label.setFont(bold)
        self.year_label = QLabel()
        self.year_label.setObjectName("LogYearSummary")
        self.year_label.setWordWrap(True)
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        paging = QHBoxLayout()
        paging.setSpacing(2)
        paging.addWidget(self.prev_year_button)
        paging.addWidget(self.period_label)
        paging.addWidget(self.next_year_button)
        paging.addStretch(1)
        side = QVBoxLayout()
        side.setSpacing(4)
        side.addLayout(paging)
        side.addWidget(self.year_label)
        side.addStretch(1)
        box = QHBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 8)
        box.setSpacing(18)
        box.addWidget(self.heatmap, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(side, 1)
        self._show_paging(None)

    # --- reading ------------------------------------------------------------------------

    def reload(self, today: date, tz: tzinfo, streak: Streaks) -> None:
        """Read the year shown again (the log changed, or the day turned)."""
        self.today, self.tz, self._streak = today, tz, streak
        self._read()

    def _read(self) -> None:
        if self.tz is None or self._streak is None:
            return  # not read yet: the page's first reload reads the year chosen
        store = self._ops.store
        span = heat_span(self.year, self.today, self.heatmap.week_start)
        days = heatmap(store, start=span.start, end=min(span.end, self.today), tz=self.tz)
        self.heatmap.set_days(days, self.today, span.year)
        self.year_label.setText(year_summary(days, self._streak, span.year))
        self._show_paging(first_active_day(store, tz=self.tz))

    def _show_paging(self, first_active: date | None) -> None:
        span = heat_span(self.year, self.today, self.heatmap.week_start)
        self.period_label.setText(period_name(span.year, capital=True))
        can_go_back = first_active is not None and first_active < span.start
        self.prev_year_button.setEnabled(can_go_back)
        self.prev_year_button.setToolTip(
            f"Show {earlier(span.year, self.today)} ({PREVIOUS_KEYS})"
            if can_go_back
            else "Nothing was logged or completed before this"
        )
        self.next_year_button.setEnabled(span.year is not None)
        self.next_year_button.setToolTip(
            f"Show {period_name(later(span.year, self.today))} ({NEXT_KEYS})"
            if span.year is not None
            else "This is the latest year"
        )

    # --- paging -------------------------------------------------------------------------

    def step_year(self, step: int) -> bool:
        """Show the year before (`step` < 0) or after; False when there is none."""
        button = self.prev_year_button if step < 0 else self.next_year_button
        if not button.isEnabled():
            return False
        self.year = earlier(self.year, self.today) if step < 0 else later(self.year, self.today)
        self._read()
        return True

    def follow(self, day: date, today: date) -> None:
        """Page to the span holding `day` when another one is shown."""
        self.today = today
        year = year_holding(day, today, self.heatmap.week_start)
        if year != self.year:
            self.year = year
            self._read()

    def set_selected(self, day: date) -> None:
        self.heatmap.set_selected(day)

    def set_tokens(self, tokens: Tokens) -> None:
        self.heatmap.set_tokens(tokens)

    def set_week_start(self, week_start: int) -> None:
        self.heatmap.week_start = week_start
