"""Fixtures for the end-to-end tests: one Xvfb screen for the session, a seeded data
folder per test, and the app started on that screen (see harness.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import Column
from app.domain.weeks import Week
from app.services.items import create_item
from app.services.settings import set_settings
from app.store.db import Store
from app.ui.settings import UiSettings
from tests.e2e.harness import READING, SCREENSHOTS_ENV, Input, RunningApp, Xvfb


@pytest.fixture(scope="session")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed: `make system-packages` (as root) installs it")
    missing = [tool for tool in ("xdotool",) if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: `make system-packages` (as root) installs it")
    server = Xvfb(tmp_path_factory.mktemp("xvfb") / "xvfb.log")
    yield server.start()
    server.stop()


class Seed:
    """A data folder filled through the app's own services, and its ui.ini."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.database = home / "rizhi.sqlite3"
        self.week = Week.containing(date.today())
        self.store = Store.open(self.database, home / "backups")

    def add(self, title: str, column: Column | None = None, **fields: object) -> int:
        record, _ = create_item(
            self.store,
            ItemDraft(title=title, **fields),  # type: ignore[arg-type]
            now=datetime.now().astimezone(),
            week=self.week if column is not None else None,
            column=column or Column.TODO,
        )
        return record.id

    def finish(self, view: str) -> None:
        """Close the store and write the window's settings: open on `view`, no
        rollover question, the light theme."""
        set_settings(self.store, {"board.rollover": "manual"})
        self.store.close()
        settings = UiSettings(self.home / "ui.ini")
        settings.set_last_view(view)
        settings.set_theme("light")


@pytest.fixture
def seed(tmp_path: Path) -> Iterator[Seed]:
    seeded = Seed(tmp_path / "home")
    yield seeded
    seeded.store.close()  # closing twice is harmless


@pytest.fixture
def screens(tmp_path: Path) -> Path:
    """Where a test saves its screenshots: a folder in the test's temporary folder
    (pytest keeps the last runs'), or the folder RIZHI_E2E_SCREENSHOTS names, which
    scripts/screenshots.py sets to take the pictures of the docs that need an X screen."""
    named = os.environ.get(SCREENSHOTS_ENV)
    folder = Path(named) if named else tmp_path / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def launch(display: str, seed: Seed, tmp_path: Path) -> Iterator[Callable[[str], RunningApp]]:
    started: list[RunningApp] = []

    def start(view: str) -> RunningApp:
        seed.finish(view)
        app = RunningApp(seed.home, display, tmp_path)
        started.append(app)
        return app

    yield start
    for app in started:
        app.kill()


@pytest.fixture
def reading(display: str, tmp_path: Path) -> Iterator[int]:
    """Another program's window, holding the keyboard, as a PDF reader would: its X
    window id. (xmessage says no pid to the window manager; its title, unique to the
    test, finds it.)"""
    if shutil.which("xmessage") is None:
        pytest.fail("xmessage missing: `make system-packages` (as root) installs x11-utils")
    x, y, width, height = READING
    title = f"Reading {tmp_path.name}"
    process = subprocess.Popen(
        ["xmessage", "-geometry", f"{width}x{height}+{x}+{y}", "-title", title,
         "Masked Autoencoders Are Scalable Vision Learners - He et al., 2021"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        found = Input(display).run("search", "--sync", "--onlyvisible", "--name", title)
        yield int(found.split()[0])
    finally:
        process.kill()
        process.wait(5)
