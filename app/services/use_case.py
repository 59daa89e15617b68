"""`@use_case`: what makes a service function one transaction that tells others.

A decorated service runs inside a write transaction (a savepoint when its caller
already opened one, so services compose) and publishes the `Changes` it returns, which
reach the change feed when the outermost transaction commits. The window, the command
line and background jobs therefore all publish the same way, in the transaction that
made the change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from app.domain.changes import Changes
from app.store.db import Store

P = ParamSpec("P")
R = TypeVar("R")


def use_case(service: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Services return `Changes` or a tuple ending with `Changes`."""

    @functools.wraps(service)
    def run(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store.raw_write():
            result = service(store, *args, **kwargs)
            store.publish(changes_of(result))
        return result

    return run


def changes_of(result: object) -> Changes:
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    raise TypeError(f"a use case returns Changes, or a tuple ending with them: {result!r}")
