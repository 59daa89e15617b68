"""The window never writes SQL of its own: it reads through the store's read functions
(item_rows, backlog_query, the feed) and the services, and writes only through services
run by Operations (docs/architecture.md, "How the window reads")."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "app" / "ui"
SQL = re.compile(r"\.execute(many|script)?\(|\b(SELECT|INSERT|UPDATE|DELETE)\s+[A-Z*]")


def test_no_sql_in_the_window() -> None:
    found = [
        f"{path.relative_to(UI.parent.parent)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SQL.search(line)
    ]
    assert found == []
