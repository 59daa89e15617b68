"""Importing a Markdown journal from the window: File › Import journal….

The dialog reads the file and shows what an import would do before anything is written:
the counts, every date it could not take as written (line, text, where it goes, why), the
first days it found, the front matter it keeps, and what becomes of the text before the
first date (a note, or backlog items). Import writes it with a progress bar, then shows
what was added.

Reading, the preview (a dry run of the importer) and the import run in a worker thread
with a `Store` of its own on the same file (a SQLite connection belongs to its thread),
so a journal of years never freezes the window. The import is the importer's one
transaction: Cancel makes the next progress report raise inside it, and the rollback
leaves the database exactly as it was. An import is not undoable; afterwards every view
reloads and the undo history is cleared (see `ImportDialog._imported`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.errors import DomainError, InvalidInput
from app.domain.journal.parse import NoteKind, ParsedJournal, parse_journal
from app.domain.words import plural
from app.services.journal_import import ImportReport, import_journal, load_journal, things_text
from app.store.db import Store
from app.ui.ops import Operations

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = "Journals (*.md *.markdown *.txt);;All files (*)"
SAMPLE_DAYS = 6  # days shown in the preview
LINE_CHARS = 110  # a first line longer than this is shortened in the preview
PREAMBLE_NOTE, PREAMBLE_ITEMS = 0, 1


# --- words ----------------------------------------------------------------------------------


def found_text(report: ImportReport, parsed: ParsedJournal) -> str:
    """What the journal holds: '18 days · 1 range · 18 entries · 1 note · 1 unit with 4 goals
    · 2 dates to check'."""
    goals = sum(len(unit.goals) for unit in parsed.units if unit.start is not None)
    units = plural(report.units, "unit")
    if report.units:
        units += f" with {plural(goals, 'goal')}"
    parts = [
        plural(report.days, "day"),
        plural(report.ranges, "range"),
        plural(report.entries, "entry"),
        plural(report.notes, "note"),
        units,
    ]
    if report.items:
        parts.append(plural(report.items, "backlog item"))
    parts.append(plural(len(report.anomalies), "date") + " to check")
    return " · ".join(parts)


def nothing_new(report: ImportReport) -> bool:
    return not any(report.added.values())


def outcome_text(report: ImportReport) -> str:
    """What importing adds (a preview) or added (after the import)."""
    added, present = things_text(report.added), things_text(report.skipped)
    if nothing_new(report):
        if present:
            return (
                "Already imported: everything in this file is in your log "
                f"({present}). Importing it again changes nothing."
            )
        return "Nothing to import: the file holds no dated entries, notes or units."
    lines = [f"{'Will add' if report.dry_run else 'Added'} {added}."]
    if present:
        lines.append(f"Already in your log, kept as they are: {present}.")
    return " ".join(lines)


def day_text(day: object, end: object | None) -> str:
    return f"{day} ~ {end}" if end else str(day)


def first_line(body: str) -> str:
    line = next((text.strip() for text in body.split("\n") if text.strip()), "")
    return line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…"


def folder_text(folder: str) -> str:
    """A folder as people say it: inside the home folder, from "~"."""
    home = os.path.expanduser("~")
    if home not in ("", "~", os.sep) and (folder == home or folder.startswith(home + os.sep)):
        return "~" + folder[len(home) :]
    return folder


def front_matter_value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {part}" for key, part in value.items())
    return str(value)


# --- reading and importing in a worker thread -----------------------------------------------


def read_journal(path: str) -> str:
    """The text of the file at `path`, or InvalidInput saying what is wrong with it and
    what to do (the importer's own message for text that is not UTF-8)."""
    name = os.path.basename(path.rstrip(os.sep)) or path
    if os.path.isdir(path):
        raise InvalidInput(
            f"{name} is a folder, not a journal. Choose a Markdown or text file "
            "(.md, .markdown, .txt)."
        )
    if not os.path.exists(path):
        raise InvalidInput(
            f"{name} is not there any more: it was moved, renamed or deleted. "
            "Choose the file again."
        )
    return load_journal(path)


class Cancelled(Exception):
    """Raised inside the import's transaction when the user cancels: it rolls back."""


class Outcome(NamedTuple):
    """What a job read and what the importer reported (a dry run for a preview)."""

    text: str
    parsed: ParsedJournal
    report: ImportReport
    changes: Changes


