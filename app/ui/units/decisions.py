"""The review's unfinished items, each with its decision: a list model, a delegate that
paints a row as the item with Carry, Backlog and Drop as one segmented control, and a
list in which C, B and D decide for the current row."""

from __future__ import annotations

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
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.domain.entities import ItemRecord
from app.domain.units import ReviewDecision
from app.ui.card_frame import CardFrame, paint_frame
from app.ui.theme import Tokens
from app.ui.units.wording import DECISION_HINTS, DECISION_LABELS

Index = QModelIndex | QPersistentModelIndex
DECISIONS = (ReviewDecision.CARRY, ReviewDecision.BACKLOG, ReviewDecision.DROP)
KEYS = {
    Qt.Key.Key_C: ReviewDecision.CARRY,
    Qt.Key.Key_B: ReviewDecision.BACKLOG,
    Qt.Key.Key_D: ReviewDecision.DROP,
}
FRAME = CardFrame(6, hover=False)
SEGMENT_RADIUS = 5
HINT = "C carry to the next unit · B back to the backlog · D drop to the trash"


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
        FRAME.paint(painter, QRectF(rect), t, option.state)

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
            if chosen:
                fill = t.overdue if decision is ReviewDecision.DROP else t.accent
                paint_frame(painter, box, SEGMENT_RADIUS, fill=fill)
                painter.setPen(t.on_accent)
            else:
                paint_frame(painter, box, SEGMENT_RADIUS, border=QPen(t.card_border, 1))
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
