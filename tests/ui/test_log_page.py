"""The Log view: the day page (entries, statuses, ranges, flags, derived entries), the
editor (autosave after typing stops, on a day change and on close; Ctrl+Enter; nothing
typed lost to a refresh), undoable operations (add, delete, move, keep a flagged date,
line → backlog item), navigation, and search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.domain.journal.status import LineStatus
from app.services import bulk, log_days, log_entries, log_search
from app.services.items import create_item, get_item
from app.store.db import Store
from app.ui.log.drafts import AUTOSAVE_MS
from app.ui.log.page import LogPage
from app.ui.log.render import status_colours
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.theme import tokens_for
from tests.ui.conftest import redo_step, run_queued, undo_step

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)
PLAN = """## 组会准备
1. 整理消融实验结果 [DONE]
2. 画图 figure 3.2 [DELAY]
   - 换成 log scale
3. [TODO] 读 MAE 论文第二遍
- ~~重跑 baseline~~
- See [the paper](https://arxiv.org/abs/2111.06377) ![loss curve](https://example.com/l.png)"""


@pytest.fixture
def ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: NOW)
    yield operations
    operations.undo_stack.clear()


@pytest.fixture
def page(qtbot: QtBot, ops: Operations, tmp_path: Path) -> LogPage:
    view = LogPage(ops, tokens_for(False), UiSettings(tmp_path / "ui.ini"))
    ops.changed.connect(view.apply)  # as the window does (MainWindow.apply)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def add(store: Store, body: str, day: date = TODAY, **fields: object) -> int:
    record, _ = log_entries.add_entry(store, day, body, now=NOW, **fields)  # type: ignore[arg-type]
    return record.id


def entries(store: Store, day: date = TODAY) -> list[str]:
    return [e.body for e in log_days.day_page(store, day, tz=SHANGHAI).entries]


def type_into(qtbot: QtBot, page: LogPage, text: str) -> None:
    page.editor.text.setFocus()
    type_text(qtbot, page.editor.text, text)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Key presses for ASCII; other text arrives whole, as an input method sends it
    (QTest types ASCII only)."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line.isascii():
            qtbot.keyClicks(widget, line)
        else:
            event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, line)
            QApplication.sendEvent(widget, event)


# --- the day page ---------------------------------------------------------------------


def test_the_day_page_shows_entries_statuses_and_what_the_board_did(
    store: Store, page: LogPage
) -> None:
    plan = add(store, PLAN, heading="Lab day")
    item, _ = create_item(store, ItemDraft(title="Set up job scripts"), now=NOW)
    bulk.complete_items(store, [item.id], True, now=NOW + timedelta(hours=1))
    page.reload()
    text = page.day_view.toPlainText()
    for words in ("Lab day", "组会准备", "整理消融实验结果", "换成 log scale", "重跑 baseline",
                  "FROM YOUR BOARD", "Completed", "Set up job scripts"):  # fmt: skip
        assert words in text, words
    assert "[DONE]" not in text and "[TODO]" not in text  # shown as chips instead
    assert "Image: loss curve" in text  # images by URL are links, never fetched
    assert page.sub_label.text() == "Today · 1 entry · 1 item completed"
    # Each status line carries its chip, coloured by status.
    colours = status_colours(page.tokens)
    for label, status in (("Done", LineStatus.DONE), ("Delayed", LineStatus.DELAY),
                          ("To do", LineStatus.TODO), ("Dropped", LineStatus.STRUCK)):  # fmt: skip
        cursor = page.day_view.document().find(label)
        assert not cursor.isNull(), label
        assert cursor.charFormat().background().color() == colours[status][0]
    # Every line maps back to its entry and index (for the context menu).
    doc = page.day_view.document()
    found = doc.find("换成 log scale")
    ref = page.day_view.layout_info.lines.at(found.selectionStart(), plan)
    assert ref is not None and (ref.key, ref.line) == (plan, 3)
    assert page.day_view.layout_info.entry_at(found.selectionStart()) == plan
    # Links: the item opens in the window, web links are plain anchors.
    anchors = _anchors(page)
    assert f"rizhi:item/{item.id}" in anchors
    assert "https://arxiv.org/abs/2111.06377" in anchors


def _anchors(page: LogPage) -> set[str]:
    found = set()
    block = page.day_view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                found.add(fmt.anchorHref())
            it += 1
        block = block.next()
    return found


