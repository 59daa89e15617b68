"""The reminders' pictures in the window, over the sample store with its reminders:
View › Reminders… (what fired, what is snoozed, what comes next) and the board with a
reminder's notice in the window's banner, light and dark; the item editor's Reminders &
repeat tab on the weekly group meeting (light)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services.reminders import list_reminders
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.editor.dialog import ItemEditor
from app.ui.main_window import MainWindow
from app.ui.reminders.delivery import reminder_notice
from app.ui.reminders.recent_dialog import RecentReminders
from app.ui.settings import UiSettings
from scripts.shots.qt_setup import SIZE, settle
from scripts.shots.sample_items import seed
from scripts.shots.sample_reminders import seed_reminders

LIST_SIZE = (760, 480)  # wide enough for the titles, the times and the reminders in words


def render(app: QApplication, out: Path) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-reminder-shots-") as folder:
        home = Path(folder)
        store = Store.open(home / "rizhi.sqlite3", home / "backups")
        ids = seed(store)
        just_fired = seed_reminders(store, ids)
        set_settings(store, {"board.rollover": "manual"})
        for theme in ("light", "dark"):
            settings = UiSettings(home / f"ui-{theme}.ini")
            settings.set_theme(theme)
            window = MainWindow(store, settings)
            window.resize(*SIZE)
            window.show()
            window.show_view("board")
            settle(app)
            banner = out / f"reminder-banner-{theme}.png"
            written.append(_banner(app, window, store, just_fired, banner))
            written.append(_list(app, window, ids["rebuttal"], out / f"reminders-{theme}.png"))
            if theme == "light":
                tab = out / "editor-reminders-tab.png"
                written.append(_editor(app, window, ids["meeting"], tab))
            window.close()
            window.deleteLater()
            settle(app)
        store.close()
    return written


def _banner(app: QApplication, window: MainWindow, store: Store, fired: int, path: Path) -> Path:
    """The board with the notice of the reminder that fired at 10:30, as the window shows
    it where the desktop has no notification service."""
    row = next(r for r in list_reminders(store, every=True) if r.id == fired)
    notice = reminder_notice(row)
    window.banners.add(notice)
    settle(app)
    window.grab().save(str(path))
    window.banners.remove(notice.key)
    settle(app)
    return path


def _list(app: QApplication, window: MainWindow, item_id: int, path: Path) -> Path:
    dialog = RecentReminders(window)
    dialog.resize(*LIST_SIZE)
    dialog.show()
    for row in dialog.rows("Fired"):
        if row.item_id == item_id:
            dialog.select(row.id)  # its actions enabled, as when picked from the list
    settle(app)
    dialog.grab().save(str(path))
    dialog.done(0)
    dialog.deleteLater()
    settle(app)
    return path


def _editor(app: QApplication, window: MainWindow, item_id: int, path: Path) -> Path:
    editor = ItemEditor(window.ops, item_id, window)
    editor.show()
    editor.show_tab("reminders")
    settle(app)
    editor.grab().save(str(path))
    editor.confirm_discard = lambda: True
    editor.close()
    settle(app)
    return path
