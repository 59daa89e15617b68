"""The cards to plan, beside the timeline: sections of item ids ("This week", "Due",
search results), each row with its estimate, what is planned this week and what has
been spent. Rows drag as cards (app/ui/dnd.py), so the timeline, the board and the
sidebar take them as they take cards from the board.

The same list, fed by the "Next 7 days" smart list, is that sidebar entry's page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.estimates import estimate_text
from app.domain.timebox import seconds_text, span_text
from app.domain.weeks import Week
from app.services.planner_reads import Candidate, candidate_facts
from app.ui.dnd import MIME_ITEM_IDS, encode_ids
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import Tokens

PLANNER = "planner"  # the drag's source (app/ui/dnd.py)
Index = QModelIndex | QPersistentModelIndex
Sections = list[tuple[str, list[int]]]
SectionSource = Callable[[datetime], Sections]
ROW_H, HEADER_H = 44, 28
SEARCH_LIMIT = 30


class CandidateModel(QAbstractListModel):
    """Section headings and items, in one list; only the items select and drag."""

    def __init__(
        self,
        ops: Operations,
        rows: RowCache,
        source: SectionSource,
        week: Callable[[], tuple[Week, int]],
        parent: object = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ops, self._rows, self._source, self._week = ops, rows, source, week
        self._entries: list[tuple[str, int]] = []  # (heading, 0) or ("", item id)
        self._facts: dict[int, Candidate] = {}
        self.search = ""
        self.reload()

    def reload(self) -> None:
        from app.store import item_rows  # search: read here, not at import

        now = self._ops.clock()
        sections = self._source(now)
        if self.search.strip():
            found = item_rows.search_ids(self._ops.store.raw, self.search, SEARCH_LIMIT)
            sections = [("Search", found), *sections]
        entries: list[tuple[str, int]] = []
        for title, ids in sections:
            if ids:
                entries.append((title, 0))
                entries.extend(("", i) for i in ids)
        ids = [i for heading, i in entries if not heading]
        week, week_start = self._week()
        self._facts = candidate_facts(self._ops.store, ids, week, week_start, now)
        self._rows.prefetch(ids)
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def apply(self, changes: Changes) -> None:
        # Any item may have become due, or been planned: the lists are a few queries.
        if changes.time or changes.board or changes.everything or changes.items:
            self.reload()

    def set_search(self, text: str) -> None:
        self.search = text
        self.reload()

    def item_id(self, row: int) -> int | None:
        if not 0 <= row < len(self._entries):
            return None
        heading, item_id = self._entries[row]
        return None if heading else item_id

    def heading(self, row: int) -> str:
        return self._entries[row][0] if 0 <= row < len(self._entries) else ""

    @property
    def ids(self) -> list[int]:
        return [i for heading, i in self._entries if not heading]

    def facts(self, item_id: int) -> Candidate:
        return self._facts.get(item_id, Candidate(item_id, 0, 0.0))

    def detail(self, item_id: int) -> str:
        """ "est 2h · planned 1h30m · spent 20m", the parts that apply."""
        record = self._rows.get(item_id, self.ids)
        facts = self.facts(item_id)
        parts = []
        if record is not None and record.estimate_minutes:
            parts.append(f"est {estimate_text(record.estimate_minutes)}")
        if facts.planned:
            parts.append(f"planned {span_text(facts.planned)}")
        if facts.spent >= 60:
            parts.append(f"spent {seconds_text(facts.spent)}")
        if record is not None and record.due_date is not None:
            parts.append(f"due {record.due_date:%d %b}".replace(" 0", " "))
        return " · ".join(parts)

    # --- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        heading, item_id = self._entries[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if heading:
            return heading
        record = self._rows.get(item_id, self.ids)
        title = record.title if record is not None else ""
        detail = self.detail(item_id)
        return f"{title}, {detail}" if role != Qt.ItemDataRole.DisplayRole and detail else title

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.item_id(index.row()) is None:
            return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_ITEM_IDS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids([i for i in map(self.item_id, rows) if i is not None], PLANNER)


class CandidateDelegate(QStyledItemDelegate):
    def __init__(self, tokens: Tokens, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.tokens = tokens

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        model = index.model()
        assert isinstance(model, CandidateModel)
        heading = model.item_id(index.row()) is None
        return QSize(option.rect.width(), HEADER_H if heading else ROW_H)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        assert isinstance(model, CandidateModel)
        rect: QRect = option.rect
        item_id = model.item_id(index.row())
        painter.save()
        base = QFont(option.font)
        if item_id is None:
            font = QFont(base)
            font.setWeight(QFont.Weight.DemiBold)
            font.setPointSizeF(base.pointSizeF() * 0.9)
            painter.setFont(font)
            painter.setPen(self.tokens.muted_text)
            bottom_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            heading = model.heading(index.row())
            painter.drawText(rect.adjusted(8, 0, -8, -4), int(bottom_left), heading)
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            painter.fillRect(rect, self.tokens.selected if selected else self.tokens.card_hover)
        bar = QRect(rect.left() + 4, rect.top() + 8, 3, rect.height() - 16)
        painter.fillRect(bar, self.tokens.accent)
        text = rect.adjusted(14, 4, -8, -4)
        painter.setFont(base)
        painter.setPen(self.tokens.text)
        title = str(model.data(index) or "")
        metrics = painter.fontMetrics()
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(text, align, metrics.elidedText(title, elide, text.width()))
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(self.tokens.muted_text)
        detail = model.detail(item_id)
        below = text.adjusted(0, metrics.height() + 1, 0, 0)
        detail = painter.fontMetrics().elidedText(detail, elide, text.width())
        painter.drawText(below, align, detail)
        painter.restore()


class CandidateList(QWidget):
    """A search box (optional) over the candidates; double-click opens an item."""

    open_item = Signal(int)

    def __init__(
        self,
        model: CandidateModel,
        tokens: Tokens,
        *,
        searchable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PlannerCandidates")
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the backlog…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the backlog to plan")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(lambda: model.set_search(self.search.text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.setVisible(searchable)
        self.view = QListView()
        self.view.setModel(model)
        self.delegate = CandidateDelegate(tokens, self)
        self.view.setItemDelegate(self.delegate)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName("Cards to plan")
        self.view.doubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)

    def _open(self, index: QModelIndex) -> None:
        item_id = self.model.item_id(index.row())
        if item_id is not None:
            self.open_item.emit(item_id)

    def set_tokens(self, tokens: Tokens) -> None:
        self.delegate.tokens = tokens
        self.view.viewport().update()

    def row_rect(self, item_id: int) -> QRect:
        """Where the item's row is, in the list's viewport (for tests)."""
        for row in range(self.model.rowCount()):
            if self.model.item_id(row) == item_id:
                return self.view.visualRect(self.model.index(row))
        return QRect()


def due_sections(store_list: Callable[[datetime], list[tuple[int, date | None]]]) -> SectionSource:
    """Sections for the "Next 7 days" page: overdue first, then each day that has items."""

    def sections(now: datetime) -> Sections:
        today = now.date()
        grouped: dict[str, list[int]] = {}
        for item_id, due in store_list(now):
            if due is None or due < today:
                title = "Overdue" if due is not None else "Planned today"
            elif due == today:
                title = "Today"
            else:
                title = f"{due:%A %d %b}".replace(" 0", " ")
            grouped.setdefault(title, []).append(item_id)
        return list(grouped.items())

    return sections
