"""Commands on items: add, list, search, show, edit, move, done, rm, trash.

`rizhi add` runs through here: this module imports nothing heavy at the top, and each
command imports the services it needs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.cli.common import (
    COLUMN_NAMES,
    EXIT_OK,
    now,
    open_store,
    parse_week,
    this_week,
    whole_number,
)
from app.domain.enums import Horizon, ItemKind
from app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from datetime import date

    from app.domain.capture import Capture
    from app.store.db import Store


def cmd_add(args: argparse.Namespace) -> int:
    from app.cli.output import report_item
    from app.domain.capture import parse_capture
    from app.services.items import add_capture

    moment = now()
    capture = parse_capture(" ".join(args.text), moment)
    record, _ = add_capture(
        open_store(),
        capture,
        now=moment,
        notes=args.notes or "",
        parent_id=args.parent,
        this_week=args.week,
    )
    report_item("Added", record, args.json)
    if not args.json:
        _say_repeat_and_reminders(capture, record.due_date or moment.date())
    return EXIT_OK


def _say_repeat_and_reminders(capture: Capture, start: date) -> None:
    """What the line asked for beyond the item's own line: its repeat rule in words and
    its reminders, so `每周五组会 提前30分钟提醒` is seen to be understood."""
    if capture.repeat_rule is not None:
        from app.domain.repeat_fields import describe_repeat
        from app.domain.repeats import Repeat

        repeat = Repeat(capture.repeat_rule, capture.repeat_from_completion)
        print(f"  repeats: {describe_repeat(repeat, start)}")
    if capture.reminders:
        print(f"  reminders: {', '.join(spec.describe() for spec in capture.reminders)}")


def cmd_list(args: argparse.Namespace) -> int:
    from app.cli.output import print_items
    from app.services.items import list_items
    from app.store.item_rows import ItemQuery

    store = open_store()
    if args.due:
        return _list_due(store, args)
    query = ItemQuery(
        week=parse_week(store, args.week_value) if args.week else None,
        column=COLUMN_NAMES[args.column] if args.column else None,
        tag=args.tag,
        kind=ItemKind(args.kind) if args.kind else None,
        include_done=args.all or bool(args.week) or args.column == "done",
    )
    print_items(list_items(store, query), args.json)
    return EXIT_OK


def _list_due(store: Store, args: argparse.Namespace) -> int:
    """`rizhi list --due today|overdue|7d`: the sidebar's smart lists, open items only."""
    from app.cli.output import print_items
    from app.services.smart_lists import smart_list

    if args.week or args.column or args.tag or args.kind or args.all:
        raise InvalidInput("--due lists open items by due date; it takes no other filter.")
    print_items(smart_list(store, args.due, now()), args.json)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from app.cli.output import print_items
    from app.services.items import search_items

    print_items(search_items(open_store(), " ".join(args.query), args.limit), args.json)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from app.cli.output import item_details, print_json
    from app.services.items import get_item

    item = get_item(open_store(), args.id)
    if args.json:
        print_json(item.to_dict())
    else:
        print(item_details(item))
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from app.cli.output import report_item
    from app.domain.entities import ItemPatch
    from app.domain.item_fields import parse_due, parse_estimate, parse_priority, parse_tags
    from app.services.item_edits import edit_item

    moment = now()
    due = parse_due(args.due, moment) if args.due else None
    clear = {
        name
        for flag, name in (
            (args.no_due, "due"),
            (args.no_estimate, "estimate_minutes"),
            (args.no_horizon, "horizon"),
            (args.no_parent, "parent_id"),
        )
        if flag
    }
    patch = ItemPatch(
        title=args.title,
        notes=args.notes,
        kind=ItemKind(args.kind) if args.kind else None,
        priority=parse_priority(args.priority) if args.priority else None,
        estimate_minutes=parse_estimate(args.estimate) if args.estimate else None,
        due_date=due.date if due else None,
        due_time=due.time if due else None,
        horizon=Horizon(args.horizon) if args.horizon else None,
        parent_id=args.parent,
        reading_pass=args.reading_pass,
        target_pass=args.target_pass,
        # Read as the editor's Tags field reads them: "--tag 'ml, #gpu'" is two tags.
        add_tags=parse_tags(" ".join(args.tag)),
        remove_tags=parse_tags(" ".join(args.untag)),
        clear=frozenset(clear),
    )
    if patch == ItemPatch():
        raise InvalidInput("Nothing to change: give at least one option, e.g. --title.")
    store = open_store()
    record, _ = edit_item(store, args.id, patch, now=moment)
    report_item("Edited", record, args.json)
    return EXIT_OK


def cmd_move(args: argparse.Namespace) -> int:
    from app.cli.output import report_item
    from app.domain.weeks import Week
    from app.services.board import move_card
    from app.services.items import get_item

    store = open_store()
    current = get_item(store, args.id)
    week = Week.parse(args.week) if args.week else None
    if week is None and current.placement is None:
        week = this_week(store, now())
    move_card(store, args.id, COLUMN_NAMES[args.column], now=now(), week=week)
    record = get_item(store, args.id)
    report_item("Moved", record, args.json)
    return EXIT_OK


