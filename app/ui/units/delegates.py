"""Painted rows of the Units view: a goal with its progress bar (target and stretch
marks, the part added by hand hatched), the lines that counted toward it, and the unit's
board cards. Colours come from the theme's tokens; sizes from the fonts, so nothing is
clipped at any font size or in Chinese."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.domain.enums import Column
from app.services.unit_progress import GoalProgress
from app.ui.card_frame import CardFrame
from app.ui.strike import draw_struck_text
from app.ui.theme import Tokens
from app.ui.units.models import CardsModel, CountedRow, GoalTreeModel
from app.ui.units.wording import achieved, amount, breakdown_text, counted_meta, goal_range
from app.ui.wording import short_day

Index = QModelIndex | QPersistentModelIndex
PAD = 10
MARGIN_X, MARGIN_Y = 4, 4
BAR_H = 8
GAP = 6
DOT = 10
RADIUS = 8
GOAL_FRAME = CardFrame(RADIUS, hover=False)
LINE_FRAME = CardFrame(6, border=False)  # what counted: a plain row under its goal
CARD_ROW_FRAME = CardFrame(6)


def fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
    """(bold, regular, small) derived from the view's font."""
    bold = QFont(base)
    bold.setWeight(QFont.Weight.DemiBold)
    small = QFont(base)
    small.setPointSizeF(base.pointSizeF() * 0.88)
    return bold, QFont(base), small


def bar_scale(goal: GoalProgress) -> int:
    """What the full width of a goal's bar stands for: the stretch (or the target), or
    more when more was achieved."""
    return max(goal.goal.stretch or goal.goal.target, achieved(goal), 1)


def goal_caption(goal: GoalProgress) -> str:
    """The small line under a goal's bar."""
    parts = [f"target {amount(goal.goal, goal.goal.target)}"]
    if goal.goal.stretch is not None:
        parts.append(f"stretch {amount(goal.goal, goal.goal.stretch)}")
    breakdown = breakdown_text(goal)
    if breakdown:
        parts.append(breakdown)
    elif not goal.counted:
        parts.append("nothing counted yet")
    return " · ".join(parts)


