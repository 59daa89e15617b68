"""Send one request to the running instance and read its reply, without Qt.

Qt's local server on Unix is a plain Unix-domain socket, so the command line reaches it
with the standard library and stays a fast command.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Mapping

from app.instance.address import Address
from app.instance.errors import InstanceError
from app.instance.protocol import MAX_LINE, Message, decode, encode

# The instance answers from its event loop; a start-up under way (the store opening, the
# window being built) can hold that loop for a second or two on a large store.
TIMEOUT = 10.0
# Nobody listens: no socket file, or one left by an instance that was killed (refused).
NOBODY = frozenset({errno.ENOENT, errno.ECONNREFUSED})


def request(
    address: Address, message: Mapping[str, object], timeout: float = TIMEOUT
) -> Message | None:
    """The instance's reply to `message`; None when no instance listens at `address`.
    InstanceError when one listens but does not answer in time, or answers nonsense."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(timeout)
    try:
        try:
            conn.connect(address.socket)
        except OSError as exc:
            if exc.errno in NOBODY:
                return None
            raise
        conn.sendall(encode(message))
        line = read_line(conn)
    except TimeoutError:
        raise InstanceError(
            f"The running Rizhi did not answer within {timeout:g} s; if it hangs, stop it "
            "(File › Quit, or end its process) and start Rizhi again."
        ) from None
    except (ConnectionResetError, BrokenPipeError):
        return None  # it went away while we spoke: it was quitting
    except OSError as exc:
        raise InstanceError(
            f"Rizhi cannot reach its running instance at {address.socket} ({exc})."
        ) from exc
    finally:
        conn.close()
    if not line:
        return None  # closed without a word: it was quitting
    try:
        return decode(line)
    except ValueError:
        raise InstanceError(
            f"Something other than Rizhi answers at {address.socket}; remove that file."
        ) from None


def read_line(conn: socket.socket) -> bytes:
    """Bytes up to the first newline, or up to the end when the other side closes."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_LINE:
        chunk = conn.recv(4096)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if b"\n" in chunk:
            break
    return b"".join(chunks).split(b"\n", 1)[0]
