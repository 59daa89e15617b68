"""Start at login: the XDG autostart entry written and removed, and what it runs."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from app.instance import autostart


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def exec_of(entry: Path) -> list[str]:
    line = next(x for x in entry.read_text(encoding="utf-8").splitlines() if x.startswith("Exec="))
    # The key's escapes first (\\ -> \), then the quoting rules, which are the shell's here.
    return shlex.split(line.removeprefix("Exec=").replace("\\\\", "\\"))


def test_enabled_writes_the_entry_and_disabled_removes_it(config: Path) -> None:
    entry = config / "autostart" / "rizhi.desktop"
    assert not autostart.is_enabled()
    assert autostart.enable() == str(entry)
    assert autostart.is_enabled()
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "Type=Application" in text
    assert exec_of(entry)[-1] == "--background"
    autostart.disable()
    assert not entry.exists() and not autostart.is_enabled()
    autostart.disable()  # nothing there: nothing to do


def test_the_entry_names_the_data_folder_when_it_is_not_the_default(
    config: Path, home: Path
) -> None:
    autostart.enable()
    command = exec_of(config / "autostart" / "rizhi.desktop")
    assert command[:2] == ["env", f"RIZHI_HOME={home}"]
    assert Path(command[2]).is_absolute() and command[-1] == "--background"


def test_an_entry_hidden_by_hand_is_not_enabled(config: Path) -> None:
    entry = Path(autostart.enable())
    entry.write_text(entry.read_text(encoding="utf-8") + "Hidden=true\n", encoding="utf-8")
    assert not autostart.is_enabled()


def test_arguments_are_quoted_as_the_desktop_entry_spec_says() -> None:
    line = autostart.exec_line(["/opt/my apps/rizhi", 'say "hi"', "50%", "$HOME", "plain"])
    assert line == ('"/opt/my apps/rizhi" "say \\\\"hi\\\\"" 50%% "\\\\$HOME" plain')
