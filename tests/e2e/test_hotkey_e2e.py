"""Quick capture as a user has it: Rizhi running in the background (`rizhi --background`,
no window), another program's window holding the keyboard, Ctrl+Alt+Space, an idea
typed, Enter; again with a Chinese idea; then the instance stopped by its pid and both
items found in the SQLite file with their titles and tags.

Everything is the real thing: the instance's X11 grab on the root window, the popup it
builds, xdotool's key events through the X server (xdotool types the Chinese text as
keysyms; Xvfb needs no input method for that). The test sees only what the X server
shows, as a user would: a mapped window named "Rizhi quick capture" with the keyboard
focus. The grab is taken by a worker thread once the store is open, so the first press
is repeated until the popup opens; a press before the grab goes to the other window.
With RIZHI_E2E_SCREENSHOTS set (scripts/screenshots.py), the popup over the other window
is saved as capture-popup-hotkey.png.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from app.ui.capture.popup import WINDOW_TITLE
from tests.e2e.background import BackgroundRizhi, focused_window, visible_window
from tests.e2e.conftest import Seed
from tests.e2e.harness import TIMEOUT, Input, assert_not_blank, focus, grab_over, wait_for

pytestmark = pytest.mark.e2e

HOTKEY = "ctrl+alt+space"  # the default, which the seeded ui.ini leaves alone
IDEAS = (
    ("try token halting on ViT #idea", "try token halting on ViT", "idea", "idea"),
    ("读一下 MAE 论文 #paper", "读一下 MAE 论文", "paper", "paper"),
)  # typed, then the title, the kind and the tags saved
GRAB_WAIT_S = 30.0  # for the instance to start and take the grab
RETRY_S = 1.0  # a press unanswered this long is pressed again, while the grab is awaited


def press_until_open(keys: Input, rizhi: BackgroundRizhi) -> int:
    """Press the hotkey until the popup's window is mapped; its X window id."""
    deadline = time.monotonic() + GRAB_WAIT_S
    while True:
        rizhi.alive()
        keys.key(HOTKEY)
        try:
            return wait_for(lambda: visible_window(keys, WINDOW_TITLE), RETRY_S)  # type: ignore[no-any-return]
        except TimeoutError:
            if time.monotonic() > deadline:
                raise AssertionError(f"{HOTKEY} never opened the popup\n{rizhi.log()}") from None


def wait_focused(keys: Input, window: int) -> None:
    wait_for(lambda: focused_window(keys) == window, what="the keyboard focus on the popup")


def saved(database: Path) -> list[tuple[str, str, str]]:
    """(title, kind, tags) of every item, in the order they were made."""
    connection = sqlite3.connect(database, timeout=5)
    try:
        rows = connection.execute(
            "SELECT items.title, items.kind, group_concat(tags.name, ' ') FROM items"
            " LEFT JOIN item_tags ON item_tags.item_id = items.id"
            " LEFT JOIN tags ON tags.id = item_tags.tag_id"
            " GROUP BY items.id ORDER BY items.id"
        ).fetchall()
    finally:
        connection.close()
    return [(str(title), str(kind), str(tags or "")) for title, kind, tags in rows]


def test_the_hotkey_opens_the_background_instances_popup_and_ideas_are_saved(
    display: str, seed: Seed, reading: int, screens: Path, tmp_path: Path
) -> None:
    seed.finish("backlog")
    keys = Input(display)
    rizhi = BackgroundRizhi(seed.home, display, tmp_path)
    try:
        rizhi.wait_until_serving()
        assert visible_window(keys, WINDOW_TITLE) is None  # no window, no popup yet
        for number, (typed, *_) in enumerate(IDEAS, start=1):
            focus(keys, reading)  # back in the paper, as after each capture
            if number == 1:
                popup = press_until_open(keys, rizhi)
            else:  # the grab is in place now: one press must do
                keys.key(HOTKEY)
                popup = wait_for(lambda: visible_window(keys, WINDOW_TITLE), what="the popup")
            wait_focused(keys, popup)
            before = window_pixels(display, popup)
            keys.run("type", "--delay", "40", typed)
            if number == 2 and shutil.which("import"):
                shoot(keys, popup, before, screens / "capture-popup-hotkey.png")
            keys.key("Return")
            wait_for(
                lambda n=number: (
                    len(saved(seed.database)) == n and visible_window(keys, WINDOW_TITLE) is None
                ),
                what=f"capture {number} saved and the popup closed",
            )
            assert focused_window(keys) != popup
        assert rizhi.terminate() == 0
    finally:
        rizhi.kill()
    assert saved(seed.database) == [(title, kind, tags) for _, title, kind, tags in IDEAS]


def geometry(keys: Input, window: int) -> tuple[int, int, int, int]:
    shell = keys.run("getwindowgeometry", "--shell", str(window))
    values = {k: int(v) for k, v in (line.split("=", 1) for line in shell.split())}
    return values["X"], values["Y"], values["WIDTH"], values["HEIGHT"]


def shoot(keys: Input, popup: int, before: bytes, target: Path) -> None:
    """The popup over the other window, once the text typed into it is drawn."""
    display = keys.env["DISPLAY"]
    wait_for(lambda: settled_change(display, popup, before), what="the typed text drawn")
    assert_not_blank(grab_over(display, geometry(keys, popup), target))


def window_pixels(display: str, window: int) -> bytes:
    """What the X server shows of `window`, as raw RGB (no PNG metadata to differ)."""
    if shutil.which("import") is None:
        return b""
    return subprocess.run(
        ["import", "-display", display, "-window", str(window), "rgb:-"],
        check=True, capture_output=True, timeout=TIMEOUT,
    ).stdout  # fmt: skip


def settled_change(display: str, window: int, before: bytes) -> bool:
    """Whether the window shows something new that two grabs in a row agree on: the
    typed text drawn (and not half of it)."""
    first = window_pixels(display, window)
    return first != before and window_pixels(display, window) == first
