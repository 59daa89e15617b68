"""Starting the window on a damaged, empty or lost data file: it says what is wrong and
how to get the data back (the newest good backup, the exact restore line), and opens no
empty store in its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.entities import ItemDraft
from app.services.backups import backup
from app.services.items import create_item
from app.store.db import Store
from app.ui import errors, launch
from tests.conftest import NOW
from tests.damage import damage


@pytest.mark.parametrize(
    "kind", ["header overwritten", "truncated", "page-level corruption", "0 bytes", "missing"]
)
def test_the_window_names_the_way_back_instead_of_opening(
    home: Path, qapp: object, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    for n in range(40):
        create_item(store, ItemDraft(title=f"item {n}", notes="x" * 200), now=NOW)
    good = backup(store, None, now=NOW)
    store.close()
    if kind == "missing":
        (home / "rizhi.sqlite3").unlink()
    else:
        damage(home / "rizhi.sqlite3", kind)
    before = (home / "rizhi.sqlite3").read_bytes() if kind != "missing" else None
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(errors, "install_excepthook", lambda log_file: None)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # never wait on a window
    assert launch.run() == 2
    (message,) = shown
    assert f"rizhi restore {good}" in message and "rizhi restore --empty" in message
    if before is None:
        assert not (home / "rizhi.sqlite3").exists()
    else:
        assert (home / "rizhi.sqlite3").read_bytes() == before


def test_a_large_store_gets_the_quick_look_before_opening_and_the_thorough_one_after(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import diagnosis

    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    for n in range(40):
        create_item(store, ItemDraft(title=f"item {n}", notes="x" * 200), now=NOW)
    backup(store, None, now=NOW)
    store.close()
    damage(home / "rizhi.sqlite3", "page-level corruption")
    live, folder = home / "rizhi.sqlite3", home / "backups"
    assert diagnosis.diagnose_before_opening(live, folder) is not None
    monkeypatch.setattr(diagnosis, "THOROUGH_BEFORE_OPENING", 1024)  # as if it were large
    assert diagnosis.diagnose_before_opening(live, folder) is None  # found after, on a thread
