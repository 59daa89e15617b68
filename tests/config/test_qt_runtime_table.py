"""The table of the window's system libraries matches what Qt really links against, and
the test machine's package list covers it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from app.config import qt_runtime

ROOT = Path(__file__).resolve().parents[2]
# Present on every Linux system: not worth naming to a user.
BASE = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1",
        "libzstd.so.1", "ld-linux-x86-64.so.2", "libdl.so.2", "libpthread.so.0",
        "libgthread-2.0.so.0"}  # fmt: skip


def needed(library: Path) -> set[str]:
    dynamic = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True
    ).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic))


def test_the_table_names_every_system_library_of_the_xcb_plugin() -> None:
    plugin = qt_runtime.xcb_plugin()
    assert plugin is not None
    qt_lib = Path(plugin).parents[2] / "lib"
    linked: set[str] = set()
    for library in (Path(plugin), *(qt_lib / n for n in ("libQt6XcbQpa.so.6", "libQt6Gui.so.6",
                    "libQt6Widgets.so.6", "libQt6DBus.so.6"))):  # fmt: skip
        linked |= needed(library)
    system = {name for name in linked if not name.startswith(("libQt6", "libicu"))} - BASE
    assert system <= set(qt_runtime.LIBRARIES), system - set(qt_runtime.LIBRARIES)


def test_the_test_machine_installs_the_runtime_packages() -> None:
    listed = set((ROOT / "packaging" / "system-packages.txt").read_text().split())
    missing = set(qt_runtime.LIBRARIES.values()) - listed
    assert not missing, f"add to packaging/system-packages.txt: {sorted(missing)}"


def test_every_library_loads_here() -> None:
    assert qt_runtime.missing_libraries() == []


def test_the_message_names_each_package_once() -> None:
    def load(name: str) -> object:
        if name.endswith("libqxcb.so") or name in {"libxcb-cursor.so.0", "libEGL.so.1"}:
            raise OSError(f"{name}: cannot open shared object file")
        return object()

    message = qt_runtime.window_problem({"DISPLAY": ":0"}, load=load)
    assert message is not None
    assert "sudo apt-get install libxcb-cursor0 libegl1" in message


def test_wayland_and_offscreen_are_not_checked() -> None:
    def load(name: str) -> object:
        raise OSError(name)

    assert qt_runtime.window_problem({"QT_QPA_PLATFORM": "offscreen"}, load=load) is None
    session = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert qt_runtime.window_problem(session, load=load) is None
