"""The lock around an instance's start-up: two starts at the same moment end with one.

Starting is "connect first; only when nobody answers, clean up and listen". Two processes
doing that at once could both find nobody and both listen, the second taking the socket
from the first. Whoever holds this lock does the whole step; the other waits, then finds
the first one listening. It is an `flock` on a file beside the socket, which the system
releases when its process ends however it ends (a `kill -9` leaves no stale lock).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from app.instance.errors import InstanceError

LOCK_TIMEOUT = 10.0  # held for a connect and a listen: milliseconds, unless stuck
RETRY = 0.01


@contextmanager
def startup_lock(path: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InstanceError(
                        f"Another Rizhi has been starting for {timeout:g} s and holds {path}; "
                        "try again, or end the Rizhi process that hangs."
                    ) from None
                time.sleep(RETRY)
        yield
    finally:
        os.close(fd)  # which releases the lock; the file stays, harmless and reused
