"""Every way a command can fail, as an exit code and a message: never a traceback.

`DomainError`s carry their own (1 not found, 2 bad input, 3 storage). What the storage
or the system raised (`sqlite3.Error`, `OSError`) is told by app/store/failures.py as a
storage or environment failure (3). Anything else is a fault in Rizhi: the user gets a
short message (3) and the traceback goes to the log file, for a report.

Imported only when a command fails.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import traceback
from datetime import datetime

from app.cli.common import EXIT_FAILURE
from app.config.paths import DB_FILENAME, data_dir_location
from app.domain.errors import DomainError
from app.store.failures import database_failure, file_failure

LOG_NAME = "rizhi.log"  # the window's log file too
MAX_DETAIL = 200  # characters of an unexpected error's own text shown to the user


class UnexpectedFailure(DomainError):
    """A fault in Rizhi, not in the user's input or the machine."""

    exit_code = EXIT_FAILURE


def explain(exc: Exception) -> DomainError:
    """The error to report for `exc`, raised while a command ran."""
    if isinstance(exc, DomainError):
        return exc
    folder = data_dir_location()
    if isinstance(exc, sqlite3.Error):
        database = os.path.join(folder, DB_FILENAME)
        found = database_failure(exc, database, os.path.join(folder, "backups"))
        if found is not None:
            return found
    elif isinstance(exc, OSError):
        return file_failure(exc, folder)
    return unexpected(exc, folder)


def unexpected(exc: Exception, folder: str) -> UnexpectedFailure:
    detail = f"{type(exc).__name__}: {exc}"
    if len(detail) > MAX_DETAIL:
        detail = detail[:MAX_DETAIL] + "…"
    log = write_report(exc, os.path.join(folder, "logs"))
    where = f"the details written to {log}" if log else "the command you ran"
    return UnexpectedFailure(
        f"Rizhi stopped on an unexpected error ({detail}). A change it was making is "
        "saved whole or not at all, so your data is consistent. This is a bug in Rizhi: "
        f"please report it, with {where}. If the data itself may be at fault (a value "
        "written by another program), `rizhi check` finds it."
    )


def write_report(exc: Exception, logs: str) -> str | None:
    """Append the traceback to the log file; its path, or None when it cannot be written."""
    path = os.path.join(logs, LOG_NAME)
    report = "".join(traceback.format_exception(exc))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    with contextlib.suppress(OSError):
        os.makedirs(logs, exist_ok=True)
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"{stamp} ERROR app.cli: Unexpected error\n{report}")
        return path
    return None
