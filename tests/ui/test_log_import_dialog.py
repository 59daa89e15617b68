"""The journal import dialog: the preview of the sample journals, importing with progress
and the window told, re-imports, the preamble choice, files that cannot be read, a
database that refuses, Cancel that rolls back, the keyboard, drops, and the File menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.entities import ItemPatch
from app.services.item_edits import edit_item
from app.services.items import get_item
from app.services.settings import set_settings
from app.store.connection import connect
from app.store.db import Store
from app.ui.log.import_dialog import FILE_FILTER, ImportDialog, State, open_import_dialog
from app.ui.log.import_job import JournalImport, Outcome, import_worker
from app.ui.log.import_report import RowsModel
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.worker import Worker
from tests.conftest import NOW
from tests.ui.conftest import add

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "journals"
THESIS_LOG = FIXTURES / "002_8eea454c8e736472.txt"
UNITS_LOG = FIXTURES / "003_9d14d34ebda6bddb.txt"
WAIT_MS = 15_000
SETTLED = (State.READY, State.NOTHING_NEW, State.FAILED, State.IMPORTED)


def count(store: Store, table: str) -> int:
    return int(store.raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def stored(store: Store) -> dict[str, int]:
    tables = ("log_entries", "log_days", "journal_notes", "study_units", "unit_goals", "items")
    return {table: count(store, table) for table in tables}


@pytest.fixture
def dialogs(qtbot: QtBot, ops: Operations) -> Iterator[list[ImportDialog]]:
    made: list[ImportDialog] = []
    yield made
    busy = (State.IMPORTING, State.CANCELLING)
    for dialog in made:
        if dialog.state in busy:
            dialog.cancel_import()
            qtbot.waitUntil(lambda d=dialog: d.state not in busy)  # type: ignore[misc]
        dialog.done(0)  # waits for previews still running


def importing_jobs(dialog: ImportDialog) -> int:
    """How many of the dialog's import threads (not previews) are running."""
    return sum(
        1
        for worker in dialog.findChildren(Worker)
        if isinstance(worker.job, JournalImport) and not worker.job.dry_run and worker.isRunning()
    )


def open_on(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog], path: Path | str
) -> ImportDialog:
    dialog = ImportDialog(ops, str(path))
    qtbot.addWidget(dialog)
    dialogs.append(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot: QtBot, dialog: ImportDialog) -> State:
    qtbot.waitUntil(lambda: dialog.state in SETTLED, timeout=WAIT_MS)
    return dialog.state


def import_now(qtbot: QtBot, dialog: ImportDialog) -> State:
    assert dialog.state is State.READY
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter is Import once the preview is ready
    return settle(qtbot, dialog)


# --- the preview ------------------------------------------------------------------------------


def test_the_preview_of_the_thesis_log(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    dialog = open_on(qtbot, ops, dialogs, THESIS_LOG)
    assert dialog.state is State.READY
    assert dialog.panel.summary.text() == (
        "18 days · 1 range · 18 entries · 1 note · 0 units · 0 dates to check"
    )
    assert dialog.panel.outcome.text() == "Would add 18 entries, 1 note."
    assert dialog.panel.anomalies.rowCount() == 0
    assert dialog.panel.tabs.tabText(0) == "Dates to check (0)"
    assert dialog.panel.tabs.tabText(1) == "First days (first 6 of 18 days, oldest first)"
    first = dialog.panel.days.rows()[:3]
    assert [row[0] for row in first] == ["2019-11-04", "2019-11-05", "2019-11-06 ~ 2019-11-08"]
    assert first[2][2] == "- Met up with Patrick for the first time."
    assert "3 lines (“LOG”)" in dialog.panel.preamble_label.text()
    assert dialog.panel.keep_note.isChecked() and dialog.panel.keep_note.isEnabled()
    assert "kept as one note titled “LOG”" in dialog.panel.preamble_result.text()
    assert dialog.import_button.isEnabled() and dialog.import_button.isDefault()
    assert not dialog.progress.isVisible()
    assert stored(store) == dict.fromkeys(stored(store), 0)  # a preview writes nothing


def test_the_preview_of_the_units_log(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog]
) -> None:
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    assert dialog.panel.summary.text() == (
        "7 days · 0 ranges · 8 entries · 1 note · 1 unit with 4 goals · 0 dates to check"
    )
    assert dialog.panel.outcome.text() == "Would add 8 entries, 1 note, 1 unit."
    days = dialog.panel.days.rows()
    assert [row[0] for row in days] == [
        "2022-02-01",
        "2022-02-02",
        "2022-02-03",
        "2022-02-04",
        "2022-02-05",
        "2022-02-06",
    ]
    # 2022-02-05 is written twice: one day, both entries.
    assert days[4][2].startswith("- Trained some toy models")
    assert days[4][2].endswith("(+1 entry)")
    assert "February, 2022: A Lost ~~Ark~~ Month" in dialog.panel.preamble_result.text()
    assert not dialog.panel.tabs.isTabEnabled(2)  # no front matter


