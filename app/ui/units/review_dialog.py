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
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.units import MAX_RATING, ReviewDecision
from app.services.unit_forms import GoalDraft, goal_problems
from app.services.unit_records import UnitRecord
from app.services.unit_review import ReviewPreview, ReviewResult, review_preview
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import Tokens
from app.ui.units.day_strip import DayStrip, DayStripArea
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
from app.ui.units.page import ElidedLabel, GoalTree, heading_font
from app.ui.units.review_draft import ReviewDraft, ReviewDrafts
from app.ui.units.wording import DECISION_HINTS, DECISION_LABELS, days_text, span_text
from app.ui.wording import short_day

Index = QModelIndex | QPersistentModelIndex
DECISIONS = (ReviewDecision.CARRY, ReviewDecision.BACKLOG, ReviewDecision.DROP)
KEYS = {
    Qt.Key.Key_C: ReviewDecision.CARRY,
    Qt.Key.Key_B: ReviewDecision.BACKLOG,
    Qt.Key.Key_D: ReviewDecision.DROP,
}
HINT = "C carry to the next unit · B back to the backlog · D drop to the trash"


# --- decisions ----------------------------------------------------------------------------


class DecisionRow(NamedTuple):
    item: ItemRecord
    goals: tuple[str, ...]  # the categories of the goals it is linked to
    decision: ReviewDecision


class DecisionModel(QAbstractListModel):
    def __init__(self, rows: list[DecisionRow], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = list(rows)

    @property
    def rows(self) -> list[DecisionRow]:
        return list(self._rows)

    def row(self, row: int) -> DecisionRow:
        return self._rows[row]

    def decisions(self) -> dict[int, ReviewDecision]:
        return {row.item.id: row.decision for row in self._rows}

    def set_decision(self, row: int, decision: ReviewDecision) -> None:
        if not 0 <= row < len(self._rows) or self._rows[row].decision is decision:
            return
        self._rows[row] = self._rows[row]._replace(decision=decision)
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.item.title}: {DECISION_LABELS[row.decision]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{row.item.title}\n{DECISION_LABELS[row.decision]}: {DECISION_HINTS[row.decision]}"
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def segment_rects(rect: QRect, font: QFont) -> list[QRect]:
    """Where Carry, Backlog and Drop sit at the right end of a row."""
    metrics = QFontMetrics(font)
    width = max(metrics.horizontalAdvance(DECISION_LABELS[d]) for d in DECISIONS) + 20
    height = metrics.height() + 8
    top = rect.top() + (rect.height() - height) // 2
    right = rect.right() - 8
    return [QRect(right - (3 - n) * width, top, width, height) for n in range(3)]


class DecisionDelegate(QStyledItemDelegate):
    """A row: the item's title and goals on the left, the three choices on the right as
    one segmented control, the chosen one filled."""

    def __init__(self, tokens: Tokens, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.tokens = tokens

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)  # DecisionList.rows_height says the same
        return QSize(max(option.rect.width(), 360), 2 * metrics.height() + 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        assert isinstance(model, DecisionModel)
        row = model.row(index.row())
        t = self.tokens
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(2, 2, -2, -2)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), 6, 6)
        painter.fillPath(path, t.selected if selected else t.card_bg)
        painter.setPen(QPen(t.accent if selected else t.card_border, 1))
        painter.drawPath(path)

        segments = segment_rects(rect, option.font)
        left = rect.adjusted(12, 0, 0, 0)
        room = segments[0].left() - 12 - left.left()
        metrics = QFontMetrics(option.font)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        line = metrics.height()
        top = rect.top() + (rect.height() - line - QFontMetrics(small).height() - 2) // 2
        title = metrics.elidedText(row.item.title, Qt.TextElideMode.ElideRight, max(room, 0))
        painter.setPen(t.text)
        painter.setFont(option.font)
        painter.drawText(QRect(left.left(), top, max(room, 0), line),
                         int(Qt.AlignmentFlag.AlignVCenter), title)  # fmt: skip
        where = ", ".join(row.goals)
        if row.item.placement is not None:
            where += f" · on the board, {row.item.placement.week}"
        painter.setFont(small)
        painter.setPen(t.muted_text)
        detail = QFontMetrics(small).elidedText(where, Qt.TextElideMode.ElideRight, max(room, 0))
        second = QRect(left.left(), top + line + 2, max(room, 0), QFontMetrics(small).height())
        painter.drawText(second, int(Qt.AlignmentFlag.AlignVCenter), detail)

        painter.setFont(option.font)
        for decision, segment in zip(DECISIONS, segments, strict=True):
            chosen = decision is row.decision
            box = QRectF(segment).adjusted(1, 0, -1, 0)
            shape = QPainterPath()
            shape.addRoundedRect(box, 5, 5)
            if chosen:
                fill = t.overdue if decision is ReviewDecision.DROP else t.accent
                painter.fillPath(shape, fill)
                painter.setPen(t.on_accent)
            else:
                painter.setPen(QPen(t.card_border, 1))
                painter.drawPath(shape)
                # Muted text is too faint on the selected row's tint.
                painter.setPen(t.text if selected else t.muted_text)
            painter.drawText(segment, int(Qt.AlignmentFlag.AlignCenter), DECISION_LABELS[decision])
        painter.restore()

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(model, DecisionModel):
            assert isinstance(event, QMouseEvent)
            rect = option.rect.adjusted(2, 2, -2, -2)
            for decision, segment in zip(DECISIONS, segment_rects(rect, option.font), strict=True):
                if segment.contains(event.position().toPoint()):
                    model.set_decision(index.row(), decision)
                    return True
        return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]


