"""The end-of-unit review.

Per goal, target against achieved with what counted; the days that stayed empty; every
unfinished item linked to the unit's goals with a decision (carry to the next unit,
back to the backlog, drop to the trash), chosen with C, B and D or a click; a
reflection and a rating; and the next unit's goals, copied from this unit's and
editable. "Complete review" (Ctrl+Enter) saves it all as one undoable operation: the
review service closes the unit and creates the next one, then the next unit's goals are
made what the dialog says.

Return never completes it (there is no default button), and Later keeps what was typed
and chosen as a draft for the rest of the session when the caller holds the drafts (the
Units page does); without one, Later asks before throwing typed work away.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.units import ReviewDecision
from app.services.unit_forms import GoalDraft, goal_problems
from app.services.unit_records import UnitRecord
from app.services.unit_review import ReviewPreview, ReviewResult, review_preview
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.screen_fit import fit_to_screen
from app.ui.theme import Tokens
from app.ui.units.day_strip import DayStrip, DayStripArea
from app.ui.units.decisions import HINT, DecisionDelegate, DecisionList, DecisionModel, DecisionRow
from app.ui.units.delegates import GoalDelegate
from app.ui.units.dialog_keys import ask_discard, no_default_buttons, take_return
from app.ui.units.goals_editor import (
    CATEGORY,
    DESCRIPTION,
    STRETCH,
    TARGET,
    GoalsEditor,
)
from app.ui.units.models import GoalTreeModel
from app.ui.units.review_draft import ReviewDraft, ReviewDrafts
from app.ui.units.review_time import ReviewTime, unit_time
from app.ui.units.star_rating import StarRating
from app.ui.units.widgets import ElidedLabel, GoalTree, heading_font
from app.ui.units.wording import days_text, review_summary, span_text
from app.ui.wording import short_day


def ancestors(rows: RowCache, record: ItemRecord) -> list[ItemRecord]:
    """The items `record` is nested in, nearest first."""
    found: list[ItemRecord] = []
    parent_id = record.parent_id
    while parent_id is not None and len(found) < 100:
        parent = rows.get(parent_id)
        if parent is None:
            break
        found.append(parent)
        parent_id = parent.parent_id
    return found


class ReviewDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        unit_id: int,
        *,
        tokens: Tokens,
        rows: RowCache | None = None,
        week_start: int = 0,
        drafts: ReviewDrafts | None = None,
        early: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self.early = early  # reviewed before its last day, as the user confirmed
        self._drafts = drafts
        self.question: QMessageBox | None = None
        self._rows = rows or RowCache(ops.store)
        self.tokens = tokens
        now = ops.clock()
        self.tz = zone_of(now)
        self.today = now.astimezone(self.tz).date()
        self.preview: ReviewPreview = review_preview(
            ops.store, unit_id, tz=self.tz, today=self.today, week_start=week_start
        )
        self.unit: UnitRecord = self.preview.progress.unit
        self.review_result: ReviewResult | None = None
        self.result_summary = ""
        self.setWindowTitle(f"Review unit {self.unit.number}")

        goal_names = {g.id: g.category for g in self.unit.goals}
        self.decisions = DecisionModel(
            [
                DecisionRow(u.item, tuple(goal_names[g] for g in u.goal_ids), ReviewDecision.CARRY)
                for u in self.preview.unfinished
            ],
            self,
        )
        self._build()
        self._pristine = self.draft()
        self.restored = self._restore()
        self.restored_label.setVisible(self.restored)
        self._refresh()
        no_default_buttons(self)
        fit_to_screen(self, 1180, 760)

    # --- building -----------------------------------------------------------------------

    def _heading(self, text: str, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text)
        label.setFont(heading_font(self.font(), 1.0, QFont.Weight.DemiBold))
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _muted(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {self.tokens.muted_text.name()};")
        return label

    def _build(self) -> None:
        unit = self.unit
        title = ElidedLabel()  # a long title must not widen the dialog
        title.setText(f"Review · {unit.title}")
        title.setFont(heading_font(self.font(), 1.35, QFont.Weight.DemiBold))
        subtitle = self._muted(f"{span_text(unit)} · {days_text(unit, self.today)}")
        self.restored_label = self._muted(
            "What you wrote and chose before Later is back; Complete review saves it."
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_left())
        splitter.addWidget(self._build_right())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        # The decisions and the next unit's goals need the room more than the goals do.
        splitter.setSizes([500, 640])
        self._build_buttons()
        box = QVBoxLayout(self)
        box.addWidget(title)
        box.addWidget(subtitle)
        box.addWidget(self.restored_label)
        box.addWidget(splitter, 1)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        count = self.decisions.rowCount()

        # Tab goes down the right-hand side, through the buttons, then to the goals.
        first = self.decision_list if count else self.reflection
        order: list[QWidget] = [first, self.reflection, self.rating]
        if self.next_goals is not None:
            goals = self.next_goals
            order += [goals.table, goals.add_button, goals.add_hours_button, goals.remove_button]
        order += [self.complete_button, self.later_button, self.goal_tree]
        order = list(dict.fromkeys(order))
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        first.setFocus()

    def _build_left(self) -> QWidget:
        """Goals, then days."""
        progress = self.preview.progress

        self.goal_model = GoalTreeModel(self)
        self.goal_delegate = GoalDelegate(self.tokens, self)
        self.goal_tree = GoalTree()
        self.goal_tree.setModel(self.goal_model)
        self.goal_tree.setItemDelegate(self.goal_delegate)
        self.goal_model.modelReset.connect(self.goal_tree.expandAll)
        self.goal_model.set_progress(progress)
        self.strip = DayStrip(self.tokens)
        self.strip.set_days(progress.days, progress.empty_days, self.today)
        strip_area = DayStripArea(self.strip)
        empty = progress.empty_days
        empty_text = (
            "Empty days: " + ", ".join(short_day(d) for d in empty) if empty else "No empty days."
        )
        self.empty_label = self._muted(empty_text)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 8, 0)
        left_box.addWidget(self._heading("Goals: target and achieved"))
        if progress.goals:
            left_box.addWidget(self.goal_tree, 1)
        else:
            left_box.addWidget(self._muted("This unit had no goals."))
            left_box.addStretch(1)
            self.goal_tree.hide()
        left_box.addWidget(self._heading("Days"))
        left_box.addWidget(strip_area)
        left_box.addWidget(self.empty_label)
        left_box.addWidget(self._heading("Time: planned and spent"))
        report = unit_time(self._ops.store, self.unit, now=self._ops.clock(), zone=self.tz)
        self.time_table = ReviewTime(report)
        left_box.addWidget(self.time_table)
        return left

    def _build_right(self) -> QWidget:
        """Decisions, reflection, rating, the next unit."""

        self.decision_list = DecisionList()
        self.decision_list.setModel(self.decisions)
        self.decision_list.setItemDelegate(DecisionDelegate(self.tokens, self))
        self.decisions.dataChanged.connect(lambda *_: self._refresh())
        self.reflection = QPlainTextEdit()
        self.reflection.setObjectName("ReviewReflection")
        self.reflection.setPlaceholderText("What went well? What got in the way?")
        self.reflection.setTabChangesFocus(True)
        self.rating = StarRating(self.tokens)
        self.rating_label = self._muted("not rated")
        self.rating.changed.connect(
            lambda r: self.rating_label.setText(f"{r} of 5" if r else "not rated")
        )
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(8, 0, 0, 0)
        count = self.decisions.rowCount()
        right_box.addWidget(
            self._heading(f"&Unfinished linked items · {count}", self.decision_list)
        )
        if count:
            right_box.addWidget(self._muted(HINT))
            right_box.addWidget(self.decision_list, 3)
            self.decision_list.setCurrentIndex(self.decisions.index(0))
            # At least three items show in a small window; the next unit's goals give way.
            self.decision_list.setMinimumHeight(self.decision_list.rows_height(min(count, 3)))
        else:
            right_box.addWidget(self._muted("Every item linked to a goal was finished."))
            self.decision_list.hide()
        # The rating sits beside the reflection's heading: one line less to give up.
        reflection_row = QHBoxLayout()
        reflection_row.addWidget(self._heading("&Reflection", self.reflection), 1)
        reflection_row.addWidget(self._heading("Ra&ting", self.rating))
        reflection_row.addWidget(self.rating)
        reflection_row.addWidget(self.rating_label)
        right_box.addLayout(reflection_row)
        right_box.addWidget(self.reflection, 2)
        self.reflection.setMinimumHeight(3 * self.reflection.fontMetrics().lineSpacing() + 12)
        right_box.addWidget(self._next_unit_section(), 3)
        return right

    def _build_buttons(self) -> None:

        self.message = QLabel()
        self.message.setObjectName("ReviewMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {self.tokens.overdue.name()};")
        self.buttons = QDialogButtonBox()
        # No default button: Return in the list or a table must not complete the review.
        self.complete_button = QPushButton("&Complete review")
        self.complete_button.setToolTip(
            "Save the review, close the unit and start the next (Ctrl+Enter)"
        )
        self.later_button = QPushButton("&Later")
        self.later_button.setToolTip(
            "Close the review and keep what you wrote for when you come back (Esc)"
            if self._drafts is not None
            else "Close the review; the unit stays open (Esc)"
        )
        self.buttons.addButton(self.complete_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.complete_button.clicked.connect(self.complete)
        self.later_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.complete)

    def _next_unit_section(self) -> QWidget:
        section = QWidget()
        box = QVBoxLayout(section)
        box.setContentsMargins(0, 0, 0, 0)
        existing = self.preview.next_unit
        self.next_goals: GoalsEditor | None = None
        if existing is not None:
            box.addWidget(self._heading(f"Next: {existing.title}"))
            box.addWidget(self._muted(
                f"Unit {existing.number} already exists ({span_text(existing)}); carried items "
                "go to its goal of the same category, which is added when it has none. Change "
                "its goals with Edit unit…"
            ))  # fmt: skip
            box.addStretch(1)
            return section
        start = self.preview.next_start
        self.next_goals = GoalsEditor(
            [CATEGORY, DESCRIPTION, TARGET, STRETCH], self._category_names
        )
        box.addWidget(self._heading(
            f"&Next unit {self._next_number()} · from {short_day(start)}, {self.unit.days} days",
            self.next_goals.table,
        ))  # fmt: skip
        box.addWidget(self._muted("Its goals, copied from this unit; change them as you like."))
        self.next_goals.set_drafts(
            [GoalDraft.of(goal, origin=n)._replace(goal_id=None, items=(), adjustment=0)
             for n, goal in enumerate(self.unit.goals)]
        )  # fmt: skip
        self.next_goals.changed.connect(self._refresh)
        box.addWidget(self.next_goals, 1)
        return section

    def _next_number(self) -> int:
        from app.services.unit_records import list_units

        return max((u.number for u in list_units(self._ops.store)), default=0) + 1

    def _category_names(self) -> list[str]:
        from app.services.goal_categories import list_categories

        return [c.name for c in list_categories(self._ops.store)]

    # --- checking -----------------------------------------------------------------------

    def problems(self) -> list[str]:
        found = []
        chosen = self.decisions.decisions()
        dropped = {i for i, d in chosen.items() if d is ReviewDecision.DROP}
        for row in self.decisions.rows:
            if row.decision is ReviewDecision.DROP:
                continue
            for parent in ancestors(self._rows, row.item):
                if parent.id in dropped:
                    found.append(
                        f"“{row.item.title}” is nested in “{parent.title}”, which is being "
                        "dropped, and would go to the trash with it: drop it too, or choose "
                        f"again for “{parent.title}”."
                    )
                    break
        if self.next_goals is not None:
            drafts = self.next_goals.drafts
            found += goal_problems(drafts, self._category_names())
            kept = {d.origin for d in drafts if d.origin is not None}
            for n, goal in enumerate(self.unit.goals):
                carried = [i for i in goal.item_ids if chosen.get(i) is ReviewDecision.CARRY]
                if carried and n not in kept:
                    found.append(
                        f"Items are carried to the next unit's {goal.category} goal "
                        f"(“{goal.description or goal.category}”): keep that goal, or choose "
                        "another decision for them."
                    )
        return found

    def _refresh(self) -> None:
        problems = self.problems()
        self.message.setText("\n".join(problems))
        self.message.setVisible(bool(problems))
        self.complete_button.setEnabled(not problems)

    # --- completing ---------------------------------------------------------------------

    def complete(self) -> None:
        if self.next_goals is not None:
            self.next_goals.commit_pending()
        self._refresh()
        if self.problems():
            return
        unit = self.unit
        chosen = self.decisions.decisions()
        reflection = self.reflection.toPlainText()
        rating = self.rating.rating
        drafts = self.next_goals.drafts if self.next_goals is not None else None

        def operation(now: datetime) -> Changes:
            from app.services.unit_forms import complete_review

            self.review_result, changes = complete_review(
                self._ops.store, unit.id, reflection=reflection, rating=rating,
                decisions=chosen, next_goals=drafts, early=self.early, tz=self.tz, now=now,
            )  # fmt: skip
            return changes

        if self._ops.run(f"Review unit {unit.number}", operation):
            self.result_summary = review_summary(self.review_result)
            if self._drafts is not None:
                self._drafts.pop(unit.id, None)
            super().accept()

    def accept(self) -> None:
        self.complete()

    # --- putting it off -----------------------------------------------------------------

    def draft(self) -> ReviewDraft:
        """What the dialog holds now."""
        editor = self.next_goals
        if editor is not None:
            editor.commit_pending()
        return ReviewDraft(
            reflection=self.reflection.toPlainText(),
            rating=self.rating.rating,
            decisions=self.decisions.decisions(),
            goal_ids=tuple(goal.id for goal in self.unit.goals),
            next_goals=tuple(editor.drafts) if editor is not None else None,
        )

    def _restore(self) -> bool:
        """Put back the draft kept when this unit's review was last put off. Decisions
        return for the items still listed; the next unit's goals only while this unit's
        goals are the ones they were copied from."""
        kept = self._drafts.get(self.unit.id) if self._drafts is not None else None
        if kept is None:
            return False
        self.reflection.setPlainText(kept.reflection)
        self.rating.set_rating(kept.rating)
        for row, line in enumerate(self.decisions.rows):
            decision = kept.decisions.get(line.item.id)
            if decision is not None:
                self.decisions.set_decision(row, decision)
        same_goals = kept.goal_ids == tuple(goal.id for goal in self.unit.goals)
        if self.next_goals is not None and kept.next_goals is not None and same_goals:
            self.next_goals.set_drafts(kept.next_goals)
        return True

    def reject(self) -> None:
        """Later, Escape or closing the window. With drafts held by the caller, what was
        typed and chosen is kept; otherwise typed work is thrown away only when the user
        says so."""
        if self.question is not None:
            return
        now = self.draft()
        changed = now != self._pristine
        if self._drafts is not None:
            if changed:
                self._drafts[self.unit.id] = now
            else:
                self._drafts.pop(self.unit.id, None)
        elif changed:
            typed = bool(now.reflection.strip())
            self.question = ask_discard(
                self,
                "Discard your reflection?" if typed else "Discard your choices?",
                "What you typed and chose in this review is lost; the unit stays open and "
                "can be reviewed later.",
                lambda: QDialog.reject(self),
            )
            self.question.finished.connect(self._answered)
            return
        super().reject()

    def _answered(self, _result: int) -> None:
        self.question = None

    # --- keys ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not take_return(event):
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        no_default_buttons(self)  # the button box picks a default when first shown