def test_dates_to_check_and_front_matter_are_listed(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    journal = tmp_path / "lab.md"
    journal.write_text(
        "---\ntitle: Research log\ntags: [phd, ml]\n---\n"
        "## 2021-12-07\n- a\n## 2021-12-08\n- b\n## 2012-12-09 Summer workshop\n- c\n"
        "## 2021-12-10\n- d\n## 2021-1211\n- e\n## 2021-12-12\n- f\n",
        encoding="utf-8",
    )
    dialog = open_on(qtbot, ops, dialogs, journal)
    assert dialog.panel.summary.text().endswith("· 2 dates to check")
    assert dialog.panel.anomalies.rows() == [
        (
            "9",
            "2012-12-09 Summer workshop",
            "2021-12-09",
            "2012-12-09 is out of sequence between 2021-12-08 and 2021-12-10",
        ),
        ("13", "2021-1211", "2021-12-11", "a separator is missing between month and day"),
    ]
    assert (
        dialog.panel.tabs.currentIndex() == 0
        and dialog.panel.tabs.tabText(0) == "Dates to check (2)"
    )
    assert dialog.panel.front_matter.rows() == [("title", "Research log"), ("tags", "phd, ml")]
    assert dialog.panel.tabs.isTabEnabled(2)
    assert dialog.panel.preamble_label.text().endswith("nothing.")
    assert not dialog.panel.keep_note.isEnabled() and not dialog.panel.make_items.isEnabled()


def test_front_matter_that_is_not_yaml_is_said_in_the_preview(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    journal = tmp_path / "post.md"
    journal.write_text("---\ntitle: a: b\n---\n## 2021-12-07\n- a\n", encoding="utf-8")
    dialog = open_on(qtbot, ops, dialogs, journal)
    assert dialog.state is State.READY
    assert dialog.panel.outcome.text() == (
        "Would add 1 entry, 1 note. The front matter (lines 1 to 3) is not valid YAML at "
        "line 2, column 9 (mapping values are not allowed here). Its text is kept as "
        "written, in a note; its values are not read."
    )
    assert not dialog.panel.tabs.isTabEnabled(2)  # no values to list


def test_the_preview_tables_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RowsModel(("Line", "As written"))
    model.set_rows([("3", "2012-12-09"), ("7", "2021-0829")], ["out of sequence", "no dash"])
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1)) == "2021-0829"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) == "no dash"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "As written"


# --- importing --------------------------------------------------------------------------------


