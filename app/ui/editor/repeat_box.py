"""The Repeat part of the editor's Reminders & repeat tab: the rule (TickTick's choices,
or one typed in the capture grammar or as an RRULE), the next occurrences it gives, and
the occurrences already completed or skipped (read only). What each choice means is
Qt-free, in app/domain/repeat_fields.py.

Combo boxes are read by index into Python tuples, never through `currentData()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.domain.errors import InvalidInput
from app.domain.repeat_fields import (
    DAY_NAMES,
    KINDS,
    RepeatForm,
    RepeatKind,
    describe_repeat,
    form_of,
    kind_label,
    repeat_of,
)
from app.domain.repeats import Repeat, occurrences
from app.services.item_edit_plan import RepeatChange
from app.ui.editor.common import FormError, muted, repaint_status, set_status

PREVIEW_COUNT: Final = 5
# Choices whose rule is taken from the due date: a new due date makes a new rule.
_FROM_START: Final = (RepeatKind.MONTHLY_DAY, RepeatKind.MONTHLY_WEEKDAY)
_OUTCOMES: Final = {"done": "Done", "skipped": "Skipped"}


class RepeatBox(QGroupBox):
    """The item's repeat rule. `start` gives the date the rule counts from: the due date
    the form holds, or today."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        start: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Re&peat", parent)  # Alt+P: to the choice
        self._clock = clock
        self._start = start
        self._loaded: Repeat | None = None
        self._loaded_form = RepeatForm()
        self._ready = False  # `start` can be asked once the editor has loaded the item
        self._build()

    # --- loading and reading ------------------------------------------------------------

    def load(self, repeat: Repeat | None, history: tuple[tuple[date, str], ...]) -> None:
        self._loaded = repeat
        self._ready = True
        self.refresh_labels()
        self._loaded_form = form_of(repeat, self._start())
        self._show_form(self._loaded_form)
        self.history_list.clear()
        for day, outcome in reversed(history):  # the latest first
            self.history_list.addItem(f"{_OUTCOMES.get(outcome, outcome)} · due {day:%a %d %b %Y}")
        rows = max(1, min(len(history), 4))
        self.history_list.setMaximumHeight(rows * self.history_list.fontMetrics().height() + 12)
        self.history_list.setVisible(bool(history))
        self.history_label.setVisible(bool(history))
        self.show_preview()

    def form(self) -> RepeatForm:
        return RepeatForm(
            kind=KINDS[self.kind_box.currentIndex()],
            weekdays=tuple(d for d, button in enumerate(self.day_buttons) if button.isChecked()),
            every_days=self.every_spin.value(),
            typed=self.typed_edit.text().strip(),
            from_completion=self.completion_check.isChecked(),
        )

    def change(self) -> RepeatChange | None:
        """The new repeat rule, None when the form says what was loaded. FormError for a
        rule that cannot be saved."""
        form = self.form()
        try:
            repeat = repeat_of(form, self._start(), self._clock())
        except InvalidInput as error:
            set_status(self.status, str(error), True)
            widget = self.typed_edit if form.kind is RepeatKind.TYPED else self.kind_box
            raise FormError("reminders", widget, str(error)) from None
        same_form = form == self._loaded_form and form.kind not in _FROM_START
        if same_form or repeat == self._loaded:
            return None
        return RepeatChange(repeat)

    def refresh_labels(self) -> None:
        """Name the choices for the current due date ("Monthly on the second Tuesday")."""
        if not self._ready:
            return
        start = self._start()
        for index, kind in enumerate(KINDS):
            self.kind_box.setItemText(index, kind_label(kind, start))

    def paint(self) -> None:
        repaint_status(self.status)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_box = QComboBox()
        self.kind_box.addItems([kind_label(kind, date.today()) for kind in KINDS])
        self.kind_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.kind_box.setMinimumWidth(260)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._build_days()
        self._build_typed()

        self.every_spin = QSpinBox()
        self.every_spin.setRange(1, 365)
        self.every_spin.setPrefix("Every ")
        self.every_spin.setSuffix(" days after it is completed")
        self.every_spin.setAccessibleName("Days after completion")
        self.every_spin.valueChanged.connect(lambda _v: self.show_preview())

        self.status = muted()
        self.status.setObjectName("repeatStatus")
        self.history_label = QLabel("Past occurrences")
        self.history_list = QListWidget()
        self.history_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        form = QFormLayout(self)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("Repeats", self.kind_box)
        form.addRow("", self.days_row)
        form.addRow("", self.every_spin)
        form.addRow("R&ule", self.typed_row)
        form.addRow("", self.status)
        form.addRow(self.history_label, self.history_list)
        self._form = form
        label = form.labelForField(self.typed_row)
        if isinstance(label, QLabel):
            label.setBuddy(self.typed_edit)
        self._kind_changed()

    def _build_days(self) -> None:
        self.days_row = QWidget()
        days = QHBoxLayout(self.days_row)
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(4)
        self.day_buttons: list[QToolButton] = []
        for name in DAY_NAMES:
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setAccessibleName(f"Repeat on {name}")
            button.toggled.connect(lambda _on: self.show_preview())
            days.addWidget(button)
            self.day_buttons.append(button)
        days.addStretch(1)

    def _build_typed(self) -> None:
        self.typed_row = QWidget()
        typed = QHBoxLayout(self.typed_row)
        typed.setContentsMargins(0, 0, 0, 0)
        self.typed_edit = QLineEdit()
        self.typed_edit.setPlaceholderText(
            "every 2 weeks, every mon and thu, 每个工作日, FREQ=MONTHLY;BYMONTHDAY=-1"
        )
        self.typed_edit.setAccessibleName("Repeat rule")
        self.typed_edit.textChanged.connect(lambda _t: self.show_preview())
        self.completion_check = QCheckBox("Count from &completion")
        self.completion_check.setToolTip("The next one is due this long after the day it is done")
        self.completion_check.toggled.connect(lambda _on: self.show_preview())
        typed.addWidget(self.typed_edit, 1)
        typed.addWidget(self.completion_check)

    # --- reacting ------------------------------------------------------------------------

    def _show_form(self, form: RepeatForm) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(form.kind))
        for day, button in enumerate(self.day_buttons):
            button.setChecked(day in form.weekdays)
        self.every_spin.setValue(max(1, form.every_days))
        self.typed_edit.setText(form.typed)
        self.completion_check.setChecked(form.from_completion)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = KINDS[self.kind_box.currentIndex()]
        self._form.setRowVisible(self.days_row, kind is RepeatKind.WEEKLY)
        self._form.setRowVisible(self.every_spin, kind is RepeatKind.AFTER_COMPLETION)
        self._form.setRowVisible(self.typed_row, kind is RepeatKind.TYPED)
        if not self._ready:
            return
        if kind is RepeatKind.WEEKLY and not any(b.isChecked() for b in self.day_buttons):
            self.day_buttons[self._start().weekday()].setChecked(True)
        self.show_preview()

    def show_preview(self) -> None:
        """Say what the rule is and when the next occurrences fall, or why it does not
        read."""
        if not self._ready:
            return
        start = self._start()
        try:
            repeat = repeat_of(self.form(), start, self._clock())
        except InvalidInput as error:
            self.status.setVisible(True)
            if self.form().kind is RepeatKind.TYPED and not self.typed_edit.text().strip():
                set_status(self.status, "Type a rule in words or as an RRULE.")
            else:
                set_status(self.status, str(error), True)
            return
        if repeat is None:
            set_status(self.status, "")
            self.status.setVisible(False)
            return
        self.status.setVisible(True)
        days = occurrences(repeat, start, PREVIEW_COUNT)
        listed = ", ".join(f"{day:%a %d %b}" for day in days)
        lead = "If each is done on its day, next" if repeat.from_completion else "Next"
        set_status(self.status, f"{describe_repeat(repeat, start)}. {lead}: {listed}")
