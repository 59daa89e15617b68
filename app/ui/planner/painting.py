"""Painting the timeline: the hours and their grid, blocks in their states, the line at
the current time. Colours come from the theme's tokens, so light and dark both read."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from app.domain.timebox import DAY_MINUTES, clock_text, seconds_text, span_text
from app.services.planner_reads import PlannedBlock
from app.ui.card_frame import paint_frame
from app.ui.planner.geometry import GUTTER, HOUR_PX, TimeGrid
from app.ui.theme import Tokens

RADIUS: Final = 6
PAD: Final = 6

# How a block is drawn, by what is true of it (the view asks `block_style`).
PLANNED, PAST, MISSED, SELECTED, GHOST = "planned", "past", "missed", "selected", "ghost"


def block_style(block: PlannedBlock, *, selected: bool, over: bool) -> str:
    """The state a block is drawn in: selected wins; a missed block (over, tied to an
    item, no focus time in it) is drawn apart from one merely over."""
    if selected:
        return SELECTED
    if block.missed:
        return MISSED
    return PAST if over else PLANNED


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` of the way to `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def paint_hours(
    painter: QPainter, grid: TimeGrid, exposed: QRect, tokens: Tokens, hours: tuple[int, int]
) -> None:
    """Background, the hours outside the working ones shaded, hour labels and the grid."""
    painter.save()
    painter.fillRect(exposed, tokens.window_bg)
    outside = _mix(tokens.window_bg, tokens.text, 0.05)
    day_top, day_bottom = grid.y_of(0), grid.y_of(DAY_MINUTES)
    for top, bottom in ((day_top, grid.y_of(hours[0])), (grid.y_of(hours[1]), day_bottom)):
        if bottom > top:
            painter.fillRect(QRect(GUTTER, top, grid.width - GUTTER, bottom - top), outside)
    first = max(0, int(grid.minute_at(exposed.top())) // 15 * 15)
    last = min(DAY_MINUTES, int(grid.minute_at(exposed.bottom())) + 15)
    hour_pen = QPen(_mix(tokens.window_bg, tokens.text, 0.18), 1)
    half_pen = QPen(_mix(tokens.window_bg, tokens.text, 0.10), 1)
    quarter_pen = QPen(_mix(tokens.window_bg, tokens.text, 0.05), 1)
    painter.setFont(_small(painter.font()))
    for minute in range(first, last + 1, 15):
        y = grid.y_of(minute)
        pen = hour_pen if minute % 60 == 0 else half_pen if minute % 30 == 0 else quarter_pen
        painter.setPen(pen)
        painter.drawLine(GUTTER - (6 if minute % 60 == 0 else 0), y, grid.width, y)
        if minute % 60 == 0 and minute < DAY_MINUTES:
            painter.setPen(tokens.muted_text)
            label = QRect(0, y - 8, GUTTER - 10, 16)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(label, int(align), clock_text(minute))
    painter.restore()


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    return small


def _colours(style: str, tokens: Tokens) -> tuple[QColor, QColor, QColor]:
    """(fill, border, text) of a block in `style`."""
    tint = _mix(tokens.card_bg, tokens.accent, 0.22 if tokens.dark else 0.14)
    if style == SELECTED:
        return tint, tokens.accent, tokens.text
    if style == GHOST:
        ghost = QColor(tokens.accent)
        ghost.setAlphaF(0.28)
        return ghost, tokens.accent, tokens.text
    if style == MISSED:
        return _mix(tokens.window_bg, tokens.overdue, 0.08), tokens.overdue, tokens.muted_text
    if style == PAST:
        return _mix(tint, tokens.window_bg, 0.5), tokens.card_border, tokens.muted_text
    return tint, _mix(tokens.card_border, tokens.accent, 0.4), tokens.text


def paint_block(
    painter: QPainter,
    rect: QRect,
    block: PlannedBlock,
    style: str,
    tokens: Tokens,
    *,
    start: int | None = None,
    minutes: int | None = None,
) -> None:
    """A block: its frame, title, times and the focus time spent against the plan.
    `start`/`minutes` override the stored ones while it is dragged."""
    painter.save()  # the fonts and pens set here stay with this block
    try:
        _paint_block(painter, rect, block, style, tokens, start=start, minutes=minutes)
    finally:
        painter.restore()


def _paint_block(
    painter: QPainter,
    rect: QRect,
    block: PlannedBlock,
    style: str,
    tokens: Tokens,
    *,
    start: int | None,
    minutes: int | None,
) -> None:
    row = block.row
    start = row.start if start is None else start
    minutes = row.minutes if minutes is None else minutes
    fill, border, text = _colours(style, tokens)
    pen = QPen(border, 2 if style in (SELECTED, GHOST) else 1)
    if style == MISSED:
        pen.setStyle(Qt.PenStyle.DashLine)
    paint_frame(painter, QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, fill=fill, border=pen)
    bar = QRect(rect.left() + 1, rect.top() + 3, 3, max(rect.height() - 6, 2))
    painter.fillRect(bar, tokens.overdue if style == MISSED else tokens.accent)
    inner = (
        rect.adjusted(PAD + 3, 2, -PAD, -2)
        if rect.height() > 20
        else rect.adjusted(PAD + 3, 0, -PAD, 0)
    )
    when = f"{clock_text(start)}–{clock_text(start + minutes)} · {span_text(minutes)}"
    if block.row.item_id is not None and block.spent:
        when += f" · {seconds_text(block.spent)} spent"
    elif style == MISSED:
        when += " · missed"
    title_font = QFont(painter.font())
    title_font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(title_font)
    painter.setPen(text)
    metrics = painter.fontMetrics()
    line = metrics.height()
    title = metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, inner.width())
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if inner.height() < line * 2:  # a short block: one small line, the title then the times
        painter.setFont(_small(title_font))
        small = painter.fontMetrics().elidedText(
            f"{row.title}  {when}", Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(inner, align | int(Qt.AlignmentFlag.AlignVCenter), small)
        return
    painter.drawText(inner, align, title)
    painter.setFont(_small(title_font))
    painter.setPen(tokens.muted_text if style != MISSED else tokens.overdue)
    below = inner.adjusted(0, line, 0, 0)
    painter.drawText(
        below,
        align,
        painter.fontMetrics().elidedText(when, Qt.TextElideMode.ElideRight, inner.width()),
    )


def paint_drop_line(painter: QPainter, grid: TimeGrid, minute: int, tokens: Tokens) -> None:
    """Where a dropped card would start: a line on the grid and its time."""
    painter.save()
    y = grid.y_of(minute)
    painter.setPen(QPen(tokens.accent, 2))
    painter.drawLine(GUTTER, y, grid.width, y)
    painter.setFont(_small(painter.font()))
    painter.drawText(QRect(GUTTER + 6, y - 18, 80, 16), 0, clock_text(minute))
    painter.restore()


def now_rect(grid: TimeGrid, minute: float) -> QRect:
    """What the current-time line covers (repainted as the minute turns)."""
    y = grid.y_of(0) + round(minute * HOUR_PX / 60)
    return QRect(0, y - 5, grid.width, 11)


def paint_now(painter: QPainter, grid: TimeGrid, minute: float, tokens: Tokens) -> None:
    painter.save()
    rect = now_rect(grid, minute)
    y = rect.center().y()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(tokens.overdue, 2))
    painter.drawLine(GUTTER, y, grid.width, y)
    painter.setBrush(tokens.overdue)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(GUTTER - 4, y - 4, 8, 8)
    painter.restore()
