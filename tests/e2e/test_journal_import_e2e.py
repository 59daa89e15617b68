"""A Markdown journal imported through the window, with the keyboard, on a virtual X screen.

The app starts on an empty store. Ctrl+K opens the command palette, "import journal" and
Enter run File › Import journal…, the path is typed into the file chooser, the dialog
previews the file, Enter imports it. SQLite, read with a fresh connection, must then hold
the journal's days and entries, the date typo placed on the day its neighbours say and
flagged. Screenshots: the dialog's report, then the Log view and its heatmap (each
cropped to its window). They go to the test's temporary folder; `make screenshots` runs
this test to take docs/screenshots/import-journal.png, log.png and log-heatmap.png.

The journal is written for the test around today's date, so the Log view and the heatmap
of the past year show it: a front matter and a to-do preamble, about three months of
days with status markers, Chinese, a range over three days and a year typed wrongly.

The app runs through this file (`python tests/e2e/test_journal_import_e2e.py`): it is
app_under_test.py whose reporter also gives the Log view's day, whether its search or
its calendar shows, and where its year of activity is, so that the heatmap's picture can
be cut from the window's.
"""

from __future__ import annotations

import os
import runpy
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.e2e import harness
from tests.e2e.conftest import Seed
from tests.e2e.harness import RunningApp, State, assert_not_blank, wait_for

pytestmark = pytest.mark.e2e

SPAN = 110  # days back from today the journal starts
TYPO_BACK = 30  # the entry whose year is mistyped, this many days ago
RANGE_BACK = 60  # a workshop over three days starts this many days ago
CHINESE_BACK = 20
BUSY = (1, 2, 1, 4, 3, 1, 6, 2, 1, 5, 1)  # entries on a day, by days back from today

LINES = (
    "- [DONE] Watched NYU 6L on latent-variable EBMs",
    "- Second pass through [Graves '12 Transduction]\n  - alignment lattice finally makes sense",
    "- [DELAY] Beam search for the transducer: decoding is still too slow",
    "- Ran the masking ablation (ratio 0.75 vs 0.9)\n- [TODO] plot the loss curves",
    "1. Read the Conformer paper\n2. Meeting with Patrick: scope of chapter 3",
    "- [DONE] Section 2.3 of Mathematics for Machine Learning",
    "- ~~Port the data loader to JAX~~\n- Wrote 600 words of related work",
    "- Reviewed two workshop papers\n- [DONE] Fixed the tokenizer bug #coding",
)

TYPO_BODY = (
    "- Rebuttal draft for the reviews of the transducer paper\n"
    "- [DONE] Reran the baseline with the fixed tokenizer\n"
    "- [DELAY] Error analysis on the accented speakers"
)
TODAY_BODY = (
    "1. [DONE] Read the Conformer paper, first pass #paper\n"
    "2. [TODO] Ablation: relative vs absolute positions ~2h\n"
    "3. [DELAY] Chapter 3 outline for Patrick\n"
    "- ~~Port the data loader to JAX~~\n"
    "- 组会：对比学习的负样本怎么选？"
)


class Journal(NamedTuple):
    text: str
    days: int  # distinct days entries start on
    entries: int
    typo_day: date


def recent_journal(today: date) -> Journal:
    """A journal of the last SPAN days, as a person would have typed it."""
    parts = [
        "---\ntitle: Research log\ntags: [phd, speech]\n---\n",
        "# Research log\n## Today\n- [ ] Read the Conformer paper #paper\n",
        "## ShortTerm\n- Finish the transducer ablations ~3h\n\n",
    ]
    days: set[date] = set()
    entries = 0
    typo_day = today - timedelta(days=TYPO_BACK)
    for back in range(SPAN, -1, -1):
        day = today - timedelta(days=back)
        logged = back <= 12 or abs(back - TYPO_BACK) <= 1 or (back * 7) % 10 < 7
        if not logged or RANGE_BACK - 2 <= back < RANGE_BACK:
            continue  # a gap, or a day the workshop covers
        body = LINES[back % len(LINES)]
        if back == RANGE_BACK:
            end = day + timedelta(days=2)
            parts.append(f"## {day.isoformat()} ~ {end.isoformat()} Summer workshop\n")
            body = "- Talks on self-supervised speech\n- Poster session: 3 good contacts"
        elif back == TYPO_BACK:
            parts.append(f"## {day.replace(year=day.year + 36).isoformat()}\n")  # 2026 → 2062
            body = TYPO_BODY
        elif back == CHINESE_BACK:
            parts.append(f"## {day.isoformat()}\n")
            body = "- 组会：讨论对比学习的实验设计\n- [DONE] 读完《统计学习方法》第三章"
        elif back == 0:
            parts.append(f"### {day.isoformat()} Plans\n")
            body = TODAY_BODY
        else:
            # Busy days were written in several goes, each under the same date again.
            for again in range(1, BUSY[back % len(BUSY)]):
                parts.append(f"### {day.isoformat()}\n{LINES[(back + again) % len(LINES)]}\n\n")
                entries += 1
            parts.append(f"### {day.isoformat()}\n")
        parts.append(body + "\n\n")
        days.add(day)
        entries += 1
    return Journal("".join(parts), len(days), entries, typo_day)


