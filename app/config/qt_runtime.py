"""The system libraries Qt's window needs, and what to say when one is missing.

PySide6's wheels carry Qt itself but not the libraries of the desktop under it. When
one is missing, Qt does not raise: loading the xcb platform plugin fails and Qt aborts
the process with "Could not load the Qt platform plugin". So the window checks first,
before Qt is imported, and names the Debian package to install instead. `make run` runs
this module to install the packages (as root) or print the one line that does.

Libraries are checked by file name (soname) with the system's own loader rather than by
package name, so a distribution that renamed a package (Debian's `t64` libraries) is not
reported as missing.

Stdlib only, and no Qt import: this runs when Qt may be unable to load.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable

# soname -> the Debian/Ubuntu package that provides it. What PySide6's Gui, Widgets and
# xcb plugin link against, less what every system has (libc, libstdc++, zlib, ...).
LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

# The window's failures are the environment's: the same exit code as a store that
# cannot be opened (see docs/cli.md).
EXIT_ENVIRONMENT = 3

Loader = Callable[[str], object]


def _dlopen(name: str) -> object:
    import ctypes

    return ctypes.CDLL(name)


def missing_libraries(sonames: Iterable[str] = LIBRARIES, load: Loader = _dlopen) -> list[str]:
    """The sonames the system's loader cannot load."""
    missing = []
    for name in sonames:
        try:
            load(name)
        except OSError:
            missing.append(name)
    return missing


def packages_for(sonames: Iterable[str]) -> list[str]:
    """The packages to install for `sonames`, each once, in table order."""
    wanted = set(sonames)
    return list(dict.fromkeys(pkg for so, pkg in LIBRARIES.items() if so in wanted))


def install_line(packages: Iterable[str]) -> str:
    return "sudo apt-get install " + " ".join(packages)


def uses_xcb(env: dict[str, str] | os._Environ[str]) -> bool:
    """Whether Qt will pick its X11 (xcb) platform plugin in this environment."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    # Unset: Qt tries Wayland first in a Wayland session, else X11.
    return not (env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"))


def xcb_plugin() -> str | None:
    """The path of PySide6's xcb platform plugin, found without importing PySide6."""
    from importlib.util import find_spec

    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = os.path.join(folder, "Qt", "plugins", "platforms", "libqxcb.so")
        if os.path.exists(plugin):
            return plugin
    return None


def window_problem(
    env: dict[str, str] | os._Environ[str] = os.environ,
    load: Loader = _dlopen,
) -> str | None:
    """Why Qt's window cannot start here, in words a user can act on; None when it can.

    One load of the xcb plugin pulls in every library it links against, all of which
    Qt loads moments later anyway, so the check costs the window next to nothing.
    """
    if not sys.platform.startswith("linux") or not uses_xcb(env):
        return None
    plugin = xcb_plugin()
    if plugin is not None:
        try:
            load(plugin)
        except OSError as exc:
            return missing_message(missing_libraries(load=load), str(exc))
    if not env.get("DISPLAY"):
        return (
            "Rizhi's window needs a graphical desktop, and no display was found "
            "(DISPLAY is not set). Start it from your desktop session; the command "
            "line works anywhere: rizhi --help"
        )
    return None


def missing_message(missing: list[str], loader_error: str) -> str:
    packages = packages_for(missing)
    if not packages:
        # The plugin failed for a reason outside the table: pass the loader's words on.
        return (
            f"Rizhi's window cannot start: Qt's X11 plugin does not load ({loader_error}). "
            "The command line works: rizhi --help"
        )
    noun = "package" if len(packages) == 1 else "packages"
    return (
        f"Rizhi's window cannot start: the system {noun} {', '.join(packages)} "
        f"{'is' if len(packages) == 1 else 'are'} missing "
        f"({', '.join(missing)} not found).\n"
        f"Install with:\n    {install_line(packages)}\n"
        "The command line works meanwhile: rizhi --help"
    )


def main(argv: list[str] | None = None) -> int:
    """`make run`: install what the window needs when root, or print how to."""
    args = sys.argv[1:] if argv is None else argv
    missing = missing_libraries()
    if not missing:
        return 0
    packages = packages_for(missing)
    if "--install" in args and os.geteuid() == 0:
        import subprocess

        print(f"Installing the window's system packages: {' '.join(packages)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        command = ["apt-get", "install", "-y", "-qq", *packages]
        if subprocess.run(command, env=env, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
            if subprocess.run(command, env=env, check=False).returncode != 0:
                print(f"Could not install them. Try:\n    {install_line(packages)}")
                return EXIT_ENVIRONMENT
        return 0
    print(f"Rizhi's window needs these system packages: {' '.join(packages)}")
    print(f"Install them with:\n    {install_line(packages)}")
    return EXIT_ENVIRONMENT


if __name__ == "__main__":
    sys.exit(main())
