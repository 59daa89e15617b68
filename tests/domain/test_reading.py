"""A paper's pass against the pass chosen for it, in words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.entities import ItemRecord
from app.domain.enums import ItemKind, Priority
from app.domain.reading import (
    chosen_pass,
    completed_short_text,
    kind_text,
    pass_text,
    short_of_target,
)

CREATED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def paper(
    reading: int, target: int | None, *, done: bool = False, kind: ItemKind = ItemKind.PAPER
) -> ItemRecord:
    return ItemRecord(
        id=1, uid="u1", kind=kind, title="MAE", notes="", parent_id=None,
        priority=Priority.NONE, estimate_minutes=None, due_date=None, due_time=None,
        horizon=None, reading_pass=reading, target_pass=target, created_at=CREATED,
        updated_at=CREATED, completed_at=CREATED if done else None, deleted_at=None,
    )  # fmt: skip


@pytest.mark.parametrize(("target", "chosen"), [(None, 3), (0, 3), (1, 1), (2, 2), (3, 3)])
def test_the_chosen_pass_is_the_target_or_the_last(target: int | None, chosen: int) -> None:
    assert chosen_pass(target) == chosen


def test_a_pass_is_shown_against_the_chosen_one() -> None:
    assert pass_text(paper(1, 2)) == "pass 1/2"
    assert pass_text(paper(1, None)) == "pass 1/3"
    assert pass_text(paper(1, 2, kind=ItemKind.TASK)) == ""
    assert kind_text(paper(0, 1)) == "Paper · pass 0/1"
    assert kind_text(paper(0, 1, kind=ItemKind.IDEA)) == "Idea"


def test_completing_short_of_the_target_is_said_only_with_a_target() -> None:
    assert short_of_target(paper(1, 2)) and not short_of_target(paper(2, 2))
    assert not short_of_target(paper(0, None))  # no target chosen: nothing to fall short of
    assert completed_short_text(paper(1, 2)) == ""  # not completed
    assert completed_short_text(paper(1, 2, done=True)) == (
        "“MAE” completed at pass 1 of 2, short of the pass chosen for it."
    )
    assert completed_short_text(paper(3, 2, done=True)) == ""
    assert completed_short_text(paper(0, None, done=True)) == ""
