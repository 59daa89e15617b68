"""The capture popup, offscreen: opening focused and centred, every key (Enter, Esc,
Up and Down, Ctrl+Enter, Tab, the paste keys), where a line goes, the confirmation with
Undo, and a save that fails keeping the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import Column, ItemKind
from app.domain.quick_capture import Destination
from app.services.item_details import item_details
from app.services.settings import board_week
from app.store.db import Store
from app.ui.capture.memory import FILE_NAME, CaptureMemory
from app.ui.capture.popup import NOT_UNDONE, WINDOW_TITLE, CapturePopup
from app.ui.capture.setup import build_capture_popup
from app.ui.ops import Operations
from tests.ui.conftest import add

READ_ONLY = "PRAGMA query_only = ON"  # how a full disk or a read-only file refuses a write
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def popup(qtbot: QtBot, ops: Operations, tmp_path: Path) -> Iterator[CapturePopup]:
    shown = build_capture_popup(ops, str(tmp_path))
    qtbot.addWidget(shown)
    qtbot.addWidget(shown.toast)
    yield shown
    shown.hide()


@pytest.fixture
def reading(qtbot: QtBot) -> QWidget:
    """The window the user reads in (another program's, on a desktop), which has the
    keyboard whenever the popup is closed."""
    window = QWidget()
    window.setWindowTitle("a paper")
    qtbot.addWidget(window)
    return window


def back_to(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def opened(qtbot: QtBot, popup: CapturePopup, reading: QWidget | None = None) -> CapturePopup:
    """The popup opened from `reading` (the user went back to it after the last capture),
    or raised again when it is open."""
    if reading is not None and not popup.isVisible():
        back_to(qtbot, reading)
    popup.open_popup()
    qtbot.waitUntil(lambda: popup.isActiveWindow() and popup.line.edit.hasFocus())
    return popup


def type_line(qtbot: QtBot, popup: CapturePopup, text: str) -> None:
    """`text` in the line, as typed (QTest types Latin-1 only; an input method commits
    Chinese text in one piece, as `insert` does)."""
    popup.line.edit.clear()
    if text.isascii():
        qtbot.keyClicks(popup.line.edit, text)
    else:
        popup.line.edit.insert(text)


def titles(store: Store) -> list[str]:
    rows = store.raw.execute("SELECT title FROM items WHERE deleted_at IS NULL ORDER BY id")
    return [str(row[0]) for row in rows]


def test_it_opens_frameless_on_top_centred_and_focused(qtbot: QtBot, popup: CapturePopup) -> None:
    opened(qtbot, popup)
    assert popup.windowTitle() == WINDOW_TITLE == "Rizhi quick capture"
    flags = popup.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    screen = QGuiApplication.primaryScreen().availableGeometry()
    centre = popup.geometry().center()
    assert abs(centre.x() - screen.center().x()) <= 1
    assert abs(centre.y() - screen.center().y()) <= 1
    assert popup.width() <= screen.width()


def test_enter_saves_to_the_backlog_closes_and_confirms(
    qtbot: QtBot, popup: CapturePopup, store: Store
) -> None:
    opened(qtbot, popup)
    type_line(qtbot, popup, "try token halting on ViT #idea")
    assert popup.line.chips.chips == ["→ backlog", "idea", "#idea"]
    with qtbot.waitSignal(popup.saved) as confirmed:
        qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert confirmed.args == ["Saved to backlog: try token halting on ViT"]
    assert not popup.isVisible() and popup.line.edit.text() == ""
    assert titles(store) == ["try token halting on ViT"]
    assert popup.toast.isVisible()
    assert popup.toast.message.text() == "Saved to backlog: try token halting on ViT"
    assert not popup.toast.isActiveWindow()  # the keyboard went back where it was


def test_the_toasts_undo_takes_the_capture_back_as_one_step(
    qtbot: QtBot, popup: CapturePopup, store: Store, ops: Operations
) -> None:
    opened(qtbot, popup)
    type_line(qtbot, popup, "Masked autoencoders https://arxiv.org/abs/2111.06377 ^week")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert ops.undo_stack.count() == 1  # item, card and link: one step
    qtbot.mouseClick(popup.toast.undo_button, Qt.MouseButton.LeftButton)
    assert titles(store) == []
    assert store.raw.execute("SELECT COUNT(*) FROM board_cards").fetchone()[0] == 0
    assert popup.toast.message.text() == "Undone: Masked autoencoders"
    assert not popup.toast.undo_button.isVisible()


def test_undo_never_takes_back_a_later_step(
    qtbot: QtBot, popup: CapturePopup, store: Store, ops: Operations
) -> None:
    from app.domain.entities import ItemDraft
    from app.services.items import create_item

    opened(qtbot, popup)
    type_line(qtbot, popup, "captured")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    ops.run("later", lambda now: create_item(store, ItemDraft(title="later"), now=now)[1])
    qtbot.mouseClick(popup.toast.undo_button, Qt.MouseButton.LeftButton)
    assert titles(store) == ["captured", "later"]
    assert popup.toast.message.text() == NOT_UNDONE


def test_ctrl_enter_saves_and_stays_open_for_the_next(
    qtbot: QtBot, popup: CapturePopup, store: Store
) -> None:
    opened(qtbot, popup)
    for title in ("first idea", "第二个想法"):
        type_line(qtbot, popup, title)
        qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return, CTRL)
        assert popup.isVisible() and popup.line.edit.hasFocus()
        assert popup.line.edit.text() == ""
    assert titles(store) == ["first idea", "第二个想法"]
    assert popup.toast.message.text() == "Saved to backlog: 第二个想法"


def test_esc_closes_and_keeps_the_draft_for_the_next_open_and_start(
    qtbot: QtBot, popup: CapturePopup, store: Store, ops: Operations, reading: QWidget
) -> None:
    opened(qtbot, popup, reading)
    type_line(qtbot, popup, "half a thought")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Escape)
    assert not popup.isVisible() and titles(store) == []
    opened(qtbot, popup, reading)
    assert popup.line.edit.text() == "half a thought"
    assert popup.line.edit.cursorPosition() == len("half a thought")
    assert popup.memory.path is not None
    again = build_capture_popup(ops, str(Path(popup.memory.path).parent))  # the next start
    qtbot.addWidget(again)
    assert again.line.edit.text() == "half a thought"


def test_enter_on_an_empty_line_just_closes(
    qtbot: QtBot, popup: CapturePopup, ops: Operations
) -> None:
    opened(qtbot, popup)
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert not popup.isVisible() and ops.undo_stack.count() == 0


def test_clicking_into_another_window_closes_it_keeping_the_draft(
    qtbot: QtBot, popup: CapturePopup, reading: QWidget
) -> None:
    opened(qtbot, popup, reading)
    type_line(qtbot, popup, "interrupted")
    back_to(qtbot, reading)
    assert not popup.isVisible()
    assert popup.memory.draft == "interrupted"


def test_up_and_down_go_through_recent_captures_kept_across_starts(
    qtbot: QtBot, popup: CapturePopup, ops: Operations, tmp_path: Path
) -> None:
    opened(qtbot, popup)
    for title in ("oldest", "newer #idea"):
        type_line(qtbot, popup, title)
        qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(popup.line.edit, "typing")
    keys = [Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Down]
    seen = []
    for key in keys:
        qtbot.keyClick(popup.line.edit, key)
        seen.append(popup.line.edit.text())
    assert seen == ["newer #idea", "oldest", "oldest", "newer #idea", "typing"]
    restarted = build_capture_popup(ops, str(tmp_path))
    qtbot.addWidget(restarted)
    opened(qtbot, restarted)
    qtbot.keyClick(restarted.line.edit, Qt.Key.Key_Up)
    assert restarted.line.edit.text() == "newer #idea"
    assert (tmp_path / FILE_NAME).exists()


def test_tab_chooses_where_the_line_goes(
    qtbot: QtBot, popup: CapturePopup, store: Store, ops: Operations
) -> None:
    opened(qtbot, popup)
    type_line(qtbot, popup, "write related work")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Tab)
    assert popup.destination is Destination.WEEK and popup.line.edit.hasFocus()
    assert popup.line.chips.chips[0] == "→ this week's To do"
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return, CTRL)
    (card,) = store.raw.execute("SELECT week, col FROM board_cards").fetchall()
    assert tuple(card) == (str(board_week(store, ops.clock())), Column.TODO.value)
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Tab)
    assert popup.destination is Destination.LOG
    type_line(qtbot, popup, "ran the ablation, loss flat #exp")
    assert popup.line.chips.chips == ["→ today's log"]
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return, CTRL)
    body = store.raw.execute("SELECT day, body FROM log_entries").fetchone()
    assert tuple(body) == (ops.clock().date().isoformat(), "ran the ablation, loss flat #exp")
    assert popup.toast.message.text() == "Saved to today's log: ran the ablation, loss flat #exp"
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Tab)
    assert popup.destination is Destination.BACKLOG
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Backtab)
    assert popup.destination is Destination.LOG


def test_alt_letters_and_the_log_prefix_choose_too(
    qtbot: QtBot, popup: CapturePopup, store: Store
) -> None:
    opened(qtbot, popup)
    popup.destinations.buttons[Destination.WEEK].click()
    assert popup.destination is Destination.WEEK
    assert popup.destinations.buttons[Destination.LOG].text() == "Today's &log"  # Alt+L
    type_line(qtbot, popup, "^log 读完 MAE 第二遍")
    assert popup.line.chips.chips == ["→ today's log"]
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert store.raw.execute("SELECT body FROM log_entries").fetchone()[0] == "读完 MAE 第二遍"
    assert titles(store) == []


def test_an_unreadable_date_keeps_the_text_with_the_reason_under_it(
    qtbot: QtBot, popup: CapturePopup, store: Store, ops: Operations
) -> None:
    opened(qtbot, popup)
    type_line(qtbot, popup, "review notes @blorf")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert popup.isVisible() and popup.line.edit.text() == "review notes @blorf"
    assert "blorf" in popup.line.chips.error and popup.line.chips.isVisible()
    assert titles(store) == [] and ops.undo_stack.count() == 0


def test_a_storage_error_keeps_the_text_with_the_error_under_it(
    qtbot: QtBot, popup: CapturePopup, store: Store, ops: Operations
) -> None:
    opened(qtbot, popup)
    type_line(qtbot, popup, "an idea worth keeping")
    store.raw.execute(READ_ONLY)
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert popup.isVisible() and popup.line.edit.text() == "an idea worth keeping"
    assert popup.error.isVisible() and "could not be saved" in popup.error.text()
    assert not popup.toast.isVisible() and ops.undo_stack.count() == 0
    assert popup.memory.recent == []
    store.raw.execute("PRAGMA query_only = OFF")  # the disk has room again
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert titles(store) == ["an idea worth keeping"] and not popup.error.isVisible()


def test_a_pasted_link_goes_into_the_items_links_and_makes_a_paper(
    qtbot: QtBot, popup: CapturePopup, store: Store
) -> None:
    opened(qtbot, popup)
    QGuiApplication.clipboard().setText("Masked Autoencoders Are Scalable\nVision Learners")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_V, CTRL)
    qtbot.keyClicks(popup.line.edit, " ")
    QGuiApplication.clipboard().setText("https://arxiv.org/abs/2111.06377")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_V, CTRL)
    assert popup.line.edit.text() == (
        "Masked Autoencoders Are Scalable Vision Learners https://arxiv.org/abs/2111.06377"
    )
    assert popup.line.chips.chips == ["→ backlog", "paper", "arXiv 2111.06377"]
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    item_id = int(store.raw.execute("SELECT id FROM items").fetchone()[0])
    details = item_details(store, item_id)
    assert details.record.title == "Masked Autoencoders Are Scalable Vision Learners"
    assert details.record.kind is ItemKind.PAPER
    assert [link.url for link in details.links] == ["https://arxiv.org/abs/2111.06377"]


def test_ctrl_shift_v_pastes_the_selection_else_the_clipboard(
    qtbot: QtBot, popup: CapturePopup
) -> None:
    from PySide6.QtGui import QClipboard

    clipboard = QGuiApplication.clipboard()
    opened(qtbot, popup)
    clipboard.setText("from the clipboard")
    if clipboard.supportsSelection():
        clipboard.setText("selected in a\nPDF reader", QClipboard.Mode.Selection)
        expected = "selected in a PDF reader"
    else:
        expected = "from the clipboard"
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_V, CTRL | SHIFT)
    assert popup.line.edit.text() == expected


def test_opening_again_raises_the_open_popup_and_hides_the_toast(
    qtbot: QtBot, popup: CapturePopup, store: Store, reading: QWidget
) -> None:
    add(store, "already there")
    opened(qtbot, popup, reading)
    type_line(qtbot, popup, "one")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert popup.toast.isVisible()
    opened(qtbot, popup, reading)
    assert not popup.toast.isVisible()
    place = popup.geometry()
    popup.open_popup()  # the hotkey pressed again while it is open
    assert popup.isVisible() and popup.geometry() == place


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_it_takes_the_theme_and_its_error_reads(
    qtbot: QtBot, popup: CapturePopup, theme: str, qapp: QApplication
) -> None:
    from app.ui.theme import apply_theme, contrast_ratio, tokens_for

    palette, sheet = qapp.palette(), qapp.styleSheet()
    try:
        tokens = tokens_for(theme == "dark")
        apply_theme(qapp, theme)
        opened(qtbot, popup)
        image = popup.grab().toImage()
        assert image.pixelColor(4, image.height() - 4) == tokens.window_bg
        assert contrast_ratio(tokens.overdue, tokens.window_bg) >= 4.5  # the error's text
        assert contrast_ratio(tokens.muted_text, tokens.window_bg) >= 4.5  # the hints
    finally:
        qapp.setPalette(palette)
        qapp.setStyleSheet(sheet)


def test_memory_that_cannot_be_written_loses_no_capture(
    qtbot: QtBot, ops: Operations, store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    popup = CapturePopup(ops, CaptureMemory(str(tmp_path / "missing" / FILE_NAME)))
    qtbot.addWidget(popup)
    qtbot.addWidget(popup.toast)
    opened(qtbot, popup)
    type_line(qtbot, popup, "still saved")
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Return)
    assert titles(store) == ["still saved"]
    assert "could not be written" in caplog.text
    caplog.clear()


def test_reopened_at_once_it_has_the_keyboard_again(qtbot: QtBot, popup: CapturePopup) -> None:
    """Closed and opened again before the platform said the keyboard left it (Qt then
    still counts its window focused), it is active, with the keyboard in its line."""
    opened(qtbot, popup)
    qtbot.keyClick(popup.line.edit, Qt.Key.Key_Escape)
    assert QGuiApplication.focusWindow() == popup.windowHandle()  # what the platform says
    opened(qtbot, popup)
    qtbot.keyClicks(popup.line.edit, "typed")
    assert popup.line.edit.text() == "typed"
