"""A review put off with Later: what was typed and chosen, kept for the session.

The Units page owns the drafts (one per unit) and hands them to each review dialog it
opens, so reopening a review brings back the reflection, the rating, the decisions and
the next unit's goals. They live in memory only: nothing is written before the review
is completed.
"""

from __future__ import annotations

from typing import NamedTuple

from app.domain.units import ReviewDecision
from app.services.unit_forms import GoalDraft


class ReviewDraft(NamedTuple):
    reflection: str
    rating: int | None
    decisions: dict[int, ReviewDecision]  # by item id
    goal_ids: tuple[int, ...]  # the unit's goals when it was written: origins refer to them
    next_goals: tuple[GoalDraft, ...] | None  # None: the next unit existed already


ReviewDrafts = dict[int, ReviewDraft]  # by unit id
