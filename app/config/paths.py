"""Where Rizhi keeps its files. `RIZHI_HOME` overrides the platform data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "rizhi.sqlite3"


def data_dir() -> Path:
    """The folder holding the database, backups and logs; created on first use."""
    override = os.environ.get("RIZHI_HOME")
    if override:
        folder = Path(override).expanduser()
    else:
        # Imported here: platformdirs is only needed when no override is set.
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("rizhi", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_path() -> Path:
    return data_dir() / DB_FILENAME


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(exist_ok=True)
    return folder


def log_dir() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(exist_ok=True)
    return folder
