"""The window's automatic backups: taken off the window's thread once it is on screen,
again when due and on quit; a failure is a status message, never a traceback."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.auto_backup import AutoBackups, start_automatic_backups
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from tests.conftest import NOW
from tests.damage import damage

WAIT_MS = 10_000


def made(store: Store) -> list[Path]:
    return sorted(Path(store.backups).glob("rizhi-*-auto.sqlite3"))


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def test_the_window_takes_one_after_its_first_frame_and_on_quit(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    create_item(store, ItemDraft(title="worth keeping"), now=NOW)
    clock, reported = Clock(), []
    window = MainWindow(store, ui_settings, clock=clock)
    qtbot.addWidget(window)
    backups = start_automatic_backups(window, store, clock, reported.append)
    window.show()
    qtbot.waitUntil(lambda: len(made(store)) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: backups.worker is None, timeout=WAIT_MS)
    backups.take_if_due()  # a moment later: not due
    qtbot.waitUntil(lambda: backups.worker is None, timeout=WAIT_MS)
    assert len(made(store)) == 1
    window.ops.run("Add", lambda now: create_item(store, ItemDraft(title="later"), now=now)[1])
    clock.now = NOW + timedelta(hours=5)  # past the default four hours
    backups.at_quit()
    assert len(made(store)) == 2 and not reported


def test_in_the_background_with_no_window_one_is_taken_at_once(qtbot: QtBot, store: Store) -> None:
    create_item(store, ItemDraft(title="worth keeping"), now=NOW)
    owner = QObject()
    backups = start_automatic_backups(None, store, Clock(), lambda message: None, parent=owner)
    assert backups.parent() is owner
    qtbot.waitUntil(lambda: len(made(store)) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: backups.worker is None, timeout=WAIT_MS)


def test_nothing_changed_means_no_new_copy_however_old(qtbot: QtBot, store: Store) -> None:
    clock = Clock()
    backups = AutoBackups(store, clock, lambda message: None)
    backups.at_quit()
    clock.now = NOW + timedelta(days=3)
    backups.at_quit()
    assert len(made(store)) == 1


def test_the_interval_is_a_setting(qtbot: QtBot, store: Store) -> None:
    set_settings(store, {"backups.every_hours": "12"})
    clock = Clock()
    backups = AutoBackups(store, clock, lambda message: None)
    backups.at_quit()
    create_item(store, ItemDraft(title="changed"), now=NOW)
    clock.now = NOW + timedelta(hours=5)
    backups.at_quit()
    assert len(made(store)) == 1
    clock.now = NOW + timedelta(hours=13)
    backups.at_quit()
    assert len(made(store)) == 2


def test_a_failed_backup_is_a_status_message_and_leaves_nothing_behind(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    create_item(store, ItemDraft(title="worth keeping"), now=NOW)
    store.close()
    damage(Path(store.path), "page-level corruption")
    reported: list[str] = []
    backups = AutoBackups(store, Clock(), reported.append)
    backups.take_if_due()
    qtbot.waitUntil(lambda: bool(reported), timeout=WAIT_MS)
    (message,) = reported
    assert "is damaged" in message and "not backed up" in message
    assert "Traceback" not in message and "rizhi" in message
    assert list(Path(store.backups).iterdir()) == []  # no copy, good or half-made
    backups.at_quit()  # on quit too: logged, not raised
    assert any("Automatic backup" in r.getMessage() for r in caplog.records)
    caplog.clear()


def test_on_start_the_file_is_looked_at_whole_off_the_windows_thread(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtWidgets import QWidget

    from app.services.backups import take_backup

    for n in range(40):
        create_item(store, ItemDraft(title=f"item {n}", notes="x" * 200), now=NOW)
    good = take_backup(store.path, store.backups, "auto", now=NOW)
    store.close()
    # Damage inside a page: the quick look before opening passes, reading the items fails.
    damage(Path(store.path), "page-level corruption")
    reported: list[str] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    backups = AutoBackups(store, Clock(), reported.append)  # the newest backup is not old
    backups.start(widget)
    widget.show()
    qtbot.waitUntil(lambda: bool(reported), timeout=WAIT_MS)
    assert "is damaged" in reported[0] and f"rizhi restore {good}" in reported[0]
    qtbot.waitUntil(lambda: backups.worker is None, timeout=WAIT_MS)
    backups.timer.stop()
    caplog.clear()


def test_the_windows_journal_import_takes_a_backup_first_and_its_preview_none(
    store: Store, tmp_path: Path, qapp: object
) -> None:
    from app.ui.log.import_job import JournalImport, import_worker

    journal = tmp_path / "journal.md"
    journal.write_text("## 2026-11-19\n- read a paper\n", encoding="utf-8")
    for dry_run in (True, False):
        job = JournalImport(str(journal), now=NOW, preamble_as_items=False, dry_run=dry_run)
        worker = import_worker(store, job)
        ended: list[object] = []
        worker.succeeded.connect(lambda _worker, outcome, ended=ended: ended.append(outcome))
        worker.run()  # in this thread
        assert len(ended) == 1
        made = list(Path(store.backups).glob("*-before-import.sqlite3"))
        assert len(made) == (0 if dry_run else 1)
