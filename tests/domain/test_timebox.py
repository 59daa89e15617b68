"""The planner's rules: the grid, clock times that exist, overlaps side by side, and
"push later blocks"."""

from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput
from app.domain.timebox import (
    Lane,
    Span,
    check_span,
    clock_minutes,
    clock_text,
    lanes,
    length_minutes,
    pushed_later,
    snap,
)


@pytest.mark.parametrize(("minute", "snapped"), [(0, 0), (7, 0), (8, 15), (52, 45), (53, 60)])
def test_snap_takes_the_nearest_grid_line(minute: int, snapped: int) -> None:
    assert snap(minute) == snapped


def test_clock_times_that_exist_and_those_that_do_not() -> None:
    assert clock_minutes("14:00") == 840 and clock_minutes("9:30") == 570
    assert clock_minutes("24:00", end=True) == 1440 and clock_text(1440) == "24:00"
    for bad in ("25:00", "24:00", "10:75", "1400", "14:0", "十四:00", "", "-1:00"):
        with pytest.raises(InvalidInput, match="HH:MM"):
            clock_minutes(bad)
    assert length_minutes("1h30m") == 90
    with pytest.raises(InvalidInput):
        length_minutes("soon")
    with pytest.raises(InvalidInput, match="leave the day"):
        check_span(23 * 60 + 30, 60)
    with pytest.raises(InvalidInput, match="ends after it starts"):
        check_span(600, 0)


def test_overlapping_blocks_share_the_width_of_their_cluster() -> None:
    placed = lanes(
        [
            Span(1, 540, 60),  # 09:00-10:00
            Span(2, 570, 60),  # 09:30-10:30 overlaps 1
            Span(3, 600, 30),  # 10:00-10:30 overlaps 2, fits under 1
            Span(4, 630, 30),  # 10:30-11:00 touches, does not overlap: a cluster alone
            Span(5, 540, 180),  # 09:00-12:00 overlaps them all
        ]
    )
    assert placed[5] == Lane(0, 3)  # the longest first, at the left
    assert {placed[1].slots, placed[2].slots, placed[3].slots, placed[4].slots} == {3}
    assert len({placed[k].slot for k in (5, 1, 2)}) == 3  # all three at once: three lanes
    assert placed[3].slot == placed[1].slot  # reuses the lane 1 left free
    alone = lanes([Span(7, 0, 15), Span(8, 15, 15)])
    assert alone == {7: Lane(0, 1), 8: Lane(0, 1)}


def test_push_later_moves_only_what_overlaps_and_stops_at_a_gap() -> None:
    blocks = [Span(1, 540, 90), Span(2, 600, 30), Span(3, 630, 30), Span(4, 720, 60)]
    assert pushed_later(blocks, Span(1, 540, 90)) == {2: 630, 3: 660}
    assert pushed_later(blocks, Span(1, 540, 30)) == {}
    assert pushed_later(blocks, Span(1, 540, 180)) == {2: 720, 3: 750, 4: 780}
    with pytest.raises(InvalidInput, match="past midnight"):
        pushed_later([Span(1, 1320, 60), Span(2, 1380, 60)], Span(1, 1320, 90))
