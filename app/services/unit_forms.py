"""What the unit dialogs save, each as one use case: a unit with its goals, the goal
categories, a unit's review with the next unit's goals.

A dialog holds drafts and writes nothing; on OK it hands them here. Each function is one
transaction (the services it calls join it), so a refusal part-way leaves nothing
written, and one undo step takes the whole save back. The drafts and their checks are
plain data, shared by any front end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.units import (
    MAX_GOAL_COUNT,
    GoalMeasure,
    GoalSpec,
    ReviewDecision,
    check_category_name,
    check_counts,
    find_category,
    same_name,
)
from app.services.goal_categories import (
    CategoryRecord,
    add_category,
    edit_category,
    remove_category,
)
from app.services.unit_records import GoalRecord, UnitRecord, get_unit
from app.services.unit_review import ReviewResult, review_unit
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
from app.services.use_case import use_case
from app.store.db import Store


class GoalDraft(NamedTuple):
    goal_id: int | None  # None: a goal to add
    category: str
    description: str = ""
    target: int = 1
    stretch: int | None = None
    adjustment: int = 0
    items: tuple[int, ...] = ()
    origin: int | None = None  # the row of the goal it was copied from, in a review
    measure: GoalMeasure = GoalMeasure.ITEMS  # minutes: target and stretch in minutes

    @classmethod
    def of(cls, goal: GoalRecord, origin: int | None = None) -> GoalDraft:
        return cls(
            goal_id=goal.id,
            category=goal.category,
            description=goal.description,
            target=goal.target,
            stretch=goal.stretch,
            adjustment=goal.adjustment,
            items=goal.item_ids,
            origin=origin,
            measure=goal.measure,
        )

    @property
    def spec(self) -> GoalSpec:
        return GoalSpec(
            self.category,
            self.target,
            self.stretch,
            " ".join(self.description.split()),
            self.measure,
        )


def goal_problems(drafts: Sequence[GoalDraft], categories: Sequence[str]) -> list[str]:
    """What is wrong with the drafts, one sentence each, naming the row."""
    problems = []
    for row, draft in enumerate(drafts, start=1):
        if find_category(draft.category, categories) is None:
            known = ", ".join(categories)
            problems.append(f"Goal {row}: choose a category ({known}).")
        if draft.measure is GoalMeasure.MINUTES:
            try:
                check_counts(draft.target, draft.stretch, draft.measure)
            except InvalidInput as error:
                problems.append(f"Goal {row}: {error}")
            continue
        if not 1 <= draft.target <= MAX_GOAL_COUNT:
            problems.append(f"Goal {row}: the target is 1 to {MAX_GOAL_COUNT}.")
        if draft.stretch is not None and draft.stretch <= draft.target:
            problems.append(
                f"Goal {row}: the stretch ({draft.stretch}) must be more than the target "
                f"({draft.target}), or left empty."
            )
    return problems


class CategoryDraft(NamedTuple):
    category_id: int | None  # None: to add
    name: str
    color: str
    kinds: tuple[str, ...]

    @classmethod
    def of(cls, record: CategoryRecord) -> CategoryDraft:
        return cls(record.id, record.name, record.color, record.kinds)


def category_problems(drafts: Sequence[CategoryDraft]) -> list[str]:
    problems = []
    for n, draft in enumerate(drafts):
        try:
            name = check_category_name(draft.name)
        except InvalidInput:
            problems.append(f"Category {n + 1}: a name is 1 to 64 characters, without '='.")
            continue
        for other in drafts[:n]:
            if same_name(name, other.name):
                problems.append(
                    f"'{name}' and '{other.name}' would be the same category "
                    "(names match in any case, singular or plural)."
                )
    return problems


# --- saving ----------------------------------------------------------------------------------


@use_case
def save_goals(store: Store, unit_id: int, drafts: Sequence[GoalDraft]) -> Changes:
    """Make an open unit's goals what the drafts say: remove, edit, add, link, adjust."""
    unit = get_unit(store, unit_id)
    existing = {goal.id: goal for goal in unit.goals}
    kept = {d.goal_id for d in drafts if d.goal_id is not None}
    changes = Changes(units=frozenset({unit.id}))
    for goal_id in existing.keys() - kept:
        changes |= remove_goal(store, goal_id)
    for draft in drafts:
        linked: tuple[int, ...]
        if draft.goal_id is None or draft.goal_id not in existing:
            goal, made = add_goal(store, unit.id, draft.spec)
            changes |= made
            goal_id, linked, adjustment = goal.id, (), 0
        else:
            goal = existing[draft.goal_id]
            goal_id, linked, adjustment = goal.id, goal.item_ids, goal.adjustment
            if GoalDraft.of(goal).spec != draft.spec:
                spec = draft.spec
                changes |= edit_goal(
                    store, goal_id, category=spec.category, description=spec.description,
                    target=spec.target, stretch=spec.stretch, clear_stretch=spec.stretch is None,
                )[1]  # fmt: skip
        added = [i for i in draft.items if i not in linked]
        gone = [i for i in linked if i not in draft.items]
        if added:
            changes |= link_items(store, goal_id, added)[1]
        if gone:
            changes |= unlink_items(store, goal_id, gone)[1]
        if draft.adjustment != adjustment:
            changes |= set_adjustment(store, goal_id, draft.adjustment)[1]
    return changes


