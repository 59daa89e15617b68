"""Backlog rows, painted: tags as chips, priority as a coloured dot with its name, due
dates in red once overdue, kind, estimate and horizon in quieter text, a badge after
the title when the item is on a board week (board_badge.py), and a filter's
non-matching parents faded.

The title's check box is drawn where the style places it, so Qt's own click handling
(which toggles done through the model) lines up with it; done titles are struck out and
muted. As on the board, Python code reads `BacklogModel.record()` and never
`index.data(role)`: see app/ui/board/model.py.

Every row has the same height (`ROW_HEIGHT`, or more for a large font), so the tree can
keep `setUniformRowHeights(True)` and lay out 50,000 rows without measuring them.
Colours come from the theme's tokens; the delegate picks light or dark from the
palette it is painted with, so a theme switch needs no wiring.
"""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.domain.entities import ItemRecord
from app.domain.enums import Priority
from app.ui.backlog.board_badge import Badge, paint_badge
from app.ui.backlog.cells import DUE, PRIORITY, PRIORITY_NAMES, TAGS, TITLE, cell_text, due_label
from app.ui.backlog.model import BacklogModel
from app.ui.card_frame import paint_frame
from app.ui.strike import draw_struck_text
from app.ui.theme import Tokens, chip_color, tokens_for

ROW_HEIGHT = 28
CELL_PAD = 8  # text inset from the cell's left edge
CHIP_H = 18
CHIP_PAD = 6  # text inset inside a chip
CHIP_GAP = 4
CHIP_RADIUS = 5
DOT = 8  # priority dot diameter
CHECK = 14  # the done check box
SMALL = 0.9  # chip text, relative to the view's font
# A filter's non-matching parents, shown for context, are painted faded; selected, a
# little less, to read on the selection band.
CONTEXT_OPACITY = {False: 0.5, True: 0.75}

Index = QModelIndex | QPersistentModelIndex
_ALIGN = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft


def row_height(metrics: QFontMetrics) -> int:
    """Rows are `ROW_HEIGHT` tall, or taller when a large font needs it."""
    return max(ROW_HEIGHT, metrics.height() + 10, CHIP_H + 8)


class _Look(NamedTuple):
    """What every cell of a row is painted with."""

    tokens: Tokens
    text: QColor  # full-strength text
    muted: QColor  # quiet text (kind, estimate, horizon)
    font: QFont
    selected: bool


class BacklogDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today
        self._tokens: dict[bool, Tokens] = {}
        self._checks: dict[tuple[bool, int, int, float], QPixmap] = {}
        self._title_rects: dict[tuple[int, int, str], tuple[QRect, QRect]] = {}

    def tokens(self, palette: QPalette) -> Tokens:
        """The light or the dark tokens, whichever theme `palette` belongs to."""
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        tokens = self._tokens.get(dark)
        if tokens is None:
            tokens = self._tokens[dark] = tokens_for(dark)
        return tokens

    @staticmethod
    def _record(index: Index) -> ItemRecord | None:
        model = index.model()
        if not isinstance(model, BacklogModel):
            return None
        item_id = model.id_at(index)
        return None if item_id is None else model.record(item_id)

    # --- geometry --------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = row_height(option.fontMetrics)
        if index.column() == TITLE:
            width = super().sizeHint(option, index).width()
        else:
            record = self._record(index)
            text = cell_text(record, index.column(), self.today()) if record else ""
            width = option.fontMetrics.horizontalAdvance(text) + 2 * CELL_PAD + DOT
        return QSize(width, height)

    # --- painting --------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """One cell, as Qt asks for it (a drag's pixmap); the tree paints whole rows
        through `paint_row`."""
        record = self._record(index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt = QStyleOptionViewItem(option)
        if index.column() == TITLE:
            self.initStyleOption(opt, index)  # C++ reads the model; Python sees no QVariant
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        if record is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        look = self._look(option, selected)
        model = index.model()
        assert isinstance(model, BacklogModel)  # as _record found
        painter.save()
        if model.is_context(record.id):
            painter.setOpacity(CONTEXT_OPACITY[selected])
        if index.column() == TITLE:
            geometry = self._title_geometry(opt, index, style)
            badge = model.badge(record)
            self._paint_title(painter, option.rect, geometry, record, look, badge=badge)
        else:
            self._paint_cell(painter, option.rect, index.column(), record, look)
        painter.restore()

    def paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: Index,
        *,
        cells: list[tuple[int, QRect]],
        record: ItemRecord,
        selected: bool,
        badge: Badge | None = None,
        context: bool = False,
    ) -> None:
        """Every cell of one row in one call. Qt's own row painting calls back into
        Python for each cell's index, flags, data and paint; a filter keystroke repaints
        a screenful of rows, so doing the row here halves the time to the next frame.
        `badge` says which board week the item is on; a `context` row (a parent shown
        above a filter's match without matching it) is faded."""
        look = self._look(option, selected)
        painter.save()
        if context:
            painter.setOpacity(CONTEXT_OPACITY[selected])
        for column, rect in cells:
            if column == TITLE:
                geometry = self._title_geometry(option, index, None, rect.size())
                self._paint_title(painter, rect, geometry, record, look, badge=badge)
            else:
                self._paint_cell(painter, rect, column, record, look)
        painter.restore()

    def _look(self, option: QStyleOptionViewItem, selected: bool) -> _Look:
        palette = option.palette
        t = self.tokens(palette)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(role)
        # Quiet text steps up to full strength on a selected row, where it must still read.
        muted = text_color if selected else t.muted_text
        return _Look(t, text_color, muted, option.font, selected)

    def _title_geometry(
        self,
        option: QStyleOptionViewItem,
        index: Index,
        style: QStyle | None,
        size: QSize | None = None,
    ) -> tuple[QRect, QRect]:
        """The check box and the title text, relative to the cell, where the style puts
        them (Qt's click handling, which toggles done, uses the same rectangles). They
        depend only on the cell's size and font, so are measured once per size."""
        if size is None:
            size = option.rect.size()
        key = (size.width(), size.height(), option.font.key())
        found = self._title_rects.get(key)
        if found is None:
            widget = option.widget
            style = style or (widget.style() if widget is not None else QApplication.style())
            opt = QStyleOptionViewItem(option)
            opt.rect = QRect(QPoint(0, 0), size)
            self.initStyleOption(opt, index)  # C++ reads the model; Python sees no QVariant
            element = QStyle.SubElement
            check = style.subElementRect(element.SE_ItemViewItemCheckIndicator, opt, widget)
            text = style.subElementRect(element.SE_ItemViewItemText, opt, widget)
            found = self._title_rects[key] = (check, text)
        return found

    def _paint_title(
        self,
        painter: QPainter,
        cell: QRect,
        geometry: tuple[QRect, QRect],
        record: ItemRecord,
        look: _Look,
        *,
        badge: Badge | None = None,
    ) -> None:
        check, text = geometry
        origin = cell.topLeft()
        center = QRectF(check.translated(origin)).center()
        t = look.tokens
        pixmap = self._check_pixmap(record.done, t, painter.device().devicePixelRatioF())
        painter.drawPixmap(QPointF(center.x() - CHECK / 2, center.y() - CHECK / 2), pixmap)
        painter.setFont(look.font)
        color = t.muted_text if record.done else look.text
        rect = text.translated(origin).adjusted(2, 0, -2, 0)
        if badge is not None:
            rect = paint_badge(painter, rect, badge, t, look.text if look.selected else None)
        self._draw_text(painter, rect, record.title, color, struck=record.done)

    def _paint_cell(
        self, painter: QPainter, cell: QRect, column: int, record: ItemRecord, look: _Look
    ) -> None:
        rect = cell.adjusted(CELL_PAD, 0, -CELL_PAD // 2, 0)
        t = look.tokens
        painter.setFont(look.font)
        if column == TAGS:
            if record.tags:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                self._paint_chips(painter, rect, record.tags, t)
        elif column == PRIORITY:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_priority(painter, rect, record.priority, t, look.text)
        elif column == DUE and record.due_date:
            self._paint_due(painter, rect, record, t, look.text)
        else:
            self._draw_text(painter, rect, cell_text(record, column, self.today()), look.muted)

    def _check_pixmap(self, done: bool, t: Tokens, ratio: float) -> QPixmap:
        """The check box, drawn once per look and kept: an antialiased rounded rectangle
        costs about 0.1 ms, and a filtered list repaints a screenful on every keystroke."""
        key = (done, t.accent.rgba(), t.muted_text.rgba(), ratio)
        pixmap = self._checks.get(key)
        if pixmap is None:
            size = math.ceil(CHECK * ratio) + 2
            pixmap = QPixmap(size, size)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_check(painter, QPointF(CHECK / 2, CHECK / 2), done, t)
            painter.end()
            self._checks[key] = pixmap
        return pixmap

    @staticmethod
    def _paint_check(painter: QPainter, center: QPointF, done: bool, t: Tokens) -> None:
        box = QRectF(center.x() - CHECK / 2, center.y() - CHECK / 2, CHECK, CHECK)
        if done:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(t.accent)
            painter.drawRoundedRect(box, 4, 4)
            tick = QPainterPath(QPointF(box.left() + 3.5, box.center().y() + 0.5))
            tick.lineTo(box.left() + 6, box.bottom() - 4)
            tick.lineTo(box.right() - 3.5, box.top() + 4)
            pen = QPen(QColor("#FFFFFF"), 1.8)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
            return
        border = QColor(t.muted_text)
        border.setAlpha(170)
        painter.setPen(QPen(border, 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

    @staticmethod
    def _draw_text(
        painter: QPainter, rect: QRect, text: str, color: QColor, *, struck: bool = False
    ) -> None:
        if not text:
            return
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(color)
        if struck:
            draw_struck_text(painter, rect, int(_ALIGN), elided)
        else:
            painter.drawText(rect, int(_ALIGN), elided)

    def _paint_due(
        self, painter: QPainter, rect: QRect, record: ItemRecord, t: Tokens, text: QColor
    ) -> None:
        assert record.due_date is not None
        today = self.today()
        days = (record.due_date - today).days
        if record.done:
            color = t.muted_text
        elif days < 0:
            color = t.overdue
            font = QFont(painter.font())
            font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(font)
        elif days <= 1:
            color = t.due_soon
        else:
            color = text
        self._draw_text(painter, rect, due_label(record, today), color)

    def _paint_priority(
        self, painter: QPainter, rect: QRect, priority: Priority, t: Tokens, text: QColor
    ) -> None:
        color = t.priority.get(int(priority))
        if color is None:
            return
        top = rect.center().y() - DOT / 2 + 0.5
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QRectF(rect.left(), top, DOT, DOT))
        label = rect.adjusted(DOT + 7, 0, 0, 0)
        self._draw_text(painter, label, PRIORITY_NAMES.get(priority, ""), text)

    def _paint_chips(
        self, painter: QPainter, rect: QRect, tags: tuple[str, ...], t: Tokens
    ) -> None:
        if not tags:
            return
        font = QFont(painter.font())
        font.setPointSizeF(font.pointSizeF() * SMALL)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        top = rect.center().y() - CHIP_H // 2 + 1
        x = rect.left()
        for n, tag in enumerate(tags):
            label = f"#{tag}"
            width = metrics.horizontalAdvance(label) + 2 * CHIP_PAD
            rest = len(tags) - n - 1
            reserve = metrics.horizontalAdvance(f"+{rest}") + CHIP_GAP + 2 if rest else 0
            if x + width + reserve > rect.right() and n > 0:
                more = QRect(x, rect.top(), rect.right() - x, rect.height())
                self._draw_text(painter, more, f"+{len(tags) - n}", t.muted_text)
                return
            if x + width > rect.right():  # a lone tag too long for the column is elided
                width = rect.right() - x
                label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - CHIP_PAD)
            chip = QRectF(x, top, width, CHIP_H)
            paint_frame(painter, chip, CHIP_RADIUS, fill=chip_color(tag, dark=t.dark))
            painter.setPen(t.chip_text)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), label)
            x += width + CHIP_GAP
