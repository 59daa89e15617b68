"""The File menu's commands on the data as a whole: back up now, restore from a backup,
export (JSON, Markdown) and import (JSON), as the command line's `rizhi backup`,
`rizhi restore`, `rizhi export json|markdown` and `rizhi import json` do them.

What each did is said in the status bar, with where the file went; a refusal (a damaged
file not backed up, an export file that cannot be written, an import whose record breaks
a rule) is shown as the services word it, never as a traceback, and changes nothing.

* A restore replaces the file under the window's own connection: afterwards every view
  reloads, the feed is followed from the restored file, and the undo steps go (no undo
  reaches across a restore; see `Operations.reconnected`).
* A JSON import takes a `before-import` backup, then runs as one transaction on a
  `Worker` (app/ui/worker.py), another writer like the journal import: it is no undo
  step, and the steps before it stay.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.changes import Changes
from app.domain.errors import DomainError
from app.domain.words import plural
from app.ui.confirm import confirm
from app.ui.wording import folder_text

if TYPE_CHECKING:
    from app.services.transfer import ImportReport
    from app.store.db import Store
    from app.ui.main_window import MainWindow
    from app.ui.worker import JobProgress, Worker

# What a command on the whole file may meet: the services' refusals, the database's, the
# file system's.
FAILURES = (DomainError, sqlite3.Error, OSError)
JSON_FILTER = "Rizhi exports (*.json);;All files (*)"
MARKDOWN_FILTER = "Markdown (*.md *.markdown);;All files (*)"
IMPORT_COUNTS = (("items", "item"), ("study_units", "unit"), ("log_entries", "log entry"))
_RUNNING: set[Worker] = set()  # imports under way, kept until they end
IMPORT_THREAD = "JsonImport"  # the object name of an import's worker


def failure_text(exc: Exception) -> str:
    """A refusal in words: the services' own message, or what the database or the file
    system said."""
    if isinstance(exc, DomainError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return (
            f"The database said “{exc}”; nothing was changed. Close other programs using "
            "Rizhi's data and try again."
        )
    assert isinstance(exc, OSError)
    name = exc.filename if isinstance(exc.filename, str) else ""
    where = f" ({folder_text(name)})" if name else ""
    return f"{exc.strerror or exc}{where}. Nothing was changed."


def backup_now(window: MainWindow) -> Path | None:
    """A manual backup into the backups folder (never deleted automatically), checked
    by SQLite before it counts."""
    from app.services.backups import backup

    try:
        made = backup(window.store, None, now=window.ops.clock())
    except FAILURES as exc:
        window.show_error(f"No backup was made. {failure_text(exc)}")
        return None
    window.show_status(f"Backed up to {folder_text(os.fspath(made))}.")
    return made


def restore_from_backup(window: MainWindow) -> bool:
    """Choose a backup, confirm, and put it in place of the data the window shows."""
    from app.ui.restore_dialog import choose_backup

    chosen = choose_backup(window.store.backups, window.ops.clock, window)
    if chosen is None:
        return False
    return restore_backup(window, Path(chosen.path))


def restore_backup(window: MainWindow, source: Path) -> bool:
    from app.services.backups import restore

    # Words typed into the log are saved first: they belong to the data backed up.
    window.ops.about_to_restore.emit()
    try:
        safety, changes = restore(window.store, source, now=window.ops.clock())
    except FAILURES as exc:
        # The store's connection was closed for the restore: its history goes with it.
        window.ops.reconnected(Changes())
        window.show_error(f"Nothing was restored. {failure_text(exc)}")
        return False
    window.live.resync()
    window.ops.reconnected(changes)
    kept = f" The data it replaced is saved as {folder_text(os.fspath(safety))}." if safety else ""
    window.show_status(f"Restored {folder_text(os.fspath(source))}.{kept}")
    return True


def export_json(window: MainWindow) -> Path | None:
    from app.services.transfer import export_file, export_summary

    target = _save_path(window, "Export everything as JSON", "json", JSON_FILTER)
    if target is None:
        return None
    try:
        counts = export_file(window.store, target, now=window.ops.clock())
    except FAILURES as exc:
        window.show_error(failure_text(exc))
        return None
    window.show_status(f"Exported {export_summary(counts)} to {folder_text(os.fspath(target))}.")
    return target


def export_markdown(window: MainWindow) -> Path | None:
    """The daily log as one Markdown document, oldest day first, as `rizhi export
    markdown` writes it."""
    from app.services.journal_export import export_file

    target = _save_path(window, "Export the log as Markdown", "md", MARKDOWN_FILTER)
    if target is None:
        return None
    try:
        report = export_file(window.store, target, now=window.ops.clock())
    except FAILURES as exc:
        window.show_error(failure_text(exc))
        return None
    window.show_status(
        f"Exported {plural(report.entries, 'log entry')} over {plural(report.days, 'day')} "
        f"to {folder_text(report.path)}."
    )
    return target


def _save_path(window: MainWindow, title: str, suffix: str, filters: str) -> Path | None:
    now = window.ops.clock()
    suggested = os.path.join(os.path.expanduser("~"), f"rizhi-{now:%Y-%m-%d}.{suffix}")
    chosen, _ = QFileDialog.getSaveFileName(window, title, suggested, filters)
    if not chosen:
        return None
    return Path(chosen)


# --- import ----------------------------------------------------------------------------


def import_json(window: MainWindow) -> Worker | None:
    """Choose an export, check it whole, confirm, and import it on a worker; None when
    nothing was started (cancelled, or the file refused with the record and field)."""
    from app.services.transfer import load_file

    chosen, _ = QFileDialog.getOpenFileName(
        window, "Import a Rizhi JSON export", os.path.expanduser("~"), JSON_FILTER
    )
    if not chosen:
        return None
    try:
        document = load_file(Path(chosen))
    except FAILURES as exc:
        window.show_error(failure_text(exc))
        return None
    if not confirm_import(window, chosen, document):
        return None
    return start_import(window, document)


def confirm_import(parent: QWidget, path: str, document: dict[str, Any]) -> bool:
    """Asked before an import, with what the file holds; Cancel is the default."""
    counts = [plural(len(document.get(table, [])), word) for table, word in IMPORT_COUNTS]
    return confirm(
        parent,
        "Import JSON",
        f"Import {', '.join(counts)} from {folder_text(path)}?",
        "What is already here is kept as it is and what is new is added. A backup is "
        "taken first; an import is not an undo step.",
        "Import",
    )


@dataclass(frozen=True)
class JsonImport:
    """A checked export imported on a worker's store, after a `before-import` backup."""

    document: dict[str, Any]
    now: datetime

    def __call__(self, store: Store, progress: JobProgress) -> tuple[Path, ImportReport, Changes]:
        from app.domain.backup_schedule import BEFORE_IMPORT
        from app.services.backups import safety_backup
        from app.services.transfer import import_data

        safety = safety_backup(store, BEFORE_IMPORT, now=self.now)
        progress.check()
        report, changes = import_data(store, self.document)
        return safety, report, changes