def test_a_derived_item_opens_and_ranges_show_their_span(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    add(store, "Trip to 北京", day=TODAY - timedelta(days=2), end_day=TODAY + timedelta(days=1))
    item, _ = create_item(store, ItemDraft(title="captured today"), now=NOW)
    page.reload()
    assert "18 Nov – 21 Nov 2026" in page.day_view.toPlainText()
    with qtbot.waitSignal(page.open_item) as opened:
        page.day_view.anchorClicked.emit(QUrl(f"rizhi:item/{item.id}"))
    assert opened.args == [item.id]


def test_an_empty_day_invites_writing(page: LogPage) -> None:
    assert "Nothing written on this day yet." in page.day_view.toPlainText()
    assert page.editor.is_draft
    assert page.title_label.text() == "Friday, 20 November 2026"


def test_a_flagged_entry_says_why_and_keeping_its_date_clears_the_flag(
    store: Store, page: LogPage, ops: Operations
) -> None:
    entry = add(store, "Summer workshop notes", day=date(2021, 12, 9))
    anomaly = {
        "original": "2012-12-09 Summer",
        "suggested": "2021-12-09",
        "reason": "2012-12-09 is out of sequence between 2021-12-08 and 2021-12-10",
    }
    store.raw.execute(
        "UPDATE log_entries SET anomaly = ? WHERE id = ?", (json.dumps(anomaly), entry)
    )
    store.raw.commit()
    page.show_day(date(2021, 12, 9))
    text = page.day_view.toPlainText()
    assert "Date flagged on import" in text
    assert "Written as “2012-12-09 Summer”: 2012-12-09 is out of sequence" in text
    assert f"rizhi:confirm/{entry}" in _anchors(page)
    page.commands.confirm(entry)
    assert log_entries.get_entry(store, entry).anomaly is None
    page.reload()
    assert "Date flagged" not in page.day_view.toPlainText()
    undo_step(ops)
    assert log_entries.get_entry(store, entry).anomaly == anomaly


def test_moving_an_entry_follows_it_and_undo_puts_it_back(
    store: Store, page: LogPage, ops: Operations
) -> None:
    entry = add(store, "met Patrick", day=YESTERDAY)
    page.show_day(YESTERDAY)
    page.commands.move_to(entry, TODAY - timedelta(days=5), None)
    assert page.day == TODAY - timedelta(days=5)
    assert entries(store, TODAY - timedelta(days=5)) == ["met Patrick"]
    undo_step(ops)
    assert entries(store, YESTERDAY) == ["met Patrick"]


# --- the editor -------------------------------------------------------------------------


def test_autosave_writes_a_second_after_typing_stops(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    type_into(qtbot, page, "读了两篇论文")
    assert entries(store) == []  # not on every keystroke
    qtbot.waitUntil(lambda: entries(store) == ["读了两篇论文"], timeout=AUTOSAVE_MS * 3)
    assert not page.editor.is_draft  # the draft became the entry
    assert ops.undo_stack.count() == 0  # typing is not a window undo step
    qtbot.keyClicks(page.editor.text, " and took notes")
    qtbot.waitUntil(
        lambda: entries(store) == ["读了两篇论文 and took notes"], timeout=AUTOSAVE_MS * 3
    )
    assert ops.undo_stack.count() == 0
    assert page.editor.text.document().isUndoAvailable()  # the editor keeps its own undo
    qtbot.waitUntil(lambda: "took notes" in page.day_view.toPlainText())


def test_changing_the_day_saves_what_was_typed(qtbot: QtBot, store: Store, page: LogPage) -> None:
    type_into(qtbot, page, "before lunch")
    page.show_day(YESTERDAY)
    assert entries(store, TODAY) == ["before lunch"]
    assert page.editor.is_draft and page.editor.body() == ""
    assert page.editor.day == YESTERDAY


def test_closing_saves_what_was_typed_and_remembers_the_day(
    qtbot: QtBot, store: Store, ops: Operations, tmp_path: Path
) -> None:
    settings = UiSettings(tmp_path / "ui.ini")
    page = LogPage(ops, tokens_for(False), settings)
    qtbot.addWidget(page)
    page.show()
    page.show_day(YESTERDAY)
    type_into(qtbot, page, "late thought")
    assert page.close_page()
    assert entries(store, YESTERDAY) == ["late thought"]
    again = LogPage(ops, tokens_for(False), settings)
    qtbot.addWidget(again)
    assert again.day == YESTERDAY  # the same day: back where it was


def test_focus_leaving_the_editor_saves(qtbot: QtBot, store: Store, page: LogPage) -> None:
    type_into(qtbot, page, "quick note")
    page.search.edit.setFocus()
    qtbot.waitUntil(lambda: entries(store) == ["quick note"], timeout=500)


def test_ctrl_enter_adds_the_entry_and_starts_another(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    type_into(qtbot, page, "- [TODO] email the supervisor")
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert entries(store) == ["- [TODO] email the supervisor"]
    assert page.editor.is_draft and page.editor.body() == ""
    assert page.editor.text.hasFocus()
    type_into(qtbot, page, "second")
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert entries(store) == ["- [TODO] email the supervisor", "second"]
    assert ops.undo_stack.count() == 0  # Delete takes an entry back, and is a step


def card_in_view(page: LogPage, entry_id: int) -> bool:
    """The entry's card is wholly inside the day page's viewport."""
    view = page.day_view
    index = view.layout_info.ids.index(entry_id)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.layout_info.starts[index])
    top = view.cursorRect(cursor).top()
    cursor.setPosition(view.layout_info.ends[index])
    return top >= 0 and view.cursorRect(cursor).bottom() <= view.viewport().height()


def test_ctrl_enter_keeps_the_entry_just_written_in_view_and_marked(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    for n in range(12):  # a day longer than the page
        add(store, "\n".join(f"- note {n}.{k}" for k in range(6)))
    page.reload()
    type_into(qtbot, page, "- written just now")
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    run_queued(qtbot)  # the change's own reload, had one been left to come
    assert page.page_data is not None
    written = page.page_data.entries[-1]
    assert written.body == "- written just now"
    assert page.editor.is_draft and page.editor.text.hasFocus()
    assert page.day_view.verticalScrollBar().value() > 0
    assert card_in_view(page, written.id)
    assert page.day_view.selected == written.id  # its card is outlined
    # Written again after an autosave, with the page scrolled back to the top.
    page.day_view.verticalScrollBar().setValue(0)
    type_into(qtbot, page, "- and this")
    assert page.drafts.flush()
    run_queued(qtbot)
    second = page.editor_entry_id
    assert second is not None and page.day_view.selected == second  # the mark moves on
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    run_queued(qtbot)
    assert card_in_view(page, second) and page.day_view.selected == second
    page.show_day(YESTERDAY)
    page.show_day(TODAY)
    assert page.day_view.selected is None  # until the day changes


def test_a_range_entry_from_the_editor(qtbot: QtBot, store: Store, page: LogPage) -> None:
    type_into(qtbot, page, "conference")
    page.editor.range_check.setChecked(True)
    page.editor.range_edit.setDate(page.editor.range_edit.date().addDays(2))
    page.drafts.submit()
    (entry,) = log_days.day_page(store, TODAY, tz=SHANGHAI).entries
    assert entry.end_day == TODAY + timedelta(days=3)


def test_a_window_undo_never_takes_back_what_was_typed(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    earlier = add(store, "earlier")
    page.reload()
    assert page.commands.delete(earlier)  # the one step on the stack
    type_into(qtbot, page, "Ran the ablation.")
    qtbot.waitUntil(lambda: "Ran the ablation." in entries(store), timeout=AUTOSAVE_MS * 3)
    qtbot.keyClicks(page.editor.text, " Then an hour of notes.")
    qtbot.waitUntil(
        lambda: "Ran the ablation. Then an hour of notes." in entries(store),
        timeout=AUTOSAVE_MS * 3,
    )
    page.day_view.setFocus()  # the user clicks the page to reread it, then Ctrl+Z
    undo_step(ops)
    qtbot.waitUntil(lambda: page.editor.body() == "Ran the ablation. Then an hour of notes.")
    assert "Ran the ablation. Then an hour of notes." in entries(store)
    assert "earlier" in entries(store)  # the undo undid the delete, the step meant
    qtbot.keyClicks(page.editor.text, " More.")  # typing on keeps the redo
    assert page.drafts.flush()
    assert ops.undo_stack.canRedo()
    redo_step(ops)
    assert entries(store) == ["Ran the ablation. Then an hour of notes. More."]


def test_ticking_until_after_typing_keeps_the_draft_and_its_range(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    type_into(qtbot, page, "Conference in Kyoto")
    check = page.editor.range_check
    qtbot.mousePress(check, Qt.MouseButton.LeftButton, pos=check.rect().center())
    # A human click: the focus moves, and what that sets off runs, before the release.
    run_queued(qtbot)
    qtbot.mouseRelease(check, Qt.MouseButton.LeftButton, pos=check.rect().center())
    assert check.hasFocus() and check.isChecked() and check.isVisible()
    assert page.editor.is_draft and entries(store) == []
    page.editor.range_edit.setFocus()  # picking the last day takes a while
    page.editor.range_edit.setDate(page.editor.range_edit.date().addDays(2))
    # The autosave comes due while the last day is being picked, and holds back.
    qtbot.waitSignal(page.drafts.autosave.timeout, timeout=AUTOSAVE_MS * 3).wait()
    assert page.editor.is_draft and page.editor.range_edit.isVisible()
    page.day_view.setFocus()  # done: leaving the editor saves
    qtbot.waitUntil(lambda: entries(store) == ["Conference in Kyoto"], timeout=AUTOSAVE_MS)
    (entry,) = log_days.day_page(store, TODAY, tz=SHANGHAI).entries
    assert entry.end_day == TODAY + timedelta(days=3)


def test_undo_and_redo_of_deleting_an_entry_with_its_last_words(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    type_into(qtbot, page, "draft")
    page.drafts.submit()
    entry = log_days.day_page(store, TODAY, tz=SHANGHAI).entries[0].id
    page.drafts.edit(entry)
    qtbot.keyClicks(page.editor.text, " grew")
    assert page.commands.delete(entry)  # saves " grew" first
    assert entries(store) == []
    assert page.editor.is_draft and page.editor.body() == ""
    undo_step(ops)
    assert entries(store) == ["draft grew"]
    redo_step(ops)
    assert entries(store) == []


def test_redo_then_undo_of_a_delete_keeps_the_words_typed_in_between(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    entry = add(store, "v1")
    page.reload()
    assert page.commands.delete(entry)  # by mistake
    undo_step(ops)
    page.drafts.edit(entry)
    page.editor.text.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, page, " + an hour of new notes")
    assert page.drafts.flush()
    assert ops.undo_stack.canRedo()  # typing is not a step, so the redo is still there
    redo_step(ops)
    assert entries(store) == []
    undo_step(ops)
    assert entries(store) == ["v1 + an hour of new notes"]


def test_undo_while_a_draft_is_typed_keeps_the_draft(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    earlier = add(store, "earlier")
    page.reload()
    assert page.commands.delete(earlier)
    type_into(qtbot, page, "typed just now")
    undo_step(ops)  # undoes the delete, not the draft
    assert entries(store) == ["earlier"]
    assert page.editor.body() == "typed just now"
    qtbot.waitUntil(lambda: entries(store) == ["earlier", "typed just now"], timeout=3000)


def test_a_refresh_never_overwrites_typing(
    qtbot: QtBot, store: Store, page: LogPage, ops: Operations
) -> None:
    mine = add(store, "my entry")
    page.reload()
    page.drafts.edit(mine)
    page.editor.text.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, page, " and unsaved words")
    add(store, "from the command line")  # `rizhi log add`, seen through LiveUpdates
    page.apply(Changes(log=True))
    qtbot.waitUntil(lambda: "from the command line" in page.day_view.toPlainText())
    assert page.editor.body() == "my entry and unsaved words"
    assert page.editor_entry_id == mine


def test_unsaved_words_outlive_their_entry(qtbot: QtBot, store: Store, page: LogPage) -> None:
    mine = add(store, "doomed")
    page.reload()
    page.drafts.edit(mine)
    page.drafts.autosave.stop()
    page.editor.text.setPlainText("doomed, but these words matter")
    page.drafts.autosave.stop()
    log_entries.delete_entry(store, mine)  # removed elsewhere before the save
    page.apply(Changes(log=True))
    qtbot.waitUntil(lambda: page.editor.is_draft)
    assert page.editor.body() == "doomed, but these words matter"
    assert page.drafts.flush()
    assert entries(store) == ["doomed, but these words matter"]


def test_an_emptied_entry_is_not_saved(qtbot: QtBot, store: Store, page: LogPage) -> None:
    mine = add(store, "keep me")
    page.reload()
    page.drafts.edit(mine)
    page.editor.text.clear()
    assert not page.drafts.flush()
    assert "not saved" in page.editor.state_label.text()
    assert entries(store) == ["keep me"]


def fail_writes(store: Store, when: str) -> None:
    """Every write of `when` (INSERT, UPDATE) fails, as on a full disk."""
    store.raw.execute(
        f"CREATE TRIGGER full_{when} BEFORE {when} ON log_entries"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )


def test_a_failed_save_keeps_the_text_says_so_and_tries_again(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    mine = add(store, "morning notes")
    page.reload()
    page.drafts.edit(mine)
    page.editor.text.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, page, " + afternoon results")
    fail_writes(store, "UPDATE")
    assert not page.drafts.flush()
    assert page.editor.body() == "morning notes + afternoon results"
    assert "database or disk is full" in page.editor.state_label.text()
    assert page.drafts.autosave.isActive()  # tried again
    page.show_day(YESTERDAY)  # would replace the text: it waits
    assert page.day == TODAY and page.editor_entry_id == mine
    page.new_entry()
    assert page.editor_entry_id == mine
    assert page.editor.body() == "morning notes + afternoon results"
    store.raw.execute("DROP TRIGGER full_UPDATE")  # room again
    assert page.drafts.flush()
    assert entries(store) == ["morning notes + afternoon results"]
    assert page.editor.state_label.text() == "Saved"


def test_a_draft_that_cannot_be_added_stays_a_draft(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    fail_writes(store, "INSERT")
    type_into(qtbot, page, "first thought")
    assert not page.drafts.flush()
    assert page.editor.is_draft and page.editor.body() == "first thought"
    assert "Not saved" in page.editor.state_label.text()
    store.raw.execute("DROP TRIGGER full_INSERT")
    qtbot.keyClicks(page.editor.text, "s")
    qtbot.waitUntil(lambda: entries(store) == ["first thoughts"], timeout=AUTOSAVE_MS * 3)


# --- lines into backlog items -----------------------------------------------------------


def test_a_line_becomes_a_backlog_item_and_undo_removes_it(
    store: Store, page: LogPage, ops: Operations
) -> None:
    entry = add(store, "meeting\n- [TODO] Read MAE paper #paper !high")
    page.reload()
    assert page.commands.line_to_item(entry, 1)
    (item_id,) = [r[0] for r in store.raw.execute("SELECT id FROM items")]
    item = get_item(store, item_id)
    assert item.title == "Read MAE paper" and item.tags == ("paper",)
    undo_step(ops)
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0


def test_the_line_under_the_editor_cursor_becomes_an_item(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    type_into(qtbot, page, "\n\nnotes\n- try a cosine schedule")
    assert page.drafts.flush()  # the store keeps the body without its leading blank lines
    page.editor.text.setFocus()
    cursor = page.editor.text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    page.editor.text.setTextCursor(cursor)
    page.line_to_item_here()
    titles = [r[0] for r in store.raw.execute("SELECT title FROM items")]
    assert titles == ["try a cosine schedule"]


def test_the_line_clicked_in_the_day_page_becomes_an_item(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    add(store, "1. first plan\n2. second plan")
    page.reload()
    doc = page.day_view.document()
    cursor = doc.find("second plan")
    rect = page.day_view.cursorRect(cursor)
    qtbot.mouseClick(page.day_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x() - 10, rect.center().y()))  # fmt: skip
    page.line_to_item_here()
    titles = [r[0] for r in store.raw.execute("SELECT title FROM items")]
    assert titles == ["second plan"]


def test_the_line_right_clicked_becomes_the_item_though_lines_were_typed_above_it(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    entry = add(store, "1. first plan\n2. second plan")
    page.reload()
    page.drafts.edit(entry)
    page.editor.text.setFocus()
    page.editor.text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(page.editor.text, "Plans for today:")
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Return)  # not saved yet: the page is as was
    rect = page.day_view.cursorRect(page.day_view.document().find("second plan"))
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = menu.actions()[0]
        chosen.append(action.text())
        action.trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    point = rect.center()
    QApplication.sendEvent(
        page.day_view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, page.day_view.viewport().mapToGlobal(point)
        ),
    )
    assert chosen == ["Make a backlog item: “second plan”"]
    titles = [r[0] for r in store.raw.execute("SELECT title FROM items")]
    assert titles == ["second plan"]
    assert entries(store) == ["Plans for today:\n1. first plan\n2. second plan"]


def test_a_line_changed_since_it_was_shown_makes_no_item(store: Store, page: LogPage) -> None:
    entry = add(store, "1. first plan\n2. second plan")
    page.reload()
    log_entries.edit_entry(store, entry, now=NOW, body="1. first plan\n2. other plan")
    assert not page.commands.line_to_item(entry, 1, "2. second plan")
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0


def test_clicking_a_card_opens_it_and_a_double_click_focuses_the_editor(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    first = add(store, "first entry")
    second = add(store, "second entry")
    page.reload()
    rect = page.day_view.cursorRect(page.day_view.document().find("second entry"))
    point = QPoint(rect.center().x() + 20, rect.center().y())
    qtbot.mouseClick(page.day_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.editor_entry_id == second and page.editor.body() == "second entry"
    assert page.day_view.selected == second  # its card is outlined
    rect = page.day_view.cursorRect(page.day_view.document().find("first entry"))
    point = QPoint(rect.center().x() + 20, rect.center().y())
    qtbot.mouseDClick(page.day_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.editor_entry_id == first
    assert page.editor.text.hasFocus()


# --- navigation and search ---------------------------------------------------------------


def test_previous_and_next_logged_days_and_today(store: Store, page: LogPage) -> None:
    add(store, "long ago", day=TODAY - timedelta(days=400))
    add(store, "last week", day=TODAY - timedelta(days=7))
    page.step_logged(-1)
    assert page.day == TODAY - timedelta(days=7)
    page.step_logged(-1)
    assert page.day == TODAY - timedelta(days=400)
    page.step_logged(1)
    assert page.day == TODAY - timedelta(days=7)
    page.go_today()
    assert page.day == TODAY


def test_the_calendar_marks_logged_days_of_the_month_shown(store: Store, page: LogPage) -> None:
    add(store, "a", day=date(2026, 11, 3))
    add(store, "range", day=date(2026, 10, 30), end_day=date(2026, 11, 1))
    add(store, "far", day=date(2026, 6, 1))
    page.reload()
    calendar = page.calendar
    assert calendar.is_marked(date(2026, 11, 3))
    assert calendar.is_marked(date(2026, 10, 31))  # a range marks each of its days
    assert not calendar.is_marked(date(2026, 6, 1))  # not read: not on this page
    calendar.setCurrentPage(2026, 6)
    assert calendar.is_marked(date(2026, 6, 1))
    start, end = calendar.visible_range()
    assert (end - start).days == 41 and start <= date(2026, 6, 1) <= end


def test_search_finds_chinese_text_and_shows_its_day(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    add(store, "读了两篇论文，关于对比学习", day=date(2022, 2, 3))
    add(store, "ran experiments", day=date(2022, 2, 4))
    page.focus_search()
    type_text(qtbot, page.search.edit, "论文")
    qtbot.waitUntil(lambda: page.search.model.rowCount() == 1, timeout=1000)
    assert page.search.results.isVisible()
    hit = page.search.model.hit(0)
    assert hit is not None and hit.day == date(2022, 2, 3)
    assert "1 match" in page.search.results_label.text()
    page.search.open_hit(0)
    assert page.day == date(2022, 2, 3)
    assert page.day_view.extraSelections()  # the words are marked in the page
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.search.results.isVisible(), timeout=1000)


def test_search_by_status_lists_lines_without_words(
    qtmodeltester: ModelTester, store: Store, page: LogPage
) -> None:
    add(store, "- figure 3 [DELAY]\n- other", day=date(2022, 2, 3))
    add(store, "- all fine [DONE]", day=date(2022, 2, 4))
    page.search.status_combo.setCurrentIndex(2)  # Delayed
    assert [h.snippet for h in page.search.model.hits] == ["- figure 3 [DELAY]"]
    qtmodeltester.check(page.search.model)


def test_search_model_passes_the_model_tester(qtmodeltester: ModelTester, store: Store) -> None:
    from app.ui.log.search import SearchModel

    add(store, "论文 one")
    add(store, "论文 two", day=YESTERDAY)
    model = SearchModel()
    model.set_hits(log_search.search_log(store, "论文"), ["论文"])
    qtmodeltester.check(model)
    assert model.rowCount() == 2


# --- both themes -------------------------------------------------------------------------


def test_the_dark_theme_repaints_the_page(store: Store, page: LogPage) -> None:
    add(store, "- done [DONE]")
    page.reload()
    dark = tokens_for(True)
    page.set_tokens(dark)
    cursor = page.day_view.document().find("Done")
    assert cursor.charFormat().background().color() == status_colours(dark)[LineStatus.DONE][0]
    assert page.heatmap.tokens is dark
