"""Two processes capturing at the same time must both succeed completely, including
the first run, when both find a new file and race to create the schema."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

WRITER = """
import sys
from app.cli.main import main
name = sys.argv[1]
for n in range(500):
    # Each call opens its own store and connection, as separate `rizhi add` runs do.
    code = main(["add", f"{name} item {n} #load"])
    if code != 0:
        raise SystemExit(f"add failed with exit code {code}")
"""


def test_two_processes_adding_500_items_each(home: Path) -> None:
    env_python = sys.executable
    procs = [
        subprocess.Popen(
            [env_python, "-c", WRITER, name],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert not any("locked" in e for e in errors), errors
    with sqlite3.connect(home / "rizhi.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1000
        titles = {r[0] for r in conn.execute("SELECT title FROM items")}
        assert titles == {f"{name} item {n}" for name in ("alpha", "beta") for n in range(500)}
        assert conn.execute("SELECT COUNT(*) FROM item_tags").fetchone()[0] == 1000
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
