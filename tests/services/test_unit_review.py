"""The end-of-unit review: decisions, the next unit, all or nothing, when it is due."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import Horizon
from app.domain.errors import InvalidInput, NotFound
from app.domain.units import ReviewDecision, ReviewTooEarly, parse_goal_spec
from app.domain.weeks import Week
from app.services.item_edits import set_completed
from app.services.items import create_item, get_item, list_items, restore_item
from app.services.unit_progress import unit_progress
from app.services.unit_records import list_units, unit_by_number
from app.services.unit_review import (
    achievement_history,
    next_review_at,
    review_decisions,
    review_due,
    review_preview,
    review_unit,
    unfinished_items,
)
from app.services.units import add_goal, create_unit, link_items, set_adjustment
from app.store.db import Store
from app.store.item_rows import ItemQuery

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
CREATED = datetime(2022, 1, 31, 9, 0, tzinfo=SHANGHAI)
REVIEWED = datetime(2022, 2, 10, 21, 30, tzinfo=SHANGHAI)
CARRY, BACKLOG, DROP = ReviewDecision.CARRY, ReviewDecision.BACKLOG, ReviewDecision.DROP


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2022, 2, day, hour, tzinfo=SHANGHAI)


def make_unit(store: Store, *specs: str, start: date = date(2022, 2, 1), days: int = 10) -> int:
    unit, _ = create_unit(
        store, now=CREATED, start=start, days=days, goals=[parse_goal_spec(s) for s in specs]
    )
    return unit.id


def add(
    store: Store,
    title: str,
    *,
    tags: tuple[str, ...] = (),
    week: Week | None = None,
    parent_id: int | None = None,
    horizon: Horizon | None = None,
) -> int:
    draft = ItemDraft(title=title, tags=tags, parent_id=parent_id, horizon=horizon)
    record, _ = create_item(store, draft, now=CREATED, week=week)
    return record.id


def goal_id(store: Store, number: int, category: str) -> int:
    return next(g.id for g in unit_by_number(store, number).goals if g.category == category)


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    conn = store.raw
    return {
        table: [tuple(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        for table in (
            "items",
            "board_cards",
            "study_units",
            "unit_goals",
            "goal_items",
            "unit_review_items",
        )
    }


class Sample:
    """Unit 1 with papers, math and coding goals; three unfinished linked items."""

    def __init__(self, store: Store) -> None:
        self.unit = make_unit(store, "papers=2..3 SSL", "math=1 Linear Algebra", "coding=1")
        self.read = add(store, "read Barlow Twins", tags=("paper",), week=Week(2022, 5))
        self.transducer = add(
            store, "implement transducer", week=Week(2022, 5), horizon=Horizon.WEEK
        )
        self.chapter = add(store, "chapter 3")
        self.section = add(store, "section 3.1", parent_id=self.chapter)
        self.done = add(store, "Graves '12", tags=("paper",))
        set_completed(store, self.done, True, now=at(3))
        link_items(store, goal_id(store, 1, "Papers"), [self.read, self.done])
        link_items(store, goal_id(store, 1, "Coding"), [self.transducer])
        link_items(store, goal_id(store, 1, "Math"), [self.chapter])
        set_adjustment(store, goal_id(store, 1, "Math"), 1)


def test_the_preview_lists_the_unfinished_linked_items(store: Store) -> None:
    s = Sample(store)
    preview = review_preview(store, s.unit, tz=SHANGHAI, today=date(2022, 2, 10))
    assert [(u.item.id, u.goal_ids) for u in preview.unfinished] == [
        (s.read, (goal_id(store, 1, "Papers"),)),
        (s.transducer, (goal_id(store, 1, "Coding"),)),
        (s.chapter, (goal_id(store, 1, "Math"),)),
    ]
    assert unfinished_items(store, s.unit) == list(preview.unfinished)
    assert preview.next_unit is None and preview.next_start == date(2022, 2, 11)
    assert [g.achieved for g in preview.progress.goals] == [1, 1, 0]


def test_a_review_carries_backlogs_and_drops(store: Store) -> None:
    s = Sample(store)
    result, changes = review_unit(
        store,
        s.unit,
        reflection="  The game came out on Feb 8th. ",
        rating=2,
        decisions={s.read: CARRY, s.transducer: BACKLOG, s.chapter: DROP},
        tz=SHANGHAI,
        now=REVIEWED,
    )
    unit = result.unit
    assert unit.closed_at == REVIEWED and unit.reflection == "The game came out on Feb 8th."
    assert unit.rating == 2
    assert [(g.category, g.achieved_at_review) for g in unit.goals] == [
        ("Papers", 1),
        ("Math", 1),  # nothing counted, one added by hand
        ("Coding", 0),
    ]
    assert (result.carried, result.backlogged, result.dropped) == (
        (s.read,),
        (s.transducer,),
        (s.chapter,),
    )
    assert result.trashed == (s.chapter, s.section)
    assert changes.units and changes.board
    assert changes.items == {s.read, s.transducer, s.chapter, s.section}
    decisions = store.raw.execute(
        "SELECT item_id, decision FROM unit_review_items WHERE unit_id = ? ORDER BY item_id",
        (s.unit,),
    ).fetchall()
    assert decisions == [(s.read, "carry"), (s.transducer, "backlog"), (s.chapter, "drop")]

    # Carried: linked to the same goal of the new unit, still linked to the old one.
    nxt = result.next_unit
    assert result.created_next and nxt.number == 2
    assert (nxt.start, nxt.days, nxt.title) == (date(2022, 2, 11), 10, "Unit 2: 2-11 to 2-20")
    assert [(g.category, g.target, g.stretch, g.description, g.adjustment) for g in nxt.goals] == [
        ("Papers", 2, 3, "SSL", 0),
        ("Math", 1, None, "Linear Algebra", 0),
        ("Coding", 1, None, "", 0),
    ]
    assert nxt.goals[0].item_ids == (s.read,)
    assert s.read in unit.goals[0].item_ids
    assert get_item(store, s.read).placement is not None  # the board carries it on its own

    # Back to the backlog: off the board, horizon short-term, kept, weeks remembered.
    backlogged = get_item(store, s.transducer)
    assert backlogged.placement is None and backlogged.horizon is Horizon.SHORT
    assert backlogged.planned_weeks == ("2022-W05",) and backlogged.deleted_at is None

    # The past review keeps its decisions, with the items as they are now.
    past = review_decisions(store, s.unit)
    assert [(p.item.id, p.decision) for p in past] == [
        (s.read, CARRY),
        (s.transducer, BACKLOG),
        (s.chapter, DROP),
    ]
    assert past[2].item.deleted_at == REVIEWED
    assert review_decisions(store, nxt.id) == []

    # Dropped: in the trash with what is nested in it, and restorable.
    assert get_item(store, s.chapter).deleted_at == REVIEWED
    assert get_item(store, s.section).deleted_at == REVIEWED
    restored, _ = restore_item(store, s.chapter, now=at(12))
    assert restored.deleted_at is None and get_item(store, s.section).deleted_at is None


def test_nothing_is_lost(store: Store) -> None:
    s = Sample(store)
    before = {r.id for r in list_items(store, ItemQuery(include_done=True))}
    review_unit(
        store,
        s.unit,
        reflection="",
        decisions={s.read: DROP, s.transducer: BACKLOG, s.chapter: CARRY},
        tz=SHANGHAI,
        now=REVIEWED,
    )
    live = {r.id for r in list_items(store, ItemQuery(include_done=True))}
    trashed = {r.id for r in list_items(store, ItemQuery(trashed=True))}
    assert live | trashed == before and trashed == {s.read}
    # The carried chapter keeps its nested section; both are in the backlog as before.
    assert get_item(store, s.section).parent_id == s.chapter


def test_the_achieved_counts_are_frozen_at_the_review(store: Store) -> None:
    s = Sample(store)
    review_unit(
        store,
        s.unit,
        reflection="",
        decisions={s.read: BACKLOG, s.transducer: BACKLOG, s.chapter: BACKLOG},
        tz=SHANGHAI,
        now=REVIEWED,
    )
    # A paper completed late on the last day counts live, but the review's number stays.
    late = add(store, "late paper", tags=("paper",))
    set_completed(store, late, True, now=at(10, 23))
    live = unit_progress(store, s.unit, tz=SHANGHAI)
    assert live.goals[0].achieved == 2
    assert live.goals[0].goal.achieved_at_review == 1


def test_the_review_counts_a_paper_that_reached_its_pass_without_being_done(
    store: Store,
) -> None:
    from app.domain.enums import ItemKind
    from app.services.item_details import set_reading_pass
    from app.services.item_edits import ItemPatch, edit_item

    unit_id = make_unit(store, "papers=2")
    paper, _ = create_item(store, ItemDraft(title="MAE", kind=ItemKind.PAPER), now=CREATED)
    edit_item(store, paper.id, ItemPatch(target_pass=1), now=at(2))
    set_reading_pass(store, paper.id, 1, now=at(3))
    preview = review_preview(store, unit_id, tz=SHANGHAI)
    assert preview.progress.goals[0].achieved == 1 and preview.unfinished == ()
    result, _ = review_unit(store, unit_id, reflection="", tz=SHANGHAI, now=REVIEWED)
    assert result.unit.goals[0].achieved_at_review == 1


def test_every_unfinished_linked_item_needs_a_decision(store: Store) -> None:
    s = Sample(store)
    before = snapshot(store)
    with pytest.raises(InvalidInput, match=rf"unfinished linked items {s.transducer}, {s.chapter}"):
        review_unit(
            store, s.unit, reflection="", decisions={s.read: CARRY}, tz=SHANGHAI, now=REVIEWED
        )
    stranger = add(store, "not linked")
    before = snapshot(store)
    with pytest.raises(InvalidInput, match=rf"Item {stranger} is not an unfinished item linked"):
        review_unit(
            store,
            s.unit,
            reflection="",
            decisions={s.read: CARRY, s.transducer: CARRY, s.chapter: CARRY, stranger: DROP},
            tz=SHANGHAI,
            now=REVIEWED,
        )
    with pytest.raises(InvalidInput, match=rf"Item {s.done} is not an unfinished"):
        review_unit(
            store,
            s.unit,
            reflection="",
            decisions={s.read: CARRY, s.transducer: CARRY, s.chapter: CARRY, s.done: DROP},
            tz=SHANGHAI,
            now=REVIEWED,
        )
    assert snapshot(store) == before


def test_an_item_nested_in_a_dropped_one_cannot_be_kept(store: Store) -> None:
    s = Sample(store)
    link_items(store, goal_id(store, 1, "Math"), [s.section])
    before = snapshot(store)
    with pytest.raises(InvalidInput, match=rf"Item {s.section} is nested in an item being dropped"):
        review_unit(
            store,
            s.unit,
            reflection="",
            decisions={s.read: CARRY, s.transducer: CARRY, s.chapter: DROP, s.section: CARRY},
            tz=SHANGHAI,
            now=REVIEWED,
        )
    assert snapshot(store) == before


def test_a_unit_is_reviewed_once(store: Store) -> None:
    unit_id = make_unit(store, "papers=1")
    review_unit(store, unit_id, reflection="first", tz=SHANGHAI, now=REVIEWED)
    before = snapshot(store)
    with pytest.raises(InvalidInput, match="Unit 1 was already reviewed"):
        review_unit(store, unit_id, reflection="second", tz=SHANGHAI, now=REVIEWED)
    assert snapshot(store) == before
    assert len(list_units(store)) == 2


def test_a_unit_is_not_reviewed_before_it_starts_even_early(store: Store) -> None:
    unit_id = make_unit(store, "papers=1", start=date(2022, 2, 11))
    before = snapshot(store)
    for early in (False, True):
        with pytest.raises(InvalidInput, match=r"Unit 1 has not started yet.*Fri 11 Feb 2022"):
            review_unit(store, unit_id, reflection="", early=early, tz=SHANGHAI, now=REVIEWED)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("day", "left"), [(1, "9 days left"), (5, "5 days left"), (9, "1 day left")]
)
def test_a_review_before_the_last_day_must_be_meant_early(
    store: Store, day: int, left: str
) -> None:
    unit_id = make_unit(store, "papers=1")
    before = snapshot(store)
    with pytest.raises(ReviewTooEarly, match=f"Unit 1 has {left} — review now?"):
        review_unit(store, unit_id, reflection="", tz=SHANGHAI, now=at(day, 23))
    assert snapshot(store) == before
    result, _ = review_unit(
        store, unit_id, reflection="early", early=True, tz=SHANGHAI, now=at(day, 23)
    )
    assert result.unit.closed and result.next_unit.start == date(2022, 2, 11)


def test_on_the_last_day_a_review_needs_no_confirmation(store: Store) -> None:
    unit_id = make_unit(store, "papers=1")
    # 00:30 in Shanghai on the tenth is still the ninth in New York: a day is the zone's.
    with pytest.raises(ReviewTooEarly, match="1 day left"):
        review_unit(store, unit_id, reflection="", tz=NEW_YORK, now=at(10, 0).replace(minute=30))
    result, _ = review_unit(store, unit_id, reflection="", tz=SHANGHAI, now=at(10, 0))
    assert result.unit.closed


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_is_one_to_five(store: Store, rating: int) -> None:
    unit_id = make_unit(store, "papers=1")
    with pytest.raises(InvalidInput, match="rated 1 to 5"):
        review_unit(store, unit_id, reflection="", rating=rating, tz=SHANGHAI, now=REVIEWED)
    assert not unit_by_number(store, 1).closed


def test_an_unknown_unit(store: Store) -> None:
    with pytest.raises(NotFound):
        review_unit(store, 42, reflection="", tz=SHANGHAI, now=REVIEWED)


def test_a_failure_half_way_changes_nothing(store: Store) -> None:
    s = Sample(store)
    # A trigger stands in for a disk error at the very last write of the review.
    store.raw.execute(
        "CREATE TRIGGER refuse_close BEFORE UPDATE OF closed_at ON study_units"
        " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    before = snapshot(store)
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        review_unit(
            store,
            s.unit,
            reflection="",
            decisions={s.read: CARRY, s.transducer: BACKLOG, s.chapter: DROP},
            tz=SHANGHAI,
            now=REVIEWED,
        )
    assert snapshot(store) == before
    assert len(list_units(store)) == 1


def test_an_existing_next_unit_is_used_and_gets_missing_goals(store: Store) -> None:
    s = Sample(store)
    second = make_unit(store, "coding=2 Transducer", start=date(2022, 2, 15), days=5)
    result, _ = review_unit(
        store,
        s.unit,
        reflection="",
        decisions={s.read: CARRY, s.transducer: CARRY, s.chapter: BACKLOG},
        tz=SHANGHAI,
        now=REVIEWED,
    )
    assert not result.created_next and result.next_unit.id == second
    goals = unit_by_number(store, 2).goals
    assert [(g.category, g.target, g.item_ids) for g in goals] == [
        ("Coding", 2, (s.transducer,)),
        ("Papers", 2, (s.read,)),  # added: the next unit had no Papers goal
    ]
    assert len(list_units(store)) == 2


def test_items_are_never_carried_into_a_unit_already_reviewed(store: Store) -> None:
    s = Sample(store)
    second = make_unit(store, "papers=1", start=date(2022, 2, 11))
    # Unit 2 is reviewed first (an imported journal's units come in any order); its
    # review makes unit 3.
    after_second = datetime(2022, 2, 21, 9, tzinfo=SHANGHAI)
    review_unit(store, second, reflection="reviewed first", tz=SHANGHAI, now=after_second)
    closed_before = [g for g in unit_by_number(store, 2).goals]
    preview = review_preview(store, s.unit, tz=SHANGHAI)
    assert preview.next_unit is not None and preview.next_unit.number == 3
    result, _ = review_unit(
        store,
        s.unit,
        reflection="",
        decisions={s.read: CARRY, s.transducer: CARRY, s.chapter: BACKLOG},
        tz=SHANGHAI,
        now=REVIEWED,
    )
    assert not result.created_next and result.next_unit.number == 3
    carried = {i for g in unit_by_number(store, 3).goals for i in g.item_ids}
    assert carried == {s.read, s.transducer}
    assert unit_by_number(store, 2).goals == tuple(closed_before)


def test_the_next_unit_is_as_long_as_the_reviewed_one(store: Store) -> None:
    unit_id = make_unit(store, "papers=1", start=date(2022, 3, 1), days=7)
    ended = datetime(2022, 3, 8, 9, tzinfo=SHANGHAI)
    result, _ = review_unit(store, unit_id, reflection="", tz=SHANGHAI, now=ended)
    assert (result.next_unit.start, result.next_unit.days) == (date(2022, 3, 8), 7)
    assert result.next_unit.title == "Unit 2: 3-08 to 3-14"


def test_a_next_unit_made_by_a_review_can_be_reviewed_in_turn(store: Store) -> None:
    unit_id = make_unit(store, "papers=1", "coding=1")
    item = add(store, "transducer")
    link_items(store, goal_id(store, 1, "Coding"), [item])
    first, _ = review_unit(
        store, unit_id, reflection="", decisions={item: CARRY}, tz=SHANGHAI, now=REVIEWED
    )
    add_goal(store, first.next_unit.id, parse_goal_spec("math=1"))
    second, _ = review_unit(
        store,
        first.next_unit.id,
        reflection="",
        decisions={item: CARRY},
        tz=SHANGHAI,
        now=datetime(2022, 2, 21, tzinfo=SHANGHAI),
    )
    assert [g.category for g in second.next_unit.goals] == ["Papers", "Coding", "Math"]
    assert second.next_unit.goals[1].item_ids == (item,)


# --- when the review is due ---------------------------------------------------------------


def test_review_due_at_the_end_of_the_last_day(store: Store) -> None:
    make_unit(store, "papers=1")
    last_minute = datetime(2022, 2, 10, 23, 59, tzinfo=SHANGHAI)
    assert review_due(store, now=last_minute) == []
    due = review_due(store, now=datetime(2022, 2, 11, 0, 0, tzinfo=SHANGHAI))
    assert [(d.unit.number, d.due_at) for d in due] == [(1, datetime(2022, 2, 11, tzinfo=SHANGHAI))]
    assert next_review_at(store, now=last_minute) == datetime(2022, 2, 11, tzinfo=SHANGHAI)


def test_review_due_at_a_time_of_day(store: Store) -> None:
    make_unit(store, "papers=1")
    nine = time(21, 0)
    assert (
        review_due(store, now=datetime(2022, 2, 10, 20, 59, tzinfo=SHANGHAI), review_time=nine)
        == []
    )
    assert review_due(store, now=datetime(2022, 2, 10, 21, 0, tzinfo=SHANGHAI), review_time=nine)
    # In New York the same instant is still the morning of the last day.
    assert (
        review_due(store, now=datetime(2022, 2, 10, 8, 0, tzinfo=NEW_YORK), review_time=nine) == []
    )


def test_review_due_finds_every_missed_unit_and_forgets_reviewed_ones(store: Store) -> None:
    first = make_unit(store, "papers=1")
    make_unit(store, "papers=1", start=date(2022, 2, 11))
    make_unit(store, "papers=1", start=date(2022, 3, 1))
    opened = datetime(2022, 2, 27, 9, tzinfo=SHANGHAI)  # the app was closed for weeks
    assert [d.unit.number for d in review_due(store, now=opened)] == [1, 2]
    review_unit(store, first, reflection="", tz=SHANGHAI, now=opened)
    assert [d.unit.number for d in review_due(store, now=opened)] == [2]
    assert next_review_at(store, now=opened) == datetime(2022, 3, 11, tzinfo=SHANGHAI)


def test_review_due_needs_a_zone(store: Store) -> None:
    with pytest.raises(InvalidInput, match="time zone"):
        review_due(store, now=datetime(2022, 2, 11))


# --- history ------------------------------------------------------------------------------


def test_achievement_history_per_closed_unit_and_category(store: Store) -> None:
    first = make_unit(store, "papers=2..3", "papers=1 extra", "math=1")
    paper = add(store, "paper", tags=("paper",))
    set_completed(store, paper, True, now=at(2))
    review_unit(store, first, reflection="", tz=SHANGHAI, now=REVIEWED)
    history = achievement_history(store)
    assert [(a.number, a.category, a.target, a.stretch, a.achieved) for a in history] == [
        (1, "Papers", 3, 4, 1),  # one paper, counted once: for the first Papers goal
        (1, "Math", 1, None, 0),
    ]
    assert history[0].ratio == pytest.approx(1 / 3)
    # Unit 2 is open: not in the history yet.
    assert {a.number for a in history} == {1}
    assert history[0].to_dict()["unit"] == 1
