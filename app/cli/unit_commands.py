"""`rizhi unit`: study units from the terminal (docs/units.md). The arguments each
command takes are in app/cli/unit_parser.py.

Imported only when `rizhi unit` runs: `rizhi add` never pays for it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, time, tzinfo

from app.cli.common import EXIT_OK, LARGEST_NUMBER, now, open_store
from app.cli.output import print_json
from app.config.zone import local_zone
from app.domain.errors import InvalidInput
from app.domain.timebox import seconds_text
from app.domain.units import ReviewDecision, ReviewTooEarly, goal_amount_text, parse_goal_spec
from app.services.goal_categories import (
    CategoryRecord,
    add_category,
    category_named,
    edit_category,
    list_categories,
    remove_category,
)
from app.services.unit_progress import (
    CountedItem,
    CountedOn,
    GoalProgress,
    UnitProgress,
    unit_progress,
)
from app.services.unit_records import (
    GoalRecord,
    UnitRecord,
    current_unit,
    list_units,
    unit_by_number,
)
from app.services.unit_review import (
    DueReview,
    PastDecision,
    ReviewResult,
    UnfinishedItem,
    achievement_history,
    review_decisions,
    review_due,
    review_unit,
    unfinished_items,
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

# --- the clock and the zone ---------------------------------------------------------------


def _today(tz: tzinfo) -> date:
    return now().astimezone(tz).date()


def _date(text: str) -> date:
    from app.domain.dates import parse_date_phrase

    return parse_date_phrase(text, now()).date


def _unit(store: Store, which: str, today: date) -> UnitRecord:
    if which == "current":
        return current_unit(store, today=today)
    # isdigit() alone takes "²" and other digits int() cannot read.
    if not (which.isascii() and which.isdigit()) or int(which) > LARGEST_NUMBER:
        raise InvalidInput(f"'{which}' is not a unit; give its number or 'current'.")
    return unit_by_number(store, int(which))


# --- printing -----------------------------------------------------------------------------


def _range(goal: GoalRecord) -> str:
    """`2..3`, or in hours `4h..6h`."""
    target = goal_amount_text(goal.target, goal.measure)
    if goal.stretch is None:
        return target
    return f"{target}..{goal_amount_text(goal.stretch, goal.measure)}"


def _amount(goal: GoalRecord, value: int | None) -> str:
    return str(value) if value is None else goal_amount_text(value, goal.measure)


def _achieved(progress: GoalProgress) -> str:
    goal = progress.goal
    if goal.achieved_at_review is not None:
        return f"{_amount(goal, goal.achieved_at_review)} (at the review)"
    if goal.adjustment:
        sign = "+" if goal.adjustment > 0 else "-"
        by_hand = f"{sign} {_amount(goal, abs(goal.adjustment))} by hand"
        return f"{_amount(goal, progress.counted)} counted {by_hand} = " + _amount(
            goal, progress.achieved
        )
    return _amount(goal, progress.achieved)


def _mark(progress: GoalProgress) -> str:
    achieved = progress.goal.achieved_at_review
    if achieved is None:
        achieved = progress.achieved
    if progress.goal.stretch is not None and achieved >= progress.goal.stretch:
        return "  stretch met"
    return "  met" if achieved >= progress.goal.target else ""


def _state(unit: UnitRecord, today: date) -> str:
    if unit.closed_at is not None:
        return f"reviewed {unit.closed_at.astimezone():%Y-%m-%d}"
    if today < unit.start:
        days = (unit.start - today).days
        return f"starts in {days} day{'s' * (days != 1)}"
    if today > unit.last:
        return f"ended; review it with `rizhi unit review {unit.number} --reflection TEXT`"
    return f"day {unit.span.elapsed(today)} of {unit.days}, {unit.span.left(today)} left"


def _days_text(days: Sequence[date]) -> str:
    return ", ".join(f"{d:%m-%d}" for d in days) if days else "none"


def print_progress(
    progress: UnitProgress,
    unfinished: Sequence[UnfinishedItem],
    decisions: Sequence[PastDecision],
    today: date,
) -> None:
    unit = progress.unit
    print(unit.title)
    dates = f"{unit.start} to {unit.last} ({unit.days} days)"
    print(f"  unit {unit.number}: {dates}, {_state(unit, today)}")
    if unit.closed_at is not None and (unit.reflection or unit.rating):
        rating = f" (rated {unit.rating}/5)" if unit.rating else ""
        print(f"  reflection{rating}: {unit.reflection}")
    for goal in progress.goals:
        record = goal.goal
        about = f" - {record.description}" if record.description else ""
        print()
        print(
            f"{record.category}: {_achieved(goal)} of {_range(record)}{_mark(goal)}"
            f"   [goal {record.id}]{about}"
        )
        for item in goal.items:
            print(f"  {item.day:%m-%d}  {item.item_id:>5}  {item.title}  ({_why(item)})")
        for entry in goal.entries:
            print(f"  {entry.day:%m-%d}    log  {entry.text}")
        for spent in goal.timed:
            print(f"  {seconds_text(spent.seconds):>7}  {spent.item_id:>5}  {spent.title}")
        if not goal.counted:
            print("  nothing counted yet")
    print()
    print(f"Empty days: {_days_text(progress.empty_days)}")
    if decisions:
        print("Review decisions: " + "; ".join(_decision_text(d) for d in decisions))
    elif unfinished and not unit.closed:
        print("Linked, not done: " + ", ".join(f"{u.item.id} {u.item.title}" for u in unfinished))


def _why(item: CountedItem) -> str:
    """ "kind; reached pass 2" or "linked; completed, pass 1/2": why it counted and, for
    a paper, what put it on its day: reaching its chosen pass, or being completed (with
    its pass against the chosen one)."""
    why = ", ".join(reason.value for reason in item.why)
    if item.chosen_pass is None:
        return why
    if item.on is CountedOn.PASS:
        return f"{why}; reached pass {item.chosen_pass}"
    return f"{why}; completed, pass {item.reading_pass}/{item.chosen_pass}"


def _decision_text(past: PastDecision) -> str:
    return f"{past.decision.value} {past.item.id} {past.item.title}"


def progress_dict(
    progress: UnitProgress,
    unfinished: Sequence[UnfinishedItem],
    decisions: Sequence[PastDecision],
    today: date,
) -> dict[str, object]:
    return {
        **progress.to_dict(),
        "elapsed": progress.unit.span.elapsed(today),
        "left": progress.unit.span.left(today),
        "unfinished": [
            {"id": u.item.id, "title": u.item.title, "goals": list(u.goal_ids)} for u in unfinished
        ],
        "decisions": [
            {"id": d.item.id, "title": d.item.title, "decision": d.decision.value}
            for d in decisions
        ],
    }


def _goal_line(goal: GoalRecord, progress: GoalProgress | None) -> str:
    achieved = goal.achieved_at_review
    if achieved is None and progress is not None:
        achieved = progress.achieved
    return f"{goal.category} {_amount(goal, achieved)}/{_range(goal)}"


def _category_line(category: CategoryRecord) -> str:
    kinds = f"  kinds: {' '.join(category.kinds)}" if category.kinds else ""
    return f"{category.id:>3}  {category.name}  {category.color}{kinds}"


# --- commands -----------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    goals = [parse_goal_spec(text) for text in args.goal]
    start = _date(args.start) if args.start else None
    store = open_store()
    unit, _ = create_unit(
        store, now=now(), start=start, days=args.days, title=args.title, goals=goals
    )
    if args.json:
        print_json(unit.to_dict())
        return EXIT_OK
    print(f"Created {unit.title} ({unit.start} to {unit.last}).")
    for goal in unit.goals:
        about = f" - {goal.description}" if goal.description else ""
        print(f"  goal {goal.id}: {goal.category} {_range(goal)}{about}")
    if not unit.goals:
        print(f'Add goals with `rizhi unit goal add {unit.number} "papers=2..3 Read two papers"`.')
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    tz = local_zone()
    today = _today(tz)
    store = open_store()
    unit = _unit(store, args.which, today)
    progress = unit_progress(store, unit.id, tz=tz, today=today)
    unfinished = unfinished_items(store, unit.id)
    decisions = review_decisions(store, unit.id)
    if args.json:
        print_json(progress_dict(progress, unfinished, decisions, today))
    else:
        print_progress(progress, unfinished, decisions, today)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    tz = local_zone()
    today = _today(tz)
    store = open_store()
    units = list_units(store)
    progresses = [unit_progress(store, u.id, tz=tz, today=today) for u in units]
    if args.json:
        print_json([p.to_dict() for p in progresses])
        return EXIT_OK
    if not units:
        print("No units yet; `rizhi unit new` starts one.")
    for progress in progresses:
        unit = progress.unit
        state = "reviewed" if unit.closed else ("ended" if today > unit.last else "open")
        goals = ", ".join(_goal_line(g.goal, g) for g in progress.goals) or "no goals"
        print(f"{unit.number:>4}  {unit.title}  [{unit.start} to {unit.last}, {state}]  {goals}")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    if args.title is None and args.start is None and args.days is None:
        raise InvalidInput("Nothing to change: give --title, --start or --days.")
    store = open_store()
    unit = unit_by_number(store, args.number)
    edited, _ = edit_unit(
        store,
        unit.id,
        title=args.title,
        start=_date(args.start) if args.start else None,
        days=args.days,
    )
    if args.json:
        print_json(edited.to_dict())
    else:
        print(f"Edited {edited.title} ({edited.start} to {edited.last}).")
    return EXIT_OK


def _decisions(args: argparse.Namespace) -> dict[int, ReviewDecision]:
    chosen: dict[int, ReviewDecision] = {}
    for decision, ids in (
        (ReviewDecision.CARRY, args.carry),
        (ReviewDecision.BACKLOG, args.backlog),
        (ReviewDecision.DROP, args.drop),
    ):
        for item_id in ids:
            if item_id in chosen and chosen[item_id] is not decision:
                raise InvalidInput(
                    f"Item {item_id} is given both --{chosen[item_id].value} and "
                    f"--{decision.value}; choose one."
                )
            chosen[item_id] = decision
    return chosen


def cmd_review(args: argparse.Namespace) -> int:
    decisions = _decisions(args)
    tz = local_zone()
    store = open_store()
    unit = unit_by_number(store, args.number)
    try:
        result, _ = review_unit(
            store,
            unit.id,
            reflection=args.reflection,
            rating=args.rating,
            decisions=decisions,
            early=args.early,
            tz=tz,
            now=now(),
        )
    except ReviewTooEarly as exc:
        raise ReviewTooEarly(f"{exc} To review it before its last day, add --early.") from None
    if args.json:
        print_json(result.to_dict())
    else:
        print_review(result)
    return EXIT_OK


def print_review(result: ReviewResult) -> None:
    goals = ", ".join(
        f"{g.category} {_amount(g, g.achieved_at_review)}/{_range(g)}" for g in result.unit.goals
    )
    print(f"Reviewed {result.unit.title}: {goals or 'no goals'}.")
    for verb, ids in (
        ("Carried to the next unit", result.carried),
        ("Back in the backlog", result.backlogged),
        ("Moved to the trash", result.trashed),
    ):
        if ids:
            print(f"  {verb}: {', '.join(map(str, ids))}")
    nxt = result.next_unit
    made = "Created" if result.created_next else "Next"
    print(f"{made}: {nxt.title} ({nxt.start} to {nxt.last}).")


def cmd_due(args: argparse.Namespace) -> int:
    from app.services.settings import preferences

    store = open_store()
    # The same moment the window asks for a review: the time the settings say.
    review_time = _time_of_day(args.at) if args.at else preferences(store).review_time
    moment = now().astimezone(local_zone())
    due: list[DueReview] = review_due(store, now=moment, review_time=review_time)
    if args.json:
        print_json([{**d.unit.to_dict(), "due_at": d.due_at.isoformat()} for d in due])
        return EXIT_OK
    for d in due:
        print(f"{d.unit.number:>4}  {d.unit.title}  review due since {d.due_at:%Y-%m-%d %H:%M}")
    if not due:
        print("No review is due.")
    return EXIT_OK


def _time_of_day(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a time of day; write it as HH:MM, e.g. 21:00."
        ) from None


def cmd_history(args: argparse.Namespace) -> int:
    history = achievement_history(open_store())
    if args.json:
        print_json([a.to_dict() for a in history])
        return EXIT_OK
    if not history:
        print("No unit has been reviewed yet.")
    number = None
    for row in history:
        if row.number != number:
            number = row.number
            print(f"Unit {row.number} ({row.start}, {row.days} days)")
        stretch = f"..{row.stretch}" if row.stretch is not None else ""
        print(f"  {row.category}: {row.achieved} of {row.target}{stretch} ({row.ratio:.0%})")
    return EXIT_OK


def cmd_goal(args: argparse.Namespace) -> int:
    store = open_store()
    action = args.goal_action
    if action == "add":
        unit = unit_by_number(store, args.number)
        goal, _ = add_goal(store, unit.id, parse_goal_spec(args.spec))
    elif action == "edit":
        if (
            all(
                value is None
                for value in (args.category, args.description, args.target, args.stretch)
            )
            and not args.no_stretch
        ):
            raise InvalidInput(
                "Nothing to change: give --category, --description, --target or --stretch."
            )
        goal, _ = edit_goal(
            store,
            args.goal,
            category=args.category,
            description=args.description,
            target=args.target,
            stretch=args.stretch,
            clear_stretch=args.no_stretch,
        )
    elif action == "adjust":
        goal, _ = set_adjustment(store, args.goal, args.by)
    elif action == "link":
        goal, _ = link_items(store, args.goal, args.items)
    elif action == "unlink":
        goal, _ = unlink_items(store, args.goal, args.items)
    else:
        remove_goal(store, args.goal)
        print(f"Removed goal {args.goal}; its linked items are unchanged.")
        return EXIT_OK
    if args.json:
        print_json(goal.to_dict())
        return EXIT_OK
    about = f" - {goal.description}" if goal.description else ""
    adjustment = f", {goal.adjustment:+d} by hand" if goal.adjustment else ""
    linked = f", linked items {', '.join(map(str, goal.item_ids))}" if goal.item_ids else ""
    print(f"Goal {goal.id}: {goal.category} {_range(goal)}{about}{adjustment}{linked}")
    return EXIT_OK


def cmd_category(args: argparse.Namespace) -> int:
    store = open_store()
    action = args.category_action or "list"
    if action == "list":
        categories = list_categories(store)
        if args.json:
            print_json([c.to_dict() for c in categories])
        else:
            for category in categories:
                print(_category_line(category))
        return EXIT_OK
    if action == "add":
        category, _ = add_category(store, args.name, color=args.color, kinds=args.kinds)
    elif action == "edit":
        found = category_named(store, args.name)
        if args.name_to is None and args.color is None and args.kinds is None and not args.no_kinds:
            raise InvalidInput("Nothing to change: give --name, --color, --kinds or --no-kinds.")
        category, _ = edit_category(
            store,
            found.id,
            name=args.name_to,
            color=args.color,
            kinds=[] if args.no_kinds else args.kinds,
        )
    else:
        found = category_named(store, args.name)
        remove_category(store, found.id)
        print(f"Removed the category {found.name}.")
        return EXIT_OK
    if args.json:
        print_json(category.to_dict())
    else:
        print(_category_line(category).strip())
    return EXIT_OK


HANDLERS = {
    "new": cmd_new,
    "show": cmd_show,
    "list": cmd_list,
    "edit": cmd_edit,
    "review": cmd_review,
    "due": cmd_due,
    "history": cmd_history,
    "goal": cmd_goal,
    "category": cmd_category,
}


def run(args: argparse.Namespace) -> int:
    action = args.unit_action or "show"
    if action == "show" and not hasattr(args, "which"):
        args.which = "current"
    return HANDLERS[action](args)
