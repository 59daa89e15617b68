"""Starting the window on a damaged, empty or lost data file: the recovery dialog comes
instead of an empty store or a traceback; quitting it exits 3 and changes nothing, a
restore from it goes on to open the window on the data brought back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.config.qt_runtime import EXIT_ENVIRONMENT
from app.domain.entities import ItemDraft
from app.services.backups import backup
from app.services.items import create_item, open_item_count
from app.store.db import Store
from app.ui import errors, launch, launch_recovery
from app.ui.main_window import MainWindow
from app.ui.recovery_dialog import RecoveryDialog
from app.ui.settings import UiSettings
from tests.conftest import NOW
from tests.damage import damage

WAYS = ["header overwritten", "truncated", "page-level corruption", "0 bytes", "missing"]


def seed(home: Path) -> Path:
    """Forty items, a backup of them, then one more item only the live file holds."""
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    for n in range(40):
        create_item(store, ItemDraft(title=f"item {n}", notes="x" * 200), now=NOW)
    good = backup(store, None, now=NOW)
    create_item(store, ItemDraft(title="after the backup"), now=NOW)
    store.close()
    return good


def break_it(home: Path, way: str) -> bytes | None:
    if way == "missing":
        (home / "rizhi.sqlite3").unlink()
        return None
    damage(home / "rizhi.sqlite3", way)
    return (home / "rizhi.sqlite3").read_bytes()


class Shown:
    """What the launch showed: the recovery dialogs (their headline and backups), and
    the window it opened, with how many open items it found."""

    def __init__(self) -> None:
        self.dialogs: list[tuple[str, list[str]]] = []
        self.open_items: int | None = None
        self.status = ""


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp: object) -> Shown:
    record = Shown()
    monkeypatch.setattr(errors, "install_excepthook", lambda *args: None)

    def exec_app(self: QApplication) -> int:  # never wait on a window: look at it
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next(w for w in windows if w.isVisible())
        record.open_items = open_item_count(window.store)
        record.status = window.statusBar().currentMessage()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_app)
    return record


def answer_with(monkeypatch: pytest.MonkeyPatch, shown: Shown, *answers: str) -> None:
    """The recovery dialog answered in turn: "restore" (the selected backup) or "quit"."""
    pending = list(answers)

    def exec_dialog(dialog: RecoveryDialog) -> int:
        shown.dialogs.append((dialog.headline.text(), [b.path for b in dialog.list.backups]))
        if pending.pop(0) == "restore":
            assert dialog.restore_selected(), dialog.notice.text()
        else:
            dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(RecoveryDialog, "exec", exec_dialog)


@pytest.mark.parametrize("way", WAYS)
def test_quitting_the_dialog_exits_3_and_changes_nothing(
    home: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    good = seed(home)
    before = break_it(home, way)
    answer_with(monkeypatch, shown, "quit")
    assert launch.run() == EXIT_ENVIRONMENT == 3
    ((headline, listed),) = shown.dialogs
    assert headline and listed == [str(good)]
    assert shown.open_items is None  # no window
    if before is None:
        assert not (home / "rizhi.sqlite3").exists()
    else:
        assert (home / "rizhi.sqlite3").read_bytes() == before


@pytest.mark.parametrize("way", WAYS)
def test_a_restore_from_the_dialog_opens_the_window_on_the_data(
    home: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    seed(home)
    break_it(home, way)
    answer_with(monkeypatch, shown, "restore")
    assert launch.run() == 0
    assert len(shown.dialogs) == 1
    assert shown.open_items == 40  # the backup's, in the window
    assert shown.status.startswith("Restored ")
    aside = [p.name for p in home.iterdir() if ".damaged-" in p.name]
    assert bool(aside) == (way != "missing")


def test_the_window_opens_as_before_when_the_file_is_sound(
    home: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(home)
    UiSettings(home / "ui.ini").set_no_tray_told()  # said at an earlier start, not again
    answer_with(monkeypatch, shown)  # any dialog would fail the test
    assert launch.run() == 0
    assert shown.dialogs == [] and shown.open_items == 41 and shown.status == ""


def test_damage_the_first_reads_meet_gets_the_thorough_diagnosis(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import diagnosis

    seed(home)
    damage(home / "rizhi.sqlite3", "page-level corruption")
    monkeypatch.setattr(diagnosis, "THOROUGH_BEFORE_OPENING", 1024)  # as if it were large

    def first_reads(store: Store) -> MainWindow:
        store.raw.execute("SELECT COUNT(*), MAX(notes) FROM items").fetchone()
        raise AssertionError("the damaged page was read")

    failure = launch_recovery.try_open(
        str(home / "rizhi.sqlite3"), str(home / "backups"), first_reads
    )
    assert isinstance(failure, launch_recovery.Failure)
    assert failure.problem is not None and failure.problem.kind == "damaged"
    assert "malformed" in failure.detail


def test_a_restore_that_does_not_help_shows_the_dialog_again(
    home: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = seed(home)
    damage(home / "rizhi.sqlite3", "truncated")
    calls: list[int] = []
    real = launch_recovery.try_open

    def flaky(database: str, backups: str, make_window: object) -> object:
        calls.append(1)
        if len(calls) == 2:  # the first try after the restore meets a fault
            return launch_recovery.Failure(None, "disk I/O error.")
        return real(database, backups, make_window)  # type: ignore[arg-type]

    monkeypatch.setattr(launch_recovery, "try_open", flaky)
    answer_with(monkeypatch, shown, "restore", "restore")
    assert launch.run() == 0
    assert [headline for headline, _ in shown.dialogs] == [
        "Your data file is damaged.",
        "Rizhi cannot open your data.",
    ]
    assert str(good) in shown.dialogs[1][1]
    assert shown.open_items == 40


def test_the_dialog_is_shown_in_the_users_theme(
    home: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.settings import UiSettings

    seed(home)
    damage(home / "rizhi.sqlite3", "truncated")
    UiSettings(home / "ui.ini").set_theme("dark")
    seen: list[int] = []

    def exec_dialog(dialog: RecoveryDialog) -> int:
        seen.append(dialog.palette().color(dialog.palette().ColorRole.Window).lightness())
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(RecoveryDialog, "exec", exec_dialog)
    try:
        assert launch.run() == 3
        assert seen and seen[0] < 128
    finally:
        from app.ui.theme import apply_theme

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, "light")


def test_a_large_store_gets_the_quick_look_before_opening_and_the_thorough_one_after(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import diagnosis

    seed(home)
    damage(home / "rizhi.sqlite3", "page-level corruption")
    live, folder = home / "rizhi.sqlite3", home / "backups"
    assert diagnosis.diagnose_before_opening(live, folder) is not None
    monkeypatch.setattr(diagnosis, "THOROUGH_BEFORE_OPENING", 1024)  # as if it were large
    assert diagnosis.diagnose_before_opening(live, folder) is None  # found after, on a thread
