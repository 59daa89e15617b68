"""The lock around an instance's start-up: two starts at the same moment end with one.

Starting is "connect first; only when nobody answers, clean up and listen". Two processes
doing that at once could both find nobody and both listen, the second taking the socket
from the first. Whoever holds this lock does the whole step; the other waits, then finds
the first one listening. It is an `flock` on a file beside the socket, which the system
releases when its process ends however it ends (a `kill -9` leaves no stale lock).

The window listens only after its first frame (the socket costs the frame nothing then),
so the lock can be held across that: `StartupLock` is taken and released by hand, and
`startup_lock` is the same as a `with` block.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from app.instance.errors import InstanceError

LOCK_TIMEOUT = 10.0  # held for a connect, the first frame and a listen: well under this
RETRY = 0.01


class StartupLock:
    """The start-up lock at `path`, held from construction until `release`."""

    def __init__(self, path: str, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            self._wait(timeout)
        except BaseException:
            self.release()
            raise

    def _wait(self, timeout: float) -> None:
        assert self._fd is not None
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InstanceError(
                        f"Another Rizhi has been starting for {timeout:g} s and holds "
                        f"{self.path}; try again, or end the Rizhi process that hangs."
                    ) from None
                time.sleep(RETRY)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let the next start in; closing the file releases the lock (it stays, reused)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextmanager
def startup_lock(path: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    lock = StartupLock(path, timeout)
    try:
        yield
    finally:
        lock.release()
