"""Every window and dialog fits the screen it opens on.

The offscreen platform's screen is 800×800 (narrower than a 1366×768 laptop), so a
window or dialog sized for a large monitor shows here as it would on a small one.
tests/e2e/test_small_screen.py starts the real app on a 1366×768 X screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from app.services.settings import set_settings
from app.store.db import Store
from app.ui.actions import ActionRegistry
from app.ui.cheatsheet import CheatSheet
from app.ui.editor.dialog import ItemEditor
from app.ui.log.import_dialog import ImportDialog
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.screen_fit import FRAME_ALLOWANCE, fitting_size
from app.ui.settings import UiSettings
from app.ui.settings_dialog import SettingsDialog
from app.ui.theme import tokens_for
from app.ui.units.categories_dialog import CategoriesDialog
from app.ui.units.history import HistoryDialog
from app.ui.units.item_picker import ItemPicker
from app.ui.units.review_dialog import ReviewDialog
from app.ui.units.unit_dialog import UnitDialog
from tests.ui.conftest import add
from tests.ui.test_units_page import SHANGHAI, Sample, fixed_ops

AFTER = datetime(2022, 2, 11, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def ops(store: Store, qapp: QApplication) -> Iterator[Operations]:
    operations = fixed_ops(store, AFTER)
    yield operations
    operations.undo_stack.clear()


def assert_fits(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    area = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    assert frame.width() <= area.width() and frame.height() <= area.height(), (
        f"{type(widget).__name__} is {frame.width()}×{frame.height()} "
        f"on a {area.width()}×{area.height()} screen"
    )
    assert area.contains(frame), f"{type(widget).__name__} at {frame} leaves {area}"


def test_the_first_window_fits_a_small_screen(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, ui_settings)
    assert_fits(qtbot, window)
    status = window.statusBar()
    bottom_left = status.mapToGlobal(status.rect().bottomLeft())
    assert window.screen().availableGeometry().contains(bottom_left)


def test_the_first_window_keeps_its_size_on_a_large_screen() -> None:
    large = QRect(0, 0, 2560, 1440)
    assert fitting_size(QSize(1280, 820), large) == QSize(1280, 820)
    small = QRect(0, 0, 1366, 768)
    assert fitting_size(QSize(1280, 820), small) == QSize(1280, 768 - FRAME_ALLOWANCE.height())


Factory = Callable[[Store, Operations, UiSettings, QMainWindow], QWidget]


def review(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return ReviewDialog(ops, Sample(store).unit, tokens=tokens_for(False))


def unit_form(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return UnitDialog(ops, Sample(store).unit, today=AFTER.date(), tokens=tokens_for(False))


def history(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return HistoryDialog(store, tokens=tokens_for(False))


def categories(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return CategoriesDialog(ops, tokens_for(False))


def picker(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return ItemPicker(store, RowCache(store), [add(store, "a paper")], "Items for Papers")


def editor(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return ItemEditor(ops, add(store, "an item"))


def journal_import(store: Store, ops: Operations, _: UiSettings, window: QMainWindow) -> QWidget:
    return ImportDialog(ops, None)


def settings(store: Store, ops: Operations, ini: UiSettings, window: QMainWindow) -> QWidget:
    return SettingsDialog(ini, ActionRegistry(ini, window), window)


def cheatsheet(store: Store, ops: Operations, ini: UiSettings, window: QMainWindow) -> QWidget:
    return CheatSheet(ActionRegistry(ini, window), window)


@pytest.mark.parametrize(
    "factory",
    [
        review,
        unit_form,
        history,
        categories,
        picker,
        editor,
        journal_import,
        settings,
        cheatsheet,
    ],
)
def test_every_dialog_fits_a_small_screen(
    qtbot: QtBot, store: Store, ops: Operations, ui_settings: UiSettings, factory: Factory
) -> None:
    window = QMainWindow()  # the parent some dialogs need, kept alive for the test
    qtbot.addWidget(window)
    assert_fits(qtbot, factory(store, ops, ui_settings, window))
