"""The goal categories: name, colour and the item kinds that count for each.

Edits stay in the dialog until OK, which applies them all as one undoable operation.
A category that a goal uses cannot be removed (its goals keep their history); rename it
instead.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ItemKind
from app.services.goal_categories import FALLBACK_COLOR, PALETTE, list_categories
from app.services.unit_forms import CategoryDraft, category_problems
from app.services.unit_records import list_units
from app.ui.ops import Operations
from app.ui.screen_fit import fit_to_screen
from app.ui.theme import Tokens

KIND_LABELS = {
    ItemKind.TASK: "Tasks",
    ItemKind.IDEA: "Ideas",
    ItemKind.PAPER: "Papers",
    ItemKind.EXPERIMENT: "Experiments",
    ItemKind.NOTE: "Notes",
}


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class CategoriesDialog(QDialog):
    def __init__(self, ops: Operations, tokens: Tokens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Goal categories")
        self._ops = ops
        self._tokens = tokens
        records = list_categories(ops.store)
        self._original = {r.id: CategoryDraft.of(r) for r in records}
        self.drafts = [CategoryDraft.of(r) for r in records]
        self._used = {g.category_id for u in list_units(ops.store) for g in u.goals}
        self._showing = -1

        self.list = QListWidget()
        self.list.setAccessibleName("Categories")
        self.list.currentRowChanged.connect(self._show)
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        form = self._build_form()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {tokens.overdue.name()};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(form, 3)
        box = QVBoxLayout(self)
        box.addLayout(body, 1)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        self._fill_list()
        self.list.setCurrentRow(0)
        fit_to_screen(self, 620, 380)

    def _build_form(self) -> QFormLayout:
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.name_edit.textEdited.connect(lambda _text: self._store_form())
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._pick_color)
        self.kind_boxes = {kind: QCheckBox(label) for kind, label in KIND_LABELS.items()}
        kinds = QVBoxLayout()
        kinds.setSpacing(2)
        for box in self.kind_boxes.values():
            box.toggled.connect(lambda _on: self._store_form())
            kinds.addWidget(box)
        self.kinds_hint = QLabel(
            "Items of these kinds count for the category when completed, even without a tag."
        )
        self.kinds_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Colour:", self.color_button)
        kinds_label = QLabel("Counts &kinds:")
        kinds_label.setBuddy(next(iter(self.kind_boxes.values())))
        form.addRow(kinds_label, kinds)
        form.addRow("", self.kinds_hint)
        return form

    # --- the list and the form ----------------------------------------------------------

    def _fill_list(self) -> None:
        current = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for draft in self.drafts:
            QListWidgetItem(swatch(draft.color), draft.name or "(no name)", self.list)
        self.list.blockSignals(False)
        if self.drafts:
            self.list.setCurrentRow(min(max(current, 0), len(self.drafts) - 1))

    def _show(self, row: int) -> None:
        self._showing = row
        valid = 0 <= row < len(self.drafts)
        for widget in (self.name_edit, self.color_button, *self.kind_boxes.values()):
            widget.setEnabled(valid)
        if not valid:
            self.remove_button.setEnabled(False)
            return
        draft = self.drafts[row]
        for widget in (self.name_edit, *self.kind_boxes.values()):
            widget.blockSignals(True)
        self.name_edit.setText(draft.name)
        for kind, box in self.kind_boxes.items():
            box.setChecked(kind.value in draft.kinds)
        for widget in (self.name_edit, *self.kind_boxes.values()):
            widget.blockSignals(False)
        self._show_color(draft.color)
        used = draft.category_id in self._used
        self.remove_button.setEnabled(not used)
        self.remove_button.setToolTip(
            "Goals use this category; rename it instead" if used else "Remove this category"
        )

    def _show_color(self, color: str) -> None:
        self.color_button.setIcon(swatch(color, 16))
        self.color_button.setText(color)

    def _store_form(self) -> None:
        row = self._showing
        if not 0 <= row < len(self.drafts):
            return
        kinds = tuple(k.value for k, box in self.kind_boxes.items() if box.isChecked())
        self.drafts[row] = self.drafts[row]._replace(name=self.name_edit.text(), kinds=kinds)
        item = self.list.item(row)
        if item is not None:
            item.setText(self.name_edit.text() or "(no name)")
        self._validate()

    def _pick_color(self) -> None:
        row = self._showing
        if not 0 <= row < len(self.drafts):
            return
        chosen = QColorDialog.getColor(QColor(self.drafts[row].color), self, "Category colour")
        if chosen.isValid():
            self.set_color(row, chosen.name())

    def set_color(self, row: int, color: str) -> None:
        self.drafts[row] = self.drafts[row]._replace(color=color.lower())
        self._show_color(color)
        item = self.list.item(row)
        if item is not None:
            item.setIcon(swatch(color))

    def add(self) -> None:
        used = {d.color for d in self.drafts}
        color = next((c for c in PALETTE if c not in used), FALLBACK_COLOR)
        self.drafts.append(CategoryDraft(None, "New category", color, ()))
        self._fill_list()
        self.list.setCurrentRow(len(self.drafts) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        self._validate()

    def remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.drafts) and self.drafts[row].category_id not in self._used:
            del self.drafts[row]
            self._fill_list()
            self._show(self.list.currentRow())
            self._validate()

    # --- saving -------------------------------------------------------------------------

    def _validate(self) -> bool:
        problems = category_problems(self.drafts)
        self.message.setText("\n".join(problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if not self._validate():
            return
        if self._save():
            super().accept()

    def _save(self) -> bool:
        from app.services.unit_forms import save_categories

        if self.drafts == list(self._original.values()):
            return True
        drafts, original = list(self.drafts), dict(self._original)
        return self._ops.run(
            "Edit goal categories", lambda now: save_categories(self._ops.store, drafts, original)
        )

    def select(self, name: str) -> None:
        for row, draft in enumerate(self.drafts):
            if draft.name == name:
                self.list.setCurrentRow(row)

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.drafts]
