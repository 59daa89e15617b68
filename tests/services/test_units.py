"""Units, goals and categories, and the rules that count a goal's progress."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import Column, ItemKind
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.units import GoalSpec, parse_goal_spec
from app.domain.weeks import Week
from app.services.goal_categories import (
    add_category,
    category_named,
    edit_category,
    list_categories,
    remove_category,
)
from app.services.item_details import set_reading_pass
from app.services.item_edits import ItemPatch, edit_item, set_completed
from app.services.items import create_item, trash_item
from app.services.unit_progress import (
    CountedOn,
    CountReason,
    GoalProgress,
    UnitProgress,
    unit_progress,
)
from app.services.unit_records import (
    current_unit,
    get_goal,
    list_units,
    propose_next_unit,
    unit_by_number,
)
from app.services.units import (
    add_goal,
    create_unit,
    edit_goal,
    edit_unit,
    link_items,
    remove_goal,
    set_adjustment,
    unlink_items,
)
from app.store.db import Store
from app.store.formats import utc_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
CREATED = datetime(2022, 1, 20, 9, 0, tzinfo=SHANGHAI)
UNIT_1 = date(2022, 2, 1)  # to 2022-02-10
SAMPLE_GOALS = (
    "lectures=3 Watch weeks 5-6 of NYU",
    "papers=2..3",
    "math=1 Linear Algebra",
    "coding=1 Machine translation",
)


def at(day: int, hour: int = 12, minute: int = 0, tz: tzinfo = SHANGHAI) -> datetime:
    return datetime(2022, 2, day, hour, minute, tzinfo=tz)


def make_unit(store: Store, *specs: str, start: date = UNIT_1, days: int = 10) -> int:
    unit, _ = create_unit(
        store,
        now=CREATED,
        start=start,
        days=days,
        goals=[parse_goal_spec(s) for s in specs or SAMPLE_GOALS],
    )
    return unit.id


def add(
    store: Store,
    title: str,
    *,
    tags: tuple[str, ...] = (),
    kind: ItemKind = ItemKind.TASK,
    done_at: datetime | None = None,
    week: Week | None = None,
) -> int:
    record, _ = create_item(
        store, ItemDraft(title=title, tags=tags, kind=kind), now=CREATED, week=week
    )
    if done_at is not None:
        set_completed(store, record.id, True, now=done_at)
    return record.id


def log(
    store: Store,
    day: date,
    body: str,
    *,
    end_day: date | None = None,
    source: str = "user",
    heading: str = "",
) -> int:
    """A log entry written straight into the table (the log's own services come later)."""
    stamp = utc_text(CREATED)
    with store.raw_write() as conn:
        conn.execute("INSERT OR IGNORE INTO log_days (day, title) VALUES (?, '')", (str(day),))
        cursor = conn.execute(
            "INSERT INTO log_entries (uid, day, end_day, body, source, position, created_at,"
            " updated_at, heading) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (
                new_uid(),
                str(day),
                str(end_day) if end_day else None,
                body,
                source,
                stamp,
                stamp,
                heading,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def progress(store: Store, unit_id: int, tz: tzinfo = SHANGHAI) -> UnitProgress:
    return unit_progress(store, unit_id, tz=tz)


def goal(result: UnitProgress, category: str) -> GoalProgress:
    return next(g for g in result.goals if g.goal.category == category)


def counted_ids(result: UnitProgress, category: str) -> list[int]:
    return [c.item_id for c in goal(result, category).items]


# --- creating units -----------------------------------------------------------------------


def test_a_unit_with_the_sample_goals(store: Store) -> None:
    unit, changes = create_unit(
        store, now=CREATED, start=UNIT_1, goals=[parse_goal_spec(s) for s in SAMPLE_GOALS]
    )
    assert changes.units == {unit.id}
    assert (unit.number, unit.title, unit.start, unit.last) == (
        1,
        "Unit 1: 2-01 to 2-10",
        UNIT_1,
        date(2022, 2, 10),
    )
    assert [(g.category, g.target, g.stretch, g.description) for g in unit.goals] == [
        ("Lectures", 3, None, "Watch weeks 5-6 of NYU"),
        ("Papers", 2, 3, ""),
        ("Math", 1, None, "Linear Algebra"),
        ("Coding", 1, None, "Machine translation"),
    ]
    assert all(g.adjustment == 0 and g.achieved_at_review is None for g in unit.goals)
    assert list_units(store) == [unit] and unit_by_number(store, 1) == unit


def test_the_next_unit_starts_the_day_after_the_previous_one(store: Store) -> None:
    make_unit(store, "papers=1", days=7)
    second, _ = create_unit(store, now=CREATED)
    assert (second.number, second.start, second.days) == (2, date(2022, 2, 8), 10)
    assert second.title == "Unit 2: 2-08 to 2-17"
    proposal = propose_next_unit(store, today=date(2030, 1, 1))
    assert (proposal.number, proposal.start, proposal.days) == (3, date(2022, 2, 18), 10)
    assert proposal.title == "Unit 3: 2-18 to 2-27"


def test_the_first_unit_starts_today_by_default(store: Store) -> None:
    unit, _ = create_unit(store, now=datetime(2026, 11, 20, 23, 30, tzinfo=SHANGHAI))
    assert unit.start == date(2026, 11, 20) and unit.goals == ()
    proposal = propose_next_unit(store, today=date(2026, 11, 20))
    assert proposal.start == date(2026, 11, 30)


def test_the_proposal_carries_the_previous_goals(store: Store) -> None:
    assert propose_next_unit(store, today=UNIT_1).goals == ()
    make_unit(store, "papers=2..3 SSL", "math=1")
    assert propose_next_unit(store, today=UNIT_1).goals == (
        GoalSpec("Papers", 2, 3, "SSL"),
        GoalSpec("Math", 1, None, ""),
    )


def test_units_never_share_a_day_and_a_refusal_saves_nothing(store: Store) -> None:
    make_unit(store)
    with pytest.raises(InvalidInput, match=r"Unit 1 already covers 2022-02-01 to 2022-02-10"):
        create_unit(store, now=CREATED, start=date(2022, 2, 10))
    with pytest.raises(InvalidInput, match="already covers"):
        create_unit(store, now=CREATED, start=date(2022, 1, 25), days=7 + 1)
    create_unit(store, now=CREATED, start=date(2022, 1, 25), days=7)
    assert [u.number for u in list_units(store)] == [1, 2]


def test_an_unknown_category_saves_nothing(store: Store) -> None:
    with pytest.raises(InvalidInput, match=r"no goal category 'biology'.*category add biology"):
        create_unit(
            store, now=CREATED, goals=[parse_goal_spec("papers=2"), parse_goal_spec("biology=1")]
        )
    assert list_units(store) == []


@pytest.mark.parametrize("days", [0, -1, 367])
def test_a_unit_lasts_at_least_a_day(store: Store, days: int) -> None:
    with pytest.raises(InvalidInput, match="1 to 366 days"):
        create_unit(store, now=CREATED, days=days)


def test_editing_a_unit_moves_a_default_title_along(store: Store) -> None:
    unit_id = make_unit(store)
    unit, _ = edit_unit(store, unit_id, days=7)
    assert (unit.last, unit.title) == (date(2022, 2, 7), "Unit 1: 2-01 to 2-07")
    unit, _ = edit_unit(store, unit_id, title="Lost Ark unit")
    unit, _ = edit_unit(store, unit_id, start=date(2022, 2, 2))
    assert (unit.start, unit.title) == (date(2022, 2, 2), "Lost Ark unit")
    unit, _ = edit_unit(store, unit_id, title="")
    assert unit.title == "Unit 1: 2-02 to 2-08"


def test_editing_a_unit_onto_another_is_refused(store: Store) -> None:
    make_unit(store)
    second = make_unit(store, "papers=1", start=date(2022, 2, 11))
    with pytest.raises(InvalidInput, match="Unit 1 already covers"):
        edit_unit(store, second, start=date(2022, 2, 9))
    assert unit_by_number(store, 2).start == date(2022, 2, 11)


def test_current_unit(store: Store) -> None:
    with pytest.raises(NotFound, match="rizhi unit new"):
        current_unit(store, today=UNIT_1)
    make_unit(store)
    assert current_unit(store, today=date(2022, 2, 10)).number == 1
    # After its last day, the unit waiting for its review is still the current one.
    assert current_unit(store, today=date(2022, 2, 27)).number == 1
    # Before any unit has begun: the next one to begin.
    assert current_unit(store, today=date(2022, 1, 31)).number == 1
    make_unit(store, "math=1", start=date(2022, 3, 1))
    assert current_unit(store, today=date(2022, 3, 2)).number == 2
    assert current_unit(store, today=date(2022, 3, 20)).number == 2


def test_after_a_review_the_unit_it_made_is_current(store: Store) -> None:
    from app.services.unit_review import review_unit

    unit_id = make_unit(store, "papers=1")
    review_unit(store, unit_id, reflection="", tz=SHANGHAI, now=at(11))
    second = unit_by_number(store, 2)
    review_unit(store, second.id, reflection="", tz=SHANGHAI, now=at(21))
    assert current_unit(store, today=date(2022, 3, 1)).number == 3  # made by the review
    assert current_unit(store, today=date(2022, 3, 11)).number == 3  # waiting for review


def test_unit_by_number_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="No unit 4"):
        unit_by_number(store, 4)


# --- goals --------------------------------------------------------------------------------


def test_goals_can_be_added_edited_and_removed(store: Store) -> None:
    unit_id = make_unit(store, "papers=2")
    added, changes = add_goal(store, unit_id, parse_goal_spec("lecture=3 NYU weeks 5-6"))
    assert changes.units == {unit_id} and (added.category, added.position) == ("Lectures", 1)
    edited, _ = edit_goal(store, added.id, target=4, stretch=6, description="NYU 5-7")
    assert (edited.target, edited.stretch, edited.description) == (4, 6, "NYU 5-7")
    edited, _ = edit_goal(store, added.id, clear_stretch=True, category="math")
    assert (edited.category, edited.stretch) == ("Math", None)
    with pytest.raises(InvalidInput, match="more than the target"):
        edit_goal(store, added.id, stretch=2)
    assert get_goal(store, added.id) == edited
    remove_goal(store, added.id)
    assert [g.category for g in unit_by_number(store, 1).goals] == ["Papers"]
    with pytest.raises(NotFound, match="No goal"):
        get_goal(store, added.id)


def test_linking_items_to_a_goal(store: Store) -> None:
    unit_id = make_unit(store, "math=1")
    goal_id = unit_by_number(store, 1).goals[0].id
    a, b = add(store, "chapter 2"), add(store, "chapter 3")
    linked, changes = link_items(store, goal_id, [a, b, a])
    # The links are reported with the items they name (their rows do not change).
    assert linked.item_ids == (a, b) and changes.units and changes.items == {a, b}
    linked, _ = unlink_items(store, goal_id, [a])
    assert linked.item_ids == (b,)
    with pytest.raises(NotFound, match=f"Item {a} is not linked"):
        unlink_items(store, goal_id, [a])
    trash_item(store, b, now=CREATED)
    with pytest.raises(NotFound, match="in the trash"):
        link_items(store, goal_id, [b, 999])
    assert unit_progress(store, unit_id, tz=SHANGHAI).unit.goals[0].item_ids == (b,)


# --- categories ---------------------------------------------------------------------------


def test_the_default_categories(store: Store) -> None:
    categories = list_categories(store)
    assert [c.name for c in categories] == ["Lectures", "Papers", "Math", "Coding"]
    assert category_named(store, "paper").kinds == ("paper",)
    assert all(c.color.startswith("#") for c in categories)


def test_categories_can_be_added_edited_and_removed(store: Store) -> None:
    added, changes = add_category(store, "Reading group", kinds=["experiments"])
    assert changes.categories and changes.any_units
    assert (added.name, added.kinds, added.position) == ("Reading group", ("experiment",), 4)
    assert added.color not in {c.color for c in list_categories(store) if c.id != added.id}
    edited, _ = edit_category(store, added.id, name="Journal club", color="#ABCDEF", kinds=[])
    assert (edited.name, edited.color, edited.kinds) == ("Journal club", "#abcdef", ())
    remove_category(store, edited.id)
    assert "Journal club" not in [c.name for c in list_categories(store)]


def test_a_category_name_is_unique_in_singular_and_plural(store: Store) -> None:
    with pytest.raises(InvalidInput, match="same category as Papers"):
        add_category(store, "paper")
    coding = category_named(store, "coding")
    with pytest.raises(InvalidInput, match="same category as Lectures"):
        edit_category(store, coding.id, name="LECTURE")
    with pytest.raises(InvalidInput, match="without '='"):
        add_category(store, "a=b")
    with pytest.raises(InvalidInput, match="not a kind"):
        add_category(store, "Talks", kinds=["talk"])
    with pytest.raises(InvalidInput, match="not a colour"):
        add_category(store, "Talks", color="red")
    assert len(list_categories(store)) == 4


def test_a_category_used_by_goals_is_kept(store: Store) -> None:
    make_unit(store)
    with pytest.raises(InvalidInput, match="Goals in unit 1 use Papers"):
        remove_category(store, category_named(store, "Papers").id)


def test_a_new_category_counts_its_tags(store: Store) -> None:
    add_category(store, "Deep Learning")
    unit_id = make_unit(store, "deep learning=1")
    item = add(store, "backprop by hand", tags=("deep-learning",), done_at=at(3))
    assert counted_ids(progress(store, unit_id), "Deep Learning") == [item]


# --- counting: the unit's days in the user's zone ------------------------------------------


@pytest.mark.parametrize("tz", [SHANGHAI, NEW_YORK], ids=["Asia/Shanghai", "America/New_York"])
def test_the_first_and_last_days_are_local_days(store: Store, tz: tzinfo) -> None:
    unit_id = make_unit(store, "papers=2")
    before = add(store, "before", tags=("paper",), done_at=datetime(2022, 1, 31, 23, 59, tzinfo=tz))
    first = add(store, "first", tags=("paper",), done_at=datetime(2022, 2, 1, 0, 0, tzinfo=tz))
    last = add(store, "last", tags=("paper",), done_at=datetime(2022, 2, 10, 23, 59, tzinfo=tz))
    after = add(store, "after", tags=("paper",), done_at=datetime(2022, 2, 11, 0, 0, tzinfo=tz))
    result = progress(store, unit_id, tz)
    assert counted_ids(result, "Papers") == [first, last]
    assert [c.day for c in goal(result, "Papers").items] == [UNIT_1, date(2022, 2, 10)]
    assert before not in counted_ids(result, "Papers") and after not in counted_ids(
        result, "Papers"
    )
    assert goal(result, "Papers").achieved == 2


def test_the_same_moment_is_another_day_in_another_zone(store: Store) -> None:
    unit_id = make_unit(store, "papers=2")
    # 00:30 on Feb 1 in Shanghai is 11:30 on Jan 31 in New York.
    early = add(store, "early", tags=("paper",), done_at=at(1, 0, 30))
    # 20:00 on Feb 10 in New York is 09:00 on Feb 11 in Shanghai.
    late = add(store, "late", tags=("paper",), done_at=at(10, 20, 0, tz=NEW_YORK))
    assert counted_ids(progress(store, unit_id, SHANGHAI), "Papers") == [early]
    assert counted_ids(progress(store, unit_id, NEW_YORK), "Papers") == [late]


def test_units_of_other_lengths(store: Store) -> None:
    week_unit = make_unit(store, "papers=1", start=date(2022, 3, 1), days=7)
    one_day = make_unit(store, "papers=1", start=date(2022, 3, 8), days=1)
    inside = add(
        store, "inside", tags=("paper",), done_at=datetime(2022, 3, 7, 23, 59, tzinfo=SHANGHAI)
    )
    day_one = add(
        store, "that day", tags=("paper",), done_at=datetime(2022, 3, 8, 8, tzinfo=SHANGHAI)
    )
    add(store, "next day", tags=("paper",), done_at=datetime(2022, 3, 9, 0, 0, tzinfo=SHANGHAI))
    weekly = progress(store, week_unit)
    assert counted_ids(weekly, "Papers") == [inside] and len(weekly.days) == 7
    daily = progress(store, one_day)
    assert counted_ids(daily, "Papers") == [day_one]
    assert [d.day for d in daily.days] == [date(2022, 3, 8)] and daily.empty_days == ()


# --- counting: which items count ------------------------------------------------------------


def test_tags_count_in_any_case_singular_or_plural(store: Store) -> None:
    unit_id = make_unit(store)
    ids = [
        add(store, "a", tags=("paper",), done_at=at(2)),
        add(store, "b", tags=("Papers",), done_at=at(3)),
        add(store, "c", tags=("LECTURE",), done_at=at(4)),
        add(store, "d", tags=("lectures",), done_at=at(5)),
    ]
    add(store, "not a paper", tags=("paperwork",), done_at=at(2))
    result = progress(store, unit_id)
    assert counted_ids(result, "Papers") == ids[:2]
    assert counted_ids(result, "Lectures") == ids[2:]
    assert all(c.why == (CountReason.TAG,) for c in goal(result, "Papers").items)


def test_an_item_counts_for_one_goal_of_its_category(store: Store) -> None:
    unit_id = make_unit(store, "papers=2 SSL", "papers=1 RL")
    ssl, rl = (g.id for g in unit_by_number(store, 1).goals)
    ppo = add(store, "PPO paper", tags=("paper",), kind=ItemKind.PAPER, done_at=at(3))
    mae = add(store, "MAE paper", tags=("paper",), done_at=at(4))
    link_items(store, rl, [ppo])
    result = progress(store, unit_id)
    by_goal = {g.goal.id: [c.item_id for c in g.items] for g in result.goals}
    # PPO is linked to the RL goal: it counts there only. MAE, by its tag, counts once,
    # for the first Papers goal.
    assert by_goal == {ssl: [mae], rl: [ppo]}


def test_a_kind_mapped_to_the_category_counts(store: Store) -> None:
    unit_id = make_unit(store)
    paper = add(store, "Graves '12", kind=ItemKind.PAPER, done_at=at(3))
    add(store, "an experiment", kind=ItemKind.EXPERIMENT, done_at=at(3))
    result = progress(store, unit_id)
    assert [(c.item_id, c.why) for c in goal(result, "Papers").items] == [
        (paper, (CountReason.KIND,))
    ]
    edit_category(store, category_named(store, "coding").id, kinds=["experiment"])
    assert len(goal(progress(store, unit_id), "Coding").items) == 1


def test_a_linked_item_counts_once_with_every_reason(store: Store) -> None:
    unit_id = make_unit(store)
    math_goal = goal(progress(store, unit_id), "Math").goal
    plain = add(store, "section 2.1", done_at=at(4))
    tagged = add(store, "section 2.2", tags=("math",), done_at=at(6))
    link_items(store, math_goal.id, [plain, tagged])
    items = goal(progress(store, unit_id), "Math").items
    assert [(c.item_id, c.why) for c in items] == [
        (plain, (CountReason.LINKED,)),
        (tagged, (CountReason.LINKED, CountReason.TAG)),
    ]
    assert goal(progress(store, unit_id), "Math").achieved == 2


def test_unfinished_trashed_and_outside_items_do_not_count(store: Store) -> None:
    unit_id = make_unit(store)
    add(store, "not done", tags=("paper",))
    trashed = add(store, "trashed", tags=("paper",), done_at=at(3))
    trash_item(store, trashed, now=at(4))
    add(store, "Feb 27", tags=("lecture",), done_at=datetime(2022, 2, 27, 20, tzinfo=SHANGHAI))
    reopened = add(store, "reopened", tags=("paper",), done_at=at(3))
    set_completed(store, reopened, False, now=at(5))
    result = progress(store, unit_id)
    assert all(g.counted == 0 for g in result.goals)
    assert all(d.empty for d in result.days)


def test_a_paper_counts_on_the_day_it_reaches_its_chosen_pass_done_or_not(
    store: Store,
) -> None:
    unit_id = make_unit(store)
    # Read to its target (2) on day 3, ticked done on day 6: it counts on day 3.
    second = add(store, "read twice", kind=ItemKind.PAPER)
    edit_item(store, second, ItemPatch(reading_pass=1, target_pass=2), now=at(2))
    edit_item(store, second, ItemPatch(reading_pass=2), now=at(3))
    set_completed(store, second, True, now=at(6))
    # No target: read to the last pass, never ticked done.
    reached_not_done = add(store, "read, not completed", kind=ItemKind.PAPER)
    edit_item(store, reached_not_done, ItemPatch(reading_pass=3), now=at(5))
    # Short of its chosen pass: not yet.
    started = add(store, "first pass only", kind=ItemKind.PAPER)
    edit_item(store, started, ItemPatch(reading_pass=2), now=at(4))
    papers = goal(progress(store, unit_id), "Papers")
    assert [(c.item_id, c.day, c.on, c.reading_pass, c.chosen_pass) for c in papers.items] == [
        (second, date(2022, 2, 3), CountedOn.PASS, 2, 2),
        (reached_not_done, date(2022, 2, 5), CountedOn.PASS, 3, 3),
    ]
    # The day a pass was reached is kept: reading the third later changes nothing here.
    edit_item(store, second, ItemPatch(reading_pass=3), now=at(8))
    assert goal(progress(store, unit_id), "Papers").items[0].day == date(2022, 2, 3)
    # Lowering a pass forgets it: read again, it is reached anew.
    edit_item(store, reached_not_done, ItemPatch(reading_pass=2), now=at(7))
    edit_item(store, reached_not_done, ItemPatch(reading_pass=3), now=at(9))
    papers = goal(progress(store, unit_id), "Papers")
    assert [(c.item_id, c.day) for c in papers.items] == [
        (second, date(2022, 2, 3)),
        (reached_not_done, date(2022, 2, 9)),
    ]


def test_a_paper_ticked_done_short_of_its_pass_counts_on_the_day_it_was_ticked(
    store: Store,
) -> None:
    unit_id = make_unit(store)
    skimmed = add(store, "skimmed", kind=ItemKind.PAPER, tags=("paper",))
    edit_item(store, skimmed, ItemPatch(reading_pass=1, target_pass=2), now=at(2))
    set_completed(store, skimmed, True, now=at(2))
    no_target = add(store, "no passes kept", kind=ItemKind.PAPER, done_at=at(4))
    papers = goal(progress(store, unit_id), "Papers")
    assert [(c.item_id, c.day, c.on, c.reading_pass, c.chosen_pass) for c in papers.items] == [
        (skimmed, date(2022, 2, 2), CountedOn.COMPLETED, 1, 2),
        (no_target, date(2022, 2, 4), CountedOn.COMPLETED, 0, 3),
    ]
    assert papers.counted == 2
    # Reaching the chosen pass later does not count it again, nor move its day.
    edit_item(store, skimmed, ItemPatch(reading_pass=2), now=at(8))
    papers = goal(progress(store, unit_id), "Papers")
    assert [(c.item_id, c.day) for c in papers.items] == [
        (skimmed, date(2022, 2, 2)),
        (no_target, date(2022, 2, 4)),
    ]


def test_a_paper_counts_in_the_unit_of_its_earlier_day(store: Store) -> None:
    first = make_unit(store)
    second, _ = create_unit(store, now=CREATED, goals=[parse_goal_spec("papers=1")])
    paper = add(store, "read in unit 1, ticked in unit 2", kind=ItemKind.PAPER)
    edit_item(store, paper, ItemPatch(reading_pass=2, target_pass=2), now=at(9))
    set_completed(store, paper, True, now=datetime(2022, 2, 12, 9, tzinfo=SHANGHAI))
    assert [c.item_id for c in goal(progress(store, first), "Papers").items] == [paper]
    later = unit_progress(store, second.id, tz=SHANGHAI)
    assert goal(later, "Papers").items == ()
    # Its completion is still activity on the day it happened, not a count.
    assert next(d for d in later.days if d.day == date(2022, 2, 12)).completed_items == 1


def test_a_pass_read_is_activity_on_its_day(store: Store) -> None:
    unit_id = make_unit(store)
    paper = add(store, "MAE", kind=ItemKind.PAPER)
    set_reading_pass(store, paper, 1, now=at(3))
    days = {d.day: d for d in progress(store, unit_id).days}
    assert days[date(2022, 2, 3)].passes_read == 1 and not days[date(2022, 2, 3)].empty
    assert date(2022, 2, 3) not in progress(store, unit_id).empty_days


def test_manual_adjustments_are_shown_apart(store: Store) -> None:
    unit_id = make_unit(store)
    add(store, "a", tags=("lecture",), done_at=at(2))
    lectures = goal(progress(store, unit_id), "Lectures").goal
    adjusted, changes = set_adjustment(store, lectures.id, 2)
    assert changes.units and adjusted.adjustment == 2
    result = goal(progress(store, unit_id), "Lectures")
    assert (result.counted, result.goal.adjustment, result.achieved, result.met) == (1, 2, 3, True)
    set_adjustment(store, lectures.id, -5)
    result = goal(progress(store, unit_id), "Lectures")
    assert (result.counted, result.achieved) == (1, 0)
    with pytest.raises(InvalidInput, match="adjustment"):
        set_adjustment(store, lectures.id, 5000)


def test_met_and_stretch(store: Store) -> None:
    unit_id = make_unit(store, "papers=2..3")
    for day in (2, 3):
        add(store, f"paper {day}", tags=("paper",), done_at=at(day))
    papers = goal(progress(store, unit_id), "Papers")
    assert papers.met and not papers.stretch_met
    add(store, "third", tags=("paper",), done_at=at(4))
    assert goal(progress(store, unit_id), "Papers").stretch_met


# --- counting: the log ----------------------------------------------------------------------


def test_tagged_log_entries_count(store: Store) -> None:
    unit_id = make_unit(store)
    watched = log(store, date(2022, 2, 1), "watched NYU 5L on EBMs #lecture")
    ranged = log(store, date(2022, 1, 28), "#Lectures binge", end_day=date(2022, 2, 2))
    log(store, date(2022, 1, 20), "#lecture long before", end_day=date(2022, 1, 31))
    log(store, date(2022, 2, 11), "#lecture the day after")
    log(store, date(2022, 2, 3), "Completed: NYU 6 #lecture", source="auto")
    log(store, date(2022, 2, 4), "just notes, no tag")
    headed = log(store, date(2022, 2, 5), "\n  second half of 6L\n", heading="NYU #lecture day")
    lectures = goal(progress(store, unit_id), "Lectures")
    assert [e.entry_id for e in lectures.entries] == [ranged, watched, headed]
    assert lectures.entries[1].text == "watched NYU 5L on EBMs #lecture"
    assert lectures.entries[2].text == "second half of 6L"  # the body speaks first
    assert lectures.counted == 3 and lectures.items == ()


def test_activity_per_day_and_empty_days(store: Store) -> None:
    unit_id = make_unit(store)
    add(store, "5L", tags=("lecture",), done_at=at(1, 21))
    add(store, "5.1", tags=("lecture",), done_at=at(2, 20))
    add(store, "5.2", tags=("lecture",), done_at=at(2, 22))
    add(store, "untagged work", done_at=at(3))
    log(store, date(2022, 2, 4), "thinking about EBMs", end_day=date(2022, 2, 5))
    log(store, date(2022, 2, 6), "   ")
    log(store, date(2022, 2, 6), "auto", source="auto")
    result = progress(store, unit_id)
    assert [(d.completed_items, d.log_entries) for d in result.days[:6]] == [
        (1, 0),
        (2, 0),
        (1, 0),
        (0, 1),
        (0, 1),
        (0, 0),
    ]
    assert result.empty_days == tuple(date(2022, 2, d) for d in range(6, 11))
    ongoing = unit_progress(store, unit_id, tz=SHANGHAI, today=date(2022, 2, 7))
    assert ongoing.empty_days == (date(2022, 2, 6), date(2022, 2, 7))


# --- the unit's board cards ---------------------------------------------------------------


def test_board_cards_that_belong_to_the_unit(store: Store) -> None:
    unit_id = make_unit(store)
    w05, w06, w10 = Week(2022, 5), Week(2022, 6), Week(2022, 10)  # Jan 31 - Feb 13; March
    planned = add(store, "planned in week 5", week=w05)
    later_week = add(store, "week 6 card", week=w06)
    far = add(store, "far away", week=w10)
    linked = add(store, "linked, in March", week=w10)
    link_items(store, goal(progress(store, unit_id), "Math").goal.id, [linked])
    done_in_unit = add(store, "done in unit", week=w10, done_at=at(3))
    off_board = add(store, "not on a board", tags=("paper",), done_at=at(3))
    trashed = add(store, "trashed", week=w05)
    trash_item(store, trashed, now=at(3))
    cards = [c.id for c in progress(store, unit_id).cards]
    assert cards == [planned, later_week, linked, done_in_unit]
    assert far not in cards and off_board not in cards
    assert progress(store, unit_id).cards[-1].placement is not None
    assert progress(store, unit_id).cards[-1].placement.column is Column.DONE  # type: ignore[union-attr]


def test_a_closed_units_goals_cannot_change(store: Store) -> None:
    from app.services.unit_review import review_unit

    unit_id = make_unit(store, "papers=1")
    goal_id = unit_by_number(store, 1).goals[0].id
    review_unit(store, unit_id, reflection="ok", tz=SHANGHAI, now=at(11))
    item = add(store, "late")
    for attempt in (
        lambda: set_adjustment(store, goal_id, 1),
        lambda: edit_goal(store, goal_id, target=2),
        lambda: link_items(store, goal_id, [item]),
        lambda: remove_goal(store, goal_id),
        lambda: add_goal(store, unit_id, parse_goal_spec("math=1")),
        lambda: edit_unit(store, unit_id, days=5),
    ):
        with pytest.raises(InvalidInput, match="reviewed"):
            attempt()
    renamed, _ = edit_unit(store, unit_id, title="A lost month")
    assert renamed.title == "A lost month"


def test_reads_join_a_transaction_already_open(store: Store) -> None:
    make_unit(store, "papers=1")
    with store.raw_write() as conn:
        conn.execute("UPDATE study_units SET title = 'renamed'")
        # Seen from inside the transaction, before it commits.
        assert [u.title for u in list_units(store)] == ["renamed"]
        assert conn.in_transaction
    assert unit_by_number(store, 1).title == "renamed"
    assert not store.raw.in_transaction
