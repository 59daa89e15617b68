"""A reminder's notification on a real desktop: dunst, a notification daemon, on a
virtual X screen (Xvfb) and a private session bus, with the menu of the notification's
actions open as dunst offers them (dmenu, at the bottom of the screen). The notice is
Rizhi's own: the sample store's reminder that fires at 10:30, sent by the app's
`DesktopNotifier`. ImageMagick's `import` takes the screen.

Xvfb and the bus come from the tests' pieces (tests/e2e/harness.py,
tests/support/session_bus.py); dunst is configured here for a desktop's look.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from app.services.reminders import list_reminders
from app.store.db import Store
from app.ui.notifications.freedesktop import DesktopNotifier
from app.ui.notifications.notice import Notice
from app.ui.reminders.delivery import reminder_notice
from scripts.shots.sample_items import seed
from scripts.shots.sample_reminders import seed_reminders
from tests.e2e.harness import Xvfb, wait_for
from tests.support.session_bus import SessionBus

TOOLS = ("Xvfb", "dbus-daemon", "dunst", "dunstctl", "dmenu", "xsetroot", "xdotool", "import")
SCREEN = "760x420x24"
DESKTOP = "#4c566a"  # the root window's colour: a plain desktop behind the notification
FONT = "Noto Sans CJK SC"  # fonts-noto-cjk: titles in Chinese too, as in the window
DUNSTRC = """[global]
    font = {font} 11
    width = 400
    origin = top-right
    offset = 20x20
    padding = 12
    horizontal_padding = 14
    frame_width = 1
    frame_color = "#88c0d0"
    corner_radius = 6
    format = "<b>%s</b>\\n%b"
    show_indicators = yes
    icon_path = {icons}
    max_icon_size = 48
    dmenu = {menu}

[urgency_normal]
    background = "#2e3440"
    foreground = "#eceff4"
    timeout = 0
"""
# dunst's menu program; a script, since the ini file takes "#" for a comment.
MENU = """#!/bin/sh
exec dmenu -b -l 8 -p Rizhi -fn '{font}:size=11' \\
    -nb '#2e3440' -nf '#d8dee9' -sb '#5e81ac' -sf '#eceff4'
"""
ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"  # rizhi.svg, the app's


def render(out: Path) -> list[Path]:
    """notification-desktop.png: the notification and its actions' menu."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} missing: `make system-packages` (as root) installs them"
        )
    with tempfile.TemporaryDirectory(prefix="rizhi-desktop-shot-") as folder:
        notice = _fired_notice(Path(folder))
        path = out / "notification-desktop.png"
        _shoot(Path(folder), notice, path)
    return [path]


def _fired_notice(folder: Path) -> Notice:
    store = Store.open(folder / "rizhi.sqlite3", folder / "backups")
    try:
        fired = seed_reminders(store, seed(store))
        row = next(r for r in list_reminders(store, every=True) if r.id == fired)
    finally:
        store.close()
    return reminder_notice(row)


def _shoot(folder: Path, notice: Notice, path: Path) -> None:
    screen = Xvfb(folder / "xvfb.log", screen=SCREEN)
    bus = SessionBus(folder / "bus")
    display = screen.start()
    dunst: subprocess.Popen[bytes] | None = None
    notifier: DesktopNotifier | None = None
    try:
        bus.start()
        config = folder / "config"
        (config / "dunst").mkdir(parents=True)
        menu = folder / "menu"
        menu.write_text(MENU.format(font=FONT))
        menu.chmod(0o755)
        dunstrc = DUNSTRC.format(font=FONT, icons=ICONS, menu=menu)
        (config / "dunst" / "dunstrc").write_text(dunstrc)
        env = bus.environment(DISPLAY=display, XDG_CONFIG_HOME=str(config))
        subprocess.run(["xsetroot", "-solid", DESKTOP], env=env, check=True)
        with open(folder / "dunst.log", "wb") as log:
            dunst = subprocess.Popen(["dunst"], env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: _ctl(env, "count", "displayed") is not None, what="dunst")
        notifier = DesktopNotifier(bus.address)
        if not notifier.show(notice):
            raise RuntimeError("dunst did not take the notification")
        wait_for(lambda: _ctl(env, "count", "displayed") == "1", what="the notification")
        _ctl(env, "context")  # the actions' menu, as the user opens it
        wait_for(lambda: _visible(env, "dmenu"), what="the actions' menu")
        _take_when_still(env, path)
        subprocess.run(["xdotool", "key", "Escape"], env=env, check=False)
    finally:
        if notifier is not None:
            notifier.close()
        if dunst is not None:
            dunst.terminate()
            dunst.wait(10)
        bus.stop()
        screen.stop()


def _ctl(env: dict[str, str], *args: str) -> str | None:
    done = subprocess.run(["dunstctl", *args], env=env, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def _visible(env: dict[str, str], name: str) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--classname", name],
        env=env,
        capture_output=True,
        check=False,
    )
    return found.returncode == 0 and bool(found.stdout.strip())


def _take_when_still(env: dict[str, str], path: Path) -> None:
    """The screen once two pictures in a row are alike: the menu and the notification
    are drawn, not only mapped."""
    before = b""

    def still() -> bool:
        nonlocal before
        shot = subprocess.run(
            ["import", "-window", "root", "png:-"], env=env, capture_output=True, check=True
        ).stdout
        alike, before = shot == before, shot
        return alike

    wait_for(still, what="a still screen")
    path.write_bytes(before)
