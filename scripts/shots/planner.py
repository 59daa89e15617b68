"""The Today page for the README, light and dark: a day of blocks with focus time spent,
one missed, two side by side, the line at 10:30, the week's totals and the cards to plan;
the real `MainWindow` over the sample store, rendered offscreen."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services.settings import set_settings
from app.services.time_blocks import add_block
from app.services.time_entries import add_entry
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from scripts.shots.qt_setup import SIZE, settle
from scripts.shots.sample_items import TODAY, clock, seed

# (key or title, day offset, start, minutes): a block for a sample item, or one of its own.
BLOCKS = (
    ("Stand-up", 0, "08:45", 15),
    ("mae", 0, "09:00", 60),
    ("rebuttal", 0, "10:00", 30),
    ("ablation", 0, "11:00", 90),
    ("Lunch", 0, "12:30", 60),
    ("ch3", 0, "14:00", 120),
    ("Group meeting", 0, "14:30", 60),
    ("lecture", 0, "16:30", 60),
    ("survey", -2, "09:00", 90),
    ("hubert", -1, "10:00", 120),
    ("mae", -1, "14:00", 60),
    ("ablation", 1, "09:30", 120),
    ("meeting", 2, "15:00", 60),
)
# Focus time spent: (key, day offset, from, to).
ENTRIES = (
    ("mae", 0, "09:05", "09:52"),
    ("survey", -2, "09:00", "10:20"),
    ("hubert", -1, "10:10", "11:40"),
    ("mae", -1, "14:00", "14:35"),
)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _at(day: date, text: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(text)).astimezone()


def seed_plan(store: Store, ids: dict[str, int], today: date = TODAY) -> None:
    now = clock(today, 10, 30)
    for name, offset, start, minutes in BLOCKS:
        day = today + timedelta(days=offset)
        item = ids.get(name)
        title = "" if item is not None else name
        start_minute = _minutes(start)
        add_block(
            store, day=day, start=start_minute, minutes=minutes, item_id=item, title=title, now=now
        )
    for name, offset, begin, end in ENTRIES:
        day = today + timedelta(days=offset)
        add_entry(store, item_id=ids[name], start=_at(day, begin), end=_at(day, end), now=now)


def render(app: QApplication, out: Path) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-shots-") as folder:
        home = Path(folder)
        store = Store.open(home / "rizhi.sqlite3", home / "backups")
        ids = seed(store)
        seed_plan(store, ids)
        for theme in ("light", "dark"):
            settings = UiSettings(home / f"ui-{theme}.ini")
            set_settings(store, {"board.rollover": "manual"})
            settings.set_theme(theme)
            window = MainWindow(store, settings)
            window.resize(*SIZE)
            window.show()
            window.show_view("today")
            settle(app)
            page = window.today
            page.timeline.select(page.model.ids[3])  # the ablation runs
            bar = page.timeline.verticalScrollBar()
            bar.setValue(bar.value() + page.timeline.grid().y_of(8 * 60 + 30))
            settle(app)
            path = out / f"today-{theme}.png"
            window.grab().save(str(path))
            written.append(path)
            window.close()
            window.deleteLater()
            settle(app)
        store.close()
    return written
