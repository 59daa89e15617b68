"""The README's pictures of the window: the backlog, the weekly board, the Units view,
the Trash and the Log view, light and dark, the real `MainWindow` over the sample store
rendered offscreen with `QWidget.grab()`."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services.settings import set_settings
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from scripts.shots.qt_setup import SIZE, settle
from scripts.shots.sample_history import seed_log, seed_units
from scripts.shots.sample_items import seed


def render(app: QApplication, out: Path) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-shots-") as folder:
        home = Path(folder)
        store = Store.open(home / "rizhi.sqlite3", home / "backups")
        ids = seed(store)
        seed_units(store, ids)
        # The log comes last: the Units view counts log entries, and its pictures are of
        # the units alone.
        for views in (("backlog", "board", "units", "trash"), ("log",)):
            if views == ("log",):
                seed_log(store)
            for theme in ("light", "dark"):
                settings = UiSettings(home / f"ui-{theme}.ini")
                set_settings(store, {"board.rollover": "manual"})
                settings.set_theme(theme)
                window = MainWindow(store, settings)
                window.resize(*SIZE)
                window.show()
                for view in views:
                    window.show_view(view)
                    settle(app)  # a page is built, and loads, when first shown
                    if view == "backlog":
                        _expand(window, [ids["ch3"], ids["ch4"]])
                        window.backlog.select([ids["ablation"]])
                    elif view == "board":
                        window.board.select([ids["rebuttal"]])
                    settle(app)
                    path = out / f"{view}-{theme}.png"
                    window.grab().save(str(path))
                    written.append(path)
                window.close()
                window.deleteLater()
                settle(app)
        store.close()
    return written


def _expand(window: MainWindow, parents: list[int]) -> None:
    for item_id in parents:
        index = window.backlog.model.index_of(item_id)
        if index.isValid():
            window.backlog.tree.expand(index)
