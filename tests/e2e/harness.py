"""What the end-to-end tests are made of: a virtual X screen (Xvfb), the real app in its
own process (`app_under_test.py`: `python -m app` plus a geometry reporter), xdotool for
the pointer and the keyboard, and checks on what the app saved.

Why the window runs in its own process rather than in the test's: a process has one
QApplication and its platform is fixed when it is made; `make test` runs the whole suite
with QT_QPA_PLATFORM=offscreen, so a window made inside pytest would never see an X
event. In its own process the app also runs exactly as a user starts it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("app_under_test.py")
SCREEN = "1400x900x24"
XVFB_ARGS = ("-nolisten", "tcp", "-noreset")
TIMEOUT = 15.0
# Names the folder the tests save their screenshots in, instead of a temporary one.
SCREENSHOTS_ENV = "RIZHI_E2E_SCREENSHOTS"
# Where the other program's window (the `reading` fixture) is: x, y, width, height.
READING = (250, 220, 900, 440)

Point = tuple[int, int]
State = dict[str, Any]


def wait_for(
    condition: Callable[[], Any], timeout: float = TIMEOUT, what: str = "condition"
) -> Any:
    """Poll `condition` until it returns something true; return that."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.03)


# --- the virtual screen -------------------------------------------------------------------


class Xvfb:
    """`Xvfb :N -screen 0 1400x900x24` (or another screen size) on a display number the
    server picks itself (-displayfd), so parallel runs never collide."""

    def __init__(self, log: Path, screen: str = SCREEN) -> None:
        self.log = log
        self.screen = screen
        self.process: subprocess.Popen[bytes] | None = None
        self.display = ""

    def start(self) -> str:
        read, write = os.pipe()
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", self.screen, *XVFB_ARGS],
                pass_fds=(write,),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        os.close(write)
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()  # written once the server accepts clients
        if not number:
            self.stop()
            raise RuntimeError(f"Xvfb did not start: {self.log.read_text(errors='replace')}")
        self.display = f":{number}"
        return self.display

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


# --- xdotool ------------------------------------------------------------------------------


