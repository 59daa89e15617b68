"""The item editor's Details tab: kind, priority, estimate, due phrase, horizon, tags and
the parent. Hints under the estimate and the due date say what was read as you type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import DueSpec, match_fast, parse_date_phrase
from app.domain.entities import ItemRecord
from app.domain.enums import Horizon, ItemKind, Priority
from app.domain.errors import CaptureError, InvalidInput
from app.domain.item_fields import (
    describe_due,
    describe_estimate,
    due_text,
    format_estimate,
    parse_due,
    parse_estimate,
    parse_tags,
    record_due,
)
from app.ui.editor.common import FormError, muted, repaint_status, set_status, tokens_of
from app.ui.theme import chip_color

KIND_CHOICES: Final = tuple((kind.value.capitalize(), kind) for kind in ItemKind)
PRIORITY_CHOICES: Final = (
    ("None", Priority.NONE),
    ("Low", Priority.LOW),
    ("Medium", Priority.MEDIUM),
    ("High", Priority.HIGH),
)
HORIZON_CHOICES: Final[tuple[tuple[str, Horizon | None], ...]] = (
    ("Not set", None),
    ("This week", Horizon.WEEK),
    ("Short term", Horizon.SHORT),
    ("Long term", Horizon.LONG),
    ("Someday", Horizon.SOMEDAY),
)
DUE_PAUSE_MS: Final = 350


class DetailsTab(QWidget):
    """The item's own fields other than title and notes. Combo boxes are read by index
    into the choice tuples, never through `currentData()`."""

    kind_changed = Signal()

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._due_timer = QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.setInterval(DUE_PAUSE_MS)
        self._due_timer.timeout.connect(lambda: self._show_due(final=True))
        self._build()

    # --- loading and reading ------------------------------------------------------------

    def load(self, record: ItemRecord, parent_text: str) -> None:
        """Show `record`; what is shown now is what `changes` compares with."""
        self._record = record
        self.kind_box.setCurrentIndex([k for _, k in KIND_CHOICES].index(record.kind))
        self.priority_box.setCurrentIndex([p for _, p in PRIORITY_CHOICES].index(record.priority))
        self.horizon_box.setCurrentIndex([h for _, h in HORIZON_CHOICES].index(record.horizon))
        self.estimate_edit.setText(format_estimate(record.estimate_minutes))
        self.due_edit.setText(due_text(record_due(record)))
        self.tags_edit.setText(", ".join(record.tags))
        self.parent_label.setText(parent_text)
        self._loaded_estimate = self.estimate_edit.text()
        self._loaded_due = self.due_edit.text()

    def show_hints(self) -> None:
        """Say what the estimate, the due date and the tags read as."""
        self._show_estimate()
        self._show_due(final=True)
        self._show_chips()

    def kind(self) -> ItemKind:
        return KIND_CHOICES[self.kind_box.currentIndex()][1]

    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_edit.text())

    def changes(self) -> tuple[dict[str, object], set[str]]:
        """The ItemPatch fields that differ from what was loaded, and the fields to clear.
        Raises FormError for an estimate or due date that cannot be read."""
        record = self._record
        fields: dict[str, object] = {}
        clear: set[str] = set()
        kind = self.kind()
        if kind is not record.kind:
            fields["kind"] = kind
        priority = PRIORITY_CHOICES[self.priority_box.currentIndex()][1]
        if priority is not record.priority:
            fields["priority"] = priority
        horizon = HORIZON_CHOICES[self.horizon_box.currentIndex()][1]
        if horizon is not record.horizon:
            if horizon is None:
                clear.add("horizon")
            else:
                fields["horizon"] = horizon
        if self.estimate_edit.text().strip() != self._loaded_estimate.strip():
            try:
                minutes = parse_estimate(self.estimate_edit.text())
            except InvalidInput as error:
                raise FormError("details", self.estimate_edit, str(error)) from None
            if minutes is None:
                clear.add("estimate_minutes")
            elif minutes != record.estimate_minutes:
                fields["estimate_minutes"] = minutes
        if self.due_edit.text().strip() != self._loaded_due.strip():
            spec = self._read_due()
            if spec is None:
                clear.add("due")
            elif spec != record_due(record):
                fields["due_date"], fields["due_time"] = spec.date, spec.time
        return fields, clear

    def current_due(self) -> DueSpec | None:
        """The due date the form holds now, for the tabs that count from it: as typed when
        it reads, else as loaded (the Details tab reports the phrase that does not)."""
        if self.due_edit.text().strip() == self._loaded_due.strip():
            return record_due(self._record)
        try:
            return parse_due(self.due_edit.text(), self._clock())
        except CaptureError:
            return record_due(self._record)

    def flush(self) -> None:
        """Report a due phrase still waiting for typing to pause now."""
        if self._due_timer.isActive():
            self._show_due(final=True)

    def paint(self) -> None:
        """Colours of the current palette: error hints and tag chips."""
        for label in (self.due_status, self.estimate_status):
            repaint_status(label)
        self._show_chips()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_box = QComboBox()
        self.kind_box.addItems([label for label, _ in KIND_CHOICES])
        self.kind_box.currentIndexChanged.connect(lambda _i: self.kind_changed.emit())
        self.priority_box = QComboBox()
        self.priority_box.addItems([label for label, _ in PRIORITY_CHOICES])
        self.horizon_box = QComboBox()
        self.horizon_box.addItems([label for label, _ in HORIZON_CHOICES])

        estimate_row, due_box = self._build_estimate_row(), self._build_due_box()

        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Separated by commas or spaces: reading, thesis")
        self.tags_edit.textChanged.connect(self._show_chips)
        self.chips = QWidget()
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 2, 0, 0)
        self.chips_layout.setSpacing(4)
        tags_box = QVBoxLayout()
        tags_box.setSpacing(2)
        tags_box.addWidget(self.tags_edit)
        tags_box.addWidget(self.chips)

        self.parent_label = QLabel()
        self.parent_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parent_label.setWordWrap(True)

        form = QFormLayout(self)
        form.setContentsMargins(16, 16, 16, 16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for combo in (self.kind_box, self.priority_box, self.horizon_box):
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            combo.setMinimumWidth(160)
        form.addRow("&Kind", self.kind_box)
        form.addRow("&Priority", self.priority_box)
        form.addRow("&Estimate", estimate_row)
        form.addRow("&Due", due_box)
        form.addRow("&Horizon", self.horizon_box)
        form.addRow("&Tags", tags_box)
        form.addRow("Parent", self.parent_label)
        for field, buddy in (
            (estimate_row, self.estimate_edit),
            (due_box, self.due_edit),
            (tags_box, self.tags_edit),
        ):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(buddy)

    def _build_estimate_row(self) -> QHBoxLayout:
        self.estimate_edit = QLineEdit()
        self.estimate_edit.setPlaceholderText("e.g. 45m, 2h, 1h30m")
        self.estimate_edit.setMaximumWidth(160)
        self.estimate_edit.textChanged.connect(self._show_estimate)
        self.estimate_status = muted()
        row = QHBoxLayout()
        row.addWidget(self.estimate_edit)
        row.addWidget(self.estimate_status, 1)
        return row

    def _build_due_box(self) -> QVBoxLayout:
        self.due_edit = QLineEdit()
        self.due_edit.setPlaceholderText("fri 3pm, next monday, dec 1, 明天下午三点, 下周五…")
        self.due_edit.setAccessibleName("Due")
        self.due_edit.textChanged.connect(lambda _text: self._show_due(final=False))
        self.due_clear = QToolButton()
        self.due_clear.setText("Clear")
        self.due_clear.setToolTip("Remove the due date")
        self.due_clear.clicked.connect(self.due_edit.clear)
        self.due_status = muted()
        self.due_status.setObjectName("dueStatus")
        row = QHBoxLayout()
        row.addWidget(self.due_edit, 1)
        row.addWidget(self.due_clear)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.due_status)
        return box

    # --- reacting to input -------------------------------------------------------------

    def _read_due(self) -> DueSpec | None:
        """The due date typed, None when the field is empty; FormError when unreadable."""
        try:
            return parse_due(self.due_edit.text(), self._clock())
        except CaptureError as error:
            self._due_message(str(error), error=True)
            raise FormError("details", self.due_edit, str(error)) from None

    def _show_estimate(self) -> None:
        try:
            minutes = parse_estimate(self.estimate_edit.text())
        except InvalidInput:
            set_status(self.estimate_status, "Write minutes or hours: 45m, 2h, 1h30m", True)
            return
        set_status(self.estimate_status, describe_estimate(minutes) if minutes else "")

    def _show_due(self, *, final: bool) -> None:
        """Show what the due phrase means as you type; a phrase that is no date (yet: "tom"
        on the way to "tomorrow") is reported only once typing pauses."""
        self._due_timer.stop()
        text = self.due_edit.text().strip()
        if not text:
            self._due_message("No due date")
            return
        now = self._clock()
        try:
            spec = match_fast(text, now)
            if spec is None and final:
                spec = parse_date_phrase(text, now)
        except CaptureError as error:
            self._due_message(str(error), error=True)
            return
        if spec is None:
            self._due_message("Reading…")
            self._due_timer.start()
            return
        self._due_message(describe_due(spec, now.date()))

    def _due_message(self, text: str, *, error: bool = False) -> None:
        set_status(self.due_status, text, error)

    def _show_chips(self) -> None:
        while self.chips_layout.count():
            taken = self.chips_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        tokens = tokens_of(self)
        tags = self.tags()
        for name in tags:
            chip = QLabel(f"#{name}")
            chip.setObjectName("tagChip")
            chip.setStyleSheet(
                f"QLabel#tagChip {{ background: {chip_color(name, tokens.dark).name()};"
                f" color: {tokens.chip_text.name()}; border-radius: 9px; padding: 1px 8px; }}"
            )
            self.chips_layout.addWidget(chip)
        self.chips_layout.addStretch(1)
        self.chips.setVisible(bool(tags))
