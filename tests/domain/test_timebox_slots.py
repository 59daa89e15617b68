"""The next free place for a block planned without a time."""

from __future__ import annotations

from app.domain.timebox import Span
from app.domain.timebox_slots import next_free_start


def test_the_first_gap_that_fits_after_the_earliest_time() -> None:
    spans = [Span(1, 540, 60), Span(2, 630, 30), Span(3, 720, 60)]
    assert next_free_start(spans, 30, 540) == 600
    assert next_free_start(spans, 60, 540) == 660
    assert next_free_start(spans, 90, 540) == 780
    assert next_free_start([], 30, 547) == 555  # up to the grid


def test_a_full_day_puts_the_block_as_late_as_it_can_go() -> None:
    assert next_free_start([Span(1, 0, 1440)], 60, 600) == 1380