class DecisionList(QListView):
    """C, B and D decide for the current row and move on to the next; Left and Right
    step through the three choices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewDecisions")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setAccessibleName("Unfinished linked items and what to do with each")
        self.setAccessibleDescription(HINT)

    def rows_height(self, rows: int) -> int:
        """The height that shows `rows` items whole."""
        metrics = QFontMetrics(self.font())
        return rows * (2 * metrics.height() + 18) + 2 * self.frameWidth()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        row = self.currentIndex().row()
        if isinstance(model, DecisionModel) and 0 <= row < model.rowCount():
            key = Qt.Key(event.key())
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key in KEYS and plain:
                model.set_decision(row, KEYS[key])
                if row + 1 < model.rowCount():
                    self.setCurrentIndex(model.index(row + 1))
                return
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain:
                position = DECISIONS.index(model.row(row).decision)
                step = 1 if key == Qt.Key.Key_Right else -1
                model.set_decision(row, DECISIONS[(position + step) % len(DECISIONS)])
                return
        super().keyPressEvent(event)


# --- rating -------------------------------------------------------------------------------


class StarRating(QWidget):
    """1 to 5 stars, or none: keys 1-5, Left/Right, 0 or Backspace to clear; a click
    on the chosen star clears it."""

    changed = Signal(object)  # int | None

    def __init__(self, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens = tokens
        self._rating: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Rating")
        self.setToolTip("Rate the unit: keys 1 to 5, 0 to clear")
        self.setMouseTracking(True)

    @property
    def rating(self) -> int | None:
        return self._rating

    def set_rating(self, rating: int | None) -> None:
        if rating is not None and not 1 <= rating <= MAX_RATING:
            return
        if rating != self._rating:
            self._rating = rating
            self.setAccessibleDescription(f"{rating} of 5" if rating else "not rated")
            self.update()
            self.changed.emit(rating)

    def _star_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        return font

    def _star_width(self) -> int:
        return QFontMetrics(self._star_font()).horizontalAdvance("★") + 6

    def sizeHint(self) -> QSize:
        return QSize(
            MAX_RATING * self._star_width() + 8, QFontMetrics(self._star_font()).height() + 6
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setFont(self._star_font())
        width, height = self._star_width(), self.height()
        for n in range(1, MAX_RATING + 1):
            filled = self._rating is not None and n <= self._rating
            painter.setPen(self.tokens.accent if filled else self.tokens.muted_text)
            painter.drawText(QRect(4 + (n - 1) * width, 0, width, height),
                             int(Qt.AlignmentFlag.AlignCenter), "★" if filled else "☆")  # fmt: skip
        if self.hasFocus():
            painter.setPen(QPen(self.tokens.accent, 1, Qt.PenStyle.DotLine))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_rating(int(key) - int(Qt.Key.Key_0))
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_rating(None)
        elif key == Qt.Key.Key_Right:
            self.set_rating(min((self._rating or 0) + 1, MAX_RATING))
        elif key == Qt.Key.Key_Left:
            self.set_rating((self._rating or 1) - 1 or None)
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        star = int((event.position().x() - 4) // self._star_width()) + 1
        if 1 <= star <= MAX_RATING:
            self.set_rating(None if star == self._rating else star)
        self.setFocus()


# --- the dialog ---------------------------------------------------------------------------


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
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
        self.resize(1180, 760)

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
            order += [self.next_goals.table, self.next_goals.add_button,
                      self.next_goals.remove_button]  # fmt: skip
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
                decisions=chosen, next_goals=drafts, tz=self.tz, now=now,
            )  # fmt: skip
            return changes

        if self._ops.run(f"Review unit {unit.number}", operation):
            self.result_summary = summary(self.review_result)
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


def summary(result: ReviewResult | None) -> str:
    if result is None:
        return ""
    parts = []
    for count, words in (
        (len(result.carried), "carried"),
        (len(result.backlogged), "back to the backlog"),
        (len(result.dropped), "dropped"),
    ):
        if count:
            parts.append(f"{count} {words}")
    decided = f" ({', '.join(parts)})" if parts else ""
    nxt = result.next_unit
    return (
        f"Reviewed unit {result.unit.number}{decided}. {nxt.title} starts {short_day(nxt.start)}."
    )
