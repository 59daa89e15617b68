"""Where Rizhi keeps its files. `RIZHI_HOME` overrides the platform data folder.

Paths here are plain strings built with os.path: these functions run on every
`rizhi add`, and importing pathlib would cost that command about a tenth of its time.
"""

from __future__ import annotations

import os
import sys

DB_FILENAME = "rizhi.sqlite3"


def _folder(path: str) -> str:
    os.makedirs(path, exist_ok=True)
    return path


def data_dir(*, create: bool = True) -> str:
    """The folder holding the database, backups and logs; created on first use, unless
    `create` is False (a dry run leaves no trace)."""
    path = data_dir_location()
    return _folder(path) if create else path


def data_dir_location() -> str:
    """Where the data folder is, without creating it (to name it when it cannot be)."""
    override = os.environ.get("RIZHI_HOME")
    if override:
        return os.path.expanduser(override)
    if sys.platform == "linux":
        # The XDG rule platformdirs follows here, read directly: importing platformdirs
        # cost every command about 25 ms (tests/config/test_paths.py holds the two equal).
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.local/share")
        return os.path.join(base, "rizhi")
    # Imported here: platformdirs is only needed when no override is set.
    from platformdirs import user_data_dir

    return str(user_data_dir("rizhi", appauthor=False))


def database_path() -> str:
    return os.path.join(data_dir(), DB_FILENAME)


def backups_dir() -> str:
    return _folder(os.path.join(data_dir(), "backups"))


def log_dir() -> str:
    return _folder(os.path.join(data_dir(), "logs"))


def cache_dir() -> str:
    """Copies of what Rizhi fetched (pictures from the web): safe to delete."""
    return _folder(os.path.join(data_dir(), "cache"))
