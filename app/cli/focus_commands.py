"""`rizhi focus` and `rizhi time`: the focus timer and time spent, from the command line
(docs/timeboxing.md). One timer runs across the window, the command line and the
background instance; a running window shows a timer started here within a second.

    rizhi focus start ID [--pomodoro] [--block B]   (a block alone: --block B)
    rizhi focus stop | next | status [--json]
    rizhi time add ID 1h20m [--date D] [--at HH:MM]
    rizhi time list [--date D] [--json]
    rizhi time rm ENTRY
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, now, open_store, whole_number
from app.cli.output import print_json
from app.domain.errors import InvalidInput
from app.store.db import Store

if TYPE_CHECKING:
    from app.domain.timebox_settings import TimeboxSettings


def configure_focus(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="focus_action", metavar="ACTION", required=True)
    start = actions.add_parser("start", help="start the timer on an item (or a block)")
    start.add_argument("id", type=whole_number, nargs="?", help="the item's id")
    start.add_argument("--block", type=whole_number, help="a planned block (rizhi plan)")
    start.add_argument("--pomodoro", action="store_true", help="in pomodoros with breaks")
    actions.add_parser("stop", help="stop the timer")
    actions.add_parser("next", help="start the next pomodoro (cutting a break short)")
    status = actions.add_parser("status", help="what the timer is on, and for how long")
    status.add_argument("--json", action="store_true", help="print JSON")


def configure_time(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="time_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record time spent on an item: rizhi time add ID 1h20m")
    add.add_argument("id", type=whole_number, help="the item's id")
    add.add_argument("length", help="how long: 1h20m, 90m, 2h")
    add.add_argument("--date", metavar="DATE", help="the day (today by default)")
    add.add_argument(
        "--at",
        metavar="HH:MM",
        help="when it started (default: it ends now, or "
        "starts at the planner's day start on another day)",
    )
    listing = actions.add_parser("list", help="a day's time entries")
    listing.add_argument("--date", metavar="DATE", help="the day (today by default)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    remove = actions.add_parser("rm", help="delete a time entry")
    remove.add_argument("id", type=whole_number, help="the entry's id (rizhi time list)")


def _settings(store: Store) -> TimeboxSettings:
    from app.domain.settings import in_force
    from app.domain.timebox_settings import TimeboxSettings
    from app.services.settings import stored_settings

    return TimeboxSettings.of(in_force(stored_settings(store)))


def cmd_focus(args: argparse.Namespace) -> int:
    from app.services import focus

    store = open_store()
    moment = now()
    settings = _settings(store)
    focus.advance(store, settings=settings, now=moment)  # a phase that ended meanwhile
    action = args.focus_action
    if action == "start":
        if args.id is None and args.block is None:
            raise InvalidInput("Say what to focus on: rizhi focus start ID, or --block B.")
        before = focus.focus_status(store)
        state, _ = focus.start_focus(
            store,
            item_id=args.id,
            block_id=args.block,
            pomodoro=args.pomodoro,
            settings=settings,
            now=moment,
        )
        if before is not None and before.entry is not None:
            print(f"Stopped the timer on {before.title or 'a block'}.")
        kind = f"a {settings.pomodoro}-minute pomodoro" if args.pomodoro else "the timer"
        print(f"Started {kind} on {state.title}.")
        return EXIT_OK
    if action == "stop":
        running = focus.focus_status(store)
        entry, _ = focus.stop_focus(store, now=moment)
        from app.domain.timebox import seconds_text

        if entry is not None:
            print(f"Stopped the timer: {seconds_text(entry.seconds(moment))} on {entry.title}.")
        elif running is not None and running.entry is not None:
            print(f"Stopped the timer on {running.title}; under a minute, so nothing recorded.")
        else:
            print("Stopped the timer.")
        return EXIT_OK
    if action == "next":
        state, _ = focus.next_pomodoro(store, settings=settings, now=moment)
        print(f"Started pomodoro {state.pomodoros + 1} on {state.title}.")
        return EXIT_OK
    return _status(store, moment, args.json)


def _status(store: Store, moment: datetime, as_json: bool) -> int:
    from app.config.zone import zone_of
    from app.domain.timebox import seconds_text
    from app.services.focus import focus_status

    state = focus_status(store)
    zone = zone_of(moment)
    if as_json:
        if state is None:
            print_json({"running": False})
            return EXIT_OK
        from app.cli.time_texts import entry_dict

        ends = state.phase_ends_at
        print_json(
            {
                "running": True,
                "mode": state.mode,
                "phase": state.phase,
                "item_id": state.item_id,
                "block_id": state.block_id,
                "title": state.title,
                "phase_started": state.phase_started_at.astimezone(zone).strftime("%H:%M"),
                "phase_started_iso": state.phase_started_at.astimezone(zone).isoformat(),
                "phase_ends": None if ends is None else ends.astimezone(zone).strftime("%H:%M"),
                "phase_ends_iso": None if ends is None else ends.astimezone(zone).isoformat(),
                "elapsed_seconds": round(state.elapsed(moment)),
                "remaining_seconds": None
                if state.remaining(moment) is None
                else round(state.remaining(moment) or 0),
                "pomodoros": state.pomodoros,
                "entry": None if state.entry is None else entry_dict(state.entry, zone, moment),
            }
        )
        return EXIT_OK
    if state is None:
        print("No focus timer is running.")
        return EXIT_OK
    since = state.phase_started_at.astimezone(zone).strftime("%H:%M")
    if state.phase == "focus":
        left = state.remaining(moment)
        extra = "" if left is None else f", {seconds_text(left + 59)} left"
        print(
            f"Focus on {state.title} since {since}: {seconds_text(state.elapsed(moment))}{extra}."
        )
    elif state.phase == "ready":
        print(
            f"Pomodoro {state.pomodoros} done on {state.title}; `rizhi focus next` starts the next."
        )
    else:
        rest = seconds_text((state.remaining(moment) or 0) + 59)
        print(
            f"On a {state.phase.replace('_', ' ')} after pomodoro {state.pomodoros}: {rest} left."
        )
    return EXIT_OK


def cmd_time(args: argparse.Namespace) -> int:
    action = args.time_action
    if action == "add":
        return _add(args)
    if action == "list":
        return _list(args.date, args.json)
    from app.services.time_entries import delete_entry

    delete_entry(open_store(), args.id)
    print(f"Deleted time entry {args.id}.")
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    from app.cli.time_texts import entry_line, local_day
    from app.config.zone import zone_of
    from app.domain.timebox import clock_minutes, length_minutes, seconds_text
    from app.services.time_entries import add_entry, wall

    store = open_store()
    moment = now()
    zone = zone_of(moment)
    moment = moment.astimezone(zone)
    seconds = length_minutes(args.length) * 60
    day = local_day(args.date, moment)
    if args.at:
        start = wall(day, clock_minutes(args.at), zone)
    elif day == moment.date():
        start = moment.astimezone(UTC) - timedelta(seconds=seconds)
    else:
        start = wall(day, _settings(store).day_start, zone)
    start = start.astimezone(UTC)  # lengths are added in UTC, whatever the clock does
    entry, _ = add_entry(
        store, item_id=args.id, start=start, end=start + timedelta(seconds=seconds), now=moment
    )
    print(f"Recorded {seconds_text(seconds)} on {entry.title}:")
    print(entry_line(entry, zone, moment))
    return EXIT_OK


def _list(day_text: str | None, as_json: bool) -> int:
    from app.cli.time_texts import entry_dict, entry_line, local_day
    from app.config.zone import zone_of
    from app.domain.timebox import seconds_text
    from app.services.time_entries import entries_between, wall

    moment = now()
    zone = zone_of(moment)
    day = local_day(day_text, moment)
    entries = entries_between(open_store(), wall(day, 0, zone), wall(day, 24 * 60, zone))
    if as_json:
        print_json([entry_dict(e, zone, moment) for e in entries])
        return EXIT_OK
    if not entries:
        print(f"No time recorded on {day:%a %Y-%m-%d}.")
        return EXIT_OK
    total = sum(e.seconds(moment) for e in entries)
    print(f"{day:%a %Y-%m-%d}: {seconds_text(total)} in {len(entries)} entries")
    for entry in entries:
        print(entry_line(entry, zone, moment))
    return EXIT_OK