def start_import(window: MainWindow, document: dict[str, Any]) -> Worker:
    from app.ui.worker import Worker

    action = window.registry.action("file.import_json")
    action.setEnabled(False)  # one import at a time
    worker = Worker(window.store, JsonImport(document, window.ops.clock()), parent=window)
    worker.setObjectName(IMPORT_THREAD)
    worker.succeeded.connect(lambda _worker, result: _imported(window, *result))
    worker.failed.connect(lambda _worker, message: window.show_error(message))

    def ended(finished: Worker) -> None:
        finished.wait()  # `ended` is its last act; the thread is returning
        _RUNNING.discard(finished)
        action.setEnabled(True)
        finished.deleteLater()

    worker.ended.connect(ended)
    _RUNNING.add(worker)
    worker.start()
    return worker


def finish_imports(window: QWidget) -> None:
    """Wait for an import under way (the window is closing): its thread must not outlive
    the window, and its one transaction is then written whole."""
    for worker in window.findChildren(QThread, IMPORT_THREAD):
        worker.wait()


def _imported(window: MainWindow, safety: Path, report: ImportReport, changes: Changes) -> None:
    # Another writer's change: every view reloads, the undo steps stay (each checks its
    # rows when used).
    window.ops.external(changes)
    added = ", ".join(
        f"{count:,} {table.replace('_', ' ')}" for table, count in report.added.items() if count
    )
    skipped = sum(report.skipped.values())
    kept = f"; {skipped:,} already here were kept as they were" if skipped else ""
    window.show_status(
        f"Imported {added or 'nothing new'}{kept}. The data before it is saved as "
        f"{folder_text(os.fspath(safety))}."
    )
