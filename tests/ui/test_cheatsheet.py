"""The cheat sheet lists every command with its current keys, grouped by menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.actions import ActionRegistry, ActionSpec
from app.ui.cheatsheet import CheatSheet, SheetEntry, sheet_entries, split_columns
from app.ui.settings import UiSettings

SPECS = [
    ActionSpec("file.new", "New item", "Ctrl+N", "File"),
    ActionSpec("board.next", "Next week", "Ctrl+]", "Board"),
    ActionSpec("file.quit", "Quit", "Ctrl+Q", "File"),
    ActionSpec("view.palette", "Command palette…", "Ctrl+K", "View", alternates=("Ctrl+Shift+P",)),
    ActionSpec("view.dark", "Dark", "", "View/Theme"),
    ActionSpec("help.shortcuts", "Keyboard shortcuts", "F1", "Help", alternates=("?",)),
    ActionSpec("misc.reload", "Reload <everything>", "F5"),
]


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    main.resize(1100, 760)
    qtbot.addWidget(main)
    return main


@pytest.fixture
def registry(tmp_path: Path, window: QMainWindow) -> ActionRegistry:
    registry = ActionRegistry(UiSettings(tmp_path / "ui.ini"), window)
    for spec in SPECS:
        registry.register(spec, lambda: None)
    return registry


def open_sheet(qtbot: QtBot, registry: ActionRegistry, window: QMainWindow) -> CheatSheet:
    sheet = CheatSheet(registry, window)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # inspect after closing
    qtbot.addWidget(sheet)
    sheet.open()
    qtbot.waitExposed(sheet)
    return sheet


def shown_texts(sheet: CheatSheet) -> list[str]:
    return [label.text() for label in sheet.findChildren(QLabel) if label.isVisibleTo(sheet)]


def test_every_registered_command_is_listed_with_its_keys(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    sheet = open_sheet(qtbot, registry, window)
    assert sorted(e.action_id for e in sheet.entries()) == sorted(s.id for s in SPECS)
    texts = shown_texts(sheet)
    for spec in SPECS:
        assert spec.title in texts
    for keys in ("Ctrl+N", "Ctrl+]", "Ctrl+K", "Ctrl+Shift+P", "F1", "?", "F5"):
        assert keys in texts
    assert "—" in texts  # "Dark" has no shortcut
    assert "<everything>" in " ".join(texts)  # shown as typed, not taken for markup


def test_entries_are_grouped_by_menu_in_registration_order(registry: ActionRegistry) -> None:
    entries = sheet_entries(registry)
    assert [(e.group, e.action_id) for e in entries] == [
        ("File", "file.new"),
        ("File", "file.quit"),
        ("Board", "board.next"),
        ("View", "view.palette"),
        ("View › Theme", "view.dark"),
        ("Help", "help.shortcuts"),
        ("Other", "misc.reload"),
    ]
    palette = next(e for e in entries if e.action_id == "view.palette")
    assert palette.keys == ("Ctrl+K", "Ctrl+Shift+P")


def test_the_sheet_shows_the_users_shortcuts(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    registry.set_shortcut("file.new", "Ctrl+Alt+N")
    sheet = open_sheet(qtbot, registry, window)
    assert "Ctrl+Alt+N" in shown_texts(sheet)
    assert "Ctrl+N" not in shown_texts(sheet)


def test_the_filter_matches_titles_menus_and_keys(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    sheet = open_sheet(qtbot, registry, window)
    assert sheet.focusWidget() is sheet.filter_field()  # typing filters at once
    qtbot.keyClicks(sheet.filter_field(), "ctrl+q")
    assert [e.action_id for e in sheet.entries()] == ["file.quit"]
    assert "Next week" not in shown_texts(sheet)
    sheet.filter_field().setText("theme")
    assert [e.action_id for e in sheet.entries()] == ["view.dark"]
    sheet.filter_field().setText("zzz")
    assert sheet.entries() == []
    assert "No shortcut matches the filter." in shown_texts(sheet)


def test_escape_closes_the_sheet(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    sheet = open_sheet(qtbot, registry, window)
    qtbot.keyClick(sheet.filter_field(), Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_columns_keep_groups_whole_and_in_order() -> None:
    def group(name: str, size: int) -> list[SheetEntry]:
        return [SheetEntry(f"{name}.{n}", name, f"{name} {n}", ()) for n in range(size)]

    entries = group("A", 6) + group("B", 2) + group("C", 5) + group("D", 1) + group("E", 4)
    columns = split_columns(entries, 3)
    assert 1 < len(columns) <= 3
    flat = [e for column in columns for g in column for e in g]
    assert flat == entries
    for column in columns:
        for g in column:
            assert len({e.group for e in g}) == 1
    names = [g[0].group for column in columns for g in column]
    assert names == ["A", "B", "C", "D", "E"]  # no group split or repeated