def window_named(app: RunningApp, name: str) -> int:
    """The id of the visible X window titled `name`, once it is mapped, focused."""
    found = app.input.run("search", "--sync", "--onlyvisible", "--name", name, timeout=20)
    window = int(found.split()[0])
    app.input.run("windowfocus", "--sync", str(window))
    return window


def palette_ready(state: State) -> bool:
    popup = state["popup"]
    return bool(popup and popup["class"] == "CommandPalette" and popup["focus"] == "QLineEdit")


def gone(app: RunningApp, name: str) -> bool:
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", name],
        env=app.input.env,
        capture_output=True,
        text=True,
        check=False,
    )
    return not result.stdout.strip()


def image_size(png: Path) -> tuple[int, int]:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    return image.width(), image.height()


def window_size(app: RunningApp, window: int) -> tuple[int, int]:
    shell = app.input.run("getwindowgeometry", "--shell", str(window))
    values = dict(line.split("=", 1) for line in shell.split())
    return int(values["WIDTH"]), int(values["HEIGHT"])


def read(database: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(database, timeout=5)
    try:
        return [tuple(row) for row in connection.execute(sql, params)]
    finally:
        connection.close()


def crop(png: Path, rect: list[int], origin: list[int], target: Path, margin: int = 6) -> Path:
    """The part of a window's picture at global `rect`, the window being at `origin`."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    x, y, width, height = rect
    area = QRect(x - origin[0] - margin, y - origin[1] - margin,
                 width + 2 * margin, height + 2 * margin)  # fmt: skip
    image.copy(area.intersected(image.rect())).save(str(target))
    return target


@pytest.mark.skipif(shutil.which("import") is None, reason="ImageMagick's import is needed")
def test_a_journal_is_imported_with_the_keyboard(
    display: str, seed: Seed, screens: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = recent_journal(date.today())
    # The app gets a home folder of its own: the dialog shows the file as ~/Documents/...
    home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(home))
    path = home / "Documents" / "research-log.md"
    path.parent.mkdir(parents=True)
    path.write_text(journal.text, encoding="utf-8")
    seed.finish("board")
    monkeypatch.setattr(harness, "RUNNER", Path(__file__))  # the reporter below
    app = RunningApp(seed.home, display, tmp_path)
    try:
        import_with_the_keyboard(app, seed.database, path, journal, screens)
    finally:
        app.kill()


def import_with_the_keyboard(
    app: RunningApp, database: Path, path: Path, journal: Journal, screens: Path
) -> None:
    # The command palette finds File › Import journal… by name.
    app.input.key("ctrl+k")
    # A popup without a title, so xdotool cannot wait for it: the app says when it holds
    # the keyboard, its search field focused.
    app.state(palette_ready, what="the command palette, its field focused")
    app.input.run("type", "--delay", "40", "import journal")
    app.input.key("Return")

    # The file chooser: the path typed where the file name goes, Enter.
    window_named(app, "Choose a journal to import")
    app.input.run("type", "--delay", "15", str(path))
    app.input.key("Return")

    dialog = window_named(app, "Import journal")
    app.input.key("Return")  # pressed while the preview is read, it imports once it is ready
    wait_for(
        lambda: read(database, "SELECT COUNT(*) FROM log_entries")[0][0] == journal.entries,
        what=f"{journal.entries} entries imported",
    )
    assert read(database, "SELECT COUNT(DISTINCT day) FROM log_entries") == [(journal.days,)]
    assert read(database, "SELECT COUNT(*) FROM log_days") == [(journal.days,)]
    ranges = read(database, "SELECT day, end_day FROM log_entries WHERE end_day IS NOT NULL")
    start = date.today() - timedelta(days=RANGE_BACK)
    assert ranges == [(start.isoformat(), (start + timedelta(days=2)).isoformat())]
    flagged = read(database, "SELECT day, heading FROM log_entries WHERE anomaly IS NOT NULL")
    typo = journal.typo_day.replace(year=journal.typo_day.year + 36).isoformat()
    assert flagged == [(journal.typo_day.isoformat(), typo)]
    notes = read(database, "SELECT title FROM journal_notes ORDER BY id")
    assert notes == [("Research log",), ("Research log",)]  # the front matter, the preamble
    assert read(database, "SELECT COUNT(*) FROM items") == [(0,)]  # kept as a note

    # The rows are written before the dialog hears that the import is done; the report
    # replaces the preview then.
    app.state(
        lambda s: s["dialogs"].get("Import journal", {}).get("state") == "IMPORTED",
        what="the import dialog's report",
    )
    shot = app.grab(screens / "import-journal.png", dialog)
    assert image_size(shot) == window_size(app, dialog)
    assert_not_blank(shot)

    app.input.key("Return")  # Close is the default button now
    wait_for(lambda: gone(app, "Import journal"), what="the dialog to close")

    log_screenshots(app, journal, screens)
    assert app.quit() == 0, app.log()


def log_screenshots(app: RunningApp, journal: Journal, screens: Path) -> None:
    """The Log view on the day with the mistyped year, found by searching for it, and
    the year of activity cut from the same picture."""
    app.input.run("windowfocus", "--sync", str(app.window_id))
    app.input.key("ctrl+4")
    app.state(lambda s: s["log"].get("visible"), what="the Log view")
    app.input.key("ctrl+shift+f")
    app.input.run("type", "--delay", "40", "rebuttal")
    app.input.key("Return")  # opens the best match
    typo_day = journal.typo_day.isoformat()
    app.state(lambda s: s["log"]["day"] == typo_day, what=f"the Log view on {typo_day}")
    app.input.key("Escape")  # the search goes, the calendar comes back, the day stays
    state = app.state(
        lambda s: (
            s["log"]["search"] == ""
            and s["log"]["calendar"]
            and s["log"]["day"] == typo_day
            and s["log"]["activity"]
        ),
        what=f"the calendar back, the Log view still on {typo_day}",
    )
    window = app.window_id
    shot = app.grab(screens / "log.png", window)
    assert image_size(shot) == window_size(app, window)
    assert_not_blank(shot)
    heat = crop(shot, state["log"]["activity"], state["window"], screens / "log-heatmap.png")
    assert_not_blank(heat)


# --- the app under test, reporting the Log view too ---------------------------------------


def describe_log(window: Any) -> dict[str, Any]:
    from tests.e2e.app_under_test import global_rect

    if not window.slots["log"].built:
        return {"visible": False, "day": None, "search": "", "calendar": False, "activity": None}
    page = window.log
    activity = page.activity
    return {
        "visible": page.isVisible(),
        "day": page.day.isoformat(),
        "search": page.search.edit.text(),
        # The search's results take the calendar's place while a search runs.
        "calendar": page.calendar.isVisible() and not page.search.results.isVisible(),
        "activity": global_rect(activity, activity.rect()) if activity.isVisible() else None,
    }


def run_app() -> None:
    """app_under_test.main() with a reporter that adds the Log view."""
    from PySide6.QtWidgets import QApplication

    from tests.e2e.app_under_test import Reporter

    class LogReporter(Reporter):
        def describe(self, window: Any) -> dict[str, Any]:
            state = super().describe(window)
            state["log"] = describe_log(window)
            return state

    application = QApplication(sys.argv)
    LogReporter(os.environ["RIZHI_E2E_REPORT"], parent=application)
    sys.argv = [sys.argv[0]]
    runpy.run_module("app", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    run_app()
