"""The action registry: shortcuts with overrides that persist, conflicts, menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.actions import (
    ActionRegistry,
    ActionSpec,
    Conflict,
    display_path,
    find_conflicts,
    normalize_sequence,
    unmatched,
)
from app.ui.settings import UiSettings

SPECS = [
    ActionSpec("file.new", "New item", "Ctrl+N", "File"),
    ActionSpec("file.quit", "Quit", "Ctrl+Q", "File", group="end"),
    ActionSpec("view.palette", "Command palette…", "Ctrl+K", "View", alternates=("Ctrl+Shift+P",)),
    ActionSpec("view.dark", "Dark", "", "View/Theme", checkable=True),
    ActionSpec("board.move_right", "Move card right", "Ctrl+Right", "Board", scope="board"),
    ActionSpec("help.shortcuts", "Keyboard shortcuts", "F1", "Help"),
    ActionSpec("hidden.reload", "Reload everything", "F5"),
]


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "ui.ini"


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


def make_registry(ini: Path, window: QWidget, calls: list[object] | None = None) -> ActionRegistry:
    registry = ActionRegistry(UiSettings(ini), window)
    for spec in SPECS:
        registry.register(spec, _recorder(spec.id, calls if calls is not None else []))
    return registry


def _recorder(action_id: str, calls: list[object]):  # type: ignore[no-untyped-def]
    def record(*args: object) -> None:
        calls.append((action_id, *args))

    return record


def shortcuts(registry: ActionRegistry, action_id: str) -> list[str]:
    return [
        k.toString(QKeySequence.SequenceFormat.PortableText)
        for k in registry.action(action_id).shortcuts()
    ]


def test_register_gives_the_action_its_default_shortcuts(ini: Path, window: QMainWindow) -> None:
    calls: list[object] = []
    registry = make_registry(ini, window, calls)
    assert shortcuts(registry, "view.palette") == ["Ctrl+K", "Ctrl+Shift+P"]
    assert registry.effective_shortcut("view.palette") == "Ctrl+K"
    assert registry.effective_shortcuts("view.dark") == ()
    assert [s.id for s in registry.specs()] == [s.id for s in SPECS]
    action = registry.action("file.new")
    assert action.text() == "New item" and action.objectName() == "file.new"
    assert action.toolTip() == "New item (Ctrl+N)"
    action.trigger()
    registry.action("view.dark").trigger()  # checkable: the callback gets the new state
    assert calls == [("file.new",), ("view.dark", True)]


def test_an_override_persists_for_a_new_registry_on_the_same_file(
    ini: Path, window: QMainWindow
) -> None:
    first = make_registry(ini, window)
    first.set_shortcut("file.new", "ctrl+shift+n")
    assert shortcuts(first, "file.new") == ["Ctrl+Shift+N"]
    first.set_shortcut("board.move_right", "")  # the user removed it

    other_window = QMainWindow()
    second = make_registry(ini, other_window)
    assert second.effective_shortcut("file.new") == "Ctrl+Shift+N"
    assert shortcuts(second, "file.new") == ["Ctrl+Shift+N"]
    assert second.effective_shortcuts("board.move_right") == ()
    assert shortcuts(second, "board.move_right") == []
    assert second.is_overridden("file.new") and not second.is_overridden("file.quit")


def test_an_override_replaces_the_alternates_too(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    registry.set_shortcut("view.palette", "Ctrl+P")
    assert shortcuts(registry, "view.palette") == ["Ctrl+P"]


def test_setting_the_default_again_removes_the_override(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    registry.set_shortcut("file.new", "Ctrl+M")
    registry.set_shortcut("file.new", "Ctrl+N")
    assert not registry.is_overridden("file.new")
    assert UiSettings(ini).shortcut_overrides() == {}


def test_reset_one_and_reset_all(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    changes: list[None] = []
    registry.shortcuts_changed.connect(lambda: changes.append(None))
    registry.set_shortcut("file.new", "Ctrl+M")
    registry.set_shortcut("file.quit", "Ctrl+W")
    registry.set_shortcut("view.palette", "")
    registry.reset_shortcut("file.new")
    assert shortcuts(registry, "file.new") == ["Ctrl+N"]
    assert UiSettings(ini).shortcut_overrides() == {"file.quit": "Ctrl+W", "view.palette": ""}
    registry.reset_all_shortcuts()
    assert shortcuts(registry, "file.quit") == ["Ctrl+Q"]
    assert shortcuts(registry, "view.palette") == ["Ctrl+K", "Ctrl+Shift+P"]
    assert UiSettings(ini).shortcut_overrides() == {}
    assert len(changes) == 5


def test_conflicts_are_reported_once_per_pair(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    assert registry.conflicts() == []
    registry.set_shortcut("file.quit", "Ctrl+N")
    registry.set_shortcut("help.shortcuts", "Ctrl+Shift+P")  # the palette's alternate
    assert registry.conflicts() == [
        Conflict("Ctrl+N", "file.new", "file.quit"),
        Conflict("Ctrl+Shift+P", "view.palette", "help.shortcuts"),
    ]
    registry.reset_shortcut("file.quit")
    assert registry.conflicts() == [Conflict("Ctrl+Shift+P", "view.palette", "help.shortcuts")]


def test_views_with_their_own_scope_may_share_keys() -> None:
    found = find_conflicts(
        [
            ("board.right", "board", ["Ctrl+Right"]),
            ("backlog.right", "backlog", ["Ctrl+Right"]),  # another view: fine
            ("board.also_right", "board", ["Ctrl+Right"]),  # the same view: clash
            ("window.right", "window", ["Ctrl+Right"]),  # window-wide: clashes with all
            ("twice", "window", ["F2", "F2"]),  # the same key twice is no clash
        ]
    )
    assert found == [
        Conflict("Ctrl+Right", "board.right", "board.also_right"),
        Conflict("Ctrl+Right", "board.right", "window.right"),
        Conflict("Ctrl+Right", "backlog.right", "window.right"),
        Conflict("Ctrl+Right", "board.also_right", "window.right"),
    ]


def test_menus_follow_the_given_order_then_registration(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    menubar = QMenuBar()
    menus = registry.build_menus(menubar, ["Help", "Edit", "File", "View"])
    # "Edit" has no commands, so no empty menu; "Board" was not named, so it comes last.
    assert [a.text() for a in menubar.actions()] == ["&Help", "&File", "&View", "&Board"]
    assert sorted(menus) == ["Board", "File", "Help", "View", "View/Theme"]
    file_items = [a.text() or "---" for a in menus["File"].actions()]
    assert file_items == ["New item", "---", "Quit"]  # a line between groups
    view_items = menus["View"].actions()
    assert view_items[0] is registry.action("view.palette")
    assert isinstance(view_items[1].menu(), QMenu) and view_items[1].text() == "Theme"
    assert menus["View/Theme"].actions() == [registry.action("view.dark")]
    in_menus = {a for m in menus.values() for a in m.actions()}
    assert registry.action("hidden.reload") not in in_menus  # no menu path: palette only


def test_menu_mnemonics_use_distinct_letters(ini: Path, window: QMainWindow) -> None:
    registry = ActionRegistry(UiSettings(ini), window)
    registry.register(ActionSpec("a.one", "One", "", "Board"), lambda: None)
    registry.register(ActionSpec("b.one", "One", "", "Backlog"), lambda: None)
    menubar = QMenuBar()
    registry.build_menus(menubar, [])
    assert [a.text() for a in menubar.actions()] == ["&Board", "B&acklog"]


def test_scopes_pick_the_shortcut_context(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    assert registry.action("file.new").shortcutContext() == Qt.ShortcutContext.WindowShortcut
    board_action = registry.action("board.move_right")
    assert board_action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert board_action not in registry.window_actions()
    assert registry.scoped_actions("board") == [board_action]


def test_shortcuts_fire_window_wide_and_scoped_ones_only_in_their_view(
    qtbot: QtBot, ini: Path, window: QMainWindow
) -> None:
    calls: list[object] = []
    registry = make_registry(ini, window, calls)
    central = QWidget()
    layout = QVBoxLayout(central)
    # Plain focusable widgets: a line edit would claim Ctrl+Right for itself.
    board, other = QWidget(), QWidget()
    for view in (board, other):
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    layout.addWidget(board)
    layout.addWidget(other)
    window.setCentralWidget(central)
    window.addActions(registry.window_actions())
    board.addActions(registry.scoped_actions("board"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(other, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert calls == [("file.new",)]  # the board's shortcut is not live outside the board
    board.setFocus()
    qtbot.keyClick(board, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert calls == [("file.new",), ("board.move_right",)]


def test_set_enabled_and_set_checked(ini: Path, window: QMainWindow) -> None:
    calls: list[object] = []
    registry = make_registry(ini, window, calls)
    registry.set_enabled("file.new", False)
    registry.action("file.new").trigger()
    registry.set_checked("view.dark", True)
    assert not registry.action("file.new").isEnabled()
    assert registry.action("view.dark").isChecked()
    assert calls == []  # neither a disabled trigger nor a shown state runs a callback


def test_mistakes_are_caught_with_clear_errors(ini: Path, window: QMainWindow) -> None:
    registry = make_registry(ini, window)
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(SPECS[0], lambda: None)
    with pytest.raises(ValueError, match="Ctrl\\+Nope"):
        registry.register(ActionSpec("x.bad", "Bad", "Ctrl+Nope"), lambda: None)
    with pytest.raises(KeyError, match=r"no\.such"):
        registry.action("no.such")
    with pytest.raises(ValueError, match="not a key sequence"):
        registry.set_shortcut("file.new", "Hyper+Q")
    assert UiSettings(ini).shortcut_overrides() == {}


def test_register_all_binds_specs_to_callbacks_by_id_in_spec_order(
    ini: Path, window: QMainWindow
) -> None:
    calls: list[object] = []
    registry = ActionRegistry(UiSettings(ini), window)
    callbacks = {spec.id: _recorder(spec.id, calls) for spec in reversed(SPECS)}
    registry.register_all(SPECS, callbacks)
    assert registry.specs() == SPECS
    registry.action("help.shortcuts").trigger()
    registry.action("view.dark").trigger()
    assert calls == [("help.shortcuts",), ("view.dark", True)]


def test_register_all_names_unbound_and_undeclared_ids_and_registers_nothing(
    ini: Path, window: QMainWindow
) -> None:
    registry = ActionRegistry(UiSettings(ini), window)
    callbacks = {spec.id: (lambda: None) for spec in SPECS[1:]}
    callbacks["file.typo"] = lambda: None
    assert unmatched(SPECS, callbacks) == (["file.new"], ["file.typo"])
    with pytest.raises(
        ValueError, match=r"not bound: \['file\.new'\].*not declared: \['file\.typo'\]"
    ):
        registry.register_all(SPECS, callbacks)
    assert registry.specs() == []
    assert unmatched(SPECS, {spec.id: None for spec in SPECS}) == ([], [])


def test_an_unreadable_stored_shortcut_is_ignored_with_a_warning(
    ini: Path, window: QMainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    UiSettings(ini).set_shortcut_override("file.new", "Ctrl+Banana")
    registry = make_registry(ini, window)
    assert shortcuts(registry, "file.new") == ["Ctrl+N"]
    assert any("Ctrl+Banana" in r.getMessage() for r in caplog.records)
    caplog.clear()


def test_sequences_are_normalized_to_portable_text() -> None:
    assert normalize_sequence(" ctrl+shift+p ") == "Ctrl+Shift+P"
    assert normalize_sequence("") == ""
    assert normalize_sequence("Ctrl+K, Ctrl+S") == "Ctrl+K, Ctrl+S"
    assert display_path("View/Theme") == "View › Theme"
