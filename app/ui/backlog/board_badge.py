"""The badge at the end of a backlog title that says the item is on a board week:
"this week", "next week", "last week", "wk 49", or the full week in another year.
This week's badge takes the accent; other weeks are outlined in the quiet colour. The
tool tip names the week and the column."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from app.domain.entities import Placement
from app.domain.errors import InvalidInput
from app.domain.weeks import Week
from app.ui.card_frame import paint_frame
from app.ui.theme import Tokens

BADGE_H = 18
BADGE_PAD = 7  # text inset inside the badge
BADGE_GAP = 8  # between the title and the badge
BADGE_SCALE = 0.85  # badge text, relative to the view's font
MIN_TITLE = 60  # a title narrower than this keeps the room: no badge
TINT_ALPHA = {False: 34, True: 64}  # this week's fill: the accent over the row (light, dark)


class Badge(NamedTuple):
    text: str
    current: bool  # on this week's board
    tip: str


def week_words(week: Week, this_week: Week) -> str:
    """How the badge names `week`, seen from `this_week`."""
    near = {0: "this week", 1: "next week", -1: "last week"}
    for shift, words in near.items():
        if week == this_week.shifted(shift):
            return words
    return f"wk {week.number}" if week.year == this_week.year else str(week)


@lru_cache(maxsize=256)
def board_badge(placement: Placement | None, this_week: Week) -> Badge | None:
    """The badge for an item placed by `placement`; None when it is on no board."""
    if placement is None:
        return None
    try:
        week = Week.parse(placement.week)
    except InvalidInput:
        return None
    words = week_words(week, this_week)
    when = f"{words} ({week})" if words != str(week) else str(week)
    return Badge(words, week == this_week, f"On the board: {when}, in {placement.column.label}.")


def badge_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * BADGE_SCALE)
    return small


def badge_colors(tokens: Tokens, current: bool, selected: QColor | None) -> tuple[QColor, QColor]:
    """(outline and tint, text). This week's badge is outlined and tinted with the
    accent, its words at full strength (accent words on the tint would not read well
    enough); other weeks are quiet. On a selected row the words take the selection's
    text colour, made to read on the band."""
    edge = tokens.accent if current else (selected or tokens.muted_text)
    if selected is not None:
        return edge, selected
    return edge, tokens.text if current else tokens.muted_text


def paint_badge(
    painter: QPainter,
    title: QRect,
    badge: Badge,
    tokens: Tokens,
    selected: QColor | None = None,
) -> QRect:
    """Paint `badge` at the right end of the `title` rectangle; returns what is left of
    it for the title text (all of it when too narrow for both)."""
    painter.save()
    painter.setFont(badge_font(painter.font()))
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(badge.text) + 2 * BADGE_PAD
    if title.width() - width - BADGE_GAP < MIN_TITLE:
        painter.restore()
        return title
    top = title.center().y() - BADGE_H / 2 + 1
    rect = QRectF(title.right() - width, top, width, BADGE_H)
    edge, text = badge_colors(tokens, badge.current, selected)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if badge.current:
        fill = QColor(edge)
        fill.setAlpha(TINT_ALPHA[tokens.dark])
        paint_frame(painter, rect, BADGE_H / 2, fill=fill, border=QPen(edge, 1))
    else:
        paint_frame(painter, rect.adjusted(0.5, 0.5, -0.5, -0.5), BADGE_H / 2, border=QPen(edge, 1))
    painter.setPen(text)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), badge.text)
    painter.restore()
    return title.adjusted(0, 0, -(width + BADGE_GAP), 0)
