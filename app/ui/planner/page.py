"""The "Today" page: the day's timeline with its planned total against the working
hours, the week strip above it and the cards to plan beside it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.timebox import DEFAULT_BLOCK, clock_text, length_minutes, span_text
from app.domain.timebox_settings import TimeboxSettings
from app.domain.weeks import Week
from app.domain.words import day_name
from app.services.planner_reads import (
    available_minutes,
    candidate_sections,
    timebox_settings,
    week_totals,
)
from app.ui.ops import Operations
from app.ui.planner.candidates import CandidateList, CandidateModel
from app.ui.planner.model import DayModel
from app.ui.planner.timeline import Timeline
from app.ui.planner.week_strip import WeekStrip
from app.ui.rows import RowCache
from app.ui.theme import Tokens


class PlannerPage(QWidget):
    open_item = Signal(int)
    status = Signal(str)  # a sentence for the window's status bar

    def __init__(
        self,
        ops: Operations,
        rows: RowCache,
        tokens: Tokens,
        *,
        week_start: int = 0,
        settings: TimeboxSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PlannerPage")
        self._ops = ops
        self.week_start = week_start
        self.settings = settings if settings is not None else timebox_settings(ops.store)
        self.model = DayModel(ops, ops.clock().date(), self)
        self.timeline = Timeline(self.model, tokens, ops.clock, self)
        self.timeline.set_hours(self.settings.day_start, self.settings.day_end)
        self.timeline.open_item.connect(self.open_item)
        self.timeline.add_requested.connect(self.add_block_at)
        self.timeline.selection_changed.connect(lambda _: self._say_selection())
        self.candidates_model = CandidateModel(
            ops, rows, self._sections, lambda: (self.week, self.week_start), self
        )
        self.candidates = CandidateList(self.candidates_model, tokens, parent=self)
        self.candidates.open_item.connect(self.open_item)
        self.week_strip = WeekStrip(tokens, self)
        self.week_strip.day_chosen.connect(self.set_day)
        self.week_strip.block_dropped.connect(self._block_to_day)
        self._build_header()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.candidates)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 14)
        layout.setSpacing(8)
        layout.addLayout(self.header)
        layout.addWidget(self.week_strip)
        layout.addWidget(splitter, 1)
        self.refresh_header()
        self.timeline.scroll_to_hours()

    # --- header ----------------------------------------------------------------

    def _build_header(self) -> None:
        self.day_label = QLabel()
        self.day_label.setObjectName("WeekTitle")
        self.total_label = QLabel()
        self.total_label.setObjectName("WeekRange")
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Previous day")
        self.prev_button.clicked.connect(lambda: self.shift_day(-1))
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Next day")
        self.next_button.clicked.connect(lambda: self.shift_day(1))
        self.today_button = QPushButton("Today")
        self.today_button.clicked.connect(self.go_today)
        self.push_toggle = QToolButton()
        self.push_toggle.setText("Push later blocks")
        self.push_toggle.setCheckable(True)
        self.push_toggle.setChecked(True)
        self.push_toggle.setToolTip(
            "When a block grows or moves onto others, move the later blocks down"
        )
        self.push_toggle.toggled.connect(self._set_push)
        self.add_button = QPushButton("Add block…")
        self.add_button.setToolTip("A block not tied to a card: a meeting, lunch")
        self.add_button.clicked.connect(lambda: self.add_block_at(None))
        self.carry_button = QPushButton("Carry yesterday's")
        self.carry_button.setToolTip("Move yesterday's unfinished blocks to this day")
        self.carry_button.clicked.connect(self.carry_from_yesterday)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.day_label)
        titles.addWidget(self.total_label)
        self.header = QHBoxLayout()
        self.header.addLayout(titles)
        self.header.addStretch(1)
        for widget in (
            self.push_toggle,
            self.add_button,
            self.carry_button,
            self.prev_button,
            self.today_button,
            self.next_button,
        ):
            self.header.addWidget(widget)

    @property
    def day(self) -> date:
        return self.model.day

    @property
    def week(self) -> Week:
        return Week.containing(self.day, self.week_start)

    def refresh_header(self) -> None:
        now = self._ops.clock()
        today = now.date()
        name = day_name(self.day, today, capital=True) or f"{self.day:%A}"
        self.day_label.setText(f"{name} · {self.day:%A %d %B %Y}".replace(" 0", " "))
        planned = self.model.planned_minutes()
        hours = available_minutes(self.settings)
        over = " — more than the day holds" if planned > hours else ""
        self.total_label.setText(
            f"Planned {span_text(planned)} of {span_text(hours)}"
            f" ({clock_text(self.settings.day_start)}–{clock_text(self.settings.day_end)}){over}"
        )
        self.today_button.setEnabled(self.day != today)
        first = self.week.first_day(self.week_start)
        days = [first + timedelta(days=n) for n in range(7)]
        self.week_strip.set_days(week_totals(self._ops.store, days, now), self.day, today)

    # --- navigation ------------------------------------------------------------

    def set_day(self, day: date) -> None:
        if day == self.day:
            return
        week = self.week
        self.timeline.select(None)
        self.model.set_day(day)
        if self.week != week:
            self.candidates_model.reload()
        self.refresh_header()

    def shift_day(self, days: int) -> None:
        self.set_day(self.day + timedelta(days=days))

    def go_today(self) -> None:
        self.set_day(self._ops.clock().date())

    # --- what the page does ----------------------------------------------------

    def _sections(self, now: object) -> list[tuple[str, list[int]]]:
        return candidate_sections(self._ops.store, self.week, self._ops.clock())

    def _set_push(self, on: bool) -> None:
        self.model.push_later = on

    def add_block_at(self, minute: int | None) -> None:
        """Ask for a title (and a length) and plan a block of its own at `minute` (the
        next grid line after now, or the day's start, when not given)."""
        title, ok = QInputDialog.getText(
            self, "Add block", "Title (a length may follow a comma: “Group meeting, 1h”):"
        )
        if ok and title.strip():
            self.add_titled(title, minute)

    def add_titled(self, text: str, minute: int | None) -> bool:
        title, _, length = text.partition(",")
        try:
            minutes = length_minutes(length) if length.strip() else DEFAULT_BLOCK
        except InvalidInput as exc:
            self.status.emit(str(exc))
            return False
        start = self._default_start() if minute is None else minute
        return self.model.add_titled(title.strip(), start, minutes)

    def _default_start(self) -> int:
        now = self._ops.clock()
        if now.date() == self.day:
            return max(self.settings.day_start, -(-(now.hour * 60 + now.minute) // 15) * 15)
        return self.settings.day_start

    def plan_next_free(self, item_ids: Sequence[int]) -> bool:
        """Plan cards at the next free place of the day shown (the board's "Plan in
        Today")."""
        from app.services.planner_slots import plan_next_free

        store, day, earliest = self._ops.store, self.day, self._default_start()
        done = self._ops.run(
            "Plan in Today",
            lambda now: plan_next_free(store, item_ids, day=day, earliest=earliest, now=now)[1],
        )
        return done

    def carry_from_yesterday(self) -> None:
        if self.model.carry_from_yesterday():
            self.status.emit("Yesterday's unfinished blocks are on this day now.")

    def _block_to_day(self, block_id: int, day: date) -> None:
        row = self.model.block(self.model.row_of(block_id))
        if row is not None:
            self.model.place(block_id, row.row.start, day=day)

    def _say_selection(self) -> None:
        chosen = self.timeline.selected_block()
        if chosen is not None:
            _, start, minutes, _ = chosen
            self.status.emit(
                f"{clock_text(start)}–{clock_text(start + minutes)}: ↑↓ move, Shift+↑↓ resize,"
                " Enter opens, Delete removes"
            )

    def focus_target(self) -> tuple[int | None, int | None] | None:
        """(item id, block id) of the selected block, for "Start focus"; None when no
        block is selected."""
        chosen = self.timeline.selected_block()
        if chosen is None:
            return None
        block_id, _, _, item_id = chosen
        return item_id, block_id

    # --- changes ---------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        if changes.settings or changes.everything:
            self.settings = timebox_settings(self._ops.store)
            self.timeline.set_hours(self.settings.day_start, self.settings.day_end)
        self.model.apply(changes)
        self.candidates_model.apply(changes)
        if changes.time or changes.items or changes.everything or changes.settings:
            self.refresh_header()

    def set_tokens(self, tokens: Tokens) -> None:
        self.timeline.set_tokens(tokens)
        self.candidates.set_tokens(tokens)
        self.week_strip.set_tokens(tokens)

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)
