"""The item editor's Subtasks tab: the item's children to tick off, and new ones to add.
Nothing is written here: new subtasks and ticks are saved with the rest of the edit."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.entities import ItemRecord
from app.ui.editor.common import muted, no_default


class _Subtask:
    """One row of the list: an existing child (id) or one added here (None)."""

    __slots__ = ("done", "id", "title", "was_done")

    def __init__(self, item_id: int | None, title: str, was_done: bool) -> None:
        self.id, self.title, self.was_done, self.done = item_id, title, was_done, was_done


class SubtasksTab(QWidget):
    """Rows of the list and `_subtasks` correspond one to one, in order."""

    title_changed = Signal(str)  # the tab's title, with the progress

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._subtasks: list[_Subtask] = []
        self._build()

    # --- public ------------------------------------------------------------------------

    def load(self, children: Iterable[ItemRecord]) -> None:
        self._subtasks = [_Subtask(child.id, child.title, child.done) for child in children]
        with QSignalBlocker(self.subtask_list):
            self.subtask_list.clear()
            for subtask in self._subtasks:
                self._add_row(subtask)
        self._subtasks_changed()

    def add_subtask(self, title: str) -> bool:
        """Add a subtask, created when the edit is saved."""
        title = title.strip()
        if not title:
            return False
        self._subtasks.append(_Subtask(None, title, False))
        self._add_row(self._subtasks[-1])
        self._subtasks_changed()
        return True

    def set_subtask_done(self, row: int, done: bool) -> None:
        item = self.subtask_list.item(row)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)

    def subtask_progress(self) -> tuple[int, int]:
        """(done, total), counting the ticks and the subtasks added here."""
        return sum(s.done for s in self._subtasks), len(self._subtasks)

    def child_ids(self) -> set[int]:
        """The existing children shown: a change to any of them concerns this editor."""
        return {s.id for s in self._subtasks if s.id is not None}

    def new_titles(self) -> tuple[str, ...]:
        return tuple(s.title for s in self._subtasks if s.id is None)

    def completions(self) -> tuple[tuple[int, bool], ...]:
        """(child id, done) of every existing child ticked or unticked here."""
        return tuple(
            (s.id, s.done) for s in self._subtasks if s.id is not None and s.done != s.was_done
        )

    # --- building and reacting -----------------------------------------------------------

    def _build(self) -> None:
        self.subtask_progress_label = QLabel()
        self.subtask_bar = QProgressBar()
        self.subtask_bar.setTextVisible(False)
        self.subtask_bar.setMaximumHeight(8)
        self.subtask_list = QListWidget()
        self.subtask_list.setAlternatingRowColors(True)
        self.subtask_list.itemChanged.connect(self._ticked)
        self.subtask_list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.subtask_edit = QLineEdit()
        self.subtask_edit.setPlaceholderText("Add a subtask and press Enter")
        self.subtask_edit.returnPressed.connect(self._add_from_form)
        add = no_default(QPushButton("Add"))
        add.clicked.connect(self._add_from_form)
        self.subtask_remove = no_default(QPushButton("Remove"))
        self.subtask_remove.setToolTip("Remove a subtask added here before saving it")
        self.subtask_remove.clicked.connect(self._remove_new)

        top = QHBoxLayout()
        top.addWidget(self.subtask_progress_label)
        top.addWidget(self.subtask_bar, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.subtask_edit, 1)
        bottom.addWidget(add)
        bottom.addWidget(self.subtask_remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.subtask_list, 1)
        layout.addLayout(bottom)
        layout.addWidget(muted("New subtasks and ticks are saved with the rest of the edit."))

    def _add_row(self, subtask: _Subtask) -> None:
        item = QListWidgetItem(subtask.title)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        if subtask.id is None:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip("New: created when you save")
        with QSignalBlocker(self.subtask_list):
            item.setCheckState(Qt.CheckState.Checked if subtask.done else Qt.CheckState.Unchecked)
            self.subtask_list.addItem(item)

    def _add_from_form(self) -> None:
        if self.add_subtask(self.subtask_edit.text()):
            self.subtask_edit.clear()

    def _remove_new(self) -> None:
        row = self.subtask_list.currentRow()
        if 0 <= row < len(self._subtasks) and self._subtasks[row].id is None:
            del self._subtasks[row]
            with QSignalBlocker(self.subtask_list):
                self.subtask_list.takeItem(row)
            self._subtasks_changed()

    def _ticked(self, item: QListWidgetItem) -> None:
        row = self.subtask_list.row(item)
        if 0 <= row < len(self._subtasks):
            self._subtasks[row].done = item.checkState() == Qt.CheckState.Checked
            self._subtasks_changed()

    def _selection_changed(self) -> None:
        row = self.subtask_list.currentRow()
        self.subtask_remove.setEnabled(
            0 <= row < len(self._subtasks) and self._subtasks[row].id is None
        )

    def _subtasks_changed(self) -> None:
        done, total = self.subtask_progress()
        self.subtask_progress_label.setText(f"{done}/{total} done" if total else "No subtasks yet")
        self.subtask_bar.setMaximum(max(total, 1))
        self.subtask_bar.setValue(done)
        self.subtask_bar.setVisible(bool(total))
        self.title_changed.emit(f"Subtasks ({done}/{total})" if total else "Subtasks")
        self._selection_changed()
