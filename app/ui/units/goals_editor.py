"""A unit's goals as an editable table: category, description, target, stretch, and (for
a unit being edited) the manual adjustment and the linked items.

The editor holds drafts and writes nothing; the unit dialog and the review dialog turn
the drafts into service calls in one undoable operation. A unit has a handful of goals,
so a table view over a small model with editors opened on demand is plenty.

Keys in the table: Return edits the cell (or chooses the linked items), Insert adds a
goal, Delete removes the current one, and Tab leaves the table for the buttons: Return
never reaches the dialog, so it cannot save or complete it by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.units import (
    MAX_GOAL_COUNT,
    MAX_GOAL_MINUTES,
    GoalMeasure,
    find_category,
    goal_amount_text,
)
from app.services.unit_forms import GoalDraft

Index = QModelIndex | QPersistentModelIndex

CATEGORY, DESCRIPTION, TARGET, STRETCH, ADJUSTMENT, ITEMS = range(6)
HEADERS = ("Category", "Description", "Target", "Stretch", "By hand", "Linked items")
TIPS = (
    "What kind of work the goal counts",
    "What the goal is about, in your words",
    "How many count as done",
    "How many if it goes well (empty: no stretch)",
    "Added by hand to what was counted: work the data cannot show",
    "Items that count for this goal once completed (Enter or double-click to choose)",
)


class GoalsModel(QAbstractTableModel):
    """Drafts as rows; `columns` says which of the six columns show."""

    def __init__(
        self, columns: Sequence[int], item_title: Callable[[int], str], parent: object = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.columns = list(columns)
        self._item_title = item_title
        self._drafts: list[GoalDraft] = []
        self.read_only = False

    @property
    def drafts(self) -> list[GoalDraft]:
        return list(self._drafts)

    def set_drafts(self, drafts: Sequence[GoalDraft]) -> None:
        self.beginResetModel()
        self._drafts = list(drafts)
        self.endResetModel()

    def draft(self, row: int) -> GoalDraft:
        return self._drafts[row]

    def replace(self, row: int, draft: GoalDraft) -> None:
        self._drafts[row] = draft
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def append(self, draft: GoalDraft) -> int:
        row = len(self._drafts)
        self.beginInsertRows(QModelIndex(), row, row)
        self._drafts.append(draft)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._drafts[row]
        self.endRemoveRows()

    def field(self, index: Index) -> int:
        return self.columns[index.column()]

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._drafts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[self.columns[section]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS[self.columns[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._drafts):
            return None
        draft, field = self._drafts[index.row()], self.field(index)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(draft, field)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(draft, field)
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == ITEMS and draft.items:
                return "\n".join(self._item_title(i) for i in draft.items)
            return TIPS[field]
        if role == Qt.ItemDataRole.TextAlignmentRole and field in (TARGET, STRETCH, ADJUSTMENT):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _edit_value(draft: GoalDraft, field: int) -> object:
        values: dict[int, object] = {
            CATEGORY: draft.category,
            DESCRIPTION: draft.description,
            TARGET: draft.target,
            STRETCH: draft.stretch or 0,
            ADJUSTMENT: draft.adjustment,
            ITEMS: len(draft.items),
        }
        return values[field]

    @staticmethod
    def _display(draft: GoalDraft, field: int) -> str:
        if field == CATEGORY:
            return draft.category
        if field == DESCRIPTION:
            return draft.description
        if field == TARGET:
            return goal_amount_text(draft.target, draft.measure)
        if field == STRETCH:
            return "—" if draft.stretch is None else goal_amount_text(draft.stretch, draft.measure)
        if field == ADJUSTMENT:
            if not draft.adjustment:
                return "—"
            sign = "+" if draft.adjustment > 0 else "−"
            return sign + goal_amount_text(abs(draft.adjustment), draft.measure)
        count = len(draft.items)
        return "none" if not count else f"{count} item{'s' * (count != 1)}"

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        draft, field = self._drafts[index.row()], self.field(index)
        if field == CATEGORY:
            draft = draft._replace(category=str(value))
        elif field == DESCRIPTION:
            draft = draft._replace(description=" ".join(str(value).split()))
        elif field == TARGET:
            draft = draft._replace(target=int(str(value)))
        elif field == STRETCH:
            stretch = int(str(value))
            draft = draft._replace(stretch=stretch or None)
        elif field == ADJUSTMENT:
            draft = draft._replace(adjustment=int(str(value)))
        else:
            return False
        self.replace(index.row(), draft)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self.field(index) != ITEMS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class GoalsDelegate(QStyledItemDelegate):
    """Editors that fit each column: a category list, bounded numbers."""

    def __init__(self, categories: Callable[[], list[str]], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._categories = categories

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        assert isinstance(model, GoalsModel)
        field = model.field(index)
        if field == CATEGORY:
            box = QComboBox(parent)
            box.addItems(self._categories())
            return box
        if field in (TARGET, STRETCH, ADJUSTMENT):
            spin = QSpinBox(parent)
            low = {TARGET: 1, STRETCH: 0, ADJUSTMENT: -MAX_GOAL_COUNT}[field]
            spin.setRange(low, MAX_GOAL_COUNT)
            if model.draft(index.row()).measure is GoalMeasure.MINUTES:
                # A goal in hours keeps minutes; edited in minutes, a quarter hour a step.
                spin.setRange(low * 60 if low < 0 else low, MAX_GOAL_MINUTES)
                spin.setSuffix(" min")
                spin.setSingleStep(15)
            if field == STRETCH:
                spin.setSpecialValueText("—")  # 0: no stretch
            return spin
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        model = index.model()
        assert isinstance(model, GoalsModel)
        draft = model.draft(index.row())
        value = GoalsModel._edit_value(draft, model.field(index))
        if isinstance(editor, QComboBox):
            found = find_category(str(value), self._categories())
            editor.setCurrentIndex(max(editor.findText(found or str(value)), 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(str(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        assert isinstance(model, GoalsModel)
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


def plain_key(event: QKeyEvent) -> bool:
    """No modifier held, apart from the keypad's own."""
    return not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class GoalsTable(QTableView):
    """The goals table's keys. Return on a cell opens its editor (on Linked items, the
    item search) and is taken here, so the dialog never sees it; Insert and Delete ask
    for a goal to be added or the current one removed. Tab moves on to the next widget
    instead of the next cell."""

    edit_items = Signal(int)  # the row whose linked items to choose
    add_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GoalsTable")
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        editing = self.state() == QAbstractItemView.State.EditingState
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain_key(event):
            # An editor being closed by this key passes it on: it must stop here too.
            if not editing:
                self._edit_current()
            event.accept()
            return
        if key in (Qt.Key.Key_Insert, Qt.Key.Key_Delete) and plain_key(event) and not editing:
            (self.add_requested if key == Qt.Key.Key_Insert else self.remove_requested).emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _edit_current(self) -> None:
        index = self.currentIndex()
        model = self.model()
        if not index.isValid() or not isinstance(model, GoalsModel) or model.read_only:
            return
        if model.field(index) == ITEMS:
            self.edit_items.emit(index.row())
        elif model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.edit(index)


