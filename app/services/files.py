"""Writing a file the user named (an export): whole or not at all, and a failure told as
what it is. A path that cannot be written is the user's to change (InvalidInput, exit 2);
a full disk is the machine's (StoreError, exit 3)."""

from __future__ import annotations

import contextlib
import errno
import os

from app.domain.errors import DomainError, InvalidInput, StoreError


def write_whole(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` through a `.partial` file renamed over it, so that `path`
    never holds half a document; the partial file does not outlive a failure."""
    target = os.fspath(path)
    partial = target + ".partial"
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(partial)
        raise write_failure(target, exc) from exc


def write_failure(target: str, exc: OSError) -> DomainError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(f"Cannot write {target}: {reason}. Free some disk space and try again.")
    return InvalidInput(f"Cannot write {target}: {reason}. Choose another file.")
