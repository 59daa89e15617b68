"""The command palette: fuzzy ranking, keyboard use, disabled commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.actions import ActionRegistry, ActionSpec
from app.ui.palette import (
    ENABLED_ROLE,
    MENU_ROLE,
    PREFIX,
    SHORTCUT_ROLE,
    SUBSEQUENCE,
    WORD_START,
    CommandPalette,
    match_text,
    rank,
)
from app.ui.settings import UiSettings


def spec(action_id: str, title: str, menu: str = "", shortcut: str = "") -> ActionSpec:
    return ActionSpec(action_id, title, shortcut, menu)


@pytest.mark.parametrize(
    ("query", "text", "tier"),
    [
        ("move", "Move card right", PREFIX),
        ("MOVE C", "Move card right", PREFIX),
        ("right", "Move card right", WORD_START),
        ("mcr", "Move card right", WORD_START),  # initials
        ("mov rig", "Move card right", WORD_START),  # starts of words
        ("ovcar", "Move card right", SUBSEQUENCE),
        ("ard", "Move card right", SUBSEQUENCE),
        ("xyz", "Move card right", None),
        ("rm", "Move card right", None),  # letters out of order
    ],
)
def test_match_tiers(query: str, text: str, tier: int | None) -> None:
    found = match_text(query, text)
    assert (found.tier if found else None) == tier


def test_ranking_prefix_then_word_start_then_subsequence() -> None:
    specs = [
        spec("a", "Remove tag"),  # "mo" inside a word
        spec("b", "Zoom out"),  # m…o across words
        spec("c", "Go to month"),  # a word starts with "mo"
        spec("d", "Move card right"),  # the title starts with "mo"
        spec("e", "Delete"),  # no match
    ]
    assert [s.id for s in rank("mo", specs)] == ["d", "c", "a", "b"]


def test_a_tighter_subsequence_and_a_shorter_prefix_rank_higher() -> None:
    specs = [spec("loose", "Toggle plan"), spec("tight", "Open the sidebar")]
    assert [s.id for s in rank("pn", specs)] == ["tight", "loose"]  # "p…n" over 3 < 4 chars
    specs = [spec("long", "New item from clipboard"), spec("short", "New item")]
    assert [s.id for s in rank("new", specs)] == ["short", "long"]


def test_the_menu_path_counts_below_the_title() -> None:
    specs = [
        spec("next", "Next week", "Board"),
        spec("boardview", "Board view", "View"),
        spec("unrelated", "Quit", "File"),
    ]
    assert [s.id for s in rank("board", specs)] == ["boardview", "next"]
    assert [s.id for s in rank("board nex", specs)] == ["next"]


def test_an_empty_query_lists_everything_in_registration_order() -> None:
    specs = [spec("b", "Beta"), spec("a", "Alpha")]
    assert [s.id for s in rank("  ", specs)] == ["b", "a"]


# --- the dialog ---------------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    main.resize(900, 600)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def calls() -> list[str]:
    return []


@pytest.fixture
def registry(tmp_path: Path, window: QMainWindow, calls: list[str]) -> ActionRegistry:
    registry = ActionRegistry(UiSettings(tmp_path / "ui.ini"), window)
    for action_id, title, menu, keys in [
        ("board.next", "Next week", "Board", "Ctrl+]"),
        ("board.prev", "Previous week", "Board", "Ctrl+["),
        ("file.new", "New item", "File", "Ctrl+N"),
        ("edit.undo", "Undo", "Edit", "Ctrl+Z"),
    ]:
        registry.register(
            ActionSpec(action_id, title, keys, menu), lambda i=action_id: calls.append(i)
        )
    window.addActions(registry.window_actions())
    return registry


def open_palette(qtbot: QtBot, registry: ActionRegistry, window: QMainWindow) -> CommandPalette:
    palette = CommandPalette(registry, window)
    palette.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # inspect after closing
    qtbot.addWidget(palette)
    palette.open()
    qtbot.waitExposed(palette)
    return palette


def test_rows_show_title_menu_and_shortcut(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    palette = open_palette(qtbot, registry, window)
    model = palette.list_view().model()
    assert palette.shown_ids() == ["board.next", "board.prev", "file.new", "edit.undo"]
    first = model.index(0, 0)
    assert first.data() == "Next week"
    assert first.data(MENU_ROLE) == "Board"
    assert first.data(SHORTCUT_ROLE) == "Ctrl+]"
    assert palette.current_id() == "board.next"
    assert palette.query_field().hasFocus()


def test_typing_filters_and_enter_runs_the_selected_command(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow, calls: list[str]
) -> None:
    palette = open_palette(qtbot, registry, window)
    qtbot.keyClicks(palette.query_field(), "week")
    assert palette.shown_ids() == ["board.next", "board.prev"]
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Down)
    assert palette.current_id() == "board.prev"
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Return)
    assert calls == ["board.prev"]
    assert not palette.isVisible()


def test_up_and_down_stop_at_the_ends(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    palette = open_palette(qtbot, registry, window)
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Up)
    assert palette.current_id() == "board.next"
    for _ in range(6):
        qtbot.keyClick(palette.query_field(), Qt.Key.Key_Down)
    assert palette.current_id() == "edit.undo"


def test_a_disabled_command_is_greyed_and_does_not_run(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow, calls: list[str]
) -> None:
    registry.set_enabled("edit.undo", False)
    palette = open_palette(qtbot, registry, window)
    qtbot.keyClicks(palette.query_field(), "undo")
    assert palette.shown_ids() == ["edit.undo"]
    assert palette.list_view().model().index(0, 0).data(ENABLED_ROLE) is False
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Return)
    assert calls == []
    assert palette.isVisible()
    assert "not available" in palette_message(palette)


def palette_message(palette: CommandPalette) -> str:
    label = palette.findChild(QLabel, "paletteMessage")
    assert label is not None
    return label.text() if not label.isHidden() else ""


def test_no_match_says_so_and_enter_does_nothing(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow, calls: list[str]
) -> None:
    palette = open_palette(qtbot, registry, window)
    qtbot.keyClicks(palette.query_field(), "qqq")
    assert palette.shown_ids() == []
    assert "No command matches" in palette_message(palette)
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Return)
    assert calls == [] and palette.isVisible()


def test_escape_closes_without_running_anything(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow, calls: list[str]
) -> None:
    palette = open_palette(qtbot, registry, window)
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Escape)
    assert not palette.isVisible() and calls == []


def test_clicking_a_row_runs_it(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow, calls: list[str]
) -> None:
    palette = open_palette(qtbot, registry, window)
    view = palette.list_view()
    rect = view.visualRect(view.model().index(2, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls == ["file.new"]


def test_the_palette_is_centred_on_its_window(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    palette = open_palette(qtbot, registry, window)
    window_centre = window.mapToGlobal(window.rect().center())
    palette_centre = palette.frameGeometry().center()
    assert abs(window_centre.x() - palette_centre.x()) <= 2
    assert abs(window_centre.y() - palette_centre.y()) <= 2


def test_a_palette_opened_per_use_deletes_itself_on_closing(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    palette = CommandPalette(registry, window)
    palette.open()
    qtbot.waitExposed(palette)
    qtbot.keyClick(palette.query_field(), Qt.Key.Key_Escape)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(palette)


def test_titles_are_the_actions_current_texts(
    qtbot: QtBot, registry: ActionRegistry, window: QMainWindow
) -> None:
    registry.action("edit.undo").setText("Undo Move && resize")  # as an undo stack names it
    palette = open_palette(qtbot, registry, window)
    qtbot.keyClicks(palette.query_field(), "undo move")
    assert palette.shown_ids() == ["edit.undo"]
    assert palette.list_view().model().index(0, 0).data() == "Undo Move & resize"


def test_scattered_letters_do_not_match_a_long_title() -> None:
    from app.ui.window_actions import WINDOW_ACTIONS

    specs = list(WINDOW_ACTIONS)
    found = [s.id for s in rank("dark", specs)]
    assert found[0] == "view.theme_dark"
    assert "board.rollover" not in found  # "Carry unfinished cards to this week"
    assert rank("undo", specs)[0].id == "edit.undo"
