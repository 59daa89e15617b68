"""`rizhi plan`: the day planner's blocks from the command line (docs/timeboxing.md).

    rizhi plan [DATE] [--json]                      the day's blocks
    rizhi plan add ID --at 14:00 [--for 1h30m] [--date D] [--push]
    rizhi plan add --title "Group meeting" --at 15:00 --for 1h
    rizhi plan move BLOCK --at 15:00 [--for 45m] [--date D] [--push]
    rizhi plan rm BLOCK
    rizhi plan carry                                 yesterday's unfinished blocks to today

Times that do not exist (25:00), a block that ends before it starts or leaves the day,
and unknown ids exit 2 (1 for an unknown id) and change nothing.
"""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, now, open_store, whole_number
from app.cli.output import print_json
from app.domain.errors import InvalidInput

ACTIONS = ("add", "move", "rm", "carry")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "words",
        nargs="*",
        metavar="DATE | add [ID] | move BLOCK | rm BLOCK | carry",
        help="a day to show (today by default), or what to do",
    )
    p.add_argument("--at", metavar="HH:MM", help="when the block starts")
    p.add_argument("--for", dest="length", metavar="LENGTH", help="how long: 1h30m, 90m, 2h")
    p.add_argument("--date", metavar="DATE", help="the block's day (today by default)")
    p.add_argument("--title", help="a block tied to no item: its title")
    p.add_argument("--push", action="store_true", help="push later blocks down if it overlaps")


def cmd_plan(args: argparse.Namespace) -> int:
    words = list(args.words)
    action = words.pop(0) if words and words[0] in ACTIONS else None
    if action is None:
        if args.at or args.length or args.title or args.push:
            raise InvalidInput("--at, --for, --title and --push go with `rizhi plan add` or move.")
        return _show(" ".join(words) or args.date, args.json)
    if action == "carry":
        return _carry(words, args.json)
    ids = [_number(w) for w in words]
    if action == "add":
        return _add(ids, args)
    if len(ids) != 1:
        raise InvalidInput(f"`rizhi plan {action}` takes one block id (rizhi plan shows them).")
    return _move(ids[0], args) if action == "move" else _remove(ids[0])


def _number(word: str) -> int:
    try:
        return whole_number(word)
    except argparse.ArgumentTypeError as exc:
        raise InvalidInput(str(exc)) from None


def _show(day_text: str | None, as_json: bool) -> int:
    from app.cli.time_texts import block_dict, block_line, local_day
    from app.config.zone import zone_of
    from app.services.time_blocks import day_blocks
    from app.services.time_entries import spent_in_blocks

    moment = now()
    store = open_store()
    day = local_day(day_text, moment)
    blocks = day_blocks(store, day)
    spent = spent_in_blocks(store, blocks, zone_of(moment), moment)
    if as_json:
        zone = zone_of(moment)
        print_json(
            {
                "date": day.isoformat(),
                "planned_minutes": sum(b.minutes for b in blocks),
                "blocks": [block_dict(b, zone, spent.get(b.id, 0.0)) for b in blocks],
            }
        )
        return EXIT_OK
    if not blocks:
        print(f"Nothing planned on {day:%a %Y-%m-%d}.")
        return EXIT_OK
    from app.domain.timebox import span_text

    total = span_text(sum(b.minutes for b in blocks))
    print(f"{day:%a %Y-%m-%d}: {len(blocks)} block{'s' * (len(blocks) != 1)}, {total} planned")
    for block in blocks:
        print(block_line(block, spent.get(block.id, 0.0)))
    return EXIT_OK


def _placement(args: argparse.Namespace) -> tuple[int, int | None]:
    from app.domain.timebox import clock_minutes, length_minutes

    if not args.at:
        raise InvalidInput("Say when the block starts: --at 14:00.")
    start = clock_minutes(args.at)
    return start, None if args.length is None else length_minutes(args.length)


def _add(ids: list[int], args: argparse.Namespace) -> int:
    from app.cli.time_texts import block_dict, block_line, local_day
    from app.config.zone import zone_of
    from app.services.time_blocks import add_block

    if len(ids) > 1 or (ids and args.title) or not (ids or args.title):
        raise InvalidInput(
            "Plan one item (rizhi plan add ID --at 14:00) or a titled block (--title)."
        )
    if args.title and args.length is None:
        raise InvalidInput("A titled block needs its length: --for 1h.")
    start, minutes = _placement(args)
    moment = now()
    day = local_day(args.date, moment)
    block, _ = add_block(
        open_store(),
        day=day,
        start=start,
        minutes=minutes,
        item_id=ids[0] if ids else None,
        title=args.title or "",
        push=args.push,
        now=moment,
    )
    if args.json:
        print_json(block_dict(block, zone_of(moment), 0.0))
    else:
        print(f"Planned on {day:%a %Y-%m-%d}:")
        print(block_line(block, 0.0))
    return EXIT_OK


def _move(block_id: int, args: argparse.Namespace) -> int:
    from app.cli.time_texts import block_dict, block_line, local_day
    from app.config.zone import zone_of
    from app.services.time_blocks import move_block

    if args.title:
        raise InvalidInput("A block's title is changed in the window.")
    start, minutes = _placement(args)
    moment = now()
    day = local_day(args.date, moment) if args.date else None
    block, _ = move_block(
        open_store(), block_id, start=start, day=day, minutes=minutes, push=args.push, now=moment
    )
    if args.json:
        print_json(block_dict(block, zone_of(moment), 0.0))
    else:
        print(f"Moved to {block.day:%a %Y-%m-%d}:")
        print(block_line(block, 0.0))
    return EXIT_OK


def _remove(block_id: int) -> int:
    from app.services.time_blocks import remove_block

    remove_block(open_store(), block_id)
    print(f"Removed block {block_id}.")
    return EXIT_OK


def _carry(words: list[str], as_json: bool) -> int:
    from datetime import timedelta

    from app.cli.time_texts import block_dict, block_line
    from app.config.zone import zone_of
    from app.services.time_blocks import carry_unfinished

    if words:
        raise InvalidInput("`rizhi plan carry` takes no arguments: it moves yesterday's to today.")
    moment = now()
    today = moment.date()
    moved, _ = carry_unfinished(
        open_store(), from_day=today - timedelta(days=1), to_day=today, now=moment
    )
    if as_json:
        print_json([block_dict(b, zone_of(moment), 0.0) for b in moved])
        return EXIT_OK
    if not moved:
        print("Yesterday left no unfinished blocks.")
    for block in moved:
        print(block_line(block, 0.0))
    return EXIT_OK
