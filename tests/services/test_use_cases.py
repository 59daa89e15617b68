"""Every multi-step use case is one transaction: a failure part-way writes nothing.

Each test lets the first steps run, makes a later one fail, and compares the whole
store before and after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest

from app.domain.changes import Changes
from app.domain.entities import ItemDraft, ItemPatch
from app.domain.errors import InvalidInput
from app.domain.reminders import ReminderSpec
from app.domain.repeats import Repeat
from app.domain.units import GoalSpec, ReviewDecision
from app.services import goal_categories, item_edit_plan, unit_forms, unit_records, units
from app.services.item_edit_plan import EditPlan, RepeatChange, apply_edit
from app.services.items import create_item
from app.services.reminders import reminders_of, set_reminder
from app.services.unit_forms import CategoryDraft, GoalDraft
from app.store.db import Store
from tests.conftest import NOW, TZ
from tests.services.undo_harness import document

START = NOW.date() - timedelta(days=12)


def failing(calls: list[str], name: str) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        calls.append(name)
        raise InvalidInput(f"{name} refused")

    return fail


def refused_without_a_trace(store: Store, run: Callable[[], object]) -> None:
    before = document(store)
    feed = store.raw.execute("SELECT COUNT(*) FROM change_log").fetchone()[0]
    with pytest.raises(InvalidInput, match="refused"):
        run()
    assert document(store) == before
    assert store.raw.execute("SELECT COUNT(*) FROM change_log").fetchone()[0] == feed


def paper(store: Store, title: str = "paper") -> int:
    return create_item(store, ItemDraft(title=title), now=NOW)[0].id


def test_the_item_editor_save(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    item = paper(store)
    calls: list[str] = []
    monkeypatch.setattr(item_edit_plan, "set_pass_notes", failing(calls, "pass notes"))
    plan = EditPlan(
        patch=ItemPatch(title="renamed"),
        links=(("https://arxiv.org/abs/2111.06377", "MAE"),),
        pass_notes=((1, "skimmed"),),
        new_subtasks=("first part",),
    )
    refused_without_a_trace(store, lambda: apply_edit(store, item, plan, now=NOW))
    assert calls == ["pass notes"]  # the links and the fields had been written


def test_the_item_editor_save_with_a_repeat_and_reminders(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = paper(store)
    set_reminder(store, item, ReminderSpec.absolute(datetime(2026, 12, 1, 9, 0)), now=NOW)
    calls: list[str] = []
    monkeypatch.setattr(item_edit_plan, "set_reminder", failing(calls, "new reminder"))
    plan = EditPlan(
        patch=ItemPatch(due_date=NOW.date() + timedelta(days=3), due_time=time(15, 0)),
        repeat=RepeatChange(Repeat("FREQ=WEEKLY;BYDAY=MO")),
        removed_reminders=tuple(row.id for row in reminders_of(store, item)),
        new_reminders=(ReminderSpec.before_due(30),),
    )
    refused_without_a_trace(store, lambda: apply_edit(store, item, plan, now=NOW))
    # The due date, the rule and the removal had been written when the new one failed.
    assert calls == ["new reminder"]


def test_a_new_unit_with_its_goals(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    item = paper(store)
    calls: list[str] = []
    monkeypatch.setattr(unit_forms, "set_adjustment", failing(calls, "adjustment"))
    drafts = [
        GoalDraft(None, "papers", target=2, items=(item,)),
        GoalDraft(None, "math", target=1, adjustment=1),
    ]
    refused_without_a_trace(
        store,
        lambda: unit_forms.save_new_unit(
            store, now=NOW, start=START, days=10, title="", drafts=drafts
        ),
    )
    assert calls == ["adjustment"]


def test_a_unit_and_its_goals_edited(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    unit, _ = units.create_unit(
        store, now=NOW, start=START, goals=[GoalSpec("papers", 2), GoalSpec("math", 1)]
    )
    item = paper(store)
    calls: list[str] = []
    monkeypatch.setattr(unit_forms, "link_items", failing(calls, "link"))
    drafts = [
        GoalDraft.of(unit.goals[0])._replace(target=3, items=(item,)),
        GoalDraft(None, "coding", target=2),
    ]
    refused_without_a_trace(
        store,
        lambda: unit_forms.save_unit(
            store, unit.id, title="Unit 1: papers", start=START, days=9, drafts=drafts
        ),
    )
    assert calls == ["link"]  # the title, the days, the removed and edited goals were written


def test_the_goal_categories(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    records = goal_categories.list_categories(store)
    original = {r.id: CategoryDraft.of(r) for r in records}
    calls: list[str] = []
    monkeypatch.setattr(unit_forms, "add_category", failing(calls, "add"))
    drafts = [
        original[records[0].id]._replace(name="Talks"),
        *[original[r.id] for r in records[1:-1]],  # the last one removed
        CategoryDraft(None, "Reading group", "#123456", ("paper",)),
    ]
    refused_without_a_trace(store, lambda: unit_forms.save_categories(store, drafts, original))
    assert calls == ["add"]


def test_a_review_with_the_next_units_goals(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    unit, _ = units.create_unit(store, now=NOW, start=START, goals=[GoalSpec("papers", 2)])
    item = paper(store, "to carry")
    units.link_items(store, unit.goals[0].id, [item])
    calls: list[str] = []
    monkeypatch.setattr(unit_forms, "add_goal", failing(calls, "next goals"))
    next_goals = [GoalDraft.of(unit.goals[0], origin=0), GoalDraft(None, "math", target=1)]
    refused_without_a_trace(
        store,
        lambda: unit_forms.complete_review(
            store,
            unit.id,
            reflection="a good unit",
            rating=4,
            decisions={item: ReviewDecision.CARRY},
            next_goals=next_goals,
            tz=TZ,
            now=NOW,
        ),
    )
    assert calls == ["next goals"]  # the review itself, and the next unit, had been made


def test_a_use_case_inside_another_rolls_back_only_its_own_part(store: Store) -> None:
    """Savepoints: a caller that catches a refusal keeps what it wrote itself."""
    unit, _ = units.create_unit(store, now=NOW, start=START, goals=[GoalSpec("papers", 2)])
    with store.raw_write():
        units.edit_unit(store, unit.id, title="Kept")
        with pytest.raises(InvalidInput):
            unit_forms.save_goals(store, unit.id, [GoalDraft(None, "papers", target=0)])
        store.publish(Changes(units=frozenset({unit.id})))
    saved = unit_records.get_unit(store, unit.id)
    assert saved.title == "Kept" and [g.target for g in saved.goals] == [2]


def test_the_capture_popups_save(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.domain.quick_capture import read_line
    from app.services import item_details
    from app.services.quick_capture import save_line

    calls: list[str] = []
    monkeypatch.setattr(item_details, "set_links", failing(calls, "links"))
    line = read_line("Masked autoencoders https://arxiv.org/abs/2111.06377 ^week", NOW)
    refused_without_a_trace(store, lambda: save_line(store, line, now=NOW))
    assert calls == ["links"]  # the item and its card had been written
