"""The instance starting itself again, as the same process.

When a newer Rizhi upgrades the store's schema under a running instance, that instance
stops writing and replaces itself (`exec`) with the installation now on disk, which knows
the new schema. The process id stays, so a session manager, an autostart entry or a test
following it still follows it. What it was showing and why it restarted travel in the
environment, read once by the new image (`take_note`).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import NamedTuple, NoReturn

NOTE_ENV = "RIZHI_RESTARTED"


class RestartNote(NamedTuple):
    notice: str  # what to tell the user once started again
    window: bool  # whether the window was on screen


def restart(note: RestartNote) -> NoReturn:
    """Replace this process with a new start of the same command line."""
    os.environ[NOTE_ENV] = json.dumps(note._asdict(), ensure_ascii=False)
    logging.shutdown()  # what the log holds is written before the process is replaced
    sys.stdout.flush()
    sys.stderr.flush()
    # orig_argv: the interpreter's own options and `-m app` or the script, as started.
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def take_note() -> RestartNote | None:
    """The note left by `restart`, once: removed, so no child process inherits it."""
    text = os.environ.pop(NOTE_ENV, "")
    if not text:
        return None
    try:
        fields = json.loads(text)
        return RestartNote(notice=str(fields["notice"]), window=bool(fields["window"]))
    except (ValueError, KeyError, TypeError):
        return None
