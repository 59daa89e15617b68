"""What `Store.open` asks before it opens the file: one `stat` when the file is there,
so the capture path pays nothing for it (this module imports nothing of its own).

A missing file is a first start and becomes a new store, made whole (create.create_file).
But a file that is missing while backups lie beside it, or that is empty (0 bytes), is
lost data, not a new start: it is refused with the way back (app/store/health.py), the
newest good backup and the exact `rizhi restore` line, never silently replaced by an
empty store.
"""

from __future__ import annotations

import os


def prepare(path: str, backups: str) -> None:
    """Make a new store at a missing `path`, or raise StoreError for one that was lost."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        if has_backups(backups):
            _refuse(path, backups, "missing", "")
        from app.store.create import create_file

        create_file(path)
        return
    except OSError:
        return  # opening says what is wrong
    if size == 0:
        _refuse(path, backups, "empty", "0 bytes")


def has_backups(folder: str) -> bool:
    """Whether `folder` holds a file named as Rizhi names its backups (the name's form
    only: app/store/backup_files.py reads them in full when it matters)."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return False
    return any(_looks_like_a_backup(name) for name in names)


def _looks_like_a_backup(name: str) -> bool:
    # rizhi-20261120-020000-000000Z-auto.sqlite3
    return (
        name.startswith("rizhi-")
        and name.endswith(".sqlite3")
        and name[6:14].isdigit()
        and name[15:21].isdigit()
        and name[22:28].isdigit()
    )


def _refuse(path: str, backups: str, state: str, detail: str) -> None:
    from app.domain.errors import StoreError
    from app.store.health import Health, problem_of

    problem = problem_of(path, backups, Health(state, detail))
    assert problem is not None
    raise StoreError(problem.message())
