"""Cards on the board, painted: no widget per card, so a column of hundreds scrolls
smoothly. Colours come from the theme's tokens so light and dark both read well."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QTextLayout
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.domain.entities import ItemRecord
from app.domain.enums import Column, ItemKind, Priority
from app.domain.estimates import estimate_text
from app.domain.reading import pass_text
from app.domain.timebox import seconds_text
from app.domain.words import day_name
from app.ui.board.model import NO_MARKS, ColumnModel
from app.ui.card_frame import CardFrame, paint_frame
from app.ui.strike import draw_struck_text
from app.ui.theme import Tokens, chip_color

PAD = 10
MARGIN_X, MARGIN_Y = 6, 4
RADIUS = 8
MAX_TITLE_LINES = 3
CHIP_H = 18
META_H = 16
GAP = 6
# A selected card keeps its fill: the thick accent border says it on every column's tint.
FRAME = CardFrame(RADIUS, selection_fill=False, selected_width=2)
CHIP_RADIUS = 5
REPEAT_GLYPH = "⟳"  # ↻ is the carried-over badge's
BELL_W = 9  # the bell is drawn: the usual fonts have no bell glyph
BAR_H, BAR_BOTTOM = 3.0, 6.0  # the time bar: its height, and its top above the card's foot

Index = QModelIndex | QPersistentModelIndex


def due_text(record: ItemRecord, today: date) -> str:
    """Compact, for a card: a relative day, a weekday within the coming week, else a date."""
    due = record.due_date
    assert due is not None
    label = day_name(due, today, weekday=True, capital=True) or f"{due:%d %b}".lstrip("0")
    if record.due_time:
        label += f" {record.due_time:%H:%M}"
    return label


class CardDelegate(QStyledItemDelegate):
    def __init__(self, tokens: Tokens, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.tokens = tokens
        self.today = date.today
        # Qt asks for each card's size several times per layout; measuring wrapped text
        # is the expensive part, so heights are kept per (record, width).
        self._heights: dict[
            tuple[ItemRecord, tuple[int, int] | None, tuple[bool, bool], bool, int], int
        ] = {}

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens

    @staticmethod
    def _model(index: Index) -> ColumnModel:
        # Read the model directly, not through index.data(): see app/ui/board/model.py.
        model = index.model()
        assert isinstance(model, ColumnModel)
        return model

    # --- geometry --------------------------------------------------------------

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.02)
        title.setWeight(QFont.Weight.Medium)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.86)
        return title, small

    def _title_lines(self, font: QFont, text: str, width: int) -> list[str]:
        """The title broken into at most three lines, the last one elided."""
        metrics = QFontMetrics(font)
        flat = " ".join(text.split())
        layout = QTextLayout(flat, font)
        layout.beginLayout()
        lines: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            if len(lines) == MAX_TITLE_LINES - 1:
                rest = flat[start:]
                lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                break
            lines.append(flat[start : start + line.textLength()].rstrip())
        layout.endLayout()
        return lines or [""]

    def _title_height(self, font: QFont, text: str, width: int) -> int:
        return len(self._title_lines(font, text, width)) * QFontMetrics(font).lineSpacing()

    def _has_meta(
        self,
        record: ItemRecord,
        progress: tuple[int, int] | None,
        marks: tuple[bool, bool] = NO_MARKS,
        spent: float = 0.0,
    ) -> bool:
        return bool(
            any(marks)
            or spent >= 60
            or record.due_date
            or record.estimate_minutes
            or (progress and progress[1])
            or record.kind is ItemKind.PAPER
            or (record.placement and record.placement.carried_over)
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        model, row = self._model(index), index.row()
        record = model.record(row)
        width = max(option.rect.width(), 160)
        if record is None:
            return QSize(width, 48)
        progress, marks = model.progress(row), model.marks(row)
        spent = model.spent(row) >= 60  # what changes the height: a meta line or not
        key = (record, progress, marks, spent, width)
        height = self._heights.get(key)
        if height is None:
            title_font, _ = self._fonts(option.font)
            inner = width - 2 * (PAD + MARGIN_X)
            height = 2 * (PAD + MARGIN_Y) + self._title_height(title_font, record.title, inner)
            if record.tags:
                height += GAP + CHIP_H
            if self._has_meta(record, progress, marks, 60.0 * spent):
                height += GAP + META_H
            if len(self._heights) > 5000:  # records change; do not grow without bound
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    # --- painting --------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model, row = self._model(index), index.row()
        record = model.record(row)
        if record is None:
            return
        t = self.tokens
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y))
        FRAME.paint(painter, card, t, option.state)
        self._paint_priority(painter, card, record.priority)

        title_font, small = self._fonts(option.font)
        inner = card.adjusted(PAD, PAD, -PAD, -PAD).toRect()
        done = record.done
        painter.setFont(title_font)
        painter.setPen(t.muted_text if done else t.text)
        title_h = self._title_height(title_font, record.title, inner.width())
        title_rect = QRect(inner.left(), inner.top(), inner.width(), title_h)
        self._paint_title(painter, title_rect, record.title, title_font, done)
        y = title_rect.bottom() + 1
        painter.setFont(small)
        if record.tags:
            y += GAP
            self._paint_chips(painter, QRect(inner.left(), y, inner.width(), CHIP_H), record.tags)
            y += CHIP_H
        progress, marks, spent = model.progress(row), model.marks(row), model.spent(row)
        if self._has_meta(record, progress, marks, spent):
            y += GAP
            meta = QRect(inner.left(), y, inner.width(), META_H)
            self._paint_meta(painter, meta, record, progress, marks, spent=spent)
        if record.estimate_minutes and spent >= 60:
            self._paint_time_bar(painter, card, spent / 60 / record.estimate_minutes)
        painter.restore()

    def _paint_time_bar(self, painter: QPainter, card: QRectF, share: float) -> None:
        """A thin bar along the card's foot: the time spent as a share of the estimate,
        amber (the due-soon token) once past it."""
        t = self.tokens
        track = QRectF(card.left() + PAD, card.bottom() - BAR_BOTTOM, card.width() - 2 * PAD, BAR_H)
        paint_frame(painter, track, BAR_H / 2, fill=t.card_border)
        done = QRectF(track.left(), track.top(), track.width() * min(share, 1.0), BAR_H)
        paint_frame(painter, done, BAR_H / 2, fill=t.due_soon if share > 1.0 else t.accent)

    def _paint_priority(self, painter: QPainter, card: QRectF, priority: Priority) -> None:
        color = self.tokens.priority.get(int(priority))
        if color is None:
            return
        strip = QRectF(card.left() + 1, card.top() + RADIUS, 3, card.height() - 2 * RADIUS)
        painter.fillRect(strip, color)

    def _paint_title(
        self, painter: QPainter, rect: QRect, text: str, font: QFont, done: bool
    ) -> None:
        painter.setFont(font)
        spacing = QFontMetrics(font).lineSpacing()
        for n, line in enumerate(self._title_lines(font, text, rect.width())):
            line_rect = QRect(rect.left(), rect.top() + n * spacing, rect.width(), spacing)
            if done:
                draw_struck_text(painter, line_rect, int(Qt.AlignmentFlag.AlignVCenter), line)
            else:
                painter.drawText(line_rect, int(Qt.AlignmentFlag.AlignVCenter), line)

    def _paint_chips(self, painter: QPainter, rect: QRect, tags: tuple[str, ...]) -> None:
        metrics = painter.fontMetrics()
        x = rect.left()
        for n, tag in enumerate(tags):
            label = f"#{tag}"
            width = metrics.horizontalAdvance(label) + 12
            rest = len(tags) - n - 1
            reserve = metrics.horizontalAdvance(f"+{rest}") + 8 if rest else 0
            if x + width + reserve > rect.right() and n > 0:
                painter.setPen(self.tokens.muted_text)
                painter.drawText(
                    QRect(x, rect.top(), rect.right() - x, rect.height()),
                    int(Qt.AlignmentFlag.AlignVCenter),
                    f"+{len(tags) - n}",
                )
                return
            chip = QRectF(x, rect.top(), min(width, rect.right() - x), rect.height())
            paint_frame(painter, chip, CHIP_RADIUS, fill=chip_color(tag, dark=self.tokens.dark))
            painter.setPen(self.tokens.chip_text)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), label)
            x += width + 4

    def meta_parts(
        self,
        record: ItemRecord,
        progress: tuple[int, int] | None,
        marks: tuple[bool, bool] = NO_MARKS,
        spent: float = 0.0,
    ) -> list[tuple[str, QColor]]:
        """The card's meta line, left to right, with the colour of each part: due date,
        the repeat mark, estimate, subtasks done, and a paper's pass against its chosen
        one. (The bell of a waiting reminder is drawn after them.)"""
        t = self.tokens
        parts: list[tuple[str, QColor]] = []
        if record.due_date:
            today = self.today()
            late = record.due_date < today and not record.done
            soon = 0 <= (record.due_date - today).days <= 1 and not record.done
            color = t.overdue if late else t.due_soon if soon else t.muted_text
            parts.append((due_text(record, today), color))
        if marks[0]:
            parts.append((REPEAT_GLYPH, t.muted_text))
        if record.estimate_minutes or spent >= 60:
            parts.append(time_part(record.estimate_minutes, spent, t))
        if progress and progress[1]:
            parts.append((f"☑ {progress[0]}/{progress[1]}", t.muted_text))
        if record.kind is ItemKind.PAPER:
            parts.append((pass_text(record), t.muted_text))
        return parts

    def _paint_meta(
        self,
        painter: QPainter,
        rect: QRect,
        record: ItemRecord,
        progress: tuple[int, int] | None,
        marks: tuple[bool, bool] = NO_MARKS,
        *,
        spent: float = 0.0,
    ) -> None:
        t = self.tokens
        x = rect.left()
        metrics = painter.fontMetrics()
        for text, color in self.meta_parts(record, progress, marks, spent):
            painter.setPen(color)
            if text == REPEAT_GLYPH:
                x += self._paint_glyph(painter, QRect(x, rect.top(), rect.width(), rect.height()))
                continue
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter), text)  # fmt: skip
            x += metrics.horizontalAdvance(text) + 12
        if marks[1] and x + BELL_W <= rect.right():
            height = metrics.ascent() * 0.8
            bell = QRectF(x, rect.center().y() - height / 2 + 1, BELL_W, height)
            paint_bell(painter, bell, t.muted_text)
        carried = record.placement.carried_over if record.placement else 0
        if carried and (record.placement is None or record.placement.column is not Column.DONE):
            label = f"↻ {carried}"
            width = metrics.horizontalAdvance(label) + 10
            badge = QRectF(rect.right() - width, rect.top(), width, rect.height())
            paint_frame(painter, badge, rect.height() / 2, fill=t.due_soon_bg)
            painter.setPen(t.due_soon)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), label)

    @staticmethod
    def _paint_glyph(painter: QPainter, rect: QRect) -> int:
        """The repeat mark, larger than the small text beside it (its arrows are drawn
        small in the fonts that have it); the width it took."""
        painter.save()
        font = QFont(painter.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), REPEAT_GLYPH)
        width = QFontMetrics(font).horizontalAdvance(REPEAT_GLYPH) + 10
        painter.restore()
        return width


def time_part(estimate: int | None, spent: float, tokens: Tokens) -> tuple[str, QColor]:
    """ "◷ 1h20m / 2h": time spent against the estimate, amber past it; "◷ 2h" before any
    time is spent, "◷ 1h20m spent" for a card with no estimate."""
    if spent < 60:
        return f"◷ {estimate_text(estimate or 0)}", tokens.muted_text
    if not estimate:
        return f"◷ {seconds_text(spent)} spent", tokens.muted_text
    over = spent > estimate * 60
    text = f"◷ {seconds_text(spent)} / {estimate_text(estimate)}"
    return text, tokens.due_soon if over else tokens.muted_text


def paint_bell(painter: QPainter, box: QRectF, color: QColor) -> None:
    """A small bell filling `box`: the mark of an item with a reminder waiting."""
    w, h = box.width(), box.height()
    left, top = box.left(), box.top()
    rim = top + h * 0.78
    body = QPainterPath()
    body.moveTo(left, rim)
    body.cubicTo(left + w * 0.18, rim - h * 0.12, left + w * 0.12, top, left + w / 2, top)
    body.cubicTo(left + w * 0.88, top, left + w * 0.82, rim - h * 0.12, left + w, rim)
    body.closeSubpath()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(body)
    clapper = w * 0.16
    painter.drawEllipse(QRectF(left + w / 2 - clapper, rim, 2 * clapper, h - (rim - top)))
    painter.restore()
