"""The body of the import dialog: what a journal holds and what importing it adds (the
preview) or added (the report after the import), or why it could not be read.

A headline of counts, what importing adds and what was already there (in the wording
`rizhi import markdown` prints too: app/services/journal_import_summary.py), what becomes
of the text before the first date (a note, or backlog items: the user's choice), and
tables of the dates to check (line, text, where it goes, why), the first days found and
the front matter kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.journal.parse import NoteKind, ParsedDay, ParsedJournal
from app.domain.words import plural
from app.services.journal_import_summary import (
    ANOMALY_COLUMNS,
    ImportReport,
    anomaly_row,
    dates_to_check,
    found_counts,
    outcome_sentences,
)

Index = QModelIndex | QPersistentModelIndex
SAMPLE_DAYS = 6  # days shown in the preview
LINE_CHARS = 110  # a first line longer than this is shortened in the preview
PREAMBLE_NOTE, PREAMBLE_ITEMS = 0, 1


# --- words ----------------------------------------------------------------------------------


def found_text(report: ImportReport, parsed: ParsedJournal) -> str:
    """What the journal holds: '18 days · 1 range · 18 entries · 1 note · 1 unit with 4 goals
    · 2 dates to check'."""
    goals = sum(len(unit.goals) for unit in parsed.units if unit.start is not None)
    return " · ".join([*found_counts(report, goals), dates_to_check(report)])


def outcome_text(report: ImportReport) -> str:
    """What importing adds (a preview) or added (after the import)."""
    return " ".join(outcome_sentences(report))


def day_text(day: object, end: object | None) -> str:
    return f"{day} ~ {end}" if end else str(day)


def first_line(body: str) -> str:
    line = next((text.strip() for text in body.split("\n") if text.strip()), "")
    return line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…"


def front_matter_value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {part}" for key, part in value.items())
    return str(value)


# --- tables ---------------------------------------------------------------------------------


