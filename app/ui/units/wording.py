"""How units, goals and days are written in the window: one wording for the view, the
review and the history."""

from __future__ import annotations

from datetime import date

from app.domain.units import ReviewDecision, goal_amount_text
from app.domain.words import relative_day
from app.services.unit_progress import CountedItem, CountedOn, GoalProgress
from app.services.unit_records import GoalRecord, UnitRecord
from app.services.unit_review import ReviewResult
from app.ui.wording import short_day

DECISION_LABELS = {
    ReviewDecision.CARRY: "Carry",
    ReviewDecision.BACKLOG: "Backlog",
    ReviewDecision.DROP: "Drop",
}
DECISION_HINTS = {
    ReviewDecision.CARRY: "linked to the same goal of the next unit",
    ReviewDecision.BACKLOG: "off the board, back to the backlog",
    ReviewDecision.DROP: "to the trash (it can be restored)",
}
REASON_LABELS = {"linked": "linked", "tag": "tag", "kind": "kind"}


def counted_meta(item: CountedItem) -> str:
    """What a counted item's line says on its right: the day it counts on and why (the
    rules that matched); for a paper, its pass against the chosen one."""
    why = ", ".join(REASON_LABELS.get(reason.value, reason.value) for reason in item.why)
    meta = f"{short_day(item.day)} · {why}"
    if item.chosen_pass is not None:
        meta += f" · pass {item.reading_pass}/{item.chosen_pass}"
    return meta


def counted_tip(item: CountedItem) -> str:
    """The tooltip of a counted item: its title and what put it on its day."""
    day = short_day(item.day)
    if item.chosen_pass is None:
        return f"{item.title}\nCompleted {day}."
    if item.on is CountedOn.PASS:
        return f"{item.title}\nReached its chosen pass ({item.chosen_pass}) {day}."
    return f"{item.title}\nCompleted {day}; read to pass {item.reading_pass} of {item.chosen_pass}."


def span_text(unit: UnitRecord) -> str:
    """`1 – 10 February 2022`, or across months `28 Jan – 6 Feb 2022`."""
    first, last = unit.start, unit.last
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} – {last.day} {last:%B %Y}"


def days_text(unit: UnitRecord, today: date) -> str:
    """Where `today` stands in the unit: `day 4 of 10 · 6 days left`."""
    span = unit.span
    if today < unit.start:
        # Counted down in days, "in 1 day" too, beside the unit's length in days.
        return f"starts {relative_day(unit.start, today, named=False)} · {unit.days} days"
    if today > unit.last:
        return f"{unit.days} days · ended {relative_day(unit.last, today)}"
    left = span.left(today)
    tail = "last day" if left == 0 else f"{left} day{'s' * (left != 1)} left"
    return f"day {span.elapsed(today)} of {unit.days} · {tail}"


def goal_range(goal: GoalRecord) -> str:
    """The target, with the stretch: `2`, `2–3`; in hours `6h`, `4h–6h`."""
    target = amount(goal, goal.target)
    return f"{target}–{amount(goal, goal.stretch)}" if goal.stretch is not None else target


def amount(goal: GoalRecord, value: int) -> str:
    """A count of the goal's measure: `3`, or `4h30m` for a goal in hours."""
    return goal_amount_text(value, goal.measure)


def achieved(goal: GoalProgress) -> int:
    """What the goal stands at: frozen at the review once the unit is closed."""
    frozen = goal.goal.achieved_at_review
    return frozen if frozen is not None else goal.achieved


def counted_text(goal: GoalProgress) -> str:
    """The achieved count, and the part of it added by hand: `3 (3 by hand)`."""
    record = goal.goal
    return f"{amount(record, achieved(goal))}{by_hand_text(record.adjustment, record)}"


def by_hand_text(adjustment: int, goal: GoalRecord | None = None) -> str:
    """` (2 by hand)` or ` (−1 by hand)` after an achieved count; "" when none."""
    if not adjustment:
        return ""
    size = abs(adjustment) if goal is None else amount(goal, abs(adjustment))
    return f" ({size if adjustment > 0 else f'−{size}'} by hand)"


def breakdown_text(goal: GoalProgress) -> str:
    """How the achieved count is made: `2 counted + 1 by hand = 3`; "" when nothing
    was added by hand and nothing is frozen."""
    record = goal.goal
    frozen = record.achieved_at_review
    adjustment = record.adjustment
    counted, now = amount(record, goal.counted), amount(record, goal.achieved)
    parts = []
    if adjustment:
        sign = "+" if adjustment > 0 else "−"
        parts.append(f"{counted} counted {sign} {amount(record, abs(adjustment))} by hand = {now}")
    if frozen is not None and frozen != goal.achieved:
        parts.append(f"{amount(record, frozen)} at the review (counted now: {now})")
    return " · ".join(parts)


def rating_text(rating: int | None) -> str:
    return "not rated" if rating is None else "★" * rating + "☆" * (5 - rating)


def review_summary(result: ReviewResult | None) -> str:
    """What a completed review did, for the status bar: `Reviewed unit 3 (2 carried,
    1 dropped). Unit 4 starts Tue 3 Feb.`"""
    if result is None:
        return ""
    parts = []
    for count, words in (
        (len(result.carried), "carried"),
        (len(result.backlogged), "back to the backlog"),
        (len(result.dropped), "dropped"),
    ):
        if count:
            parts.append(f"{count} {words}")
    decided = f" ({', '.join(parts)})" if parts else ""
    nxt = result.next_unit
    return (
        f"Reviewed unit {result.unit.number}{decided}. {nxt.title} starts {short_day(nxt.start)}."
    )
