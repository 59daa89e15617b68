"""The time report's pictures (View › Time report…), light and dark: the sample week with
blocks planned from Monday to Friday and the time spent on Monday to Wednesday (today),
a focus stretch across Tuesday's midnight among them, over the sample store and its units
(their goal categories colour the bars)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.domain.weeks import Week
from app.services.settings import set_settings
from app.services.time_blocks import add_block
from app.services.time_entries import add_entry
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.report.dialog import TimeReportDialog
from app.ui.settings import UiSettings
from scripts.shots.qt_setup import settle
from scripts.shots.sample_history import seed_units
from scripts.shots.sample_items import TODAY, clock, seed

REPORT_SIZE = (1000, 860)

# (day after Monday, item key, start "HH:MM", minutes spent): what the week's time was.
SPENT = (
    (0, "mae", "09:10", 95),
    (0, "ablation", "11:00", 70),
    (0, "lecture", "14:00", 150),
    (0, "cluster", "17:00", 45),
    (1, "ablation", "09:00", 120),
    (1, "survey", "13:30", 80),
    (1, "rebuttal", "15:10", 65),
    (1, "ablation", "23:20", 75),  # a run watched past midnight: 40 min Tue, 35 min Wed
    (2, "mae", "09:30", 60),
    (2, "grading", "08:20", 60),
)
# (day after Monday, item key or a title, start "HH:MM", minutes planned)
PLANNED = (
    (0, "mae", "09:00", 90),
    (0, "lecture", "14:00", 120),
    (1, "ablation", "09:00", 120),
    (1, "survey", "13:30", 90),
    (1, "rebuttal", "15:00", 60),
    (2, "mae", "09:30", 60),
    (2, "grading", "10:30", 90),
    (2, "ablation", "14:00", 120),
    (3, "lecture", "09:00", 180),
    (3, "Group meeting", "15:00", 60),
    (4, "rebuttal", "09:00", 120),
    (4, "meeting", "15:00", 60),
)


def seed_time(store: Store, ids: dict[str, int], today: date = TODAY) -> None:
    monday = Week.containing(today).monday
    for offset, key, at, minutes in PLANNED:
        hour, minute = (int(part) for part in at.split(":"))
        item = ids.get(key)
        add_block(store, day=monday + timedelta(days=offset), start=hour * 60 + minute,
                  minutes=minutes, item_id=item, title="" if item else key,
                  now=clock(monday, 7))  # fmt: skip
    for offset, key, at, minutes in SPENT:
        hour, minute = (int(part) for part in at.split(":"))
        start = clock(monday + timedelta(days=offset), hour, minute)
        end = start + timedelta(minutes=minutes)
        add_entry(store, item_id=ids[key], start=start, end=end, now=clock(today, 10, 30))


def render(app: QApplication, out: Path) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-time-report-shots-") as folder:
        home = Path(folder)
        store = Store.open(home / "rizhi.sqlite3", home / "backups")
        ids = seed(store)
        seed_units(store, ids)
        seed_time(store, ids)
        set_settings(store, {"board.rollover": "manual"})
        for theme in ("light", "dark"):
            settings = UiSettings(home / f"ui-{theme}.ini")
            settings.set_theme(theme)
            window = MainWindow(store, settings)
            window.show()
            settle(app)
            dialog = TimeReportDialog(window.ops, window.theme.tokens, window)
            dialog.resize(*REPORT_SIZE)
            dialog.show()
            settle(app)
            path = out / f"time-report-{theme}.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.done(0)
            dialog.deleteLater()
            window.close()
            window.deleteLater()
            settle(app)
        store.close()
    return written
