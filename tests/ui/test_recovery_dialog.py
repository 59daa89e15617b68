"""The recovery dialog the window shows instead of opening a damaged, empty or lost data
file: it says what is wrong, lists the backups (the newest good one selected, the bad
ones shown but not restorable), restores the chosen one with the keyboard alone, refuses
a bad backup with a message and nothing touched, and asks before starting empty."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.services.backups import backup
from app.services.items import create_item, list_items
from app.services.recovery import diagnose
from app.store.db import Store
from app.store.health import OpenProblem
from app.store.item_rows import ItemQuery
from app.ui import recovery_dialog
from app.ui.recovery_dialog import RecoveryDialog
from app.ui.screen_fit import available_area
from app.ui.theme import apply_theme, contrast_ratio, tokens_for
from tests.conftest import NOW
from tests.damage import DAMAGE, damage, settle

EVERY_WAY = [*sorted(DAMAGE), "missing"]
HEADLINES = {
    "header overwritten": "damaged",
    "truncated": "damaged",
    "page-level corruption": "damaged",
    "0 bytes": "empty",
    "missing": "missing",
}


class Home:
    """A data folder: an older backup holding "first", a newer one holding "first" and
    "second", and a live file that went on to hold forty items more."""

    def __init__(self, folder: Path) -> None:
        self.live = folder / "rizhi.sqlite3"
        self.backups = folder / "backups"
        store = Store.open(self.live, self.backups)
        create_item(store, ItemDraft(title="first"), now=NOW)
        self.older = backup(store, None, now=NOW - timedelta(days=2))
        create_item(store, ItemDraft(title="second"), now=NOW)
        self.newer = backup(store, None, now=NOW - timedelta(hours=1))
        for n in range(40):  # enough pages that damage to one leaves others
            create_item(store, ItemDraft(title=f"later {n}", notes="x" * 200), now=NOW)
        store.close()

    def titles(self) -> list[str]:
        store = Store.open(self.live, self.backups)
        try:
            return sorted(r.title for r in list_items(store, ItemQuery()))
        finally:
            store.close()

    def break_it(self, way: str) -> OpenProblem:
        if way == "missing":
            settle(self.live)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.live}{suffix}").unlink(missing_ok=True)
        else:
            damage(self.live, way)
        problem = diagnose(self.live, self.backups)
        assert problem is not None
        return problem


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def open_dialog(qtbot: QtBot, home: Home, problem: OpenProblem | None) -> RecoveryDialog:
    dialog = RecoveryDialog(home.live, home.backups, problem, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


@pytest.mark.parametrize("way", EVERY_WAY)
def test_each_way_the_file_fails_is_said_and_the_newest_good_backup_restored(
    qtbot: QtBot, home: Home, way: str
) -> None:
    problem = home.break_it(way)
    before = home.live.read_bytes() if home.live.exists() else None
    dialog = open_dialog(qtbot, home, problem)
    assert HEADLINES[way] in dialog.headline.text()
    assert [info.path for info in dialog.list.backups] == [str(home.newer), str(home.older)]
    assert dialog.list.selected() is not None
    assert dialog.list.selected().path == str(home.newer)  # type: ignore[union-attr]
    assert "2 items" in dialog.notice.text()
    # Starting empty is offered where the data is gone anyway (empty, missing), not
    # where a backup is the way back and the file may still hold what it had.
    assert dialog.empty_button.isVisibleTo(dialog) == (way in ("0 bytes", "missing"))
    assert (home.live.read_bytes() if home.live.exists() else None) == before  # only looked

    assert dialog.restore_selected()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert home.titles() == ["first", "second"]
    assert diagnose(home.live, home.backups) is None
    outcome = dialog.outcome
    assert outcome is not None and outcome.source == home.newer
    if way != "missing":
        assert outcome.set_aside and Path(outcome.set_aside[0]).read_bytes() == before
        assert "damaged file is kept" in recovery_dialog.outcome_text(outcome)


def test_the_keyboard_alone_chooses_and_restores(qtbot: QtBot, home: Home) -> None:
    dialog = open_dialog(qtbot, home, home.break_it("header overwritten"))
    qtbot.waitUntil(dialog.list.hasFocus)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.list.selected().path == str(home.older)  # type: ignore[union-attr]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert home.titles() == ["first"]


def test_escape_quits_and_changes_nothing(qtbot: QtBot, home: Home) -> None:
    dialog = open_dialog(qtbot, home, home.break_it("truncated"))
    before = home.live.read_bytes()
    qtbot.waitUntil(dialog.list.hasFocus)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.outcome is None
    assert home.live.read_bytes() == before
    assert not [p for p in home.live.parent.iterdir() if "damaged" in p.name]  # none moved


def test_a_bad_backup_is_shown_but_cannot_be_restored(qtbot: QtBot, home: Home) -> None:
    damage(home.newer, "truncated")
    dialog = open_dialog(qtbot, home, home.break_it("header overwritten"))
    # The good one first, selected; the bad one after it, with why.
    assert [info.path for info in dialog.list.backups] == [str(home.older), str(home.newer)]
    assert dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert not dialog.restore_button.isEnabled()
    assert "cannot be restored" in dialog.notice.text()
    assert "damaged" in dialog.list.topLevelItem(1).text(1)  # type: ignore[union-attr]
    assert not dialog.restore_selected()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.outcome is None


def test_a_backup_refused_on_restore_is_told_in_the_dialog_and_nothing_is_touched(
    qtbot: QtBot, home: Home
) -> None:
    dialog = open_dialog(qtbot, home, home.break_it("header overwritten"))
    # Listed as good, then replaced by a file from a newer Rizhi before Restore.
    with sqlite3.connect(home.newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = home.live.read_bytes()
    made = sorted(p.name for p in home.backups.iterdir())
    assert not dialog.restore_selected()
    assert dialog.isVisible() and dialog.outcome is None
    assert "newer version of Rizhi" in dialog.notice.text()
    assert "Traceback" not in dialog.notice.text()
    assert home.live.read_bytes() == before
    assert sorted(p.name for p in home.backups.iterdir()) == made
    assert not [p for p in home.live.parent.iterdir() if "damaged" in p.name]  # none moved
    # Listed again: the refused one is now shown as bad, the other can still be restored.
    assert not next(b for b in dialog.list.backups if b.path == str(home.newer)).good
    assert dialog.list.selected().path == str(home.newer)  # type: ignore[union-attr]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up)
    assert dialog.list.selected().path == str(home.older)  # type: ignore[union-attr]
    assert dialog.restore_selected()
    assert home.titles() == ["first"]


@pytest.mark.parametrize("way", ["0 bytes", "missing"])
def test_starting_empty_is_asked_first(
    qtbot: QtBot, home: Home, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    dialog = open_dialog(qtbot, home, home.break_it(way))
    before = home.live.read_bytes() if home.live.exists() else None
    answers: list[bool] = [False, True]
    asked: list[str] = []

    def ask(parent: object, problem: OpenProblem | None) -> bool:
        asked.append(problem.kind if problem else "")
        return answers.pop(0)

    monkeypatch.setattr(recovery_dialog, "ask_to_start_empty", ask)
    dialog.empty_button.click()  # "no": nothing happens
    assert dialog.isVisible() and dialog.outcome is None
    assert (home.live.read_bytes() if home.live.exists() else None) == before
    dialog.empty_button.click()  # "yes"
    assert asked == [HEADLINES[way]] * 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.outcome is not None and dialog.outcome.source is None
    assert home.titles() == []
    assert diagnose(home.live, home.backups) is None
    assert len(list(home.backups.iterdir())) == 2  # the backups are where they were


def test_once_no_backup_is_left_good_starting_empty_is_offered(qtbot: QtBot, home: Home) -> None:
    damage(home.older, "truncated")
    dialog = open_dialog(qtbot, home, home.break_it("header overwritten"))
    assert not dialog.empty_button.isVisibleTo(dialog)
    with sqlite3.connect(home.newer) as conn:  # the last good one, refused on restore
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert not dialog.restore_selected()
    assert dialog.empty_button.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()


def test_with_no_good_backup_starting_empty_is_the_way_on(qtbot: QtBot, home: Home) -> None:
    for path in (home.older, home.newer):
        damage(path, "truncated")
    dialog = open_dialog(qtbot, home, home.break_it("truncated"))
    assert not dialog.restore_button.isEnabled()
    assert dialog.empty_button.isVisibleTo(dialog)


def test_a_failure_the_diagnosis_cannot_name_is_shown_as_it_was_met(
    qtbot: QtBot, home: Home
) -> None:
    dialog = RecoveryDialog(
        home.live, home.backups, None, detail="the migration stopped.", clock=lambda: NOW
    )
    qtbot.addWidget(dialog)
    assert "cannot open your data" in dialog.headline.text()
    assert "the migration stopped." in dialog.explanation.text()
    assert not dialog.empty_button.isVisibleTo(dialog)
    assert dialog.restore_button.isEnabled()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_it_fits_the_screen_and_reads_in_both_themes(qtbot: QtBot, home: Home, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        damage(home.newer, "truncated")
        dialog = open_dialog(qtbot, home, home.break_it("truncated"))
        area = available_area(dialog)
        assert dialog.width() <= area.width() and dialog.height() <= area.height()
        palette = dialog.list.palette()
        base = palette.color(palette.ColorRole.Base)
        bad = dialog.list.topLevelItem(1)
        assert bad is not None
        assert contrast_ratio(bad.foreground(0).color(), base) >= 4.5  # greyed, still read
        assert contrast_ratio(palette.color(palette.ColorRole.Text), base) >= 4.5
        with sqlite3.connect(home.older) as conn:  # refused on restore: the error's colour
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
        assert not dialog.restore_selected()
        error = tokens_for(theme == "dark").overdue
        assert error.name() in dialog.notice.styleSheet()
        assert contrast_ratio(error, dialog.palette().color(palette.ColorRole.Window)) >= 4.5
    finally:
        apply_theme(app, "light")
