"""The command line must stay light: no Qt ever, and a capture that imports only what
it needs (no SQLAlchemy, Alembic or third-party date parser on a current database, and
dateutil only for a line that repeats)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "PySide6",
    "shiboken6",
    "sqlalchemy",
    "alembic",
    "dateparser",
    "duckling",
    "platformdirs",
    "dateutil",  # repeat rules only: a line that repeats imports it
)


def imported_modules(code: list[str], env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    names = set()
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+\d+ \|\s*(\S+)", line)
        if match:
            names.add(match.group(1).split(".")[0])
    return names


def test_importing_the_cli_does_not_import_qt() -> None:
    names = imported_modules(["-c", "import app.cli.main"])
    assert "app" in names
    assert not names & {"PySide6", "shiboken6"}


def test_capture_imports_nothing_heavy(home: Path) -> None:
    env = dict(os.environ, RIZHI_HOME=str(home))
    # The first run creates the database (that path may import Alembic); time the second.
    subprocess.run(
        [sys.executable, "-m", "app", "add", "first"], env=env, check=True, capture_output=True
    )
    names = imported_modules(["-m", "app", "add", "read MAE paper #paper !high ~2h fri 3pm"], env)
    assert not names & set(HEAVY), sorted(names & set(HEAVY))


def test_capture_with_text_imports_what_add_imports(home: Path) -> None:
    env = dict(os.environ, RIZHI_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "app", "add", "first"], env=env, check=True, capture_output=True
    )
    add = imported_modules(["-m", "app", "add", "read MAE paper #paper !high ~2h fri 3pm"], env)
    capture = imported_modules(["-m", "app", "capture", "read ViT paper #paper ~1h"], env)
    assert not capture & set(HEAVY), sorted(capture & set(HEAVY))
    assert capture - add == set(), sorted(capture - add)  # nothing more than add's
