"""The weekly board: a header with the week and its navigation, and three columns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.timebox import seconds_text, span_text
from app.domain.weeks import Week
from app.services import card_time
from app.ui.board.delegate import CardDelegate
from app.ui.board.model import ColumnModel
from app.ui.board.week_load import WeekLoadLabel, restyle, work_day
from app.ui.capture.quick_add import QuickAdd
from app.ui.dnd import MIME_ITEM_IDS
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import Tokens

if TYPE_CHECKING:
    from app.domain.capture import Capture

COLUMNS = (Column.TODO, Column.ACTIVE, Column.DONE)

# Shown in an empty column: together they teach the board's three moves (capture and
# plan, start, finish). `{name}` stands for the keys bound now to HINT_KEYS[name].
EMPTY_HINTS = {
    Column.TODO: (
        "Nothing planned for this week.\n\n"
        "Type a task with + Add below ({new}),\n"
        "or drag items here from the Backlog ({backlog})."
    ),
    Column.ACTIVE: ("Started something?\n\nDrag its card here,\nor select it and press {start}."),
    Column.DONE: (
        "Finished cards land here.\n\nDrag a card in when it is done;\n{undo} undoes any move."
    ),
}

HINT_KEYS = {"new": "file.new", "backlog": "view.backlog", "start": "board.move_right",
             "undo": "edit.undo"}  # fmt: skip
KeysFor = Callable[[str], str]  # action id -> the keys that run it, as shown to the user


class ColumnView(QListView):
    """A column's cards; accepts card and backlog-item drops anywhere in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, not by Qt: the first widget Qt made that Python meets
        # makes PySide set up every widget class to learn its type, ~15 ms that would
        # otherwise fall before the window's first frame. Set first, because the view
        # passes drop, mouse-tracking and other settings on to its viewport.
        viewport = QWidget()
        viewport.setAutoFillBackground(False)
        self.setViewport(viewport)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Lay out the cards in view first and the rest when idle: measuring a wrapped
        # title is the costly part, and most of a long column is off screen at first.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(12)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hint = ""  # painted while the column is empty

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.hint and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(16, 24, -16, -16)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.hint)

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return event.mimeData().hasFormat(MIME_ITEM_IDS)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        if self._accepts(event):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()

    def selected_ids(self) -> list[int]:
        model = self.model()
        assert isinstance(model, ColumnModel)
        ids = model.ids
        return [
            ids[i.row()]
            for i in sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())
        ]

    def select_ids(self, ids: list[int]) -> None:
        model = self.model()
        assert isinstance(model, ColumnModel)
        selection = self.selectionModel()
        selection.clearSelection()
        rows = [row for row in map(model.row_of, ids) if row >= 0]
        for row in rows:
            selection.select(model.index(row), QItemSelectionModel.SelectionFlag.Select)
        if rows:
            # NoUpdate: the view's own setCurrentIndex() derives its selection command from
            # the modifier keys held right now, and with Ctrl down it would deselect.
            current = model.index(rows[-1])
            selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(current)