class RowsModel(QAbstractTableModel):
    """Rows of text under headers: the dates to check, the first days, the front matter."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[tuple[str, ...]] = []
        self._tips: list[str] = []

    def set_rows(self, rows: Sequence[Sequence[str]], tips: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._rows = [tuple(row) for row in rows]
        self._tips = list(tips)
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row] if row < len(self._tips) else self._rows[row][column]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


def rows_view(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


# --- the panel ------------------------------------------------------------------------------


class ReportPanel(QWidget):
    """The preview or the report of one journal, and the choice of what becomes of the
    text before its first date; see the module's docstring."""

    # The user chose another way to import the text before the first date.
    preamble_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.has_preamble = False  # the journal shown has text before its first date
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self._build_summary(layout)
        self._build_error(layout)
        self._build_preamble(layout)
        self._build_tables(layout)

    # --- layout ---------------------------------------------------------------------

    def _build_summary(self, layout: QVBoxLayout) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("ImportSummary")
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.summary.setFont(font)
        self.outcome = QLabel()
        self.outcome.setObjectName("ImportOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(self.outcome)

    def _build_error(self, layout: QVBoxLayout) -> None:
        self.error_row = QWidget()
        error_layout = QHBoxLayout(self.error_row)
        error_layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(32, 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.error = QLabel()
        self.error.setObjectName("ImportError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error_layout.addWidget(icon)
        error_layout.addWidget(self.error, 1)
        layout.addWidget(self.error_row)

    def _build_preamble(self, layout: QVBoxLayout) -> None:
        preamble = QHBoxLayout()
        self.preamble_label = QLabel()
        self.preamble_label.setWordWrap(True)
        self.keep_note = QRadioButton("Keep as a &note")
        self.make_items = QRadioButton("Make &backlog items of its list lines")
        self.keep_note.setChecked(True)
        self.preamble_choice = QButtonGroup(self)
        self.preamble_choice.addButton(self.keep_note, PREAMBLE_NOTE)
        self.preamble_choice.addButton(self.make_items, PREAMBLE_ITEMS)
        self.preamble_choice.idToggled.connect(self._preamble_toggled)
        preamble.addWidget(self.preamble_label, 1)
        preamble.addWidget(self.keep_note)
        preamble.addWidget(self.make_items)
        layout.addLayout(preamble)
        self.preamble_result = QLabel()
        self.preamble_result.setWordWrap(True)
        self.preamble_result.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.preamble_result)

    def _build_tables(self, layout: QVBoxLayout) -> None:
        self.anomalies = RowsModel(ANOMALY_COLUMNS, self)
        self.days = RowsModel(("Day", "Heading", "First line"), self)
        self.front_matter = RowsModel(("Key", "Value"), self)
        self.anomaly_view = rows_view(self.anomalies, "ImportAnomalies")
        self.days_view = rows_view(self.days, "ImportDays")
        self.front_matter_view = rows_view(self.front_matter, "ImportFrontMatter")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.anomaly_view, "Dates to check")
        self.tabs.addTab(self.days_view, "First days")
        self.tabs.addTab(self.front_matter_view, "Front matter")
        layout.addWidget(self.tabs, 1)

    # --- the preamble choice ------------------------------------------------------------

    @property
    def preamble_as_items(self) -> bool:
        return self.make_items.isChecked()

    def _preamble_toggled(self, _id: int, checked: bool) -> None:
        if checked:  # the other button's unchecking is the same choice
            self.preamble_chosen.emit()

    def set_choosable(self, choosable: bool) -> None:
        """Offer the preamble choice (when the journal has a preamble)."""
        self.keep_note.setEnabled(choosable and self.has_preamble)
        self.make_items.setEnabled(choosable and self.has_preamble)

    # --- showing a report ---------------------------------------------------------------

    def show_report(self, parsed: ParsedJournal, report: ImportReport) -> None:
        """Show what `parsed` holds and what importing it adds or added (`report`)."""
        self.summary.setText(found_text(report, parsed))
        self.outcome.setText(outcome_text(report))
        self.anomalies.set_rows(
            [anomaly_row(anomaly) for anomaly in report.anomalies],
            [anomaly.reason for anomaly in report.anomalies],
        )
        self.anomaly_view.resizeColumnsToContents()
        days = parsed.days  # worked out on each call
        sample = [self._day_row(found) for found in days[:SAMPLE_DAYS]]
        self.days.set_rows(sample)
        self.days_view.resizeColumnsToContents()
        self.front_matter.set_rows(
            [(key, front_matter_value(value)) for key, value in parsed.front_matter.items()]
        )
        self.front_matter_view.resizeColumnsToContents()
        self._name_tabs(parsed, report, shown=len(sample), days=len(days))
        self._show_preamble(parsed, report)

    @staticmethod
    def _day_row(found: ParsedDay) -> tuple[str, str, str]:
        first = found.entries[0]
        more = f"  (+{plural(len(found.entries) - 1, 'entry')})" if len(found.entries) > 1 else ""
        return (day_text(found.day, first.end_day), first.heading, first_line(first.body) + more)

    def _name_tabs(
        self, parsed: ParsedJournal, report: ImportReport, *, shown: int, days: int
    ) -> None:
        direction = f", {parsed.direction}" if parsed.direction else ""
        self.tabs.setTabText(0, f"Dates to check ({len(report.anomalies)})")
        sample = f"first {shown} of {plural(days, 'day')}" if days else "no days"
        self.tabs.setTabText(1, f"First days ({sample}{direction})")
        self.tabs.setTabText(2, f"Front matter ({len(parsed.front_matter)})")
        self.tabs.setTabEnabled(2, bool(parsed.front_matter))
        if report.anomalies:
            self.tabs.setCurrentIndex(0)
        elif self.tabs.currentIndex() != 1:
            self.tabs.setCurrentIndex(1)

    def _show_preamble(self, parsed: ParsedJournal, report: ImportReport) -> None:
        note = next((n for n in parsed.notes if n.kind is NoteKind.PREAMBLE), None)
        self.has_preamble = note is not None
        if note is None:
            self.preamble_label.setText("<b>Before the first date:</b> nothing.")
            self.preamble_result.setText("")
            return
        lines = sum(1 for line in note.body.split("\n") if line.strip())
        self.preamble_label.setText(
            f"<b>Before the first date:</b> {plural(lines, 'line')} "
            f"(“{escape(note.title, quote=False)}”)."
        )
        if not self.preamble_as_items:
            self.preamble_result.setText(f"They are kept as one note titled “{note.title}”.")
        elif report.items:
            self.preamble_result.setText(
                f"Its list lines become {plural(report.items, 'backlog item')} (nested as "
                "indented, done when ticked); the other lines stay in a note."
            )
        else:
            self.preamble_result.setText(
                "It has no list lines to make items of: it is kept as a note."
            )

    def clear(self) -> None:
        """Show no journal (its file could not be read)."""
        self.summary.setText("")
        self.outcome.setText("")
        for model in (self.anomalies, self.days, self.front_matter):
            model.set_rows([])
        self.tabs.setTabText(0, "Dates to check")
        self.tabs.setTabText(1, "First days")
        self.tabs.setTabText(2, "Front matter")
        self.preamble_label.setText("")
        self.preamble_result.setText("")
        self.has_preamble = False
