"""Past reviews, and a chart of what was achieved against the target per goal category
across the reviewed units."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.services.unit_records import UnitRecord, list_units
from app.services.unit_review import Achievement, achievement_history, review_decisions
from app.store.db import Store
from app.ui.screen_fit import fit_to_screen
from app.ui.theme import Tokens
from app.ui.units.wording import (
    DECISION_LABELS,
    amount,
    by_hand_text,
    goal_range,
    rating_text,
    span_text,
)

CAP = 1.5  # bars stop at 150% of the target; the label says the real figure


class AchievementChart(QWidget):
    """Grouped bars: for each reviewed unit, one bar per category, its height what was
    achieved as a share of the target; a line marks 100%."""

    def __init__(self, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens = tokens
        self._rows: list[Achievement] = []
        self._bars: list[tuple[QRectF, Achievement]] = []
        self.setMouseTracking(True)
        self.setAccessibleName("Achievement per category across units")
        self.setMinimumHeight(240)

    def set_history(self, rows: Sequence[Achievement]) -> None:
        self._rows = list(rows)
        self.setAccessibleDescription(
            "; ".join(
                f"Unit {r.number} {r.category}: {r.achieved}{by_hand_text(r.by_hand)} of {r.target}"
                for r in self._rows
            )
        )
        self.update()

    @property
    def rows(self) -> list[Achievement]:
        return list(self._rows)

    def categories(self) -> list[tuple[str, str]]:
        """(name, colour) of every category in the history, in first-seen order."""
        seen: dict[str, str] = {}
        for row in self._rows:
            seen.setdefault(row.category, row.color)
        return list(seen.items())

    def units(self) -> list[int]:
        return sorted({row.number for row in self._rows})

    def sizeHint(self) -> QSize:
        return QSize(max(420, 60 * len(self.units()) + 120), 300)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        t = self.tokens
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.86)
        self._bars = []
        if not self._rows:
            painter.setPen(t.muted_text)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter),
                             "No unit has been reviewed yet.")  # fmt: skip
            painter.end()
            return

        top = self._paint_legend(painter, metrics) + 12
        axis_w = metrics.horizontalAdvance("150%") + 8
        plot = QRectF(axis_w + 8, top, self.width() - axis_w - 16, self.height() - top - line - 12)
        if plot.height() < 40 or plot.width() < 40:
            painter.end()
            return

        def y_of(share: float) -> float:
            return plot.bottom() - plot.height() * min(share, CAP) / CAP

        painter.setFont(small)
        for share in (0.0, 0.5, 1.0, 1.5):
            level = y_of(share)
            pen = QPen(t.text if share == 1.0 else t.card_border, 1,
                       Qt.PenStyle.DashLine if share == 1.0 else Qt.PenStyle.SolidLine)  # fmt: skip
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
            painter.setPen(t.muted_text)
            painter.drawText(QRectF(0, level - line / 2, axis_w, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             f"{share:.0%}")  # fmt: skip

        units = self.units()
        names = [name for name, _ in self.categories()]
        group = plot.width() / len(units)
        bar_w = max(min((group - 12) / max(len(names), 1), 28), 3)
        for n, number in enumerate(units):
            rows = [r for r in self._rows if r.number == number]
            left = plot.left() + n * group + (group - bar_w * len(names)) / 2
            for row in rows:
                slot = names.index(row.category)
                bar = QRectF(left + slot * bar_w + 1, y_of(row.ratio), bar_w - 2,
                             plot.bottom() - y_of(row.ratio))  # fmt: skip
                shape = QPainterPath()
                shape.addRoundedRect(bar, 2, 2)
                painter.fillPath(shape, QColor(row.color))
                self._bars.append((bar, row))
                label = f"{row.achieved}/{row.target}"
                if QFontMetrics(small).horizontalAdvance(label) <= bar_w:
                    painter.setPen(t.text)
                    painter.drawText(QRectF(bar.left() - 1, bar.top() - line, bar_w, line),
                                     int(Qt.AlignmentFlag.AlignCenter), label)  # fmt: skip
            painter.setPen(t.muted_text)
            painter.drawText(QRectF(plot.left() + n * group, plot.bottom() + 4, group, line),
                             int(Qt.AlignmentFlag.AlignCenter), f"Unit {number}")  # fmt: skip
        painter.end()

    def _paint_legend(self, painter: QPainter, metrics: QFontMetrics) -> int:
        """The categories and their colours on top, wrapping as needed; returns where
        the legend ends."""
        line = metrics.height()
        x, y = 8, 6
        for name, color in self.categories():
            width = 14 + metrics.horizontalAdvance(name) + 18
            if x + width > self.width() - 8 and x > 8:
                x, y = 8, y + line + 4
            painter.fillRect(QRectF(x, y + (line - 10) / 2, 10, 10), QColor(color))
            painter.setPen(self.tokens.text)
            painter.drawText(
                QRect(x + 14, y, width, line), int(Qt.AlignmentFlag.AlignVCenter), name
            )
            x += width
        return y + line

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            for bar, row in self._bars:
                if bar.adjusted(-1, -4, 1, 0).contains(QPointF(event.pos())):
                    stretch = f" (stretch {row.stretch})" if row.stretch is not None else ""
                    QToolTip.showText(
                        event.globalPos(),
                        f"Unit {row.number} · {row.category}: {row.achieved}"
                        f"{by_hand_text(row.by_hand)} of {row.target}{stretch} · {row.ratio:.0%}",
                        self,
                    )
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


def review_html(store: Store, unit: UnitRecord) -> str:
    """A reviewed unit as the history shows it: dates, rating, reflection, each goal's
    target and achieved count, and what was decided for unfinished items."""
    esc = html.escape
    parts = [
        f"<h2>{esc(unit.title)}</h2>",
        f"<p>{esc(span_text(unit))} · {unit.days} days · {esc(rating_text(unit.rating))}</p>",
    ]
    if unit.reflection:
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in unit.reflection.split("\n") if p.strip())
        parts.append(f"<h3>Reflection</h3>{paragraphs}")
    if unit.goals:
        rows = "".join(
            f"<tr><td><span style='color:{esc(g.color)}'>■</span> {esc(g.category)}</td>"
            f"<td>{esc(g.description)}</td><td align='right'>"
            f"{amount(g, g.achieved_at_review) if g.achieved_at_review is not None else '–'}"
            f"{by_hand_text(g.adjustment, g)} / {goal_range(g)}</td></tr>"
            for g in unit.goals
        )
        parts.append(
            "<h3>Goals</h3><table cellpadding='4'><tr><th align='left'>Category</th>"
            f"<th align='left'>Goal</th><th align='right'>Achieved / target</th></tr>{rows}</table>"
        )
    decided = review_decisions(store, unit.id)
    if decided:
        items = "".join(
            f"<li>{esc(DECISION_LABELS[d.decision])}: {esc(d.item.title)}"
            f"{' (in the trash)' if d.item.deleted_at is not None else ''}</li>"
            for d in decided
        )
        parts.append(f"<h3>Unfinished items</h3><ul>{items}</ul>")
    return "".join(parts)


class HistoryDialog(QDialog):
    def __init__(self, store: Store, *, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Past reviews")
        self._store = store
        self.reviewed = [u for u in reversed(list_units(store)) if u.closed]
        self.list = QListWidget()
        self.list.setAccessibleName("Reviewed units")
        for unit in self.reviewed:
            item = QListWidgetItem(f"{unit.title}\n{rating_text(unit.rating)}")
            item.setToolTip(span_text(unit))
            self.list.addItem(item)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.list.currentRowChanged.connect(self._show)
        reviews = QSplitter(Qt.Orientation.Horizontal)
        reviews.addWidget(self.list)
        reviews.addWidget(self.details)
        reviews.setStretchFactor(0, 1)
        reviews.setStretchFactor(1, 3)
        self.chart = AchievementChart(tokens)
        self.chart.set_history(achievement_history(store))
        self.tabs = QTabWidget()
        self.tabs.addTab(reviews, "&Reviews")
        self.tabs.addTab(self.chart, "&Achievement by category")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        box.addLayout(row)
        if self.reviewed:
            self.list.setCurrentRow(0)
        else:
            self.details.setPlainText(
                "No unit has been reviewed yet. A unit's review is asked for when it ends; "
                "Review unit… opens it any time."
            )
        fit_to_screen(self, 900, 560)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.reviewed):
            self.details.setHtml(review_html(self._store, self.reviewed[row]))