class Input:
    """The pointer and the keyboard, through xdotool's XTEST events: to the app they are
    indistinguishable from a real mouse and keyboard."""

    def __init__(self, display: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}

    def run(self, *args: str, timeout: float = TIMEOUT) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def position(self) -> Point:
        values = dict(
            line.split("=", 1) for line in self.run("getmouselocation", "--shell").split()
        )
        return int(values["X"]), int(values["Y"])

    def moves(self, points: Sequence[Point], pause: float) -> None:
        """The pointer through `points`, one xdotool command for the whole path."""
        chain: list[str] = []
        for x, y in points:
            chain += ["mousemove", str(x), str(y), "sleep", f"{pause:g}"]
        self.run(*chain)

    def glide(self, target: Point, steps: int = 8, pause: float = 0.02) -> None:
        """Move the pointer to `target` in `steps` straight-line steps."""
        (x0, y0), (x1, y1) = self.position(), target
        path = [(round(x0 + (x1 - x0) * n / steps), round(y0 + (y1 - y0) * n / steps))
                for n in range(1, steps + 1)]  # fmt: skip
        self.moves(path, pause)

    def press(self) -> None:
        self.run("mousedown", "1", "sleep", "0.1")

    def release(self) -> None:
        self.run("mouseup", "1", "sleep", "0.1")

    def click(self, target: Point) -> None:
        self.glide(target, steps=5)
        self.run("click", "1", "sleep", "0.1")

    def begin_drag(self, start: Point) -> None:
        """Button down on `start`, then a few small moves past the drag distance."""
        self.glide(start, steps=5)
        self.press()
        x, y = start
        self.moves([(x + d, y + d // 2) for d in (2, 4, 7, 10, 14)], 0.03)

    def hover(self, target: Point, seconds: float) -> None:
        """Stay over `target`, nudging by a pixel so drag targets keep hearing from us."""
        x, y = target
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.moves([(x + 1, y), (x, y)], 0.05)

    def drag(self, start: Point, end: Point, steps: int = 14) -> None:
        self.begin_drag(start)
        self.glide(end, steps=steps, pause=0.04)
        self.hover(end, 0.3)
        self.release()

    def key(self, *keys: str) -> None:
        self.run("key", "--delay", "60", *keys)


# --- the app ----------------------------------------------------------------------------


def center(rect: Sequence[int]) -> Point:
    x, y, w, h = rect
    return x + w // 2, y + h // 2


def inside(rect: Sequence[int], fx: float, fy: float) -> Point:
    """A point at fractions (`fx`, `fy`) of `rect`'s width and height."""
    x, y, w, h = rect
    return x + round(w * fx), y + round(h * fy)


class RunningApp:
    """The app under test in its own process on `display`, with RIZHI_HOME=`home`.

    With `window=False` nothing is waited for: a test that expects a dialog before the
    window (the recovery dialog) drives it, then calls `wait_for_window`."""

    def __init__(self, home: Path, display: str, work: Path, *, window: bool = True) -> None:
        self.home = home
        self.display = display
        self.report = work / "geometry.json"
        self.log_path = work / "app.log"
        self.input = Input(display)
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "RIZHI_HOME": str(home),
            "RIZHI_E2E_REPORT": str(self.report),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        for name in ("WAYLAND_DISPLAY", "RIZHI_STARTUP_PROBE", "QT_SCALE_FACTOR"):
            env.pop(name, None)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(RUNNER)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.window_id = self._wait_for_window() if window else 0

    def wait_for_window(self) -> int:
        """The main window, once it is shown after what came before it, focused."""
        state = self.state(lambda s: s["window"][2] > 0, timeout=30, what="the main window")
        self.window_id = int(state["window_id"])
        self.input.run("windowfocus", "--sync", str(self.window_id))
        self.state(lambda s: s["active"], what="the window to be active")
        return self.window_id

    def _wait_for_window(self) -> int:
        # What a user sees first: a mapped X window titled "Rizhi 日知".
        try:
            found = self.input.run(
                "search", "--sync", "--onlyvisible", "--name", "Rizhi", timeout=30
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"no Rizhi window appeared\n{self.log()}") from None
        window = int(found.split()[0])
        self.state(lambda s: s["window"][2] > 0)
        self.input.run("windowfocus", "--sync", str(window))
        self.state(lambda s: s["active"], what="the window to be active")
        return window

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]

    def _read(self) -> State | None:
        if self.process.poll() is not None:
            raise AssertionError(f"the app exited ({self.process.returncode})\n{self.log()}")
        try:
            return json.loads(self.report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        except (FileNotFoundError, ValueError):
            return None

    def state(
        self,
        condition: Callable[[State], Any] = lambda s: True,
        timeout: float = TIMEOUT,
        what: str = "the window",
    ) -> State:
        """The app's latest geometry report, once `condition` holds for it."""

        def ready() -> State | None:
            state = self._read()
            return state if state is not None and condition(state) else None

        try:
            return wait_for(ready, timeout, what)  # type: ignore[no-any-return]
        except TimeoutError as exc:
            raise AssertionError(f"{exc}\nlast report: {self._read()}\n{self.log()}") from None

    def screenshot(self, target: Path) -> Path:
        """The whole X screen as a PNG: ImageMagick's `import` when it is installed,
        otherwise the app grabs the root window itself."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if shutil.which("import"):
            subprocess.run(
                ["import", "-display", self.display, "-window", "root", str(target)],
                check=True,
                timeout=TIMEOUT,
            )
            return target
        request = Path(str(self.report) + ".shot")
        request.write_text(str(target), encoding="utf-8")
        wait_for(lambda: not request.exists() and target.exists(), what="a screenshot")
        return target

    def grab(self, target: Path, window: int | None = None) -> Path:
        """What the screen shows where one X window is (the main window unless `window`
        is given), at that window's size: a dialog over it included, no black margin of
        the empty screen around it."""
        target.parent.mkdir(parents=True, exist_ok=True)
        shell = self.input.run("getwindowgeometry", "--shell", str(window or self.window_id))
        geometry = {k: int(v) for k, v in (line.split("=", 1) for line in shell.split())}
        x, y = max(geometry["X"], 0), max(geometry["Y"], 0)
        crop = f"{geometry['WIDTH']}x{geometry['HEIGHT']}+{x}+{y}"
        subprocess.run(
            ["import", "-display", self.display, "-window", "root", "-crop", crop, "+repage",
             str(target)],
            check=True,
            timeout=TIMEOUT,
        )  # fmt: skip
        return target

    def quit(self) -> int:
        """Ctrl+Q, as a user quits; returns the exit code."""
        if self.process.poll() is None:
            try:
                self.input.run("windowfocus", "--sync", str(self.window_id))
                self.input.key("ctrl+q")
                self.process.wait(TIMEOUT)
            except (RuntimeError, subprocess.TimeoutExpired):
                self.kill()
        return int(self.process.returncode)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


# --- another program's window, and a popup over it ----------------------------------------


def focus(keys: Input, window: int) -> None:
    """The keyboard to `window`, as a click into it would give it."""
    keys.run("windowfocus", "--sync", str(window))
    assert int(keys.run("getwindowfocus")) == window


def grab_over(display: str, popup: Sequence[int], target: Path) -> Path:
    """The screen around the popup (x, y, width, height) and the window under it."""
    x, y, width, height = READING
    left, top = min(x, popup[0]) - 30, min(y, popup[1]) - 30
    right = max(x + width, popup[0] + popup[2]) + 30
    bottom = max(y + height, popup[1] + popup[3]) + 30
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["import", "-display", display, "-window", "root",
         "-crop", f"{right - left}x{bottom - top}+{left}+{top}", "+repage", str(target)],
        check=True, timeout=TIMEOUT,
    )  # fmt: skip
    return target


# --- what was saved, and what was shown -------------------------------------------------


def card_of(database: Path, item_id: int) -> tuple[str, str] | None:
    """(week, column) of the item's card, read with a fresh connection; None when the
    item is on no board."""
    connection = sqlite3.connect(database, timeout=5)
    try:
        row = connection.execute(
            "SELECT week, col FROM board_cards WHERE item_id = ?", (item_id,)
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else (str(row[0]), str(row[1]))


def completed(database: Path, item_id: int) -> bool:
    connection = sqlite3.connect(database, timeout=5)
    try:
        row = connection.execute(
            "SELECT completed_at FROM items WHERE id = ?", (item_id,)
        ).fetchone()
    finally:
        connection.close()
    return row is not None and row[0] is not None


def assert_not_blank(png: Path) -> None:
    """The picture shows something: many colours, no single one covering nearly all."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), f"{png} is not an image"
    counts: dict[int, int] = {}
    for gx in range(64):
        for gy in range(48):
            pixel = image.pixel(gx * image.width() // 64, gy * image.height() // 48)
            counts[pixel] = counts.get(pixel, 0) + 1
    samples = 64 * 48
    assert len(counts) >= 12, f"{png} looks blank: {len(counts)} colours"
    assert max(counts.values()) < 0.9 * samples, f"{png} is nearly one colour"
