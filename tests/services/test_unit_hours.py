"""Goals counted in hours (`coding=6h`): read from the goal grammar, stored in minutes,
counted from time entries inside the unit's days on items of the goal's category, shown
as hours; and the review's planned-against-spent per category."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput
from app.domain.units import GoalMeasure, goal_amount_text, parse_goal_spec
from app.services.items import create_item
from app.services.time_entries import add_entry
from app.services.transfer import export_data, import_data
from app.services.unit_progress import unit_progress
from app.services.unit_records import list_units, propose_next_unit
from app.services.units import create_unit, link_items
from app.store.db import Store

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2022, 1, 20, 9, 0, tzinfo=SHANGHAI)
START = date(2022, 2, 1)  # to 2022-02-10
LATER = datetime(2023, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "target", "stretch", "measure"),
    [
        ("coding=6h", 360, None, GoalMeasure.MINUTES),
        ("coding=4..6h Machine translation", 240, 360, GoalMeasure.MINUTES),
        ("coding=1h30m", 90, None, GoalMeasure.MINUTES),
        ("coding=90m..2h", 90, 120, GoalMeasure.MINUTES),
        ("papers=2..3 Read", 2, 3, GoalMeasure.ITEMS),
        ("lectures=3 m", 3, None, GoalMeasure.ITEMS),  # "m" is its description
    ],
)
def test_a_goal_in_hours_is_read_in_minutes(
    text: str, target: int, stretch: int | None, measure: GoalMeasure
) -> None:
    spec = parse_goal_spec(text)
    assert (spec.target, spec.stretch, spec.measure) == (target, stretch, measure)


def test_hours_that_make_no_goal_are_refused() -> None:
    for text in ("coding=0h", "coding=6h..5h", "coding=2000h"):
        with pytest.raises(InvalidInput):
            parse_goal_spec(text)
    assert goal_amount_text(270, GoalMeasure.MINUTES) == "4h30m"
    assert goal_amount_text(45, GoalMeasure.MINUTES) == "45m"
    assert goal_amount_text(3, GoalMeasure.ITEMS) == "3"


def spend(store: Store, item_id: int | None, start: datetime, minutes: int) -> None:
    start = start.astimezone(UTC)
    add_entry(store, item_id=item_id, start=start, end=start + timedelta(minutes=minutes),
              now=LATER)  # fmt: skip


def item(store: Store, title: str, tags: tuple[str, ...] = ()) -> int:
    return create_item(store, ItemDraft(title=title, tags=tags), now=CREATED)[0].id


def test_an_hours_goal_counts_time_inside_the_unit_on_items_of_its_category(
    store: Store,
) -> None:
    goals = [parse_goal_spec("coding=6h"), parse_goal_spec("papers=2")]
    unit, _ = create_unit(store, now=CREATED, start=START, goals=goals)
    code = item(store, "translation model", ("coding",))
    linked = item(store, "tokenizer")  # no tag: counts because it is linked
    paper = item(store, "MAE paper", ("paper",))
    link_items(store, unit.goals[0].id, [linked])
    spend(store, code, datetime(2022, 2, 3, 9, 0, tzinfo=SHANGHAI), 150)
    spend(store, linked, datetime(2022, 2, 4, 9, 0, tzinfo=SHANGHAI), 60)
    spend(store, paper, datetime(2022, 2, 4, 14, 0, tzinfo=SHANGHAI), 90)  # another category
    spend(store, None, datetime(2022, 2, 4, 16, 0, tzinfo=SHANGHAI), 90)  # no item
    # Across the unit's last midnight: only the 20 minutes before it count.
    spend(store, code, datetime(2022, 2, 10, 23, 40, tzinfo=SHANGHAI), 60)
    spend(store, code, datetime(2022, 1, 31, 9, 0, tzinfo=SHANGHAI), 60)  # before the unit
    result = unit_progress(store, unit.id, tz=SHANGHAI, now=LATER)
    coding = result.goals[0]
    assert coding.goal.measure is GoalMeasure.MINUTES and coding.goal.target == 360
    assert coding.counted == 150 + 60 + 20
    assert [(i.item_id, round(i.seconds)) for i in coding.timed] == [
        (code, 170 * 60),
        (linked, 60 * 60),
    ]
    assert not coding.met
    data = coding.to_dict()
    assert data["measure"] == "minutes" and data["achieved"] == 230
    assert result.goals[1].counted == 0  # an item goal counts items done, not time


def test_the_goal_keeps_its_measure_into_the_next_unit(store: Store) -> None:
    create_unit(store, now=CREATED, start=START, goals=[parse_goal_spec("coding=4..6h")])
    proposal = propose_next_unit(store, today=date(2022, 2, 11))
    assert proposal.goals[0].measure is GoalMeasure.MINUTES
    assert (proposal.goals[0].target, proposal.goals[0].stretch) == (240, 360)


def test_a_goal_of_many_hours_survives_export_and_import(store: Store, home: Path) -> None:
    create_unit(store, now=CREATED, start=START, goals=[parse_goal_spec("coding=20h..30h")])
    document = export_data(store, now=CREATED)
    copy = Store.open(home / "copy.sqlite3", home / "backups")
    try:
        import_data(copy, document)
        goal = list_units(copy)[0].goals[0]
        assert (goal.measure, goal.target, goal.stretch) == (GoalMeasure.MINUTES, 1200, 1800)
    finally:
        copy.close()
