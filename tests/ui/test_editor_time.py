"""The item editor's header shows the time spent against the estimate, with its bar, and
follows time changes without taking them for edits of the item."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.time_entries import add_entry
from app.store.db import Store
from app.ui.editor import ItemEditor
from app.ui.ops import Operations
from tests.ui.conftest import add


def test_the_header_shows_time_spent_and_follows_new_entries(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    item = add(store, "MAE paper", estimate_minutes=60)
    editor = ItemEditor(ops, item)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    editor.confirm_discard = lambda: True
    qtbot.addWidget(editor)
    editor.open()
    assert editor.meta_label.text().endswith("no time spent yet of 1h")
    assert editor.spent_bar.isVisible() and editor.spent_bar.share == 0.0
    editor.title_edit.setText("MAE paper, second pass")  # an edit in progress
    now = datetime.now().astimezone()
    start = now - timedelta(minutes=90)
    _, changes = add_entry(store, item_id=item, start=start, end=start + timedelta(minutes=80),
                           now=now)  # fmt: skip
    editor.apply_changes(changes)
    assert editor.meta_label.text().endswith("◷ 1h20m / 1h spent")
    assert editor.spent_bar.share > 1.0
    assert editor.banner.isHidden()  # time spent is not an edit of the item
    assert editor.title_edit.text() == "MAE paper, second pass"
