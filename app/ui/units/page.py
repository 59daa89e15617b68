"""The Units view: one study unit at a glance.

A header with the unit's number, title and dates, how many days have gone and are left,
and the unit picker (previous, current, next); the strip of its days; its goals with
their progress and what counted toward each; the board cards that belong to it. With no
unit yet, a short explanation and a button to create one.

The page reads through the unit services and never writes: creating, editing and
reviewing happen in dialogs that run one undoable operation each. It holds the drafts of
reviews put off with Later, for the session, and reads itself again at local midnight so
that "today" and the days left stay true on a page left open overnight.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.domain.errors import NotFound
from app.services.unit_progress import UnitProgress, unit_progress
from app.services.unit_records import UnitRecord, current_unit, get_unit, list_units
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import Tokens
from app.ui.units.day_strip import DayStrip, DayStripArea
from app.ui.units.delegates import CardRowDelegate, GoalDelegate
from app.ui.units.early_review import ask_early_review, is_early, review_refusal
from app.ui.units.empty_state import UnitsEmptyState
from app.ui.units.midnight import MidnightTimer
from app.ui.units.models import CardsModel, GoalTreeModel
from app.ui.units.review_draft import ReviewDrafts
from app.ui.units.widgets import CardList, ElidedLabel, GoalTree, heading_font
from app.ui.units.wording import days_text, rating_text, span_text
from app.ui.wording import short_day


class UnitsPage(QWidget):
    open_item = Signal(int)
    status = Signal(str)  # a sentence for the window's status bar

    def __init__(
        self,
        ops: Operations,
        rows: RowCache,
        tokens: Tokens,
        *,
        week_start: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("UnitsPage")
        self._ops = ops
        self._rows = rows
        self.tokens = tokens
        self.week_start = week_start
        self._pinned: int | None = None  # a unit chosen with the picker; None: the current
        self._stale = True
        self.units: list[UnitRecord] = []
        self.progress: UnitProgress | None = None
        self.today = date.today()
        self._dialog: QDialog | None = None
        self.question: QMessageBox | None = None  # "9 days left — review now?"
        self.review_drafts: ReviewDrafts = {}  # reviews put off with Later, by unit id
        # Re-read when the day changes; armed by every reload.
        self.midnight = MidnightTimer(self)
        self.midnight.timeout.connect(self._day_may_have_changed)

        self.goal_model = GoalTreeModel(self)
        self.goal_delegate = GoalDelegate(tokens, self)
        self.cards_model = CardsModel(rows, self)
        self.card_delegate = CardRowDelegate(tokens, self)
        self.strip = DayStrip(tokens)

        self.stack = QStackedWidget(self)
        self.empty = UnitsEmptyState(self.font())
        self.empty.button.clicked.connect(self.new_unit)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._restyle()

    # --- building -----------------------------------------------------------------------

    def _build_content(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(14, 10, 14, 14)
        box.setSpacing(10)
        box.addLayout(self._build_header())
        box.addWidget(self.summary_label)
        self.strip_area = DayStripArea(self.strip)
        box.addWidget(self.strip_area)
        box.addWidget(self._build_lists(), 1)
        return page

    def _build_header(self) -> QVBoxLayout:
        # Both lines give up width rather than widen the window: a long (Chinese) title
        # ends in … and shows whole in its tooltip.
        self.title_label = ElidedLabel()
        self.title_label.setObjectName("UnitTitle")
        self.title_label.setFont(heading_font(self.font(), 1.45, QFont.Weight.DemiBold))
        self.range_label = ElidedLabel()
        self.range_label.setObjectName("UnitRange")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("UnitReviewSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        arrows = heading_font(self.font(), 1.5, QFont.Weight.Normal)
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Previous unit")
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Next unit")
        for button in (self.prev_button, self.next_button):
            button.setFont(arrows)
            button.setAutoRaise(True)
        self.current_button = QPushButton("Current")
        self.current_button.setToolTip("The unit holding today, or the one waiting for its review")
        self.review_button = QPushButton("Review unit…")
        # The less frequent commands wait in a menu (they are in the Units menu too), so
        # that the header fits a small window.
        self.unit_menu = QMenu(self)
        self.new_action = self.unit_menu.addAction("&New unit…")
        self.edit_action = self.unit_menu.addAction("&Edit unit…")
        self.history_action = self.unit_menu.addAction("&Past reviews…")
        self.menu_button = QPushButton("Unit ▾")
        self.menu_button.setObjectName("UnitMenuButton")
        self.menu_button.setToolTip("New unit, edit this unit, past reviews")
        self.menu_button.setAccessibleName("More unit commands")
        self.menu_button.setMenu(self.unit_menu)
        # The ▾ in the text says it; the style's own arrow would sit on the text.
        self.menu_button.setStyleSheet("QPushButton::menu-indicator { image: none; width: 0; }")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.current_button.clicked.connect(self.show_current)
        self.new_action.triggered.connect(self.new_unit)
        self.edit_action.triggered.connect(self.edit_unit)
        # Not connected directly: `clicked` would pass its checked state as the unit id.
        self.review_button.clicked.connect(lambda: self.review())  # noqa: PLW0108
        self.history_action.triggered.connect(self.show_history)

        # The title shares its row with the buttons; the dates and days left have the
        # whole width below it.
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        for widget in (self.prev_button, self.current_button, self.next_button):
            top.addWidget(widget)
        top.addSpacing(12)
        for widget in (self.review_button, self.menu_button):
            top.addWidget(widget)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addLayout(top)
        header.addWidget(self.range_label)
        return header

    def _build_lists(self) -> QSplitter:
        self.tree = GoalTree()
        self.tree.setModel(self.goal_model)
        self.tree.setItemDelegate(self.goal_delegate)
        self.tree.activated.connect(self._open_counted)
        self.goal_model.modelReset.connect(self.tree.expandAll)
        self.cards = CardList()
        self.cards.setModel(self.cards_model)
        self.cards.setItemDelegate(self.card_delegate)
        self.cards.activated.connect(self._open_card)

        self.goals_heading = QLabel("Goals")
        self.cards_heading = QLabel("Board cards")
        for label in (self.goals_heading, self.cards_heading):
            label.setFont(heading_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.goals_empty = QLabel("No goals yet: add them with Edit unit…")
        self.cards_empty = QLabel(
            "No cards yet. Cards belong to the unit when planned in its weeks, "
            "linked to a goal, or completed in it."
        )
        self.cards_empty.setWordWrap(True)
        # With nothing to list, the note takes the list's room and keeps its heading at
        # the top of the column.
        for note in (self.goals_empty, self.cards_empty):
            note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 6, 0)
        left_box.addWidget(self.goals_heading)
        left_box.addWidget(self.goals_empty)
        left_box.addWidget(self.tree, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(6, 0, 0, 0)
        right_box.addWidget(self.cards_heading)
        right_box.addWidget(self.cards_empty)
        right_box.addWidget(self.cards, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        return self.splitter

    def _restyle(self) -> None:
        muted = self.tokens.muted_text.name()
        for label in (self.range_label, self.summary_label, self.goals_empty, self.cards_empty,
                      self.empty.text):  # fmt: skip
            label.setStyleSheet(f"color: {muted};")

    # --- reading ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._ops.clock()

    def reload(self) -> None:
        self._stale = False
        now = self._now()
        tz = zone_of(now)
        self.today = now.astimezone(tz).date()
        self.midnight.arm(now, tz)
        store = self._ops.store
        self.units = list_units(store)
        if not self.units:
            self.progress = None
            self.goal_model.set_progress(None)
            self.cards_model.set_ids([])
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        ids = [unit.id for unit in self.units]
        unit_id = self._pinned if self._pinned in ids else self._current_id()
        self.progress = unit_progress(
            store,
            unit_id,
            tz=tz,
            today=self.today,
            week_start=self.week_start,
            now=self._ops.clock(),
        )
        self._show(self.progress)

    def _current_id(self) -> int:
        try:
            return current_unit(self._ops.store, today=self.today).id
        except NotFound:
            return self.units[-1].id  # all behind us and reviewed: the latest

    def _day_may_have_changed(self) -> None:
        now = self._now()
        if now.astimezone(zone_of(now)).date() == self.today:
            self.midnight.arm(now, zone_of(now))
        elif self.isVisible():
            self.reload()
        else:
            self._stale = True  # read when next shown

    def _show(self, progress: UnitProgress) -> None:
        unit, today = progress.unit, self.today
        self.title_label.setText(unit.title or f"Unit {unit.number}")
        state = self._state(unit)
        # A custom title may not say which unit it is; the default one does.
        number = "" if f"Unit {unit.number}" in unit.title else f"Unit {unit.number} · "
        self.range_label.setText(f"{number}{span_text(unit)} · {days_text(unit, today)}{state}")
        if unit.closed:
            assert unit.closed_at is not None
            reviewed = unit.closed_at.astimezone(zone_of(self._now())).date()
            reflection = " ".join(unit.reflection.split())
            quote = f" · “{reflection}”" if reflection else ""
            self.summary_label.setText(
                f"Reviewed {short_day(reviewed)} · {rating_text(unit.rating)}{quote}"
            )
            self.summary_label.setToolTip(unit.reflection)
        self.summary_label.setVisible(unit.closed)

        self.strip.set_days(progress.days, progress.empty_days, today)
        self.strip_area.refresh()
        self.goal_model.set_progress(progress)
        self.goals_empty.setVisible(not progress.goals)
        self.tree.setVisible(bool(progress.goals))
        self._rows.prefetch(card.id for card in progress.cards)
        self.cards_model.set_ids([card.id for card in progress.cards])
        self.cards_heading.setText(f"Board cards · {len(progress.cards)}")
        self.cards_empty.setVisible(not progress.cards)
        self.cards.setVisible(bool(progress.cards))

        position = [u.id for u in self.units].index(unit.id)
        self.prev_button.setEnabled(position > 0)
        self.next_button.setEnabled(position < len(self.units) - 1)
        self.current_button.setEnabled(unit.id != self._current_id())
        not_yet = review_refusal(unit, today)
        self.review_button.setEnabled(not unit.closed and not not_yet)
        self.review_button.setToolTip(
            "This unit was reviewed; Past reviews… shows it" if unit.closed else not_yet
        )

    def _state(self, unit: UnitRecord) -> str:
        if unit.closed:
            return " · reviewed"
        if self.today > unit.last:
            return " · waiting for its review"
        return ""

    @property
    def unit(self) -> UnitRecord | None:
        return self.progress.unit if self.progress is not None else None

    # --- navigation ---------------------------------------------------------------------

    def show_unit(self, unit_id: int | None) -> None:
        """Show the unit `unit_id`; None follows the current one."""
        self._pinned = unit_id
        self.reload()

    def show_current(self) -> None:
        self.show_unit(None)

    def step(self, offset: int) -> None:
        if self.unit is None:
            return
        ids = [unit.id for unit in self.units]
        position = ids.index(self.unit.id) + offset
        if 0 <= position < len(ids):
            self.show_unit(ids[position])

    # --- changes ------------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        # Log entries count toward goals and fill days, so the log matters here too; and
        # time entries count toward goals in hours.
        if not (
            changes.any_units or changes.items or changes.board or changes.any_log or changes.time
        ):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.goal_delegate.set_tokens(tokens)
        self.card_delegate.set_tokens(tokens)
        self.strip.set_tokens(tokens)
        self._restyle()
        self.tree.viewport().update()
        self.cards.viewport().update()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    # --- opening items ------------------------------------------------------------------

    def _open_counted(self, index: QModelIndex) -> None:
        item_id = self.goal_model.item_id_at(index)
        if item_id is not None:
            self.open_item.emit(item_id)

    def _open_card(self, index: QModelIndex) -> None:
        ids = self.cards_model.ids
        if index.isValid() and 0 <= index.row() < len(ids):
            self.open_item.emit(ids[index.row()])

    # --- dialogs ------------------------------------------------------------------------

    def _open_dialog(self, dialog: QDialog, done: Callable[[], None] | None = None) -> None:
        self._dialog = dialog
        if done is not None:
            dialog.accepted.connect(done)
        dialog.open()

    def new_unit(self) -> None:
        from app.ui.units.unit_dialog import UnitDialog

        if self._stale:
            self.reload()
        dialog = UnitDialog(self._ops, None, today=self.today, tokens=self.tokens, parent=self)
        self._open_dialog(dialog, lambda: self._created(dialog))

    def _created(self, dialog: QDialog) -> None:
        from app.ui.units.unit_dialog import UnitDialog

        assert isinstance(dialog, UnitDialog)
        if dialog.saved_unit_id is not None:
            self.show_unit(dialog.saved_unit_id)
            self.status.emit(f"Created {dialog.saved_title}.")

    def edit_unit(self) -> None:
        from app.ui.units.unit_dialog import UnitDialog

        if self._stale:
            self.reload()
        if self.unit is None:
            self.new_unit()
            return
        dialog = UnitDialog(
            self._ops, self.unit.id, today=self.today, tokens=self.tokens, parent=self
        )
        self._open_dialog(dialog)

    def review(self, unit_id: int | None = None) -> None:
        """Open the review of `unit_id`, else of the unit shown (when it is open)."""
        if self._stale:
            self.reload()
        if unit_id is None:
            if self.unit is None:
                self.status.emit("There is no unit to review yet.")
                return
            if self.unit.closed:
                self.status.emit(f"Unit {self.unit.number} was already reviewed.")
                return
            unit_id = self.unit.id
        unit, today = get_unit(self._ops.store, unit_id), self.today  # read again at midnight
        refusal = review_refusal(unit, today)
        if refusal:
            self.status.emit(refusal)
        elif is_early(unit, today):
            if self.question is None:  # asked once at a time
                self.question = ask_early_review(
                    self, unit, today, lambda: self._review(unit_id, True)
                )
                self.question.finished.connect(self._answered)
        else:
            self._review(unit_id, False)

    def _answered(self, _result: int) -> None:
        self.question = None

    def _review(self, unit_id: int, early: bool) -> None:
        from app.ui.units.review_dialog import ReviewDialog

        dialog = ReviewDialog(self._ops, unit_id, tokens=self.tokens, week_start=self.week_start,
                              rows=self._rows, drafts=self.review_drafts, early=early,
                              parent=self)  # fmt: skip
        self._open_dialog(dialog, lambda: self._reviewed(dialog))

    def review_due_or_shown(self) -> None:
        """The review of the earliest unit whose last day is over and that is not reviewed,
        else of the unit shown."""
        from app.services.unit_review import review_due

        due = review_due(self._ops.store, now=self._now())
        self.review(due[0].unit.id if due else None)

    def _reviewed(self, dialog: QDialog) -> None:
        from app.ui.units.review_dialog import ReviewDialog

        assert isinstance(dialog, ReviewDialog)
        if dialog.result_summary:
            self.show_current()
            self.status.emit(dialog.result_summary)

    def show_history(self) -> None:
        from app.ui.units.history import HistoryDialog

        dialog = HistoryDialog(self._ops.store, tokens=self.tokens, parent=self)
        self._open_dialog(dialog)

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)
