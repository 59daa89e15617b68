"""The journal import as a job for a background `Worker` (app/ui/worker.py): read the
file, parse it and run the importer (a dry run for a preview) on the worker's own store.

The import is the importer's one transaction and reports its progress from inside it,
so a cancelled import rolls back and leaves the database exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from PySide6.QtCore import QObject

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.journal.parse import ParsedJournal, parse_journal
from app.services.journal_import import import_journal, load_journal
from app.services.journal_import_summary import ImportReport
from app.store.db import Store
from app.ui.worker import FailureWording, JobProgress, Worker


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


class Outcome(NamedTuple):
    """What the job read and what the importer reported (a dry run for a preview)."""

    text: str
    parsed: ParsedJournal
    report: ImportReport
    changes: Changes


class FileChanged(NamedTuple):
    """The file no longer holds the text the preview showed: nothing was imported."""

    path: str


@dataclass(frozen=True)
class JournalImport:
    """One run of the importer on the journal at `path`, as a worker's job. With
    `expected_text` (the text a preview showed), a file that changed since is not
    imported: the job returns FileChanged."""

    path: str
    now: datetime
    preamble_as_items: bool
    dry_run: bool
    expected_text: str | None = None

    def __call__(self, store: Store, progress: JobProgress) -> Outcome | FileChanged:
        text = read_journal(self.path)
        if self.expected_text is not None and text != self.expected_text:
            return FileChanged(self.path)
        progress.check()
        parsed = parse_journal(text, year_hint=self.now.year)
        progress.check()
        if not self.dry_run:  # an import is no undo step: a copy of the data before it
            from app.domain.backup_schedule import BEFORE_IMPORT
            from app.services.backups import safety_backup

            safety_backup(store, BEFORE_IMPORT, now=self.now)
        report, changes = import_journal(
            store,
            parsed,
            now=self.now,
            source=os.path.abspath(self.path),
            dry_run=self.dry_run,
            preamble_as_items=self.preamble_as_items,
            progress=progress,
        )
        return Outcome(text, parsed, report, changes)

    def database_text(self, exc: sqlite3.Error) -> str:
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

    @staticmethod
    def unexpected_text(exc: Exception) -> str:
        return (
            f"The import stopped on an unexpected error ({type(exc).__name__}: {exc}). "
            "Nothing was imported and your data is as it was; the details are in the "
            "log file."
        )


def import_worker(store: Store, job: JournalImport, parent: QObject | None = None) -> Worker:
    """A worker (not started) that runs `job` on a store of its own on `store`'s file;
    its result is an Outcome or FileChanged."""
    wording = FailureWording(database=job.database_text, unexpected=job.unexpected_text)
    return Worker(store, job, wording=wording, parent=parent)
