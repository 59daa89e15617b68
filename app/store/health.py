"""The live database file before it is opened: is it there, whole, SQLite, Rizhi's, of
a schema this version knows? And what to tell the user when it is not.

`examine` looks without changing anything (a read-only connection at most);
`problem_of` turns what it found into an `OpenProblem` with the way back: the newest good
backup and how to start empty on purpose. What `Store.open` asks on every open is in
opening.py, which stays cheap enough for the capture path.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from app.store.backup_files import BackupInfo

OK, MISSING, EMPTY, DAMAGED, NEWER, FOREIGN, UNREADABLE = (
    "ok",
    "missing",
    "empty",
    "damaged",
    "newer",
    "foreign",
    "unreadable",
)


class Health(NamedTuple):
    state: str
    detail: str = ""  # SQLite's message, or what was found


def examine(path: str | os.PathLike[str], *, thorough: bool = True, header: bool = False) -> Health:
    """What state the file at `path` is in, seen through SQLite.

    `thorough` adds SQLite's `quick_check`, which reads every page and so finds damage
    inside them and a file cut off (2 ms for a store holding an 8,500-line journal,
    34 ms for 50,000 items). Without it, the look costs about half a millisecond.

    `header` first reads the file's first 100 bytes directly, which tells a file cut off
    without reading it all. Only for a file no connection of this process has open:
    closing any handle on a file drops every POSIX lock the process holds on it,
    SQLite's included, and another process could then delete the WAL under it.
    """
    try:
        if os.path.isdir(path):
            return Health(UNREADABLE, "it is a folder, not a file")
        size = os.stat(path).st_size
    except FileNotFoundError:
        return Health(MISSING)
    except OSError as exc:
        return Health(UNREADABLE, exc.strerror or str(exc))
    if size == 0:
        return Health(EMPTY, "the file is empty (0 bytes)")
    problem = ""
    if header:
        from app.store.sqlite_file import header_problem

        try:
            problem = header_problem(path)
        except OSError as exc:
            return Health(UNREADABLE, exc.strerror or str(exc))
        if problem and not problem.startswith("the file is cut off"):
            return Health(DAMAGED, problem)
    # A file cut off is confirmed by SQLite itself: a checkpoint under way may grow the
    # file just after rewriting the header that counts its pages.
    return _open_and_look(path, thorough=thorough or bool(problem), cut_off=problem)


def _open_and_look(path: str | os.PathLike[str], *, thorough: bool, cut_off: str) -> Health:
    from app.store.sqlite_file import open_read_only, read_revision, verdict_of, wrong_schema_reason

    try:
        conn = open_read_only(path)
        try:
            empty = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None
            revision = read_revision(conn)
            reason = "" if empty else wrong_schema_reason(conn, revision)
            verdict = verdict_of(conn) if thorough and not reason else "ok"
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return Health(OK)  # another program is writing: busy, not damaged
        return Health(UNREADABLE, str(exc))
    except sqlite3.DatabaseError as exc:
        return Health(DAMAGED, f"{cut_off}; {exc}" if cut_off else str(exc))
    if verdict != "ok":
        return Health(DAMAGED, f"{cut_off}; {verdict}" if cut_off else verdict)
    if reason.startswith("written by a newer version"):
        return Health(NEWER, reason)
    if reason:
        return Health(FOREIGN, reason)
    return Health(OK)


class OpenProblem(NamedTuple):
    """Why the live file cannot be opened as it is, and the way back."""

    kind: str  # damaged, newer, empty, missing, foreign, unreadable
    path: str
    detail: str
    backups: str  # the backups folder
    newest_good: BackupInfo | None

    def message(self) -> str:
        """The whole story for the command line: what is wrong, then what to do."""
        what = {
            DAMAGED: f"The database {self.path} is damaged ({self.detail}).",
            EMPTY: f"The database {self.path} is empty (0 bytes): the data it held is gone.",
            MISSING: f"The database {self.path} is missing, but there are backups in "
            f"{self.backups}.",
            FOREIGN: f"{self.path} is {self.detail}.",
            NEWER: f"The database {self.path} was {self.detail}; update Rizhi to open it. "
            "Nothing was changed.",
            UNREADABLE: f"The database {self.path} cannot be opened ({self.detail}). Check "
            "that it is a file you may read and write; nothing was changed.",
        }[self.kind]
        if self.kind in (NEWER, UNREADABLE):
            return what
        return f"{what} {self.way_back()}"

    def way_back(self) -> str:
        import shlex

        kept = "" if self.kind == MISSING else " (the file is kept beside it)"
        empty = f"To start with an empty store instead, run `rizhi restore --empty`{kept}."
        good = self.newest_good
        if good is None:
            return f"There is no good backup in {self.backups}. {empty}"
        return (
            f"The newest good backup is {good.path} (taken {good.taken_at:%Y-%m-%d %H:%M}, "
            f"{_count(good.items, 'item', 'items')}, "
            f"{_count(good.log_entries, 'log entry', 'log entries')}). "
            f"Restore it with `rizhi restore {shlex.quote(good.path)}`. {empty}"
        )


def _count(number: int | None, one: str, many: str) -> str:
    if number is None:
        return f"no {many}"
    return f"{number:,} {one if number == 1 else many}"


def problem_of(
    path: str | os.PathLike[str], backups: str | os.PathLike[str], health: Health
) -> OpenProblem | None:
    """The problem `health` describes, with the newest good backup; None when the file
    can be opened (or is missing with no backups: a first start)."""
    from app.store.backup_files import has_backups, newest_good

    if health.state == OK or (health.state == MISSING and not has_backups(backups)):
        return None
    return OpenProblem(
        health.state, os.fspath(path), health.detail, os.fspath(backups), newest_good(backups)
    )


def move_aside(path: str | os.PathLike[str], moment: datetime) -> list[str]:
    """Rename the file at `path` to `<name>.damaged-<time>`, with its `-wal` and `-shm`:
    left at the live name, SQLite would replay that WAL onto whatever file comes next.
    The WAL and shared memory go first, so no crash can leave them behind alone."""
    base = os.fspath(path)
    aside = f"{base}.damaged-{moment:%Y%m%d-%H%M%S}"
    moved = []
    for suffix in ("-wal", "-shm", ""):
        if os.path.lexists(base + suffix):
            os.replace(base + suffix, aside + suffix)
            moved.append(aside + suffix)
    return moved[::-1]
