"""`rizhi remind`, `rizhi reminders`, `rizhi snooze`, `rizhi repeat` and `rizhi skip`:
reminders and repeat rules from the command line (docs/reminders.md). Showing a
reminder needs the app running; these only set what it shows."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from app.cli.common import EXIT_OK, now, open_store, whole_number
from app.cli.output import print_json
from app.domain.errors import InvalidInput
from app.domain.reminders import ReminderSpec, absolute_from, duration_minutes
from app.store.reminder_rows import ReminderRow


def _fire_texts(fire: datetime | None) -> tuple[str | None, str | None]:
    """The wall-clock fire time, and the same moment in UTC in this machine's zone."""
    if fire is None:
        return None, None
    utc = fire.astimezone(UTC)  # a naive time is read in the local zone
    return fire.strftime("%Y-%m-%d %H:%M"), utc.strftime("%Y-%m-%dT%H:%MZ")


def _row_dict(row: ReminderRow) -> dict[str, object]:
    local, utc = _fire_texts(row.next_fire)
    return {
        "id": row.id,
        "uid": row.uid,
        "item_id": row.item_id,
        "title": row.title,
        "when": row.spec.describe(),
        "state": row.state.value,
        "next_fire": local,
        "next_fire_utc": utc,
    }


def _row_line(row: ReminderRow) -> str:
    local, utc = _fire_texts(row.next_fire)
    fire = f"{local} ({utc})" if local else "no due date to count from"
    return f"{row.id:>5}  item {row.item_id:<5} {fire:<36} {row.state.value:<8} {row.title}"


def _spec(args: argparse.Namespace, moment: datetime) -> ReminderSpec:
    """What `rizhi remind` was asked for: --before a duration (at a time of day, "1d 9am"),
    or a date and time."""
    from app.domain.dates import parse_date_phrase

    words = " ".join(args.when).strip()
    if args.before is not None:
        if words:
            raise InvalidInput("Give either a time or --before, not both.")
        duration, *clock_words = args.before
        words = " ".join(clock_words)
        minutes = duration_minutes(duration)
        if minutes is None:
            raise InvalidInput(f"'{duration}' is not a duration: try 30m, 1h, 1d.")
        if not words:
            return ReminderSpec.before_due(minutes)
        clock = parse_date_phrase(f"today {words}", moment).time
        if clock is None:
            raise InvalidInput(f"'{words}' is not a time of day: try 9am or 09:00.")
        return ReminderSpec.before_due(minutes - minutes % 1440, clock)
    if not words:
        raise InvalidInput("Say when: rizhi remind ID fri 9am, or --before 30m.")
    due = parse_date_phrase(words, moment)
    return absolute_from(due.date, due.time, words.split(), moment)


def cmd_remind(args: argparse.Namespace) -> int:
    from app.services.reminders import clear_reminders, set_reminder

    if args.clear:
        if args.when or args.before is not None:
            raise InvalidInput("--clear takes only the item's id.")
        removed, _ = clear_reminders(open_store(), args.id)
        print(f"Cleared {removed} reminder{'s' * (removed != 1)} of item {args.id}.")
        return EXIT_OK
    moment = now()
    spec = _spec(args, moment)
    row, _ = set_reminder(open_store(), args.id, spec, now=moment)
    if args.json:
        print_json(_row_dict(row))
    else:
        print(_row_line(row))
    return EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:
    from app.services.reminders import list_reminders

    rows = list_reminders(open_store(), every=args.all)
    if args.json:
        print_json([_row_dict(row) for row in rows])
        return EXIT_OK
    for row in rows:
        print(_row_line(row))
    if not rows:
        print("No reminders." if args.all else "No reminders waiting.")
    return EXIT_OK


def cmd_snooze(args: argparse.Namespace) -> int:
    from app.domain.reminders import snooze_until
    from app.services.reminders import snooze

    moment = now()
    row, _ = snooze(open_store(), args.id, snooze_until(args.duration, moment), now=moment)
    print(f"Reminder {row.id} snoozed until {_fire_texts(row.next_fire)[0]}.")
    return EXIT_OK


def cmd_repeat(args: argparse.Namespace) -> int:
    from app.domain.capture_repeats import read_repeat
    from app.domain.repeats import Repeat
    from app.services.repeats import set_repeat

    moment = now()
    words = " ".join(args.rule).strip()
    repeat: Repeat | None
    if args.stop:
        if words or args.rrule:
            raise InvalidInput("--stop takes only the item's id.")
        repeat = None
    elif args.rrule is not None:
        if words:
            raise InvalidInput("Give the rule in words or with --rrule, not both.")
        repeat = Repeat(args.rrule, args.from_completion)
    else:
        rule, from_completion = read_repeat(words, moment)
        repeat = Repeat(rule, from_completion or args.from_completion)
    due, _ = set_repeat(open_store(), args.id, repeat, now=moment)
    if repeat is None:
        print(f"Item {args.id} no longer repeats.")
    else:
        print(f"Item {args.id} repeats by {repeat.rule}; next due {due}.")
    return EXIT_OK


def cmd_skip(args: argparse.Namespace) -> int:
    from app.services.items import get_item
    from app.services.repeats import skip_occurrence

    store = open_store()
    skipped = get_item(store, args.id).due_date
    following, _ = skip_occurrence(store, args.id, now=now())
    if following is None:
        print(f"Skipped item {args.id}'s last occurrence ({skipped}); the item is completed.")
    else:
        print(f"Skipped item {args.id}'s occurrence due {skipped}; next due {following}.")
    return EXIT_OK


def configure_remind(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number, help="the item's id")
    p.add_argument("when", nargs="*", help="a date and time (fri 9am, 明天上午九点)")
    p.add_argument(
        "--before",
        nargs="+",
        metavar="DURATION",
        help="before the due time: 30m, 1h, 1d, or days and a time of day (1d 9am)",
    )
    p.add_argument("--clear", action="store_true", help="remove the item's reminders")


def configure_reminders(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", help="shown and snoozed ones too")


def configure_snooze(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number, help="the reminder's id (rizhi reminders)")
    p.add_argument("duration", help="10m, 1h, 2d or tomorrow (9:00)")


def configure_repeat(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number, help="the item's id")
    p.add_argument("rule", nargs="*", help="every monday, every 2 weeks, weekdays, 每天")
    p.add_argument("--rrule", help="an RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2")
    p.add_argument(
        "--from-completion", action="store_true", help="count from the day it is completed"
    )
    p.add_argument("--stop", action="store_true", help="stop repeating")


def configure_skip(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number, help="the repeating item's id")
