"""Saving the item editor: every change the form holds, as one use case.

The editor turns what differs between its form and what it loaded into an `EditPlan`;
`apply_edit` writes it in one transaction, so it is saved whole or not at all, and one
undo step takes it back (subtasks it created, the repeat rule and reminders included).
Only the fields that differ are written: a change made elsewhere to another field while
the editor was open survives.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.entities import ItemDraft, ItemPatch
from app.domain.reminders import ReminderSpec
from app.domain.repeats import Repeat
from app.services.item_details import set_links, set_pass_notes
from app.services.items import create_item
from app.services.reminders import remove_reminders, set_reminder
from app.services.repeats import set_repeat
from app.services.use_case import use_case
from app.store.db import Store


class RepeatChange(NamedTuple):
    """The repeat rule the item gets: None, it stops repeating."""

    repeat: Repeat | None


class EditPlan(NamedTuple):
    """What Save writes; empty parts are left alone."""

    patch: ItemPatch | None = None  # the item's own fields
    links: tuple[tuple[str, str], ...] | None = None  # (url, title), replacing all
    pass_notes: tuple[tuple[int, str], ...] = ()  # (pass 1-3, notes); "" removes them
    new_subtasks: tuple[str, ...] = ()  # titles of children to create, in order
    completions: tuple[tuple[int, bool], ...] = ()  # (child id, done)
    repeat: RepeatChange | None = None  # None: the repeat rule is left alone
    removed_reminders: tuple[int, ...] = ()  # ids of the item's reminders to remove
    new_reminders: tuple[ReminderSpec, ...] = ()  # reminders to add, in order

    @property
    def empty(self) -> bool:
        return self == EditPlan()


@use_case
def apply_edit(store: Store, item_id: int, plan: EditPlan, *, now: datetime) -> Changes:
    """Apply `plan` to item `item_id`, all of it or (when a service refuses) none of it.
    New subtasks go last under the item, in the order given."""
    # The ORM services load SQLAlchemy; the editor imports this module when it opens.
    from app.services.item_edits import edit_item, set_completed
    from app.services.tree import move_in_tree

    changes = Changes(items=frozenset({item_id}))
    had_reminders = _reminder_ids(store, item_id)
    if plan.links is not None:  # first: it checks every URL before writing
        changes |= set_links(store, item_id, plan.links, now=now)
    if plan.patch is not None:
        changes |= edit_item(store, item_id, plan.patch, now=now)[1]
    for pass_, notes in plan.pass_notes:
        changes |= set_pass_notes(store, item_id, pass_, notes, now=now)
    for title in plan.new_subtasks:
        record, made = create_item(store, ItemDraft(title, parent_id=item_id), now=now)
        changes |= made
        changes |= move_in_tree(store, record.id, parent_id=item_id, before_id=None, now=now)
    for child_id, done in plan.completions:
        changes |= set_completed(store, child_id, done, now=now)[1]
    if plan.repeat is not None:  # after the due date: the rule counts from it
        changes |= set_repeat(store, item_id, plan.repeat.repeat, now=now)[1]
    return changes | _apply_reminders(store, item_id, plan, had_reminders, now=now)


def _apply_reminders(
    store: Store, item_id: int, plan: EditPlan, had: set[int], *, now: datetime
) -> Changes:
    """Remove and add the reminders the form says, after the due date and the repeat
    rule are written: relative ones count from them. An item given a due date in this
    edit together with reminders of its own gets only those, not the default as well
    (as a capture line with `remind …` does)."""
    changes = Changes()
    removed = set(plan.removed_reminders)
    if plan.new_reminders:
        removed |= _reminder_ids(store, item_id) - had  # defaults this edit gave
    if removed:
        changes |= remove_reminders(store, item_id, sorted(removed))[1]
    for spec in plan.new_reminders:
        changes |= set_reminder(store, item_id, spec, now=now)[1]
    return changes


def _reminder_ids(store: Store, item_id: int) -> set[int]:
    rows = store.raw.execute("SELECT id FROM reminders WHERE item_id = ?", (item_id,))
    return {int(row[0]) for row in rows}
