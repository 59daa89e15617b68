"""Where the instance for a data folder listens: a socket and a lock file beside it.

Both live in a folder only this user can enter (mode 0700): `rizhi/` under
`$XDG_RUNTIME_DIR` (itself private, removed at logout), or `rizhi-<uid>/` under the
temporary folder where there is none. The folder keeps other users out, so the socket
needs no access option of its own: Qt's user-only option would make a second `listen()`
silently take the socket over from the running instance.

Each data folder gets its own instance, named by a short hash of the folder's real path
(two spellings of one folder are one instance); a hash also keeps the path within what a
socket address holds (108 bytes on Linux, 104 on macOS).
"""

from __future__ import annotations

import os
import stat
from typing import NamedTuple

from app.instance.errors import InstanceError

try:  # the hash itself, without hashlib's OpenSSL start-up (a few ms on every `rizhi`)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

SOCKET_LIMIT = 100  # bytes of a socket's path, under both systems' limits
KEY_BYTES = 6  # 12 hex digits: enough for the data folders one user has


class Address(NamedTuple):
    socket: str
    lock: str


def supported() -> bool:
    """Whether this system has the Unix-domain sockets the instance listens on."""
    return os.name == "posix"


def address_for(data_folder: str) -> Address:
    """The socket and lock file of the instance for `data_folder`, in a private folder
    made if needed; InstanceError when that folder is not private to this user, or on a
    system without Unix-domain sockets."""
    if not supported():
        raise InstanceError("Reaching a running Rizhi works on Linux and macOS only, for now.")
    folder = ensure_private(private_folder())
    key = folder_key(data_folder)
    return Address(os.path.join(folder, f"{key}.sock"), os.path.join(folder, f"{key}.lock"))


def folder_key(data_folder: str) -> str:
    real = os.path.realpath(os.path.expanduser(data_folder))
    digest = blake2b(os.fsencode(real), digest_size=KEY_BYTES)
    return digest.hexdigest()


def private_folder() -> str:
    """`$XDG_RUNTIME_DIR/rizhi`, or `<temp>/rizhi-<uid>` when that is unset, relative
    or too long for a socket's path."""
    runtime = os.path.join(os.environ.get("XDG_RUNTIME_DIR", ""), "rizhi")
    if _fits(runtime):
        return runtime
    temp = os.path.join(os.environ.get("TMPDIR", ""), f"rizhi-{os.getuid()}")
    return temp if _fits(temp) else f"/tmp/rizhi-{os.getuid()}"


def _fits(folder: str) -> bool:
    """Whether `folder` is absolute and a socket in it has a path short enough."""
    longest = os.path.join(folder, "0" * 2 * KEY_BYTES + ".sock")
    return os.path.isabs(folder) and len(os.fsencode(longest)) <= SOCKET_LIMIT


def ensure_private(folder: str) -> str:
    """Make `folder` (mode 0700) or check that the one there is this user's own and
    private; a folder anyone else can enter or own is refused, never used."""
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InstanceError(
            f"Rizhi cannot make its folder for the running instance, {folder} ({exc.strerror})."
        ) from exc
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise InstanceError(
            f"{folder} is not a folder of yours, so Rizhi will not put its socket there; "
            "remove it, or set XDG_RUNTIME_DIR to a private folder."
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)  # ours, made with a looser mode by hand: ours to close
    return folder
