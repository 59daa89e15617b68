"""Start at login: an XDG autostart entry that runs `rizhi --background`.

The entry is the setting: `$XDG_CONFIG_HOME/autostart/rizhi.desktop` there means Rizhi
starts at login, so what Settings shows is what the desktop will do, even after the file
was added or removed by hand or by another Rizhi. (Desktops read that folder: GNOME, KDE,
Xfce, Cinnamon, MATE, LXQt; tiling window managers through `dex` or their own config.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Sequence

ENTRY_NAME = "rizhi.desktop"
# Characters the Desktop Entry spec reserves in an Exec argument: it is quoted then.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def autostart_path() -> str:
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    if not os.path.isabs(config):
        config = os.path.expanduser("~/.config")
    return os.path.join(config, "autostart", ENTRY_NAME)


def is_enabled() -> bool:
    """Whether the desktop will start Rizhi at login (an entry there, not hidden)."""
    try:
        with open(autostart_path(), encoding="utf-8") as entry:
            text = entry.read()
    except (OSError, UnicodeDecodeError):
        return False
    lines = {line.strip().lower() for line in text.splitlines()}
    return "hidden=true" not in lines and "x-gnome-autostart-enabled=false" not in lines


def enable() -> str:
    """Write the entry (atomically); its path. OSError when the folder is not writable."""
    path = autostart_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.partial"
    with open(partial, "w", encoding="utf-8") as entry:
        entry.write(entry_text(start_command()))
    os.replace(partial, path)
    return path


def disable() -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(autostart_path())


def start_command() -> list[str]:
    """What the entry runs: this installation's `rizhi`, with the data folder it uses
    when that is not the default one."""
    beside = os.path.join(os.path.dirname(sys.executable), "rizhi")
    found = beside if os.access(beside, os.X_OK) else shutil.which("rizhi")
    # At login nothing is on the path a terminal had: name the program in full.
    command = [found] if found else [sys.executable, "-m", "app"]
    home = os.environ.get("RIZHI_HOME")
    if home:
        command = ["env", f"RIZHI_HOME={os.path.abspath(os.path.expanduser(home))}", *command]
    return [*command, "--background"]


def entry_text(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Rizhi\n"
        "Comment=Rizhi in the background: the tray icon and quick capture\n"
        f"Exec={exec_line(command)}\n"
        "Icon=rizhi\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def exec_line(command: Sequence[str]) -> str:
    """The command as the Desktop Entry spec's Exec key takes it: an argument holding a
    reserved character in double quotes, with `"`, `` ` ``, `$` and `\\` escaped; `%`
    doubled (a field code otherwise); and the key's own backslashes doubled again."""
    words = []
    for arg in command:
        word = arg.replace("%", "%%")
        if any(char in _RESERVED for char in word) or not word:
            escaped = "".join(f"\\{c}" if c in '"`$\\' else c for c in word)
            word = f'"{escaped}"'
        words.append(word)
    return " ".join(words).replace("\\", "\\\\")
