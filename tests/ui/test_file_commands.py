"""The File menu's commands on the data as a whole: Back up now, Restore from backup…,
Export JSON…, Export Markdown… and Import JSON…, run from the window as a user runs
them (the file choosers and the questions answered for the test)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.services.backups import backup
from app.services.items import create_item
from app.services.log_entries import add_entry
from app.services.settings import set_settings
from app.store.backup_files import backup_files, read_contents
from app.store.db import Store
from app.ui import file_commands, restore_dialog
from app.ui.main_window import MainWindow
from app.ui.palette import CommandPalette
from app.ui.restore_dialog import RestoreDialog
from app.ui.settings import UiSettings
from tests.ui.conftest import undo_step

FILE_COMMANDS = [
    "file.import_json",
    "file.export_json",
    "file.export_markdown",
    "file.backup_now",
    "file.restore",
]


def open_window(qtbot: QtBot, store: Store, settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("backlog")
    return window


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    return open_window(qtbot, store, ui_settings)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window showed as errors (QMessageBox.warning), in order."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def titles(window: MainWindow) -> list[str]:
    """The top-level items the backlog shows, by title."""
    model = window.backlog.model
    return sorted(model.record(i).title for i in model.children_ids(None))  # type: ignore[union-attr]


def add_step(window: MainWindow, title: str) -> None:
    """A new item as an undo step of the window."""
    window.ops.run("Add", lambda now: create_item(window.store, ItemDraft(title=title), now=now)[1])


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


# --- Back up now ---------------------------------------------------------------------


def test_back_up_now_makes_a_checked_copy_and_says_where(
    window: MainWindow, store: Store, warnings: list[str]
) -> None:
    add_step(window, "worth keeping")
    window.registry.action("file.backup_now").trigger()
    (made,) = backup_files(store.backups)
    assert made.kind == "manual"  # never deleted automatically
    contents = read_contents(made.path, thorough=True)
    assert contents.good and contents.items == 1
    assert Path(made.path).name in status(window)
    assert warnings == []


def test_back_up_now_says_why_no_backup_was_made(
    window: MainWindow, store: Store, warnings: list[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    store.backups = str(blocker / "backups")
    assert file_commands.backup_now(window) is None
    (message,) = warnings
    assert message.startswith("No backup was made.") and "Traceback" not in message


# --- Restore from backup… ------------------------------------------------------------


@pytest.fixture
def answer_restore(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """The restore dialog answered: Restore… on the selected backup, then the question
    answered with the next of the given answers."""
    answers: list[bool] = []
    monkeypatch.setattr(restore_dialog, "confirm_restore", lambda *args: answers.pop(0))

    def exec_dialog(dialog: RestoreDialog) -> int:
        dialog.confirm()
        return int(dialog.result())

    monkeypatch.setattr(RestoreDialog, "exec", exec_dialog)
    yield answers
    assert answers == [], "a question was not asked"


def test_restore_brings_the_data_back_and_undo_cannot_reach_past_it(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    answer_restore: list[bool],
    warnings: list[str],
) -> None:
    add_step(window, "in the backup")
    backup(store, None, now=datetime.now().astimezone() - timedelta(minutes=5))
    add_step(window, "after the backup")
    qtbot.waitUntil(lambda: titles(window) == ["after the backup", "in the backup"])
    heard: list[object] = []
    window.live.changed.connect(heard.append)

    answer_restore.append(True)
    window.registry.action("file.restore").trigger()
    qtbot.waitUntil(lambda: titles(window) == ["in the backup"])
    assert warnings == []
    assert status(window).startswith("Restored ")
    assert not window.ops.undo_stack.canUndo()
    assert not window.registry.action("edit.undo").isEnabled()
    safety = [f for f in backup_files(store.backups) if f.kind == "before-restore"]
    assert len(safety) == 1 and read_contents(safety[0].path).items == 2

    # The window goes on: a new step is recorded on the new connection, and another
    # writer's change is heard as itself, not as a restore that would drop the step.
    add_step(window, "after the restore")
    peer = Store(store.path, store.backups, role="peer")
    create_item(peer, ItemDraft(title="from elsewhere"), now=datetime.now().astimezone())
    peer.close()
    qtbot.waitUntil(lambda: "from elsewhere" in titles(window))
    assert heard and not any(changes.replaced for changes in heard)  # type: ignore[attr-defined]
    undo_step(window.ops)
    qtbot.waitUntil(lambda: titles(window) == ["from elsewhere", "in the backup"])
    assert not window.ops.undo_stack.canUndo()


def test_a_restore_cancelled_at_the_question_changes_nothing(
    qtbot: QtBot, window: MainWindow, store: Store, answer_restore: list[bool]
) -> None:
    add_step(window, "in the backup")
    backup(store, None, now=datetime.now().astimezone())
    add_step(window, "after the backup")
    answer_restore.append(False)
    window.registry.action("file.restore").trigger()
    assert titles(window) == ["after the backup", "in the backup"]
    assert window.ops.undo_stack.canUndo()
    undo_step(window.ops)
    qtbot.waitUntil(lambda: titles(window) == ["in the backup"])


def test_a_restore_refused_is_shown_and_the_window_goes_on(
    qtbot: QtBot, window: MainWindow, store: Store, warnings: list[str], tmp_path: Path
) -> None:
    add_step(window, "in the backup")
    made = backup(store, None, now=datetime.now().astimezone())
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(made.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    add_step(window, "kept")
    assert not file_commands.restore_backup(window, newer)
    (message,) = warnings
    assert message.startswith("Nothing was restored.") and "newer version of Rizhi" in message
    assert titles(window) == ["in the backup", "kept"]
    add_step(window, "still recorded")
    qtbot.waitUntil(lambda: "still recorded" in titles(window))
    undo_step(window.ops)
    qtbot.waitUntil(lambda: titles(window) == ["in the backup", "kept"])


def test_the_restore_dialog_lists_the_good_first_and_never_restores_a_bad_one(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    now = datetime.now().astimezone()
    good = backup(store, None, now=now - timedelta(days=1))
    bad = backup(store, None, now=now)
    bad.write_bytes(bad.read_bytes()[:4096])
    dialog = RestoreDialog(store.backups, lambda: now, window)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.list.backups] == [str(good), str(bad)]
    assert dialog.restore_button.isEnabled()
    dialog.list.select_path(str(bad))
    assert not dialog.restore_button.isEnabled()
    assert "cannot be restored" in dialog.notice.text()
    dialog.confirm()
    assert dialog.chosen is None


# --- export and import ---------------------------------------------------------------


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


def open_from(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))


def test_export_then_import_into_a_new_store_gives_the_same_data(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    for title in ("read the MAE paper", "组会汇报"):
        add_step(window, title)
    now = datetime.now().astimezone()
    add_entry(window.store, date(2026, 11, 20), "- ran the ablation [DONE]", now=now)
    exported = tmp_path / "export.json"
    save_to(monkeypatch, exported)
    window.registry.action("file.export_json").trigger()
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "rizhi-export"
    assert "2 items, 1 log entry" in status(window)

    markdown = tmp_path / "log.md"
    save_to(monkeypatch, markdown)
    window.registry.action("file.export_markdown").trigger()
    assert "## 2026-11-20" in markdown.read_text(encoding="utf-8")
    assert "- ran the ablation [DONE]" in markdown.read_text(encoding="utf-8")
    assert "1 log entry over 1 day" in status(window)

    other = Store.open(tmp_path / "other" / "rizhi.sqlite3", tmp_path / "other" / "backups")
    try:
        second = open_window(qtbot, other, UiSettings(tmp_path / "other-ui.ini"))
        open_from(monkeypatch, exported)
        asked: list[str] = []
        monkeypatch.setattr(
            file_commands, "confirm_import", lambda parent, path, doc: not asked.append(path)
        )
        second.registry.action("file.import_json").trigger()
        assert asked == [str(exported)]
        qtbot.waitUntil(lambda: titles(second) == ["read the MAE paper", "组会汇报"])
        qtbot.waitUntil(lambda: second.registry.action("file.import_json").isEnabled())
        assert status(second).startswith("Imported ")
        assert [f.kind for f in backup_files(other.backups)] == ["before-import"]
        count = other.raw.execute("SELECT COUNT(*) FROM log_entries").fetchone()[0]
        assert count == 1
        assert warnings == []
        second.close()
    finally:
        other.close()


def test_closing_the_window_waits_for_an_import_under_way(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Store.open(tmp_path / "source" / "rizhi.sqlite3", tmp_path / "source" / "backups")
    now = datetime.now().astimezone()
    for n in range(300):
        create_item(source, ItemDraft(title=f"imported {n}"), now=now)
    exported = tmp_path / "export.json"
    from app.services.transfer import export_data

    exported.write_text(json.dumps(export_data(source, now=now)), encoding="utf-8")
    source.close()
    window = open_window(qtbot, store, UiSettings(tmp_path / "ui.ini"))
    open_from(monkeypatch, exported)
    monkeypatch.setattr(file_commands, "confirm_import", lambda *args: True)
    worker = file_commands.import_json(window)
    assert worker is not None
    window.close()  # at once: the import's thread must not outlive the window
    assert worker.isFinished()
    count = store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    assert count == 300


def test_an_import_names_the_record_and_the_field_it_refuses(
    window: MainWindow,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    add_step(window, "here already")
    exported = tmp_path / "export.json"
    save_to(monkeypatch, exported)
    window.registry.action("file.export_json").trigger()
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["items"][0]["due_date"] = "2026-13-45"
    exported.write_text(json.dumps(document), encoding="utf-8")
    open_from(monkeypatch, exported)
    monkeypatch.setattr(file_commands, "confirm_import", lambda *args: pytest.fail("asked"))
    assert file_commands.import_json(window) is None
    (message,) = warnings
    assert "items[0]" in message and "due_date" in message and "2026-13-45" in message
    assert backup_files(store.backups) == []  # nothing started, no backup taken
    assert titles(window) == ["here already"]


def test_an_export_that_cannot_be_written_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    save_to(monkeypatch, tmp_path / "no such folder" / "export.json")
    assert file_commands.export_json(window) is None
    (message,) = warnings
    assert message.startswith("Cannot write ") and "Choose another file" in message


def test_a_cancelled_file_chooser_does_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: ("", ""))
    assert file_commands.export_json(window) is None
    assert file_commands.export_markdown(window) is None
    assert file_commands.import_json(window) is None
    assert warnings == [] and status(window) == ""


# --- the menu and the palette -------------------------------------------------------


def test_the_file_menu_and_the_palette_offer_them(qtbot: QtBot, window: MainWindow) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    in_menu = [a.text().replace("&", "") for a in menu.actions()]  # type: ignore[union-attr]
    for action_id in FILE_COMMANDS:
        assert window.registry.action(action_id).text().replace("&", "") in in_menu
    palette = CommandPalette(window.registry, window)
    qtbot.addWidget(palette)
    palette.open()
    assert set(FILE_COMMANDS) <= set(palette.shown_ids())
    qtbot.keyClicks(palette.query_field(), "back up now")
    assert palette.shown_ids()[0] == "file.backup_now"