@use_case
def save_new_unit(
    store: Store,
    *,
    now: datetime,
    start: date,
    days: int,
    title: str,
    drafts: Sequence[GoalDraft],
) -> tuple[UnitRecord, Changes]:
    """A new unit with its goals, their linked items and adjustments."""
    unit, changes = create_unit(
        store, now=now, start=start, days=days, title=title or None,
        goals=[d.spec for d in drafts],
    )  # fmt: skip
    for goal, draft in zip(unit.goals, drafts, strict=True):
        if draft.items:
            changes |= link_items(store, goal.id, draft.items)[1]
        if draft.adjustment:
            changes |= set_adjustment(store, goal.id, draft.adjustment)[1]
    return get_unit(store, unit.id), changes


@use_case
def save_unit(
    store: Store,
    unit_id: int,
    *,
    title: str,
    start: date,
    days: int,
    drafts: Sequence[GoalDraft],
) -> tuple[UnitRecord, Changes]:
    """A unit's title, days and goals as the dialog has them. A reviewed unit keeps its
    days and goals; only its title changes."""
    unit = get_unit(store, unit_id)
    if unit.closed:
        return edit_unit(store, unit.id, title=title)
    edited, changes = edit_unit(store, unit.id, title=title, start=start, days=days)
    changes |= save_goals(store, unit.id, drafts)
    return get_unit(store, edited.id), changes


@use_case
def save_categories(
    store: Store,
    drafts: Sequence[CategoryDraft],
    original: Mapping[int, CategoryDraft],
) -> Changes:
    """Make the goal categories what the drafts say: the ones dropped removed (each
    refuses while a goal uses it), the changed ones edited, the new ones added."""
    kept = {d.category_id for d in drafts if d.category_id is not None}
    changes = Changes()
    for category_id in [i for i in original if i not in kept]:
        changes |= remove_category(store, category_id)
    for draft in drafts:
        if draft.category_id is None:
            continue
        before = original[draft.category_id]
        if draft == before:
            continue
        changes |= edit_category(
            store,
            draft.category_id,
            name=draft.name if draft.name != before.name else None,
            color=draft.color if draft.color != before.color else None,
            kinds=draft.kinds if draft.kinds != before.kinds else None,
        )[1]
    for draft in drafts:
        if draft.category_id is None:
            changes |= add_category(store, draft.name, color=draft.color, kinds=draft.kinds)[1]
    return changes


@use_case
def complete_review(
    store: Store,
    unit_id: int,
    *,
    reflection: str,
    rating: int | None,
    decisions: Mapping[int, ReviewDecision],
    next_goals: Sequence[GoalDraft] | None,
    early: bool = False,
    tz: tzinfo,
    now: datetime,
) -> tuple[ReviewResult, Changes]:
    """Review a unit and, when the review made the next unit, give it the goals the
    review set (`next_goals`: drafts whose `origin` is the row of the reviewed unit's goal
    they continue, so the goals the review copied keep their links)."""
    result, changes = review_unit(
        store, unit_id, reflection=reflection, rating=rating, decisions=decisions,
        early=early, tz=tz, now=now,
    )  # fmt: skip
    if result.created_next and next_goals is not None:
        copied = result.next_unit.goals
        wanted = [
            d._replace(goal_id=copied[d.origin].id, items=copied[d.origin].item_ids)
            if d.origin is not None and d.origin < len(copied)
            else d._replace(goal_id=None, items=(), adjustment=0)
            for d in next_goals
        ]
        changes |= save_goals(store, result.next_unit.id, wanted)
        result = result._replace(next_unit=get_unit(store, result.next_unit.id))
    return result, changes
