"""Render the screenshots in docs/: the README's (the backlog, the weekly board, the
Units view, the Log view, the Trash and the recovery dialog, light and dark) and the
reminders' (the reminders list and a reminder's notice in the window's banner, light and
dark, the item editor's Reminders & repeat tab), the time report (light and dark), then
those taken on a real X screen (a reminder's notification on a desktop with dunst, the
import dialog's report, the Log view after an import and its year of activity, a unit's
review, the recovery dialog driven with the keyboard, the capture popup over another
program's window, and the same opened by the global hotkey of Rizhi running in the
background). scripts/shots/ holds them, a module for each kind.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out DIR
    .venv/bin/python scripts/screenshots.py --offscreen-only   # none on an X screen

The README's: the window is the real `MainWindow` over a small, realistic store
(papers, experiments, lectures, thesis chapters with subtasks, English and Chinese)
made in a temporary folder, rendered offscreen with `QWidget.grab()` at 1280×800.
'Today' is fixed (Wednesday 18 November 2026) with time-machine, a development
dependency, so the pictures only change when the app's look does; without it the real
date is used.

The desktop's notification is sent by the app's notifier to dunst on Xvfb and a private
session bus, with dunst's menu of its actions open (scripts/shots/desktop_notice.py;
dunst, dmenu, xsetroot). The others show a window driven with the keyboard and a dialog
over it, as the X server draws them: the end-to-end tests that take them (tests/e2e) run
under Xvfb with RIZHI_E2E_SCREENSHOTS naming a temporary folder, and the pictures are
copied from there once the tests pass. They need Xvfb, xdotool and ImageMagick (`make
system-packages` installs them); their dates are the real ones, around the day they are taken.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from scripts.shots import planner, recovery, reminders, time_report, views  # noqa: E402
from scripts.shots.on_x import render_on_x  # noqa: E402
from scripts.shots.qt_setup import application, fixed_today  # noqa: E402
from scripts.shots.sample_items import TODAY  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the screenshots in docs/screenshots/.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--offscreen-only",
        action="store_true",
        help="only the pictures rendered offscreen, none that needs an X screen",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with fixed_today(TODAY):
        app = application()
        for shoot in (
            views.render,
            planner.render,
            recovery.render,
            reminders.render,
            time_report.render,
        ):
            _report(shoot(app, args.out))
    if args.offscreen_only:
        return 0
    try:
        from scripts.shots import desktop_notice  # the tests' Xvfb and bus, and jeepney

        _report(desktop_notice.render(args.out))
        _report(render_on_x(args.out))
    except (RuntimeError, TimeoutError) as exc:
        print(f"Pictures taken on an X screen: {exc}", file=sys.stderr)
        return 1
    return 0


def _report(paths: list[Path]) -> None:
    for path in paths:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    sys.exit(main())
