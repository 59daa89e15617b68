"""Start `rizhi --background` for a command that needs the instance (`rizhi capture`),
and wait until it answers.

The instance is started detached (a session of its own, no terminal, output to a log
file in the data folder), so it outlives the command and a Ctrl+C in the terminal does
not reach it. `posix_spawn` rather than `subprocess`: the command exits right after, and
has no use for a `Popen` that would complain about a child still running.
"""

from __future__ import annotations

import os
import sys
import time

from app.instance.address import Address
from app.instance.client import request
from app.instance.errors import InstanceError
from app.instance.protocol import PING, Message

START_TIMEOUT = 20.0  # a first start may create or migrate the store
POLL = 0.02


def background_command() -> list[str]:
    """This interpreter running Rizhi in the background: the same installation as the
    command that asks for it."""
    return [sys.executable, "-m", "app", "--background"]


def start_background(address: Address, log_file: str, timeout: float = START_TIMEOUT) -> Message:
    """Start the instance and return its answer to a ping. InstanceError, naming the
    log, when it ends or stays silent before `timeout`."""
    command = background_command()
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    pid = os.posix_spawn(command[0], command, os.environ, file_actions=actions, setsid=True)
    deadline = time.monotonic() + timeout
    exit_code: int | None = None
    while True:
        reply = request(address, {"cmd": PING})
        if reply is not None:
            return reply
        if exit_code is None:
            exit_code = _ended(pid)
        if exit_code not in (None, 0):  # 0: another instance started first; wait for it
            raise InstanceError(
                f"Rizhi could not start in the background (exit code {exit_code}); "
                f"what it said is in {log_file}."
            )
        if time.monotonic() > deadline:
            raise InstanceError(
                f"Rizhi started in the background did not answer within {timeout:g} s; "
                f"what it said is in {log_file}."
            )
        time.sleep(POLL)


def _ended(pid: int) -> int | None:
    """The child's exit code once it has ended (and is reaped), else None."""
    done, status = os.waitpid(pid, os.WNOHANG)
    return None if done == 0 else os.waitstatus_to_exitcode(status)
