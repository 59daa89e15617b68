"""The data folder where no RIZHI_HOME is set: on Linux read from the XDG variables by
Rizhi itself (importing platformdirs cost every command about 25 ms), and the same
folder platformdirs names, so that nobody's data moves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from app.config import paths

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the XDG reading is Linux's")


@pytest.mark.parametrize("xdg", [None, "", "   ", "relative/share", "/srv/people/ann/.data"])
def test_the_data_folder_is_the_one_platformdirs_names(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RIZHI_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    expected = platformdirs.user_data_dir("rizhi", appauthor=False)
    assert paths.data_dir_location() == expected


def test_a_command_does_not_import_platformdirs(tmp_path: Path) -> None:
    code = (
        "import sys; from app.config.paths import data_dir_location; data_dir_location(); "
        "print('platformdirs' in sys.modules)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "False"
