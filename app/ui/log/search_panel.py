"""The Log view's search: the box, the status filter, the count of hits and their list.

`LogSearch` makes the widgets and runs the search (`search_log`) a moment after typing
stops or at once when the filter changes; the page lays the widgets out, around the
calendar the results replace while a search shows them. Opening a hit is the page's
to do (it shows the hit's day and marks the words).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFrame, QLabel, QLineEdit, QListView

from app.domain.journal.status import LineStatus
from app.domain.words import plural
from app.services.log_search import search_log
from app.ui.log.entry_editor import WindowKeys
from app.ui.log.search import SearchDelegate, SearchModel
from app.ui.log.wording import STATUS_CHOICES
from app.ui.ops import Operations
from app.ui.theme import Tokens

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 200
SEARCH_HINT = (
    "Search every entry, Chinese included. Pick a status to list, say, every delayed line."
)


class LogSearch(QObject):
    """The search's widgets and what they do."""

    # A search shows results (True) or the hint (False): the calendar makes room.
    results_shown = Signal(bool)
    hit_opened = Signal(object)  # the LogHit chosen; the words are `model.terms`

    def __init__(self, ops: Operations, tokens: Tokens, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self._build_box()
        self._build_results(tokens)

    def _build_box(self) -> None:
        self.edit = QLineEdit()
        self.edit.setObjectName("LogSearch")
        self.edit.setPlaceholderText("Search the log…  (Ctrl+Shift+F)")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search the log")
        self._window_keys = WindowKeys(self)  # Ctrl+E starts an entry from here too
        self.edit.installEventFilter(self._window_keys)
        self.edit.textChanged.connect(self._timer.start)
        self.edit.returnPressed.connect(self._open_first_hit)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.edit.clear)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Only lines with this status")
        for label, _ in STATUS_CHOICES:
            self.status_combo.addItem(label)
        self.status_combo.currentIndexChanged.connect(self.run)

    def _build_results(self, tokens: Tokens) -> None:
        self.results_label = QLabel(SEARCH_HINT)
        self.results_label.setObjectName("LogResultsLabel")
        self.results_label.setWordWrap(True)
        self.model = SearchModel(self)
        self.delegate = SearchDelegate(tokens, self)
        self.results = QListView()
        self.results.setObjectName("LogResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(self.delegate)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setMouseTracking(True)
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setUniformItemSizes(True)
        self.results.setAccessibleName("Search results")
        self.results.activated.connect(lambda index: self.open_hit(index.row()))
        self.results.clicked.connect(lambda index: self.open_hit(index.row()))
        self.results.setVisible(False)

    def status_filter(self) -> LineStatus | None:
        return STATUS_CHOICES[max(self.status_combo.currentIndex(), 0)][1]

    def active(self) -> bool:
        """Words are typed or a status is picked: a reload runs the search again."""
        return bool(self.edit.text().strip()) or self.status_filter() is not None

    def run(self) -> None:
        self._timer.stop()
        query = self.edit.text()
        status = self.status_filter()
        searching = bool(query.strip()) or status is not None
        self.results.setVisible(searching)
        self.results_shown.emit(searching)
        if not searching:
            self.model.set_hits([], [])
            self.results_label.setText(SEARCH_HINT)
            return
        hits = search_log(self._ops.store, query, status=status, limit=SEARCH_LIMIT)
        self.model.set_hits(hits, query.split())
        if not hits:
            self.results_label.setText("No entry matches.")
        elif len(hits) >= SEARCH_LIMIT:
            self.results_label.setText(f"The first {SEARCH_LIMIT} matches, best first.")
        else:
            self.results_label.setText(plural(len(hits), "match") + ", best first.")

    def open_hit(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.hit_opened.emit(hit)

    def _open_first_hit(self) -> None:
        self.run()
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0))
            self.open_hit(0)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def set_tokens(self, tokens: Tokens) -> None:
        self.delegate.set_tokens(tokens)
        self.results.viewport().update()