def test_importing_fills_the_store_reports_and_tells_every_view(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    item = add(store, "Read the MAE paper")
    rename = ItemPatch(title="Read the MAE paper twice")
    assert ops.run("Rename", lambda now: edit_item(store, item, rename, now=now)[1])
    assert ops.undo_stack.count() == 1
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as imported:
        assert import_now(qtbot, dialog) is State.IMPORTED
    assert imported.args[0].added["entries"] == 8
    counts = stored(store)
    assert (counts["log_entries"], counts["log_days"], counts["journal_notes"]) == (8, 7, 1)
    assert (counts["study_units"], counts["unit_goals"]) == (1, 4)
    assert dialog.panel.outcome.text() == "Added 8 entries, 1 note, 1 unit."
    # The bar went all the way: entries, the note and the unit.
    assert dialog.progress.isVisible()
    assert dialog.progress.maximum() == 10
    assert dialog.progress.value() == dialog.progress.maximum()
    # Every view hears what it added, once. The import is not an undo step, and the
    # steps before it stay: the rename is still undone, the import left in place.
    assert len(heard) == 1
    assert heard[0].log and len(heard[0].units) == 1 and not heard[0].everything
    assert ops.undo_stack.count() == 1
    ops.undo()
    assert get_item(store, item).title == "Read the MAE paper"
    assert stored(store)["log_entries"] == 8
    assert not dialog.import_button.isVisible()
    assert dialog.close_button.text() == "Close" and dialog.close_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_enter_while_the_preview_is_read_imports_once_it_is_ready(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    dialog = ImportDialog(ops, str(UNITS_LOG))
    qtbot.addWidget(dialog)
    dialogs.append(dialog)
    dialog.show()
    # The preview's result is delivered by the event loop, which has not run yet.
    assert dialog.state is State.READING
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and "as soon as the preview is ready" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.state is State.IMPORTED, timeout=WAIT_MS)
    assert count(store, "log_entries") == 8


def test_a_new_choice_while_reading_shows_its_preview_instead_of_importing(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    dialog = ImportDialog(ops, str(UNITS_LOG))
    qtbot.addWidget(dialog)
    dialogs.append(dialog)
    dialog.show()
    assert dialog.state is State.READING  # its result comes through the event loop
    dialog.start_import()
    dialog.panel.make_items.setChecked(True)  # a new preview: the user has not seen this one
    assert settle(qtbot, dialog) is State.READY
    assert count(store, "log_entries") == 0


def test_the_progress_bar_follows_a_long_journal(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    journal = tmp_path / "years.md"
    journal.write_text(
        "".join(
            f"## 2020-{m:02d}-{d:02d}\n- day {m}/{d}\n" for m in range(1, 13) for d in range(1, 29)
        ),
        encoding="utf-8",
    )
    dialog = open_on(qtbot, ops, dialogs, journal)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    assert import_now(qtbot, dialog) is State.IMPORTED
    assert count(store, "log_entries") == 336
    assert dialog.progress.maximum() == 336 == dialog.progress.value()
    assert seen == sorted(seen) and len(seen) >= 2  # it moved on its way up


def test_importing_the_same_file_again_says_nothing_is_new(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    first = open_on(qtbot, ops, dialogs, THESIS_LOG)
    import_now(qtbot, first)
    before = stored(store)
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    again = open_on(qtbot, ops, dialogs, THESIS_LOG)
    assert again.state is State.NOTHING_NEW
    assert again.panel.outcome.text() == (
        "Already imported: everything in this file is in your log (18 entries, 1 note). "
        "Importing it again changes nothing."
    )
    assert not again.import_button.isEnabled()
    assert again.close_button.text() == "Close" and again.close_button.isDefault()
    again.start_import()  # refused: there is nothing to import
    assert again.state is State.NOTHING_NEW
    qtbot.keyClick(again, Qt.Key.Key_Return)  # Enter closes
    assert not again.isVisible()
    assert stored(store) == before and heard == []


def test_the_preamble_choice_makes_backlog_items(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    assert dialog.panel.keep_note.isChecked()
    dialog.panel.make_items.click()
    assert dialog.state is State.READING  # the preview is made again
    settle(qtbot, dialog)
    assert dialog.panel.outcome.text() == "Would add 8 entries, 1 note, 1 unit, 4 backlog items."
    assert "4 backlog items" in dialog.panel.summary.text()
    assert dialog.panel.preamble_result.text().startswith("Its list lines become 4 backlog items")
    assert count(store, "items") == 0
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    assert import_now(qtbot, dialog) is State.IMPORTED
    titles = [row[0] for row in store.raw.execute("SELECT title FROM items ORDER BY id")]
    assert len(titles) == 4
    assert any("Watch weeks 5-6 of [NYU]" in title for title in titles)
    assert heard[0].items == frozenset(row[0] for row in store.raw.execute("SELECT id FROM items"))
    assert dialog.progress.maximum() == 14 == dialog.progress.value()
    # After the import the choice is fixed: another would import the preamble again.
    assert not dialog.panel.keep_note.isEnabled() and not dialog.panel.make_items.isEnabled()


def test_switching_back_to_a_note_updates_the_preview_again(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog]
) -> None:
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    dialog.panel.make_items.click()
    dialog.panel.keep_note.click()  # before the first preview came back: only the last counts
    settle(qtbot, dialog)
    assert dialog.panel.outcome.text() == "Would add 8 entries, 1 note, 1 unit."
    assert dialog.preview is not None and dialog.preview.report.items == 0


# --- errors -------------------------------------------------------------------------------------


def test_a_file_that_is_not_utf8_shows_why_and_imports_nothing(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"## 2021-06-12\n- caf\xe9\n")
    dialog = open_on(qtbot, ops, dialogs, latin)
    assert dialog.state is State.FAILED
    assert "is not UTF-8 text (line 2" in dialog.panel.error.text()
    assert "Save it as UTF-8" in dialog.panel.error.text()
    assert dialog.panel.error_row.isVisible()
    assert not dialog.import_button.isEnabled()
    assert dialog.panel.summary.text() == ""
    assert stored(store) == dict.fromkeys(stored(store), 0)


def test_a_file_with_no_dates_shows_what_starts_a_day_and_imports_nothing(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Ideas\njust some thoughts\n", encoding="utf-8")
    dialog = open_on(qtbot, ops, dialogs, notes)
    assert dialog.state is State.FAILED
    assert "has no dated day headings, so nothing was imported" in dialog.panel.error.text()
    assert "`## 2021-06-12`" in dialog.panel.error.text()
    assert not dialog.import_button.isEnabled()
    assert stored(store) == dict.fromkeys(stored(store), 0)


def test_a_folder_and_a_missing_file(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    folder = open_on(qtbot, ops, dialogs, tmp_path)
    assert folder.state is State.FAILED
    assert "is a folder, not a journal" in folder.panel.error.text()
    missing = open_on(qtbot, ops, dialogs, tmp_path / "gone.md")
    assert missing.state is State.FAILED
    assert missing.panel.error.text() == (
        "gone.md is not there any more: it was moved, renamed or deleted. Choose the file again."
    )
    # Choosing a good file afterwards works as usual.
    missing.set_path(str(THESIS_LOG))
    assert settle(qtbot, missing) is State.READY
    assert not missing.panel.error_row.isVisible()


def test_a_file_that_vanishes_before_the_import(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    journal = tmp_path / "log.md"
    journal.write_text("## 2021-06-12\n- a\n", encoding="utf-8")
    dialog = open_on(qtbot, ops, dialogs, journal)
    journal.unlink()
    assert import_now(qtbot, dialog) is State.FAILED
    assert "log.md is not there any more" in dialog.panel.error.text()
    assert count(store, "log_entries") == 0


def test_a_file_changed_since_the_preview_is_previewed_again_not_imported(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog], tmp_path: Path
) -> None:
    journal = tmp_path / "log.md"
    journal.write_text("## 2021-06-12\n- a\n", encoding="utf-8")
    dialog = open_on(qtbot, ops, dialogs, journal)
    journal.write_text("## 2021-06-12\n- a\n## 2021-06-13\n- b\n", encoding="utf-8")
    assert import_now(qtbot, dialog) is State.READY
    assert count(store, "log_entries") == 0
    assert dialog.panel.summary.text().startswith("2 days")
    assert "The file changed since the preview" in dialog.status.text()
    assert import_now(qtbot, dialog) is State.IMPORTED
    assert count(store, "log_entries") == 2


def test_a_database_error_is_reported_and_nothing_saved_is_damaged(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    import_now(qtbot, open_on(qtbot, ops, dialogs, THESIS_LOG))
    before = stored(store)
    store.raw.execute(
        "CREATE TRIGGER no_notes BEFORE INSERT ON journal_notes"
        " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    assert import_now(qtbot, dialog) is State.FAILED
    assert dialog.panel.error.text().startswith(
        "The journal could not be saved: the database said “disk full”. Nothing was imported "
        "and your data is as it was."
    )
    assert stored(store) == before  # the entries of the unit log were rolled back
    assert heard == []
    assert dialog.close_button.text() == "Close"


# --- cancel -----------------------------------------------------------------------------------


def test_cancel_while_importing_rolls_everything_back(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog]
) -> None:
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    # Another program holds the write lock: the import waits for it, the window does not.
    other = connect(store.path)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        assert dialog.state is State.IMPORTING
        assert not dialog.choose_button.isEnabled()
        qtbot.waitUntil(lambda: importing_jobs(dialog) == 1)  # its thread runs, and waits
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels; the dialog stays to say so
        assert dialog.state is State.CANCELLING and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a second Esc waits for the rollback
        assert dialog.isVisible()
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: dialog.state is State.READY, timeout=WAIT_MS)
    assert dialog.status.text() == "Import cancelled: nothing was written, your data is as it was."
    assert stored(store) == dict.fromkeys(stored(store), 0)
    assert dialog.import_button.isEnabled()  # it can still be imported
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_cancelled_job_rolls_back_what_it_wrote(store: Store, qapp: QApplication) -> None:
    """The job cancelled at its first progress report, after 200 entries were written
    inside the transaction: none of them stays."""
    journal = "".join(f"## 2020-01-01\n- line {n}\n" for n in range(500))
    path = Path(store.path).with_name("many.md")
    path.write_text(journal, encoding="utf-8")
    job = import_worker(
        store, JournalImport(str(path), now=NOW, preamble_as_items=False, dry_run=False)
    )
    reports: list[tuple[int, int]] = []
    ended: list[str] = []
    job.progressed.connect(lambda done, total: (reports.append((done, total)), job.cancel()))
    job.cancelled.connect(lambda _job: ended.append("cancelled"))
    job.succeeded.connect(lambda _job, _outcome: ended.append("succeeded"))
    job.run()  # in this thread: the progress report and the cancel happen in order
    assert reports == [(200, 500)]
    assert ended == ["cancelled"]
    assert count(store, "log_entries") == 0 and count(store, "log_days") == 0


def test_a_job_reports_its_outcome(store: Store, qapp: QApplication) -> None:
    job = import_worker(
        store, JournalImport(str(THESIS_LOG), now=NOW, preamble_as_items=False, dry_run=True)
    )
    outcomes: list[Outcome] = []
    job.succeeded.connect(lambda _job, outcome: outcomes.append(outcome))
    job.run()
    (outcome,) = outcomes
    assert outcome.report.dry_run and outcome.changes.empty
    assert outcome.text == THESIS_LOG.read_text(encoding="utf-8")
    assert len(outcome.parsed.entries) == 18


# --- opening it: drops, the file chooser, the File menu -----------------------------------------


def drop(dialog: ImportDialog, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPoint(dialog.width() // 2, dialog.height() // 2)
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        point.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, event)
    return True


def test_a_file_dropped_on_the_dialog_is_previewed(
    qtbot: QtBot, ops: Operations, dialogs: list[ImportDialog]
) -> None:
    dialog = open_on(qtbot, ops, dialogs, THESIS_LOG)
    assert drop(dialog, UNITS_LOG)
    assert settle(qtbot, dialog) is State.READY
    assert dialog.path == str(UNITS_LOG)
    assert dialog.panel.summary.text().startswith("7 days")
    text_only = QMimeData()
    text_only.setText("not a file")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        text_only,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, enter)
    assert not enter.isAccepted()


def test_the_file_chooser_offers_journals_and_opens_the_dialog(
    qtbot: QtBot, ops: Operations, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(_parent: object, _title: str, _folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(THESIS_LOG), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = open_import_dialog(ops, None)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert asked == [FILE_FILTER]
    assert "*.md *.markdown *.txt" in FILE_FILTER
    assert settle(qtbot, dialog) is State.READY
    dialog.done(0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    assert open_import_dialog(ops, None) is None  # the chooser was cancelled


def test_file_import_journal_in_the_window(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = UiSettings(tmp_path / "ui.ini")
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    action = window.registry.action("file.import_journal")
    assert action.text() == "Import journal…"
    assert window.registry.effective_shortcut("file.import_journal") == "Ctrl+Shift+I"
    assert window.registry.conflicts() == []
    file_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File"
    )
    assert action in file_menu.actions()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(THESIS_LOG), ""))
    action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isModal()
    assert settle(qtbot, dialog) is State.READY
    dialog.start_import()
    assert settle(qtbot, dialog) is State.IMPORTED
    assert count(store, "log_entries") == 18
    dialog.done(0)


def test_quitting_the_app_during_an_import_rolls_it_back_first(
    qtbot: QtBot, ops: Operations, store: Store, dialogs: list[ImportDialog], qapp: QApplication
) -> None:
    dialog = open_on(qtbot, ops, dialogs, UNITS_LOG)
    # The preview's job says it ended a moment after its result arrives; wait for that,
    # so the only job left below is the import.
    qtbot.waitUntil(lambda: not dialog._jobs, timeout=WAIT_MS)
    other = connect(store.path)
    other.execute("BEGIN IMMEDIATE")  # the import waits for the lock, still running
    try:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        assert dialog.state is State.IMPORTING
        running = list(dialog._jobs)
        assert running and all(job.isRunning() for job in running)
        qapp.aboutToQuit.emit()  # what File › Quit leads to
        # Cancelled and ended before Qt tears the dialog and its thread down.
        assert all(job.cancel_requested and not job.isRunning() for job in running)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert stored(store) == dict.fromkeys(stored(store), 0)
