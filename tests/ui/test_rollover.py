"""Carrying unfinished cards over when the window opens, in each rollover mode (the
automatic mode on a real first paint, and a refused rollover, are in
test_main_window.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import Column
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.rollover import rollover_on_open
from app.ui.settings import UiSettings
from tests.ui.conftest import add, this_week

Answer = QMessageBox.StandardButton


class Questions:
    """Stands in for QMessageBox.question: gives `answers` in turn, keeps what was asked."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> Answer:
        self.asked.append(text)
        return self.answers.pop(0)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    questions = Questions()
    monkeypatch.setattr(QMessageBox, "question", questions)
    return questions


@pytest.fixture
def window(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> MainWindow:
    set_settings(store, {"board.rollover": "manual"})
    win = MainWindow(store, ui_settings)
    qtbot.addWidget(win)
    return win  # never shown, so nothing runs at a first paint


def week_of(window: MainWindow, item_id: int) -> str | None:
    record = window.rows.get(item_id)
    assert record is not None
    return record.placement.week if record.placement is not None else None


def test_ask_carries_the_cards_only_after_a_yes(
    store: Store, window: MainWindow, questions: Questions
) -> None:
    last_week = this_week().shifted(-1)
    left = add(store, "left in todo", week=last_week, column=Column.TODO)
    set_settings(store, {"board.rollover": "ask"})
    window.reread_settings()
    questions.answers = [Answer.No, Answer.Yes]
    rollover_on_open(window)
    assert questions.asked == [
        "1 card from past weeks are still in To do or Active. Move them to this week?"
    ]
    assert week_of(window, left) == str(last_week)
    assert window.statusBar().currentMessage() == ""
    rollover_on_open(window)
    assert len(questions.asked) == 2
    assert week_of(window, left) == str(this_week())
    message = window.statusBar().currentMessage()
    assert message == "Carried 1 unfinished card over to this week."


def test_manual_neither_asks_nor_carries(
    store: Store, window: MainWindow, questions: Questions
) -> None:
    last_week = this_week().shifted(-1)
    left = add(store, "left in todo", week=last_week, column=Column.TODO)
    rollover_on_open(window)
    assert questions.asked == []
    assert week_of(window, left) == str(last_week)


def test_with_nothing_left_over_nothing_is_asked(
    store: Store, window: MainWindow, questions: Questions
) -> None:
    add(store, "finished", week=this_week().shifted(-1), column=Column.DONE)
    add(store, "this week's", column=Column.TODO)
    set_settings(store, {"board.rollover": "ask"})
    window.reread_settings()
    rollover_on_open(window)
    assert questions.asked == []
    assert window.statusBar().currentMessage() == ""
