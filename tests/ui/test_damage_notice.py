"""Damage met while the window runs (a store too large to check whole before opening):
the user is told the data file is damaged and offered a restore, once; the generic
"unexpected error" report, which calls the data safe, is kept for Rizhi's own faults."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.services.backups import backup
from app.services.items import create_item, open_item_count
from app.services.settings import set_settings
from app.store.backup_files import BackupInfo, list_backups
from app.store.db import Store
from app.ui import damage_notice, errors, restore_dialog
from app.ui.auto_backup import AutoBackups
from app.ui.damage_notice import DamageNotice
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from tests.conftest import NOW
from tests.damage import damage

WAIT_MS = 10_000
# The window's own reads meet the damage on its timers; they must reach the app's hook,
# as in the app, not pytest-qt's.
pytestmark = pytest.mark.qt_no_exception_capture


class Seen:
    def __init__(self) -> None:
        self.offers: list[str] = []  # the detail of each restore offered
        self.reports: list[str] = []  # the generic unexpected-error reports
        self.answer = False  # the user's answer to the offer


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Seen:
    record = Seen()

    def ask(window: MainWindow, detail: str) -> bool:
        record.offers.append(detail)
        return record.answer

    monkeypatch.setattr(damage_notice, "ask_to_restore", ask)
    # The hook echoes each report to the terminal the app was started from; not here.
    monkeypatch.setattr(sys, "__stderr__", io.StringIO())
    monkeypatch.setattr(
        errors, "show_report", lambda kind, error, report, log: record.reports.append(str(error))
    )
    return record


def damaged_window(
    qtbot: QtBot, home: Path, settings: UiSettings, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, Path, errors.Hook]:
    """A window opened on forty items whose table then had a page damaged, as a large
    store's first reads find it after the quick look let it open; a good backup; and the
    app's excepthook, told of the window as start-up tells it. The window's own reads
    (its status count, on its timers) meet the damage too: they go through that hook."""
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    set_settings(store, {"board.rollover": "manual"})
    for n in range(40):
        create_item(store, ItemDraft(title=f"item {n}", notes="x" * 200), now=NOW)
    good = backup(store, None, now=NOW)
    store.close()
    damage(home / "rizhi.sqlite3", "page-level corruption")
    store = Store.open(home / "rizhi.sqlite3", home / "backups", role="window")
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    notice = DamageNotice()
    notice.window = window
    hook = errors.make_hook("rizhi.log", notice.offer)
    monkeypatch.setattr(sys, "excepthook", hook)
    qtbot.waitExposed(window)
    return window, good, hook


def read_error(window: MainWindow) -> tuple[type[BaseException], BaseException, object]:
    try:
        window.refresh_status()  # counts the open items: reads the damaged table
    except sqlite3.DatabaseError:
        kind, error, trace = sys.exc_info()
        assert kind is not None and error is not None
        return kind, error, trace
    raise AssertionError("the damaged page was not read")


@pytest.fixture
def offered(
    qtbot: QtBot, home: Path, ui_settings: UiSettings, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, Path, errors.Hook]:
    return damaged_window(qtbot, home, ui_settings, monkeypatch)


def test_damage_a_read_meets_offers_a_restore_not_a_bug_report(
    offered: tuple[MainWindow, Path, errors.Hook], seen: Seen, caplog: pytest.LogCaptureFixture
) -> None:
    window, _good, hook = offered
    kind, error, trace = read_error(window)
    hook(kind, error, trace)  # type: ignore[arg-type]
    assert seen.reports == [] and len(seen.offers) == 1 and "malformed" in seen.offers[0]
    # A second failing read says it in the status bar, not in another dialog.
    hook(*read_error(window))  # type: ignore[arg-type]
    assert len(seen.offers) == 1
    assert "data file is damaged" in window.statusBar().currentMessage()
    caplog.clear()  # the damage, logged as expected


@pytest.fixture
def accepting(seen: Seen, monkeypatch: pytest.MonkeyPatch) -> Seen:
    """The user accepts the offer, whichever failing read (the test's or the window's
    own) brings it, and chooses the newest good backup."""
    seen.answer = True

    def newest_good(folder: str, *args: object) -> BackupInfo:
        return next(b for b in list_backups(folder) if b.good)

    monkeypatch.setattr(restore_dialog, "choose_backup", newest_good)
    return seen


def test_accepting_the_offer_restores_a_backup_and_the_window_shows_its_data(
    accepting: Seen,
    offered: tuple[MainWindow, Path, errors.Hook],
    home: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window, _good, hook = offered
    try:
        window.refresh_status()
    except sqlite3.DatabaseError:
        hook(*sys.exc_info())
    assert len(accepting.offers) == 1
    assert open_item_count(window.store) == 40
    window.refresh_status()
    assert window.status.text() == "40 open items"
    assert [p for p in home.iterdir() if ".damaged-" in p.name]
    caplog.clear()


def test_before_the_window_exists_and_for_other_errors_the_report_is_shown(
    seen: Seen, tmp_path: Path, qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    notice = DamageNotice()  # no window yet: start-up's recovery dialog has this case
    hook = errors.make_hook("rizhi.log", notice.offer)
    not_a_database = tmp_path / "not.sqlite3"
    not_a_database.write_bytes(b"\x5a" * 4096)
    try:
        sqlite3.connect(not_a_database).execute("SELECT 1 FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError:
        hook(*sys.exc_info())
    hook(ValueError, ValueError("a fault of Rizhi's"), None)
    assert seen.offers == [] and len(seen.reports) == 2
    assert errors.is_damage(sqlite3.DatabaseError("no code")) is False
    caplog.clear()


def test_damage_the_automatic_backup_finds_goes_to_the_offer(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtWidgets import QWidget

    for n in range(40):
        create_item(store, ItemDraft(title=f"item {n}", notes="x" * 200), now=NOW)
    backup(store, None, now=NOW)
    store.close()
    damage(Path(store.path), "page-level corruption")
    reported: list[str] = []
    offered: list[str] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    backups = AutoBackups(store, lambda: NOW, reported.append, damaged=offered.append)
    backups.start(widget)
    widget.show()
    qtbot.waitUntil(lambda: bool(offered), timeout=WAIT_MS)
    assert "is damaged" in offered[0] and reported == []
    qtbot.waitUntil(lambda: backups.worker is None, timeout=WAIT_MS)
    backups.timer.stop()
    caplog.clear()
