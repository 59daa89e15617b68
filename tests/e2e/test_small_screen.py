"""The first window on a 1366×768 laptop screen: all of it, status bar included, is on
the screen (it used to open at 1280×820 whatever the screen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Seed
from tests.e2e.harness import RunningApp, Xvfb

pytestmark = pytest.mark.e2e


@pytest.fixture
def small_display(display: str, tmp_path: Path) -> Iterator[str]:
    # `display` first: it skips the test where Xvfb is not installed.
    server = Xvfb(tmp_path / "xvfb-small.log", screen="1366x768x24")
    yield server.start()
    server.stop()


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def test_the_first_window_fits_a_laptop_screen(
    small_display: str, seed: Seed, tmp_path: Path, screens: Path
) -> None:
    seed.finish("board")
    (seed.home / "ui.ini").unlink()  # a first start: no remembered window size
    app = RunningApp(seed.home, small_display, tmp_path)
    try:
        state = app.state(lambda s: s["status_bar"][3] > 0, what="the status bar")
        assert state["screen"] == [0, 0, 1366, 768]
        assert inside(state["frame"], state["screen"]), state["frame"]
        assert inside(state["status_bar"], state["screen"]), state["status_bar"]
        for column, rect in state["board"]["columns"].items():
            assert inside(rect, state["screen"]), f"the {column} column ends off-screen: {rect}"
        app.screenshot(screens / "small-screen.png")
    finally:
        app.kill()
