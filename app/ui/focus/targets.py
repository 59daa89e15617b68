"""Calling a menu's choice bare."""

from __future__ import annotations

from collections.abc import Callable


def no_args(run: Callable[[], object]) -> Callable[[], None]:
    """`run` as a menu's slot: `triggered` would pass `checked` as its first argument
    (`stop`'s `at`, say)."""

    def call() -> None:
        run()

    return call