class ColumnPanel(QFrame):
    """A column: its title and count, its cards, and "+ Add" at its foot, which opens a
    quick-add line (the capture grammar) that puts new cards straight into the column."""

    def __init__(
        self, model: ColumnModel, delegate: CardDelegate, ops: Operations, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BoardColumn")
        self.model = model
        self.title = QLabel(model.column.label)
        self.title.setObjectName("BoardColumnTitle")
        self.count = QLabel()
        self.count.setObjectName("BoardColumnCount")
        self.time = QLabel()
        self.time.setObjectName("BoardColumnTime")
        header = QHBoxLayout()
        header.setContentsMargins(10, 8, 10, 4)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.time)
        header.addSpacing(8)
        header.addWidget(self.count)
        self.view = ColumnView(self)
        self.view.setModel(model)
        self.view.setItemDelegate(delegate)
        self.view.setAccessibleName(f"{model.column.label} column")
        self.add_button = QPushButton(f"+ Add to {model.column.label}")
        self.add_button.setObjectName("ColumnAdd")
        self.add_button.setFlat(True)
        self.add_button.setToolTip(f"Type a new card into {model.column.label}")
        self.add_button.clicked.connect(self.start_adding)
        self.adder = QuickAdd(
            ops.clock,
            self,
            placeholder=f"Add to {model.column.label}: title #tag ~1h due fri",
            save=self._add,
        )
        self.adder.setObjectName("ColumnQuickAdd")
        self.adder.cancelled.connect(self.stop_adding)
        self.adder.left_empty.connect(lambda: self.stop_adding(refocus=False))
        self.adder.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.adder)
        layout.addWidget(self.add_button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def start_adding(self) -> None:
        self.add_button.hide()
        self.adder.show()
        self.adder.edit.setFocus()

    def stop_adding(self, *, refocus: bool = True) -> None:
        self.adder.hide()
        self.add_button.show()
        if refocus:
            self.view.setFocus()

    def _add(self, capture: Capture) -> bool:
        # The line stays open for the next card, as in a checklist.
        item_id = self.model.add_new(capture.to_draft())
        if item_id is None:
            return False  # refused: the window said why; the line keeps the text
        self.view.select_ids([item_id])
        return True

    def show_time(self, tokens: Tokens) -> None:
        """ "◷ 1h20m / 6h": the time spent on the column's cards against their estimates."""
        time = self.model.time
        spent, estimate = time.spent_seconds, time.estimate_minutes
        self.time.setVisible(bool(estimate or spent >= 60))
        self.time.setText(f"◷ {seconds_text(spent)} / {span_text(estimate)}")
        over = spent > estimate * 60
        restyle(self.time, f"color: {(tokens.due_soon if over else tokens.muted_text).name()};")
        self.time.setToolTip(
            f"Time spent on these cards: {seconds_text(spent)}, of {span_text(estimate)} estimated"
        )

    def show_count(self, limit: int | None, tokens: Tokens) -> None:
        count = self.model.rowCount()
        if limit is None:
            self.count.setText(str(count))
            self.count.setStyleSheet("")
            self.count.setToolTip("")
            return
        over = count > limit
        self.count.setText(f"{count}/{limit}")
        color = tokens.wip_exceeded.name() if over else tokens.muted_text.name()
        weight = "600" if over else "400"
        self.count.setStyleSheet(f"color: {color}; font-weight: {weight};")
        self.count.setToolTip(
            f"{count} active cards, over the limit of {limit}: finish something first."
            if over
            else f"Work-in-progress limit: {limit}"
        )
        self.setProperty("overLimit", over)


class BoardPage(QWidget):
    week_changed = Signal(object)  # Week
    open_item = Signal(int)
    status = Signal(str)  # a sentence for the window's status bar

    def __init__(
        self,
        ops: Operations,
        rows: RowCache,
        tokens: Tokens,
        *,
        week_start: int = 0,
        wip_limit: int | None = 3,
        keys_for: KeysFor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BoardPage")
        self.keys_for = keys_for
        self._ops = ops
        self._rows = rows
        self.tokens = tokens
        self.week_start = week_start
        self.wip_limit = wip_limit
        self.week = Week.containing(date.today(), week_start)
        self.work_day = work_day(ops.store)
        self.delegate = CardDelegate(tokens, self)
        self.models = {c: ColumnModel(ops, rows, c, self.week, self) for c in COLUMNS}
        self.panels = {c: ColumnPanel(self.models[c], self.delegate, ops, self) for c in COLUMNS}
        self._over_limit = self._active_over_limit()
        self._build_header()
        columns = QHBoxLayout()
        columns.setSpacing(10)
        for column in COLUMNS:
            columns.addWidget(self.panels[column], 1)
            view = self.panels[column].view
            view.selectionModel().selectionChanged.connect(
                lambda *_, c=column: self._single_column_selection(c)
            )
            view.doubleClicked.connect(lambda index, c=column: self._open(c, index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 14)
        layout.setSpacing(8)
        layout.addLayout(self.header)
        layout.addLayout(columns, 1)
        self.refresh_header()
        self.refresh_hints()

    # --- header ----------------------------------------------------------------

    def _build_header(self) -> None:
        self.week_label = QLabel()
        self.week_label.setObjectName("WeekTitle")
        self.range_label = QLabel()
        self.range_label.setObjectName("WeekRange")
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Previous week")
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Next week")
        self.today_button = QPushButton("This week")
        self.pick_button = QPushButton("Go to…")
        self.prev_button.clicked.connect(lambda: self.shift_week(-1))
        self.next_button.clicked.connect(lambda: self.shift_week(1))
        self.today_button.clicked.connect(self.go_to_this_week)
        self.pick_button.clicked.connect(self.pick_week)
        self.header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.week_label)
        titles.addWidget(self.range_label)
        self.load_label = WeekLoadLabel()
        titles.addWidget(self.load_label)
        self.header.addLayout(titles)
        self.header.addStretch(1)
        for widget in (self.prev_button, self.today_button, self.next_button, self.pick_button):
            self.header.addWidget(widget)

    def refresh_header(self) -> None:
        first, last = self.week.first_day(self.week_start), self.week.last_day(self.week_start)
        this_week = Week.containing(date.today(), self.week_start)
        name = "This week" if self.week == this_week else f"Week {self.week.number}"
        self.week_label.setText(f"{name} · {self.week.year}-W{self.week.number:02d}")
        same_month = first.month == last.month
        span = f"{first:%d} – {last:%d %B %Y}" if same_month else f"{first:%d %b} – {last:%d %b %Y}"
        self.range_label.setText(span.lstrip("0"))
        self.today_button.setEnabled(self.week != this_week)
        for column, panel in self.panels.items():
            limit = self.wip_limit if column is Column.ACTIVE else None
            panel.show_count(limit, self.tokens)
            panel.show_time(self.tokens)
        self.show_load()

    def show_load(self) -> None:
        first, last = self.week.first_day(self.week_start), self.week.last_day(self.week_start)
        self.load = card_time.week_load(
            self._ops.store.raw,
            [self.models[c].time for c in COLUMNS],
            first,
            last,
            today=date.today(),
            work_day=self.work_day,
        )
        self.load_label.show_load(self.load, self.tokens)

    def refresh_hints(self) -> None:
        """The empty columns' hints, naming the keys bound now."""
        keys = self.keys_for or (lambda _action: "")
        names = {name: keys(action) or "from the menu" for name, action in HINT_KEYS.items()}
        for column, panel in self.panels.items():
            panel.view.hint = EMPTY_HINTS[column].format_map(names)
            panel.view.viewport().update()

    def start_adding(self, column: Column = Column.TODO) -> None:
        """Open the quick-add line at the foot of `column`."""
        self.panels[column].start_adding()

    def _active_over_limit(self) -> bool:
        return self.wip_limit is not None and self.models[Column.ACTIVE].rowCount() > self.wip_limit

    def _say_when_over_limit(self) -> None:
        # The counter turns orange each time; the status bar says it once, when the
        # column goes over, not on every change while it stays over.
        over = self._active_over_limit()
        if over and not self._over_limit:
            active = self.models[Column.ACTIVE].rowCount()
            self.status.emit(
                f"Active holds {active} cards, over your limit of {self.wip_limit}: "
                "finish one before starting another."
            )
        self._over_limit = over

    # --- navigation ------------------------------------------------------------

    def set_week(self, week: Week) -> None:
        if week == self.week:
            return
        self.week = week
        for model in self.models.values():
            model.set_week(week)
        self.refresh_header()
        self._over_limit = self._active_over_limit()  # another week: nothing went over
        self.week_changed.emit(week)

    def shift_week(self, weeks: int) -> None:
        self.set_week(self.week.shifted(weeks))

    def go_to_this_week(self) -> None:
        self.set_week(Week.containing(date.today(), self.week_start))

    def pick_week(self) -> None:
        from app.ui.board.week_picker import WeekPicker  # a dialog: not for the first frame

        picker = WeekPicker(self.week.first_day(self.week_start), self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.set_week(Week.containing(picker.chosen(), self.week_start))

    # --- changes ---------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        selected = self.selected_ids()
        if changes.settings or changes.everything:
            self.work_day = work_day(self._ops.store)
        for model in self.models.values():
            model.apply(changes)
        self.refresh_header()
        self._say_when_over_limit()
        if selected:
            self.select(selected)

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.delegate.set_tokens(tokens)
        self.refresh_header()
        for panel in self.panels.values():
            panel.view.viewport().update()

    def _open(self, column: Column, row: int) -> None:
        ids = self.models[column].ids
        if 0 <= row < len(ids):
            self.open_item.emit(ids[row])

    # --- selection and keyboard moves -------------------------------------------

    def _single_column_selection(self, column: Column) -> None:
        # A selection spans one column at a time, so keyboard moves are unambiguous.
        if not self.panels[column].view.selectionModel().hasSelection():
            return
        for other, panel in self.panels.items():
            if other is not column and panel.view.selectionModel().hasSelection():
                panel.view.selectionModel().clearSelection()

    def focused_column(self) -> Column | None:
        for column, panel in self.panels.items():
            if panel.view.selectionModel().hasSelection():
                return column
        return None

    def selected_ids(self) -> list[int]:
        column = self.focused_column()
        return [] if column is None else self.panels[column].view.selected_ids()

    def select(self, ids: list[int]) -> None:
        for panel in self.panels.values():
            if any(panel.model.row_of(i) >= 0 for i in ids):
                panel.view.select_ids(ids)
                panel.view.setFocus()
                return

    def move_selection_sideways(self, step: int) -> None:
        """Ctrl+Left / Ctrl+Right: the selected cards to the neighbouring column."""
        column = self.focused_column()
        ids = self.selected_ids()
        if column is None or not ids:
            return
        index = COLUMNS.index(column) + step
        if 0 <= index < len(COLUMNS) and self.models[COLUMNS[index]].move_here(ids, -1):
            self.select(ids)

    def move_selection_vertically(self, step: int) -> None:
        """Ctrl+Up / Ctrl+Down: reorder the selected cards within their column."""
        column = self.focused_column()
        ids = self.selected_ids()
        if column is None or not ids:
            return
        model = self.models[column]
        rows = [model.row_of(i) for i in ids]
        if step < 0:
            target = max(min(rows) - 1, 0)
        else:
            target = max(rows) + 2  # above the card after the next one
            target = -1 if target >= model.rowCount() else target
        if model.move_here(ids, target):
            self.select(ids)

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)
