"""Where the instance for a data folder listens: a private folder, one socket per data
folder, short enough for a socket's path."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.instance.address import SOCKET_LIMIT, address_for, folder_key
from app.instance.errors import InstanceError


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def test_the_socket_and_lock_live_in_a_private_folder_under_the_runtime_dir(
    runtime: Path, tmp_path: Path
) -> None:
    address = address_for(str(tmp_path / "data"))
    folder = Path(address.socket).parent
    assert folder == runtime / "rizhi"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert Path(address.lock).parent == folder
    assert address.socket.endswith(".sock") and address.lock.endswith(".lock")


def test_one_data_folder_however_spelled_is_one_instance_and_two_are_two(
    runtime: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "link").symlink_to(data)
    spellings = [data, tmp_path / "link", f"{data}/", tmp_path / "x" / ".." / "data"]
    same = {address_for(str(spelling)) for spelling in spellings}
    assert len(same) == 1
    assert address_for(str(tmp_path / "other")) not in same
    assert len(folder_key(str(data))) == 12


def test_without_a_runtime_dir_a_private_folder_in_the_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    address = address_for(str(tmp_path / "data"))
    folder = Path(address.socket).parent
    assert folder == tmp_path / f"rizhi-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_runtime_dir_too_long_for_a_socket_path_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    address = address_for(str(tmp_path / "data"))
    assert len(os.fsencode(address.socket)) <= SOCKET_LIMIT
    assert not str(address.socket).startswith(str(deep))


def test_a_folder_opened_to_others_is_closed_again(runtime: Path, tmp_path: Path) -> None:
    (runtime / "rizhi").mkdir(mode=0o755)
    (runtime / "rizhi").chmod(0o755)
    address_for(str(tmp_path / "data"))
    assert stat.S_IMODE((runtime / "rizhi").stat().st_mode) == 0o700


def test_something_else_in_the_folders_place_is_refused(runtime: Path, tmp_path: Path) -> None:
    (runtime / "rizhi").write_text("not a folder")
    with pytest.raises(InstanceError, match="not a folder of yours"):
        address_for(str(tmp_path / "data"))
