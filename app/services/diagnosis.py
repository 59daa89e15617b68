"""What is wrong with the live file, asked before it is opened: the window asks it at
start-up (so this module imports little), `rizhi check` and a restore ask it too.
The way back from what it finds is app/services/recovery.py.
"""

from __future__ import annotations

import os

from app.store.health import OpenProblem, examine, problem_of


def diagnose(
    path: str | os.PathLike[str],
    backups: str | os.PathLike[str],
    *,
    thorough: bool = True,
    before_opening: bool = False,
) -> OpenProblem | None:
    """What stops the live file at `path` from opening as it is, with the newest good
    backup; None when it opens (or is missing with no backups: a first start).

    Found: damaged (SQLite's message; `thorough` runs `quick_check`, which also finds
    damage inside pages and a file cut off), newer (a schema this version does not
    know), empty (0 bytes), missing while backups lie beside it, foreign (not a Rizhi
    database), unreadable (permissions, a folder).

    `before_opening` (the window, before it opens the store) also reads the file's
    header directly, which tells a file cut off at the cost of the quick look. Never
    while this process has the file open: see app/store/health.py, `examine`."""
    health = examine(path, thorough=thorough, header=before_opening)
    return problem_of(path, backups, health)


# SQLite's quick_check reads about a megabyte a millisecond or more: up to this size the
# window takes the thorough look before it opens the store (about 10 ms at most); a
# larger store gets the quick look, and the thorough one on the automatic backup's
# thread once the first frame is painted (app/ui/auto_backup.py).
THOROUGH_BEFORE_OPENING = 8 * 1024 * 1024


def diagnose_before_opening(
    path: str | os.PathLike[str], backups: str | os.PathLike[str]
) -> OpenProblem | None:
    """The window's look at the live file before it opens the store: thorough when the
    file is small enough to read whole without delaying start-up noticeably."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0  # missing or unreadable: the look says which
    thorough = size <= THOROUGH_BEFORE_OPENING
    return diagnose(path, backups, thorough=thorough, before_opening=True)
