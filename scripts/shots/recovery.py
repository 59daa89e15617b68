"""The recovery dialog's pictures, light and dark."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.store.db import Store
from scripts.shots.qt_setup import home, settle
from scripts.shots.sample_history import seed_log, seed_units
from scripts.shots.sample_items import TODAY, clock, seed


def render(app: QApplication, out: Path) -> list[Path]:
    """The recovery dialog, light and dark, over a data file whose header was
    overwritten: a week of backups, the newest damaged, the data folder where Linux
    keeps it (the dialog shows paths from "~")."""
    from app.services.backups import backup, take_backup
    from app.services.diagnosis import diagnose
    from app.ui.recovery_dialog import RecoveryDialog
    from app.ui.theme import apply_theme

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-recovery-") as folder, home(Path(folder)):
        data = Path(folder) / ".local" / "share" / "rizhi"
        live, backups = data / "rizhi.sqlite3", data / "backups"
        store = Store.open(live, backups)
        ids = seed(store)
        backup(store, None, now=clock(TODAY - timedelta(days=6), 18, 20))
        take_backup(live, backups, "auto", now=clock(TODAY - timedelta(days=3), 21, 45))
        seed_units(store, ids)
        take_backup(live, backups, "before-import", now=clock(TODAY - timedelta(days=1), 10, 5))
        seed_log(store)
        take_backup(live, backups, "auto", now=clock(TODAY, 9, 40))
        damaged = take_backup(live, backups, "auto", now=clock(TODAY, 10, 12))
        store.close()
        damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
        live.write_bytes(b"\x5a" * 100 + live.read_bytes()[100:])  # as a disk can leave it
        problem = diagnose(live, backups)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            dialog = RecoveryDialog(live, backups, problem)
            dialog.show()
            settle(app)
            path = out / f"recovery-{theme}.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.close()
            dialog.deleteLater()
            settle(app)
    return written
