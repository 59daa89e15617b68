"""The log page shows the day's focus line with links to its items, and follows time
changes (an undo of time entries names no item)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.services.time_entries import add_entry, delete_entry
from app.store.db import Store
from app.ui.log.page import LogPage
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.theme import tokens_for
from tests.conftest import NOW


def test_the_focus_line_shows_and_follows_time_changes(
    qtbot: QtBot, store: Store, qapp: object, tmp_path: Path
) -> None:
    ops = Operations(store, clock=lambda: NOW)
    page = LogPage(ops, tokens_for(False), UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    paper = create_item(store, ItemDraft(title="MAE paper"), now=NOW)[0].id
    start = NOW - timedelta(hours=2)
    entry, changes = add_entry(store, item_id=paper, start=start,
                               end=start + timedelta(minutes=80), now=NOW)  # fmt: skip
    page.apply(changes)
    qtbot.waitUntil(lambda: "Focus  1h20m — MAE paper (1h20m)" in page.day_view.toPlainText())
    doc = page.day_view.document()
    found = doc.find("MAE paper")
    assert found.charFormat().anchorHref() == f"rizhi:item/{paper}"
    delete_entry(store, entry.id)
    page.apply(Changes(time=True))
    qtbot.waitUntil(lambda: "Focus" not in page.day_view.toPlainText())