def cmd_done(args: argparse.Namespace) -> int:
    from app.cli.output import report_item
    from app.domain.reading import completed_short_text
    from app.services.item_edits import set_completed

    store = open_store()
    record, _ = set_completed(store, args.id, not args.reopen, now=now())
    report_item("Reopened" if args.reopen else "Done", record, args.json)
    short = completed_short_text(record)
    if short:
        # Said, not refused: dropping out after a pass is a way to finish a paper.
        print(short, file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def cmd_rm(args: argparse.Namespace) -> int:
    from app.services.items import trash_item

    store = open_store()
    changes = trash_item(store, args.id, now=now())
    extra = len(changes.items) - 1
    nested = f" and {extra} nested item{'s' * (extra != 1)}" if extra else ""
    print(f"Moved item {args.id}{nested} to the trash.")
    print(f"`rizhi trash restore {args.id}` brings it back.")
    return EXIT_OK


def cmd_trash(args: argparse.Namespace) -> int:
    from app.cli.output import print_items, report_item
    from app.services.items import list_items, restore_item
    from app.store.item_rows import ItemQuery

    store = open_store()
    if args.trash_action == "restore":
        record, _ = restore_item(store, args.id, now=now())
        report_item("Restored", record, False)
        return EXIT_OK
    if args.trash_action in ("purge", "empty"):
        return _purge(store, args)
    print_items(list_items(store, ItemQuery(trashed=True)), args.json)
    return EXIT_OK


def _purge(store: Store, args: argparse.Namespace) -> int:
    from app.domain.words import plural
    from app.services.items import list_items, purge_items
    from app.store.item_rows import ItemQuery

    if args.trash_action == "empty":
        ids = [item.id for item in list_items(store, ItemQuery(trashed=True))]
        if not ids:
            print("The trash is empty.")
            return EXIT_OK
    else:
        ids = list(args.ids)
    changes = purge_items(store, ids)
    print(f"Deleted {plural(len(changes.items), 'item')} for ever.")
    return EXIT_OK


# --- arguments -------------------------------------------------------------------


def week_option(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument(
        "--week",
        nargs="?",
        const="",
        default=None,
        dest="week_value",
        metavar="YYYY-Www",
        help=help_text,
    )


def configure_add(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="+", help="title with #tags, !priority, ~estimate, due DATE")
    # A plain flag: an optional value would swallow the capture text that follows it.
    p.add_argument("--week", action="store_true", help="put it on this week's To do column")
    p.add_argument("--notes", help="Markdown notes")
    p.add_argument("--parent", type=whole_number, metavar="ID", help="nest under this item")


def configure_list(p: argparse.ArgumentParser) -> None:
    week_option(p, "the board of this week, or of YYYY-Www")
    p.add_argument("--column", choices=list(COLUMN_NAMES))
    p.add_argument("--tag")
    p.add_argument("--kind", choices=[k.value for k in ItemKind])
    p.add_argument("--all", action="store_true", help="include completed items")
    p.add_argument(
        "--due",
        choices=["today", "overdue", "7d"],
        help="a smart list: today (overdue, due or planned today), overdue, or 7d "
        "(overdue or due within the next 7 days)",
    )


def configure_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=whole_number, default=50)


def configure_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number)


def configure_edit(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number)
    p.add_argument("--title")
    p.add_argument("--notes")
    p.add_argument("--kind", choices=[k.value for k in ItemKind])
    p.add_argument("--priority", metavar="high|medium|low|none")
    p.add_argument("--estimate", metavar="1h30m")
    p.add_argument("--due", metavar="DATE", help="e.g. 'fri 3pm', 2026-12-01, 明天下午三点")
    p.add_argument("--horizon", choices=[h.value for h in Horizon])
    p.add_argument("--parent", type=whole_number, metavar="ID")
    p.add_argument(
        "--pass",
        dest="reading_pass",
        type=whole_number,
        choices=range(4),
        help="reading pass reached (papers)",
    )
    p.add_argument("--target-pass", type=whole_number, choices=range(1, 4))
    p.add_argument("--tag", action="append", default=[], help="add tags (repeatable)")
    p.add_argument("--untag", action="append", default=[], help="remove tags (repeatable)")
    for flag in ("due", "estimate", "horizon", "parent"):
        p.add_argument(f"--no-{flag}", action="store_true", help=f"clear the {flag}")


def configure_move(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number)
    p.add_argument("column", choices=list(COLUMN_NAMES))
    p.add_argument("--week", metavar="YYYY-Www", help="default: its week, or this week")


def configure_done(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=whole_number)
    p.add_argument("--reopen", action="store_true", help="mark it not completed again")


def configure_trash(p: argparse.ArgumentParser) -> None:
    p.set_defaults(json=False)
    actions = p.add_subparsers(dest="trash_action", metavar="ACTION")
    listing = actions.add_parser("list", help="list items in the trash (the default)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    actions.add_parser("restore", help="bring an item back").add_argument("id", type=whole_number)
    purge = actions.add_parser("purge", help="delete items in the trash for ever")
    purge.add_argument("ids", type=whole_number, nargs="+", metavar="ID")
    actions.add_parser("empty", help="delete everything in the trash for ever")
