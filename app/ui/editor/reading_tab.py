"""The item editor's Reading tab, shown for papers: the three-pass method (where you are,
how far you mean to read) and notes for each pass."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import MAX_READING_PASS
from app.domain.item_fields import PASS_NAMES, reading_progress
from app.services.item_details import ItemDetails
from app.ui.editor.common import muted
from app.ui.wording import short_day

PASS_HINTS: Final = (
    "",
    "title, abstract, figures and conclusion",
    "the whole paper, skipping the maths",
    "critical re-read: assumptions, proofs, what you would do differently",
)
TARGET_CHOICES: Final[tuple[tuple[str, int | None], ...]] = (
    ("No target", None),
    ("1st pass", 1),
    ("2nd pass", 2),
    ("3rd pass", 3),
)


def pass_label(number: int, reached: datetime | None = None) -> str:
    """A pass's button: its name, what it reads, and the day it was reached (the day a
    paper read to this pass counts toward a unit's goal)."""
    name, hint = PASS_NAMES[number], PASS_HINTS[number]
    label = f"{name} — {hint}" if hint else name
    if reached is not None:
        label += f" · reached {short_day(reached.astimezone().date(), year=True)}"
    return label


class ReadingTab(QWidget):
    """The pass reached (radio buttons with ids 0 to 3), the target pass and the notes
    of passes 1 to 3."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()

    def load(self, details: ItemDetails) -> None:
        """Show the item's reading; `changes` and `pass_notes` compare with it."""
        record = details.record
        self._loaded_pass = record.reading_pass
        for number, button in enumerate(self.pass_buttons):
            button.setText(pass_label(number, details.passes_reached.get(number)))
        self.pass_buttons[max(0, min(record.reading_pass, MAX_READING_PASS))].setChecked(True)
        target = record.target_pass
        self.target_box.setCurrentIndex(target if target and 0 < target <= MAX_READING_PASS else 0)
        for number, edit in enumerate(self.pass_notes_edits, start=1):
            edit.setPlainText(details.pass_notes.get(number, ""))
        self._loaded_target = self.target_box.currentIndex()
        self._loaded_notes = tuple(edit.toPlainText() for edit in self.pass_notes_edits)
        self._show_progress()

    def changes(self) -> dict[str, object]:
        """The ItemPatch fields for the pass and the target that differ from the loaded."""
        fields: dict[str, object] = {}
        current = self.pass_group.checkedId()
        if current != self._loaded_pass and 0 <= current <= MAX_READING_PASS:
            fields["reading_pass"] = current
        index = self.target_box.currentIndex()
        if index != self._loaded_target:
            fields["target_pass"] = TARGET_CHOICES[index][1]
        return fields

    def pass_notes(self) -> tuple[tuple[int, str], ...]:
        """(pass, notes) of every pass whose notes differ from the loaded ones."""
        return tuple(
            (pass_, edit.toPlainText())
            for pass_, edit, old in zip(
                range(1, MAX_READING_PASS + 1),
                self.pass_notes_edits,
                self._loaded_notes,
                strict=True,
            )
            if edit.toPlainText() != old
        )

    def _build(self) -> None:
        self.pass_group = QButtonGroup(self)
        self.pass_buttons: list[QRadioButton] = []
        passes = QGroupBox("Where you are")
        passes_layout = QVBoxLayout(passes)
        for number in range(MAX_READING_PASS + 1):
            button = QRadioButton(pass_label(number))
            self.pass_group.addButton(button, number)
            self.pass_buttons.append(button)
            passes_layout.addWidget(button)
        self.pass_group.idToggled.connect(lambda _id, _on: self._show_progress())
        self.target_box = QComboBox()
        self.target_box.addItems([label for label, _ in TARGET_CHOICES])
        self.target_box.currentIndexChanged.connect(lambda _i: self._show_progress())
        self.reading_status = muted()
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel("Read up to"))
        target_row.addWidget(self.target_box)
        target_row.addWidget(self.reading_status, 1)

        self.pass_notes_tabs = QTabWidget()
        self.pass_notes_edits: list[QPlainTextEdit] = []
        for number in range(1, MAX_READING_PASS + 1):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(f"Notes from the {PASS_NAMES[number]}: {PASS_HINTS[number]}")
            self.pass_notes_edits.append(edit)
            self.pass_notes_tabs.addTab(edit, PASS_NAMES[number])
        notes = QGroupBox("Notes per pass")
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.pass_notes_tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(passes)
        layout.addLayout(target_row)
        layout.addWidget(notes, 1)

    def _show_progress(self) -> None:
        current = max(0, self.pass_group.checkedId())
        target = TARGET_CHOICES[self.target_box.currentIndex()][1]
        self.reading_status.setText(reading_progress(current, target))