class GoalDelegate(QStyledItemDelegate):
    def __init__(self, tokens: Tokens, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.tokens = tokens

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens

    @staticmethod
    def _model(index: Index) -> GoalTreeModel:
        model = index.model()
        assert isinstance(model, GoalTreeModel)
        return model

    # --- geometry -----------------------------------------------------------------------

    def goal_height(self, base: QFont) -> int:
        bold, _, small = fonts(base)
        title = QFontMetrics(bold).height()
        caption = QFontMetrics(small).height()
        return 2 * (PAD + MARGIN_Y) + title + GAP + BAR_H + GAP + caption

    def line_height(self, base: QFont) -> int:
        _, regular, _ = fonts(base)
        return QFontMetrics(regular).height() + 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        model = self._model(index)
        width = max(option.rect.width(), 200)
        if model.is_goal(index):
            return QSize(width, self.goal_height(option.font))
        return QSize(width, self.line_height(option.font))

    # --- painting -----------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = self._model(index)
        goal = model.goal_at(index)
        if goal is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if model.is_goal(index):
            self._paint_goal(painter, option, goal)
        else:
            row = model.row_at(index)
            if row is not None:
                self._paint_line(painter, option, row)
        painter.restore()

    def _paint_goal(
        self, painter: QPainter, option: QStyleOptionViewItem, goal: GoalProgress
    ) -> None:
        t = self.tokens
        card = QRectF(option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y))
        GOAL_FRAME.paint(painter, card, t, option.state)

        bold, regular, small = fonts(option.font)
        inner = card.adjusted(PAD, PAD, -PAD, -PAD).toRect()
        title_h = QFontMetrics(bold).height()
        colour = QColor(goal.goal.color)

        # The count on the right: "2 / 2–3", with a check once the target is met.
        count = f"{amount(goal.goal, achieved(goal))} / {goal_range(goal.goal)}"
        mark = " ★" if goal.stretch_met else " ✓" if achieved(goal) >= goal.goal.target else ""
        painter.setFont(bold)
        count_w = QFontMetrics(bold).horizontalAdvance(count + mark)
        count_rect = QRect(inner.right() - count_w, inner.top(), count_w, title_h)
        painter.setPen(t.accent if mark else t.text)
        painter.drawText(count_rect, int(Qt.AlignmentFlag.AlignVCenter), count + mark)

        # The category's colour, its name, and the description (elided).
        dot = QRectF(inner.left(), inner.top() + (title_h - DOT) / 2, DOT, DOT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(dot)
        x = inner.left() + DOT + 8
        name = goal.goal.category
        name_w = QFontMetrics(bold).horizontalAdvance(name)
        painter.setPen(t.text)
        painter.drawText(QRect(x, inner.top(), name_w, title_h),
                         int(Qt.AlignmentFlag.AlignVCenter), name)  # fmt: skip
        x += name_w + 10
        room = count_rect.left() - 12 - x
        if goal.goal.description and room > 20:
            painter.setFont(regular)
            text = QFontMetrics(regular).elidedText(
                goal.goal.description, Qt.TextElideMode.ElideRight, room
            )
            painter.setPen(t.muted_text)
            painter.drawText(QRect(x, inner.top(), room, title_h),
                             int(Qt.AlignmentFlag.AlignVCenter), text)  # fmt: skip

        bar = QRectF(inner.left(), inner.top() + title_h + GAP, inner.width(), BAR_H)
        self._paint_bar(painter, bar, goal, colour)

        painter.setFont(small)
        caption_top = int(bar.bottom()) + GAP
        caption_h = QFontMetrics(small).height()
        caption = QFontMetrics(small).elidedText(
            goal_caption(goal), Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.setPen(t.muted_text)
        painter.drawText(QRect(inner.left(), caption_top, inner.width(), caption_h),
                         int(Qt.AlignmentFlag.AlignVCenter), caption)  # fmt: skip

    def _paint_bar(
        self, painter: QPainter, bar: QRectF, goal: GoalProgress, colour: QColor
    ) -> None:
        t = self.tokens
        scale = bar_scale(goal)
        track = QPainterPath()
        track.addRoundedRect(bar, BAR_H / 2, BAR_H / 2)
        painter.fillPath(track, t.column_header_bg if not t.dark else t.card_border)
        painter.save()
        painter.setClipPath(track)
        counted = min(goal.counted, scale)
        total = achieved(goal)
        counted_w = bar.width() * min(counted, total) / scale
        painter.fillRect(QRectF(bar.left(), bar.top(), counted_w, bar.height()), colour)
        if total > counted:
            # The part added by hand, hatched in the same colour: shown as such.
            extra = QRectF(bar.left() + counted_w, bar.top(),
                           bar.width() * (total - counted) / scale, bar.height())  # fmt: skip
            painter.fillRect(extra, QBrush(colour, Qt.BrushStyle.BDiagPattern))
        painter.restore()
        for value, pen in (
            (goal.goal.target, QPen(t.text, 2)),
            (goal.goal.stretch, QPen(t.muted_text, 2, Qt.PenStyle.DotLine)),
        ):
            if value is None:
                continue
            x = bar.left() + bar.width() * value / scale
            x = min(max(x, bar.left() + 1), bar.right() - 1)
            painter.setPen(pen)
            painter.drawLine(int(x), int(bar.top()) - 3, int(x), int(bar.bottom()) + 3)

    def _paint_line(self, painter: QPainter, option: QStyleOptionViewItem, row: CountedRow) -> None:
        t = self.tokens
        rect = option.rect.adjusted(MARGIN_X + 2, 1, -MARGIN_X, -1)
        LINE_FRAME.paint(painter, QRectF(rect), t, option.state)
        _, regular, small = fonts(option.font)
        inner = rect.adjusted(10, 0, -10, 0)
        # Right: the day and why it counted ("linked", "tag", "kind").
        if row.item is not None:
            meta = counted_meta(row.item)
        else:
            assert row.entry is not None
            meta = f"{short_day(row.entry.day)} · log"
        painter.setFont(small)
        meta_w = QFontMetrics(small).horizontalAdvance(meta)
        painter.setPen(t.muted_text)
        painter.drawText(QRect(inner.right() - meta_w, inner.top(), meta_w, inner.height()),
                         int(Qt.AlignmentFlag.AlignVCenter), meta)  # fmt: skip
        # Left: a bullet (a pencil for a log entry) and the title.
        painter.setFont(regular)
        metrics = QFontMetrics(regular)
        bullet = "✎" if row.entry is not None else "•"
        bullet_w = metrics.horizontalAdvance("✎ ")
        painter.setPen(t.muted_text)
        painter.drawText(QRect(inner.left(), inner.top(), bullet_w, inner.height()),
                         int(Qt.AlignmentFlag.AlignVCenter), bullet)  # fmt: skip
        room = inner.width() - meta_w - bullet_w - 12
        text = metrics.elidedText(row.text, Qt.TextElideMode.ElideRight, max(room, 0))
        painter.setPen(t.text)
        painter.drawText(QRect(inner.left() + bullet_w, inner.top(), max(room, 0), inner.height()),
                         int(Qt.AlignmentFlag.AlignVCenter), text)  # fmt: skip


COLUMN_NAMES = {Column.TODO: "To do", Column.ACTIVE: "Active", Column.DONE: "Completed"}


class CardRowDelegate(QStyledItemDelegate):
    """A board card as one line: the column's colour at the left edge, the title, and
    where the card is (week and column) on the right."""

    def __init__(self, tokens: Tokens, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.tokens = tokens

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(option.rect.width(), 160), QFontMetrics(option.font).height() + 18)

    def strip_color(self, column: Column | None) -> QColor:
        t = self.tokens
        if column is Column.ACTIVE:
            return t.accent
        if column is Column.DONE:
            return t.chips[2]  # the green of the tag chips, in either theme
        return t.muted_text

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        assert isinstance(model, CardsModel)
        record = model.record(index.row())
        if record is None:
            return
        t = self.tokens
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect.adjusted(MARGIN_X, 3, -MARGIN_X, -3))
        CARD_ROW_FRAME.paint(painter, card, t, option.state)
        column = record.placement.column if record.placement else None
        painter.fillRect(
            QRectF(card.left() + 1, card.top() + 5, 3, card.height() - 10), self.strip_color(column)
        )
        inner = card.adjusted(12, 0, -10, 0).toRect()
        _, regular, small = fonts(option.font)
        where = ""
        if record.placement is not None:
            week = record.placement.week.split("-")[-1]
            where = f"{COLUMN_NAMES.get(record.placement.column, '')} · {week}"
        painter.setFont(small)
        where_w = QFontMetrics(small).horizontalAdvance(where)
        painter.setPen(t.muted_text)
        painter.drawText(QRect(inner.right() - where_w, inner.top(), where_w, inner.height()),
                         int(Qt.AlignmentFlag.AlignVCenter), where)  # fmt: skip
        painter.setFont(regular)
        room = max(inner.width() - where_w - 12, 0)
        title = QFontMetrics(regular).elidedText(record.title, Qt.TextElideMode.ElideRight, room)
        painter.setPen(t.muted_text if record.done else t.text)
        title_rect = QRect(inner.left(), inner.top(), room, inner.height())
        if record.done:
            draw_struck_text(painter, title_rect, int(Qt.AlignmentFlag.AlignVCenter), title)
        else:
            painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignVCenter), title)
        painter.restore()
