"""Starting the window on a desktop without Qt's runtime libraries: Rizhi names the
package to install and exits, where Qt alone aborts the process.

A missing package is made real for one process: a mount namespace (`unshare -m`) binds an
empty file over the library, so the system's loader fails on it exactly as when the
package is absent, while the rest of the machine is untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import qt_runtime
from tests.e2e.harness import ROOT

LIBRARY = "libxcb-cursor.so.0"  # the one minimal Debian and Ubuntu installs lack


def library_file(soname: str) -> Path:
    for line in subprocess.run(
        ["ldconfig", "-p"], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        name, _, target = line.strip().partition(" => ")
        if name.split(" ")[0] == soname:
            return Path(target)
    pytest.fail(f"{soname} is not installed: `make system-packages` (as root) installs it")


def can_hide_libraries() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def start_window(display: str, home: Path, hide: Path | None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "RIZHI_HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("XDG_SESSION_TYPE", None)
    command = [sys.executable, "-m", "app"]
    if hide is not None:
        empty = home / "empty.so"
        empty.write_bytes(b"")
        script = f'mount --bind "{empty}" "{hide}" && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", script, "sh", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(not can_hide_libraries(), reason="needs root and unshare to hide a library")
def test_a_missing_library_names_its_package_instead_of_aborting(
    display: str, tmp_path: Path
) -> None:
    result = start_window(display, tmp_path, hide=library_file(LIBRARY))
    assert result.returncode == qt_runtime.EXIT_ENVIRONMENT, result.stderr
    assert "sudo apt-get install libxcb-cursor0" in result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "rizhi.sqlite3").exists()  # nothing was opened or created


def test_no_display_is_said_in_words(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"}
    }
    env.update(QT_QPA_PLATFORM="xcb", RIZHI_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == qt_runtime.EXIT_ENVIRONMENT, result.stderr
    assert "no display was found" in result.stderr
    assert "rizhi --help" in result.stderr


def test_make_run_prints_the_one_install_line(tmp_path: Path) -> None:
    """As a user without root: the missing packages and one `sudo apt-get` line."""
    if not can_hide_libraries():
        pytest.skip("needs root and unshare to hide a library")
    empty = tmp_path / "empty.so"
    empty.write_bytes(b"")
    hidden = [library_file(so) for so in ("libxcb-cursor.so.0", "libxkbcommon-x11.so.0")]
    binds = " && ".join(f'mount --bind "{empty}" "{path}"' for path in hidden)
    # setpriv drops root inside the namespace, so the module only reports.
    script = f'{binds} && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"'
    result = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            script,
            "sh",
            sys.executable,
            "-m",
            "app.config.qt_runtime",
            "--install",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == qt_runtime.EXIT_ENVIRONMENT, result.stderr
    install_lines = [line for line in result.stdout.splitlines() if "apt-get" in line]
    assert install_lines == ["    sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0"]
