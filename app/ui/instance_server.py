"""The running instance's end of app/instance: listen on the data folder's socket and
answer one request per connection (app/instance/protocol.py).

Start-up claims the socket with `claim`: under the start-up lock, connect first; only
when nobody answers (no socket file, or one a killed instance left: refused), remove
what is there and listen, still under the lock. The window listens once its first frame
is on screen (QtNetwork is imported then, not before it); a second start waits on the
lock meanwhile and then finds it listening. Qt's two traps with a local server are so
avoided: with the user-only access option a second `listen()` silently takes the socket
over from the running instance, and without it a stale socket makes `listen()` fail.
The socket is private by its folder (app/instance/address.py), so no access option is
set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from app.domain.errors import DomainError
from app.instance.address import Address
from app.instance.client import request
from app.instance.errors import InstanceError
from app.instance.protocol import MAX_LINE, PING, Message, decode, encode, refusal
from app.instance.startup_lock import StartupLock

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

Handler = Callable[[Message], Message]
CLIENT_TIMEOUT_MS = 5000  # a client that connects and says nothing is dropped


def claim(address: Address, forward: Mapping[str, object]) -> Message | StartupLock:
    """Connect first, under the start-up lock: when an instance answers at `address`, it
    was sent `forward` (e.g. "show") and its reply is returned, for this process to end.
    Otherwise the lock, still held, for the caller to listen under and then release."""
    lock = StartupLock(address.lock)
    try:
        reply = request(address, forward)
    except BaseException:
        lock.release()
        raise
    if reply is None:
        return lock
    lock.release()
    return reply


class InstanceServer(QObject):
    """Answers requests with the handler registered for their `cmd`; a handler returns
    the reply (protocol.ok / protocol.refusal), a DomainError becomes a refusal."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server: QLocalServer | None = None  # made by `listen`
        self._handlers: dict[str, Handler] = {}
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.path = ""

    def handle(self, command: str, handler: Handler) -> None:
        self._handlers[command] = handler

    def listen(self, path: str) -> None:
        """Listen at `path`, removing a socket file left there first: called only once
        nobody answered at it, under the start-up lock."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is None:
            self._server = QLocalServer(self)
            self._server.newConnection.connect(self._accept)
        QLocalServer.removeServer(path)
        if not self._server.listen(path):
            raise InstanceError(
                f"Rizhi cannot listen at {path} ({self._server.errorString()}); "
                "another Rizhi may be starting: try again."
            )
        self.path = path

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening; the socket file goes, so the next start finds nobody."""
        if self._server is not None and self._server.isListening():
            from PySide6.QtNetwork import QLocalServer

            self._server.close()
            QLocalServer.removeServer(self.path)

    # --- connections ----------------------------------------------------------------

    def _accept(self) -> None:
        server = self._server
        assert server is not None  # it is what emitted newConnection
        while server.hasPendingConnections():
            conn = server.nextPendingConnection()
            self._buffers[conn] = b""
            conn.readyRead.connect(lambda conn=conn: self._read(conn))
            conn.disconnected.connect(lambda conn=conn: self._drop(conn))
            QTimer.singleShot(CLIENT_TIMEOUT_MS, conn, conn.abort)
            self._read(conn)  # the request may have arrived with the connection

    def _read(self, conn: QLocalSocket) -> None:
        if conn not in self._buffers:
            return  # answered already
        data = self._buffers[conn] + bytes(conn.readAll().data())
        if b"\n" not in data and len(data) <= MAX_LINE:
            self._buffers[conn] = data
            return
        del self._buffers[conn]
        reply = self.answer(data.split(b"\n", 1)[0])
        conn.write(encode(reply))
        conn.flush()
        conn.disconnectFromServer()

    def _drop(self, conn: QLocalSocket) -> None:
        self._buffers.pop(conn, None)
        conn.deleteLater()

    def answer(self, line: bytes) -> Message:
        """The reply to one request line."""
        try:
            message = decode(line)
        except ValueError:
            return refusal("That is not a request Rizhi understands (one line of JSON).")
        command = message.get("cmd")
        handler = self._handlers.get(command) if isinstance(command, str) else None
        if handler is None:
            known = ", ".join(sorted(self._handlers)) or PING
            return refusal(f"Unknown command {command!r}; this Rizhi answers {known}.")
        try:
            return handler(message)
        except DomainError as exc:
            return refusal(str(exc))
        except Exception as exc:  # a fault here must not end the instance
            log.exception("The instance failed to answer %r", command)
            return refusal(f"Rizhi failed to do that ({type(exc).__name__}: {exc}).")
