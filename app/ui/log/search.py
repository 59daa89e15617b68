"""Search results of the log: a list model over `LogHit`s and a delegate that paints a
hit as its day (and heading) over the matching line with the words highlighted.

Python code reads hits through `SearchModel.hit(row)`, never `index.data(role)` (see
app/ui/board/model.py). The delegate lays each snippet out with one `QTextLayout`, its
highlights as format ranges, eliding to two lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.services.log_search import LogHit
from app.ui.card_frame import CardFrame, paint_frame
from app.ui.log.render import status_colours
from app.ui.log.wording import STATUS_LABELS, range_text
from app.ui.theme import Tokens
from app.ui.wording import short_day

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y = 10, 7
SNIPPET_LINES = 2
FRAME = CardFrame(6, border=False)  # a hit is a plain row, tinted when selected or hovered


def hit_day_text(hit: LogHit) -> str:
    if hit.end_day is not None:
        return range_text(hit.day, hit.end_day)
    return short_day(hit.day, year=True)


def match_ranges(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """(start, length) of every case-insensitive occurrence of the terms in `text`,
    merged where they overlap."""
    folded = text.casefold()
    spans: list[tuple[int, int]] = []
    # casefold() can change lengths (ß → ss); only then fall back to lower().
    if len(folded) != len(text):
        folded = text.lower()
    for term in terms:
        needle = term.casefold() if len(term.casefold()) == len(term) else term.lower()
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [(start, end - start) for start, end in merged]


class SearchModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[LogHit] = []
        self.terms: list[str] = []

    def set_hits(self, hits: Sequence[LogHit], terms: Sequence[str]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.terms = list(terms)
        self.endResetModel()

    @property
    def hits(self) -> list[LogHit]:
        return list(self._hits)

    def hit(self, row: int) -> LogHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        head = hit_day_text(hit)
        if hit.heading:
            head += f" · {hit.heading}"
        return f"{head}: {hit.snippet}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SearchDelegate(QStyledItemDelegate):
    def __init__(self, tokens: Tokens, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tokens = tokens

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.92)
        return bold, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold, small = self._fonts(option.font)
        height = QFontMetrics(bold).height() + SNIPPET_LINES * QFontMetrics(small).lineSpacing()
        return QSize(max(option.rect.width(), 200), height + 2 * PAD_Y + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        assert isinstance(model, SearchModel)
        hit = model.hit(index.row())
        if hit is None:
            return
        t = self.tokens
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect.adjusted(2, 2, -2, -2))
        FRAME.paint(painter, card, t, option.state)
        bold, small = self._fonts(option.font)
        inner = card.adjusted(PAD_X - 2, PAD_Y - 2, -(PAD_X - 2), -(PAD_Y - 2))
        metrics = QFontMetrics(bold)

        # The day (and the status chip of the line, if any) on the first line.
        x = inner.left()
        chip_w = 0.0
        if hit.status is not None:
            label = STATUS_LABELS[hit.status]
            chip_font = QFont(small)
            chip_font.setWeight(QFont.Weight.DemiBold)
            chip_metrics = QFontMetrics(chip_font)
            chip_w = chip_metrics.horizontalAdvance(label) + 10
            background, ink = status_colours(t)[hit.status]
            chip = QRectF(inner.right() - chip_w, inner.top() + 1, chip_w, metrics.height() - 2)
            paint_frame(painter, chip, 4, fill=background)
            painter.setFont(chip_font)
            painter.setPen(QPen(ink))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.setFont(bold)
        painter.setPen(t.text)
        head = hit_day_text(hit)
        painter.drawText(QPointF(x, inner.top() + metrics.ascent()), head)
        if hit.heading:
            head_w = metrics.horizontalAdvance(head + "  ")
            room = inner.width() - head_w - chip_w - 6
            painter.setFont(small)
            painter.setPen(t.muted_text)
            heading = QFontMetrics(small).elidedText(
                hit.heading, Qt.TextElideMode.ElideRight, max(int(room), 0)
            )
            painter.drawText(QPointF(x + head_w, inner.top() + metrics.ascent()), heading)

        # The matching line, words highlighted, up to two lines.
        top = inner.top() + metrics.height() + 2
        area = QRectF(inner.left(), top, inner.width(), inner.bottom() - top)
        self._paint_snippet(painter, hit.snippet, model.terms, small, area)
        painter.restore()

    def _paint_snippet(
        self,
        painter: QPainter,
        text: str,
        terms: Sequence[str],
        font: QFont,
        area: QRectF,
    ) -> None:
        width = area.width()
        layout, _, cut = self._layout(text, terms, font, width)
        if cut is not None:
            # More than fits: the last line shown ends in an ellipsis.
            metrics = QFontMetrics(font)
            rest = metrics.elidedText(text[cut:], Qt.TextElideMode.ElideRight, int(width))
            layout, _, _ = self._layout(text[:cut] + rest, terms, font, width)
        painter.setPen(self.tokens.muted_text if not self.tokens.dark else self.tokens.text)
        layout.draw(painter, area.topLeft())

    def _layout(
        self, text: str, terms: Sequence[str], font: QFont, width: float
    ) -> tuple[QTextLayout, int, int | None]:
        """The laid-out text (at most two lines), how many lines, and where the last
        line starts when the text does not fit (else None)."""
        t = self.tokens
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        ranges = []
        for start, length in match_ranges(text, terms):
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(t.chips[3]))
            fmt.setForeground(t.chip_text)
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = start, length, fmt
            ranges.append(span)
        layout.setFormats(ranges)
        spacing = QFontMetrics(font).lineSpacing()
        layout.beginLayout()
        shown, last_start, end = 0, 0, 0
        while shown < SNIPPET_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, shown * spacing))
            last_start, end = line.textStart(), line.textStart() + line.textLength()
            shown += 1
        layout.endLayout()
        return layout, shown, (last_start if end < len(text) else None)
