"""Importing a Markdown journal from the window: File › Import journal….

The dialog reads the file and shows what an import would do before anything is written
(its body, the `ReportPanel` of app/ui/log/import_report.py: the counts, every date it
could not take as written, the first days, the front matter, what becomes of the text
before the first date). Import writes it with a progress bar, then the panel shows what
was added.

Reading, the preview (a dry run of the importer) and the import are jobs for a background
`Worker` (app/ui/worker.py; the job is app/ui/log/import_job.py), on a `Store` of its own
on the same file, so a journal of years never freezes the window. The import is the
importer's one transaction: Cancel makes the next progress report raise inside it, and
the rollback leaves the database exactly as it was. An import is not undoable; afterwards
every view reloads and the undo history is cleared (see `ImportDialog._imported`).
"""

from __future__ import annotations

import os
from enum import Enum
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.journal_import_summary import ImportReport, nothing_new
from app.ui.log.import_job import FileChanged, JournalImport, Outcome, import_worker
from app.ui.log.import_report import ReportPanel
from app.ui.ops import Operations
from app.ui.screen_fit import fit_to_screen
from app.ui.wording import folder_text
from app.ui.worker import Worker

FILE_FILTER = "Journals (*.md *.markdown *.txt);;All files (*)"


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
        self._preview_job: Worker | None = None
        self._import_job: Worker | None = None
        self._jobs: list[Worker] = []  # running, kept until they end
        self._close_when_done = False
        # Import pressed while the preview is read: import once it is ready, unless the
        # file or the choices change first (then the new preview is shown, not imported).
        self._import_when_ready = False
        self._notice = ""  # what happened to the last import attempt, shown with the preview
        self.setWindowTitle("Import journal")
        self.setAcceptDrops(True)
        # Quitting the app (File › Quit, the tray) while an import runs: the job must end
        # (an import rolls back) before Qt tears the dialog and the thread down.
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_jobs)
        fit_to_screen(self, 820, 580)
        self._build()
        self._show_state(State.NO_FILE)
        if path:
            self.set_path(path)

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self._build_file_row())
        self.panel = ReportPanel()
        self.panel.preamble_chosen.connect(self._preamble_chosen)
        layout.addWidget(self.panel, 1)
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
        self.file_label.setText(
            f"<b>{escape(name, quote=False)}</b><br>{escape(folder, quote=False)}"
        )
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

    def _preamble_chosen(self) -> None:
        if self.path and self.state not in (State.IMPORTING, State.CANCELLING):
            self._notice = ""
            self.refresh_preview()

    def refresh_preview(self) -> None:
        """A dry run of the import with the current choices, in the background; a preview
        still running for earlier choices is dropped."""
        if self._preview_job is not None:
            self._preview_job.cancel()
        self._import_when_ready = False
        request = JournalImport(
            self.path,
            now=self.ops.clock(),
            preamble_as_items=self.panel.preamble_as_items,
            dry_run=True,
        )
        job = import_worker(self.ops.store, request, self)
        job.succeeded.connect(self._preview_ready)
        job.failed.connect(self._preview_failed)
        self._preview_job = job
        self._start(job)
        self._show_state(State.READING)

    def _preview_ready(self, job: Worker, outcome: Outcome) -> None:
        if job is not self._preview_job:
            return  # the choices changed meanwhile; a newer preview is coming
        self._preview_job = None
        self.preview = outcome
        self.panel.show_report(outcome.parsed, outcome.report)
        self._show_state(State.NOTHING_NEW if nothing_new(outcome.report) else State.READY)
        if self._import_when_ready:
            self._import_when_ready = False
            self.start_import()

    def _preview_failed(self, job: Worker, message: str) -> None:
        if job is not self._preview_job:
            return
        self._preview_job = None
        self._import_when_ready = False
        self.preview = None
        self.panel.clear()
        self.panel.error.setText(message)
        self._show_state(State.FAILED)

    # --- importing ------------------------------------------------------------------

    def start_import(self) -> None:
        if self.state is State.READING:
            self._import_when_ready = True
            self.import_button.setEnabled(False)
            self.status.setText("Importing as soon as the preview is ready… Esc closes.")
            return
        if self.state is not State.READY or self.preview is None:
            return
        request = JournalImport(
            self.path,
            now=self.ops.clock(),
            preamble_as_items=self.panel.preamble_as_items,
            dry_run=False,
            expected_text=self.preview.text,
        )
        job = import_worker(self.ops.store, request, self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._import_ended)
        job.failed.connect(self._import_failed)
        job.cancelled.connect(self._import_cancelled)
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

    def _import_ended(self, _job: Worker, result: Outcome | FileChanged) -> None:
        self._import_job = None
        if isinstance(result, FileChanged):
            self._file_changed()
        else:
            self._imported(result)

    def _imported(self, outcome: Outcome) -> None:
        report = outcome.report
        self.report = report
        self.progress.setValue(self.progress.maximum())
        self.panel.show_report(outcome.parsed, report)
        if not outcome.changes.empty:
            # The import ran on its own connection, as another writer: it is no undo
            # step, and the steps before it stay (each checks its rows when used).
            self.ops.external(outcome.changes)
            self.imported.emit(report)
        self._show_state(State.IMPORTED)
        if self._close_when_done:
            self.accept()

    def _import_failed(self, _job: Worker, message: str) -> None:
        self._import_job = None
        self.panel.error.setText(message)
        self._show_state(State.FAILED)
        if self._close_when_done:
            self.done(QDialog.DialogCode.Rejected)

    def _import_cancelled(self, _job: Worker) -> None:
        self._import_job = None
        if self._close_when_done:
            self.done(QDialog.DialogCode.Rejected)
            return
        self._notice = "Import cancelled: nothing was written, your data is as it was."
        self._show_state(State.READY)

    def _file_changed(self) -> None:
        self._notice = (
            "The file changed since the preview, so nothing was imported. The preview now "
            "shows the file as it is: check it and press Import again."
        )
        self.refresh_preview()

    # --- jobs and closing -------------------------------------------------------------

    def _start(self, job: Worker) -> None:
        self._jobs.append(job)
        job.ended.connect(self._forget)
        job.start()

    def _forget(self, job: Worker) -> None:
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
        self.panel.set_choosable(state in (State.READING, State.READY, State.NOTHING_NEW))
        self.panel.error_row.setVisible(state is State.FAILED)
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