class ImportJob(QThread):
    """Reads the journal and runs the importer (a dry run for a preview) off the main
    thread, on a connection of its own. One signal of the four ends every job."""

    # Each signal carries the job first: the dialog tells a stale preview from the current
    # one by it, and its slots (methods of an object of the main thread) run queued there.
    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object, object)  # the job, an Outcome
    failed = Signal(object, str)  # the job, what happened and what to do; nothing written
    cancelled = Signal(object)
    # The import found the file different from what the preview showed: nothing written.
    file_changed = Signal(object)
    ended = Signal(object)  # last of all, after one of the four above

    def __init__(
        self,
        store: Store,
        path: str,
        *,
        now: datetime,
        preamble_as_items: bool,
        dry_run: bool,
        expected_text: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database, self.backups = store.path, store.backups
        self.path = path
        self.now = now
        self.preamble_as_items = preamble_as_items
        self.dry_run = dry_run
        self.expected_text = expected_text
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop at the next progress report; what was written is rolled back."""
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)
        if self._cancel.is_set():
            raise Cancelled

    def run(self) -> None:
        store = Store(
            self.database, self.backups, role="import"
        )  # its connection is made in this thread
        try:
            self._work(store)
        except Cancelled:
            self.cancelled.emit(self)
        except DomainError as exc:
            self.failed.emit(self, str(exc))
        except sqlite3.Error as exc:
            self.failed.emit(self, self._database_message(exc))
        except Exception as exc:  # a thread's error would otherwise vanish silently
            log.exception("Journal import failed")
            self.failed.emit(
                self,
                f"The import stopped on an unexpected error ({type(exc).__name__}: {exc}). "
                "Nothing was imported and your data is as it was; the details are in the "
                "log file.",
            )
        finally:
            store.close()
            self.ended.emit(self)

    def _work(self, store: Store) -> None:
        text = read_journal(self.path)
        if self.expected_text is not None and text != self.expected_text:
            self.file_changed.emit(self)
            return
        if self._cancel.is_set():
            raise Cancelled
        parsed = parse_journal(text, year_hint=self.now.year)
        if self._cancel.is_set():
            raise Cancelled
        report, changes = import_journal(
            store,
            parsed,
            now=self.now,
            source=os.path.abspath(self.path),
            dry_run=self.dry_run,
            preamble_as_items=self.preamble_as_items,
            progress=self._progress,
        )
        self.succeeded.emit(self, Outcome(text, parsed, report, changes))

    def _database_message(self, exc: sqlite3.Error) -> str:
        if self.dry_run:
            return (
                f"Your data could not be read to compare it with the journal ({exc}). "
                "Nothing was imported. Close other programs using Rizhi's data and try again."
            )
        return (
            f"The journal could not be saved: the database said “{exc}”. Nothing was "
            "imported and your data is as it was. Close other programs using Rizhi's data, "
            "check that the disk has room, and try again."
        )


# --- tables in the preview -------------------------------------------------------------------


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


# --- the dialog --------------------------------------------------------------------------------


class State(Enum):
    NO_FILE = "no file"
    READING = "reading"  # a preview is being made
    READY = "ready"  # the preview is shown and there is something to import
    NOTHING_NEW = "nothing new"
    FAILED = "failed"  # the file could not be read; the message says why
    IMPORTING = "importing"
    CANCELLING = "cancelling"
    IMPORTED = "imported"


class ImportDialog(QDialog):
    """Preview, then import, one journal file (given, chosen, or dropped on the dialog)."""

    imported = Signal(object)  # ImportReport, after an import that wrote something
    state_changed = Signal(object)  # State

    def __init__(
        self, ops: Operations, path: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.path = ""
        self.state = State.NO_FILE
        self.preview: Outcome | None = None
        self.report: ImportReport | None = None  # the import's, once done
        self._preview_job: ImportJob | None = None
        self._import_job: ImportJob | None = None
        self._jobs: list[ImportJob] = []  # running, kept until they end
        self._close_when_done = False
        # Import pressed while the preview is read: import once it is ready, unless the
        # file or the choices change first (then the new preview is shown, not imported).
        self._import_when_ready = False
        self._has_preamble = False  # the previewed file has text before its first date
        self._notice = ""  # what happened to the last import attempt, shown with the preview
        self.setWindowTitle("Import journal")
        self.setAcceptDrops(True)
        # Quitting the app (File › Quit, the tray) while an import runs: the job must end
        # (an import rolls back) before Qt tears the dialog and the thread down.
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_jobs)
        self.resize(820, 580)
        self._build()
        self._show_state(State.NO_FILE)
        if path:
            self.set_path(path)

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self._build_file_row())
        self._build_summary(layout)
        self._build_preamble(layout)
        self._build_tables(layout)
        self._build_footer(layout)

    def _build_file_row(self) -> QHBoxLayout:
        file_row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_label.setObjectName("ImportFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        return file_row

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
        self.anomalies = RowsModel(("Line", "As written", "Placed on", "Why"), self)
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

    def _build_footer(self, layout: QVBoxLayout) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("ImportProgress")
        self.progress.setFormat("%v of %m written")
        self.status = QLabel()
        self.status.setObjectName("ImportStatus")
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        hint = QLabel("Drop a journal file here to preview it.")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.close_button = QPushButton("Cancel")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)

    # --- choosing a file --------------------------------------------------------------

    def choose_file(self) -> None:
        if self.state in (State.IMPORTING, State.CANCELLING):
            return
        folder = os.path.dirname(self.path) if self.path else ""
        path = choose_journal(self, folder)
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        """Preview the journal at `path` (the import of another file cannot be running)."""
        if self.state in (State.IMPORTING, State.CANCELLING):
            return
        self.path = os.path.abspath(path)
        self.report = None
        self._notice = ""
        name, folder = os.path.basename(self.path), folder_text(os.path.dirname(self.path))
        self.file_label.setText(f"<b>{_escape(name)}</b><br>{_escape(folder)}")
        self.file_label.setToolTip(self.path)
        self.refresh_preview()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._consider_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._consider_drag(event)

    def _consider_drag(self, event: QDragMoveEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.set_path(path)

    def _dropped_path(self, event: QDropEvent) -> str | None:
        if self.state in (State.IMPORTING, State.CANCELLING):
            return None
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        local = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        return local[0] if local else None

    # --- the preview ----------------------------------------------------------------

    @property
    def preamble_as_items(self) -> bool:
        return self.make_items.isChecked()

    def _preamble_toggled(self, _id: int, checked: bool) -> None:
        if checked and self.path and self.state not in (State.IMPORTING, State.CANCELLING):
            self._notice = ""
            self.refresh_preview()

    def refresh_preview(self) -> None:
        """A dry run of the import with the current choices, in the background; a preview
        still running for earlier choices is dropped."""
        if self._preview_job is not None:
            self._preview_job.cancel()
        self._import_when_ready = False
        job = ImportJob(
            self.ops.store,
            self.path,
            now=self.ops.clock(),
            preamble_as_items=self.preamble_as_items,
            dry_run=True,
            parent=self,
        )
        job.succeeded.connect(self._preview_ready)
        job.failed.connect(self._preview_failed)
        self._preview_job = job
        self._start(job)
        self._show_state(State.READING)

    def _preview_ready(self, job: ImportJob, outcome: Outcome) -> None:
        if job is not self._preview_job:
            return  # the choices changed meanwhile; a newer preview is coming
        self._preview_job = None
        self.preview = outcome
        self._show_report(outcome.parsed, outcome.report)
        self._show_state(State.NOTHING_NEW if nothing_new(outcome.report) else State.READY)
        if self._import_when_ready:
            self._import_when_ready = False
            self.start_import()

    def _preview_failed(self, job: ImportJob, message: str) -> None:
        if job is not self._preview_job:
            return
        self._preview_job = None
        self._import_when_ready = False
        self.preview = None
        self._clear_report()
        self.error.setText(message)
        self._show_state(State.FAILED)

    def _show_report(self, parsed: ParsedJournal, report: ImportReport) -> None:
        direction = f", {parsed.direction}" if parsed.direction else ""
        self.summary.setText(found_text(report, parsed))
        self.outcome.setText(outcome_text(report))
        self.anomalies.set_rows(
            [
                (
                    str(anomaly.line),
                    anomaly.original,
                    anomaly.suggested.isoformat() if anomaly.suggested else "not placed",
                    anomaly.reason,
                )
                for anomaly in report.anomalies
            ],
            [anomaly.reason for anomaly in report.anomalies],
        )
        self.anomaly_view.resizeColumnsToContents()
        days = parsed.days
        sample = []
        for found in days[:SAMPLE_DAYS]:
            first = found.entries[0]
            more = (
                f"  (+{plural(len(found.entries) - 1, 'entry')})" if len(found.entries) > 1 else ""
            )
            sample.append(
                (day_text(found.day, first.end_day), first.heading, first_line(first.body) + more)
            )
        self.days.set_rows(sample)
        self.days_view.resizeColumnsToContents()
        self.front_matter.set_rows(
            [(key, front_matter_value(value)) for key, value in parsed.front_matter.items()]
        )
        self.front_matter_view.resizeColumnsToContents()
        self.tabs.setTabText(0, f"Dates to check ({len(report.anomalies)})")
        shown = f"first {len(sample)} of {plural(len(days), 'day')}" if days else "no days"
        self.tabs.setTabText(1, f"First days ({shown}{direction})")
        self.tabs.setTabText(2, f"Front matter ({len(parsed.front_matter)})")
        self.tabs.setTabEnabled(2, bool(parsed.front_matter))
        if report.anomalies:
            self.tabs.setCurrentIndex(0)
        elif self.tabs.currentIndex() != 1:
            self.tabs.setCurrentIndex(1)
        self._show_preamble(parsed, report)

    def _show_preamble(self, parsed: ParsedJournal, report: ImportReport) -> None:
        note = next((n for n in parsed.notes if n.kind is NoteKind.PREAMBLE), None)
        self._has_preamble = note is not None
        if note is None:
            self.preamble_label.setText("<b>Before the first date:</b> nothing.")
            self.preamble_result.setText("")
            return
        lines = sum(1 for line in note.body.split("\n") if line.strip())
        self.preamble_label.setText(
            f"<b>Before the first date:</b> {plural(lines, 'line')} (“{_escape(note.title)}”)."
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

    def _clear_report(self) -> None:
        self.summary.setText("")
        self.outcome.setText("")
        for model in (self.anomalies, self.days, self.front_matter):
            model.set_rows([])
        self.tabs.setTabText(0, "Dates to check")
        self.tabs.setTabText(1, "First days")
        self.tabs.setTabText(2, "Front matter")
        self.preamble_label.setText("")
        self.preamble_result.setText("")
        self._has_preamble = False

    # --- importing ------------------------------------------------------------------

    def start_import(self) -> None:
        if self.state is State.READING:
            self._import_when_ready = True
            self.import_button.setEnabled(False)
            self.status.setText("Importing as soon as the preview is ready… Esc closes.")
            return
        if self.state is not State.READY or self.preview is None:
            return
        job = ImportJob(
            self.ops.store,
            self.path,
            now=self.ops.clock(),
            preamble_as_items=self.preamble_as_items,
            dry_run=False,
            expected_text=self.preview.text,
            parent=self,
        )
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._imported)
        job.failed.connect(self._import_failed)
        job.cancelled.connect(self._import_cancelled)
        job.file_changed.connect(self._file_changed)
        self._import_job = job
        self._notice = ""
        total = sum(self.preview.report.added.values()) - self.preview.report.added["categories"]
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._start(job)
        self._show_state(State.IMPORTING)

    def cancel_import(self) -> None:
        if self._import_job is not None and self.state is State.IMPORTING:
            self._import_job.cancel()
            self._show_state(State.CANCELLING)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _imported(self, _job: ImportJob, outcome: Outcome) -> None:
        self._import_job = None
        report = outcome.report
        self.report = report
        self.progress.setValue(self.progress.maximum())
        self._show_report(outcome.parsed, report)
        if not outcome.changes.empty:
            # The import ran on its own connection, as another writer: it is no undo
            # step, and the steps before it stay (each checks its rows when used).
            self.ops.external(outcome.changes)
            self.imported.emit(report)
        self._show_state(State.IMPORTED)
        if self._close_when_done:
            self.accept()

    def _import_failed(self, _job: ImportJob, message: str) -> None:
        self._import_job = None
        self.error.setText(message)
        self._show_state(State.FAILED)
        if self._close_when_done:
            self.done(QDialog.DialogCode.Rejected)

    def _import_cancelled(self, _job: ImportJob) -> None:
        self._import_job = None
        if self._close_when_done:
            self.done(QDialog.DialogCode.Rejected)
            return
        self._notice = "Import cancelled: nothing was written, your data is as it was."
        self._show_state(State.READY)

    def _file_changed(self, _job: ImportJob) -> None:
        self._import_job = None
        self._notice = (
            "The file changed since the preview, so nothing was imported. The preview now "
            "shows the file as it is: check it and press Import again."
        )
        self.refresh_preview()

    # --- jobs and closing -------------------------------------------------------------

    def _start(self, job: ImportJob) -> None:
        self._jobs.append(job)
        job.ended.connect(self._forget)
        job.start()

    def _forget(self, job: ImportJob) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        job.wait()  # `ended` is its last act; the thread is returning
        job.deleteLater()

    def reject(self) -> None:
        """Esc and Cancel: stop an import that is running (the dialog stays to say so),
        otherwise close."""
        if self.state is State.IMPORTING:
            self.cancel_import()
            return
        if self.state is State.CANCELLING:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.state in (State.IMPORTING, State.CANCELLING):
            # Closing the window is a cancel too; the dialog goes once the rollback is done.
            self._close_when_done = True
            self.cancel_import()
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self.state in (State.IMPORTING, State.CANCELLING) and self._import_job is not None:
            return  # an import still running decides when the dialog may go
        self._import_when_ready = False  # a preview finishing after this imports nothing
        self.stop_jobs()  # previews read only; they stop at their next step
        super().done(result)

    def stop_jobs(self) -> None:
        """Cancel every job still running and wait for it to end; an import cancelled
        this way rolls back, leaving the data as it was."""
        self._import_when_ready = False
        for job in list(self._jobs):
            job.cancel()
            job.wait()

    # --- states --------------------------------------------------------------------

    def _show_state(self, state: State) -> None:
        self.state = state
        busy = state in (State.IMPORTING, State.CANCELLING)
        self.import_button.setEnabled(state in (State.READY, State.READING))
        self.import_button.setVisible(state is not State.IMPORTED)
        self.choose_button.setEnabled(not busy)
        # Another choice after an import would import the text before the first date a
        # second time, the other way; choosing another file starts afresh.
        choosable = self._has_preamble and (
            state in (State.READING, State.READY, State.NOTHING_NEW)
        )
        self.keep_note.setEnabled(choosable)
        self.make_items.setEnabled(choosable)
        self.error_row.setVisible(state is State.FAILED)
        self.progress.setVisible(state in (State.IMPORTING, State.CANCELLING, State.IMPORTED))
        self.close_button.setText(
            "Close" if state in (State.IMPORTED, State.FAILED, State.NOTHING_NEW) else "Cancel"
        )
        self.close_button.setEnabled(state is not State.CANCELLING)
        self.status.setText(self._status_text(state))
        if state is State.READY:
            self.close_button.setDefault(False)
            self.import_button.setDefault(True)
            self.import_button.setFocus()
        elif state in (State.IMPORTED, State.NOTHING_NEW, State.FAILED):
            # Enter now closes: the default moves to the button that is left.
            self.import_button.setDefault(False)
            self.close_button.setDefault(True)
            self.close_button.setFocus()
        if state is State.NO_FILE:
            self.file_label.setText("Choose a Markdown journal (.md, .markdown, .txt) to import.")
        self.state_changed.emit(state)

    def _status_text(self, state: State) -> str:
        if state is State.READING:
            return "Reading the journal…"
        if state in (State.READY, State.NOTHING_NEW) and self._notice:
            return self._notice
        if state is State.READY:
            return "Nothing is written until you press Import (Enter). Esc closes."
        if state is State.IMPORTING:
            return "Importing… Esc cancels and leaves your data as it was."
        if state is State.CANCELLING:
            return "Cancelling: undoing what was written so far…"
        if state is State.IMPORTED and self.report is not None:
            if self.report.anomalies:
                return (
                    "Entries with a date to check are on the day under “Placed on”; "
                    "the Log shows why."
                )
            return "Done. The Log shows the imported days."
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- opening it -------------------------------------------------------------------------------


def choose_journal(parent: QWidget | None, folder: str = "") -> str | None:
    """A journal file picked in the platform's file chooser, or None if none was."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Choose a journal to import", folder or os.path.expanduser("~"), FILE_FILTER
    )
    return path or None


def open_import_dialog(
    ops: Operations, parent: QWidget | None, path: str | None = None
) -> ImportDialog | None:
    """File › Import journal…: choose a file (unless `path` is given), then preview and
    import it in the dialog. None when no file was chosen."""
    if path is None:
        path = choose_journal(parent)
        if path is None:
            return None
    dialog = ImportDialog(ops, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