class GoalsEditor(QWidget):
    """The table with Add and Remove; `items_requested(row)` asks the owner to choose
    the linked items of a row."""

    changed = Signal()
    items_requested = Signal(int)

    def __init__(
        self,
        columns: Sequence[int],
        categories: Callable[[], list[str]],
        item_title: Callable[[int], str] = str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._categories = categories
        self.model = GoalsModel(columns, item_title, self)
        self.delegate = GoalsDelegate(categories, self)
        self.table = GoalsTable(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if DESCRIPTION in columns:
            header.setSectionResizeMode(
                list(columns).index(DESCRIPTION), QHeaderView.ResizeMode.Stretch
            )
        self.table.setAccessibleName("Goals")
        self.table.activated.connect(self._activated)  # a double-click
        self.table.edit_items.connect(self.items_requested)
        self.table.add_requested.connect(self.add_goal)
        self.table.remove_requested.connect(self.remove_selected)
        self.add_button = QPushButton("&Add goal")
        self.add_button.setToolTip("Add a goal (Insert in the table)")
        self.add_hours_button = QPushButton("Add goal in &hours")
        self.add_hours_button.setToolTip(
            "Add a goal counted in hours of focus time on its category's items (coding=6h)"
        )
        self.remove_button = QPushButton("Re&move goal")
        self.remove_button.setToolTip("Remove the current goal (Delete in the table)")
        for button in (self.add_button, self.add_hours_button, self.remove_button):
            button.setAutoDefault(False)
        # `clicked` passes the button's checked state: slots that take no arguments.
        self.add_button.clicked.connect(self.add_items_goal)
        self.add_hours_button.clicked.connect(self.add_hours_goal)
        self.remove_button.clicked.connect(self.remove_selected)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.add_hours_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table, 1)
        box.addLayout(self.buttons)
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.modelReset):  # fmt: skip
            signal.connect(lambda *_: self.changed.emit())
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._enable())
        selection.currentChanged.connect(lambda *_: self._enable())
        self._enable()

    @property
    def drafts(self) -> list[GoalDraft]:
        return self.model.drafts

    def set_drafts(self, drafts: Sequence[GoalDraft]) -> None:
        self.model.set_drafts(drafts)
        self._enable()

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self._enable()

    def selected_row(self) -> int:
        """The selected row, else the current one (the table's focus frame)."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        current = self.table.currentIndex()
        return current.row() if current.isValid() else -1

    def add_goal(self, measure: GoalMeasure = GoalMeasure.ITEMS) -> None:
        """A new goal, counting items or, with `measure` minutes, time spent (an hour to
        begin with)."""
        if self.model.read_only:
            return
        categories = self._categories()
        used = {d.category for d in self.model.drafts}
        category = next(
            (c for c in categories if c not in used), categories[0] if categories else ""
        )
        target = 60 if measure is GoalMeasure.MINUTES else 1
        draft = GoalDraft(goal_id=None, category=category, target=target, measure=measure)
        row = self.model.append(draft)
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self._enable()

    def add_items_goal(self) -> None:
        self.add_goal(GoalMeasure.ITEMS)

    def add_hours_goal(self) -> None:
        self.add_goal(GoalMeasure.MINUTES)

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row >= 0 and not self.model.read_only:
            self.model.remove(row)
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._enable()

    def commit_pending(self) -> None:
        """Write an open cell editor into its draft: Ctrl+Enter saves while a number is
        still being typed, before the editor would have lost the focus."""
        focus = QApplication.focusWidget()
        viewport = self.table.viewport()
        if focus is None or not viewport.isAncestorOf(focus):
            return
        editor = focus
        parent = editor.parentWidget()
        while parent is not None and parent is not viewport:
            editor, parent = parent, parent.parentWidget()
        self.delegate.commitData.emit(editor)
        self.delegate.closeEditor.emit(editor)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.field(index) == ITEMS and not self.model.read_only:
            self.items_requested.emit(index.row())

    def _enable(self) -> None:
        writable = not self.model.read_only
        self.add_button.setEnabled(writable)
        self.add_hours_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and self.selected_row() >= 0)
