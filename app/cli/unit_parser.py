"""`rizhi unit`: its arguments (docs/units.md); the commands they run are in
app/cli/unit_commands.py.

Imported only when the command line reaches `rizhi unit`: `rizhi add` never builds it.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

from app.cli.common import whole_number


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _ids(p: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    p.add_argument(
        flag,
        nargs="+",
        type=whole_number,
        action="extend",
        default=[],
        metavar="ID",
        help=help_text,
    )


def configure(p: argparse.ArgumentParser) -> None:
    p.set_defaults(json=False)
    actions = p.add_subparsers(dest="unit_action", metavar="ACTION")

    new = actions.add_parser("new", help="start a unit (by default the day after the last one)")
    new.add_argument("--start", metavar="DATE", help="first day: 2022-02-01, 'mon', 下周一")
    new.add_argument("--days", type=whole_number, default=10, help="how many days (default 10)")
    new.add_argument("--title", help="default: 'Unit N: M-DD to M-DD'")
    new.add_argument(
        "--goal",
        action="append",
        default=[],
        metavar="SPEC",
        help="repeatable: 'papers=2..3 Read two papers on SSL', 'lectures=3'",
    )
    _json(new)
    _configure_reading(actions)
    _configure_review(actions)
    _configure_goal(actions)
    _configure_category(actions)


# argparse names the type of `add_subparsers()` privately.
Actions: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _configure_reading(actions: Actions) -> None:
    show = actions.add_parser("show", help="a unit's goals, what counted and the empty days")
    show.add_argument("which", nargs="?", default="current", metavar="current|N")
    _json(show)

    _json(actions.add_parser("list", help="every unit with its goals"))

    edit = actions.add_parser("edit", help="change a unit's title, first day or length")
    edit.add_argument("number", type=whole_number, metavar="N")
    edit.add_argument("--title", help="an empty title goes back to the default")
    edit.add_argument("--start", metavar="DATE")
    edit.add_argument("--days", type=whole_number)
    _json(edit)
    _json(actions.add_parser("history", help="achieved against target, per reviewed unit"))


def _configure_review(actions: Actions) -> None:
    review = actions.add_parser(
        "review", help="close a unit: reflection, rating, a decision per unfinished item"
    )
    review.add_argument("number", type=whole_number, metavar="N")
    review.add_argument("--reflection", required=True, metavar="TEXT")
    review.add_argument("--rating", type=whole_number, choices=range(1, 6), metavar="1-5")
    _ids(review, "--carry", "link to the same goal of the next unit")
    _ids(review, "--backlog", "off the board, back to the backlog")
    _ids(review, "--drop", "to the trash (restorable)")
    review.add_argument(
        "--early", action="store_true", help="review before the unit's last day (confirms it)"
    )
    _json(review)

    due = actions.add_parser("due", help="units whose review is due")
    due.add_argument(
        "--at",
        metavar="HH:MM",
        help="due at this time on the last day (default: the units.review_time setting)",
    )
    _json(due)


def _configure_goal(actions: Actions) -> None:
    goal = actions.add_parser("goal", help="add, edit, adjust, link or remove goals")
    goal.set_defaults(json=False)
    goals = goal.add_subparsers(dest="goal_action", metavar="ACTION", required=True)
    add = goals.add_parser("add", help="add a goal to unit N")
    add.add_argument("number", type=whole_number, metavar="N")
    add.add_argument("spec", metavar="SPEC", help="'papers=2..3 Read two papers on SSL'")
    _json(add)
    change = goals.add_parser("edit", help="change a goal")
    change.add_argument("goal", type=whole_number, metavar="GOAL")
    change.add_argument("--category")
    change.add_argument("--description")
    change.add_argument("--target", type=whole_number)
    change.add_argument("--stretch", type=whole_number)
    change.add_argument("--no-stretch", action="store_true")
    _json(change)
    adjust = goals.add_parser("adjust", help="add N by hand to what counted (N may be negative)")
    adjust.add_argument("goal", type=whole_number, metavar="GOAL")
    adjust.add_argument("by", type=whole_number, metavar="N")
    _json(adjust)
    for name, help_text in (("link", "link items to a goal"), ("unlink", "unlink items")):
        linking = goals.add_parser(name, help=help_text)
        linking.add_argument("goal", type=whole_number, metavar="GOAL")
        linking.add_argument("items", type=whole_number, nargs="+", metavar="ITEM")
        _json(linking)
    goals.add_parser("rm", help="remove a goal").add_argument(
        "goal", type=whole_number, metavar="GOAL"
    )


def _configure_category(actions: Actions) -> None:
    category = actions.add_parser("category", help="goal categories: list, add, edit, rm")
    category.set_defaults(json=False)
    categories = category.add_subparsers(dest="category_action", metavar="ACTION")
    _json(categories.add_parser("list", help="the categories (the default)"))
    new_category = categories.add_parser("add", help="add a category")
    new_category.add_argument("name", metavar="NAME")
    new_category.add_argument("--color", metavar="#hex")
    new_category.add_argument(
        "--kinds", nargs="+", default=[], metavar="KIND", help="item kinds that count for it"
    )
    _json(new_category)
    edit_cat = categories.add_parser("edit", help="rename, recolour, change kinds")
    edit_cat.add_argument("name", metavar="NAME")
    edit_cat.add_argument("--name", dest="name_to", metavar="NEW")
    edit_cat.add_argument("--color", metavar="#hex")
    edit_cat.add_argument("--kinds", nargs="+", metavar="KIND")
    edit_cat.add_argument("--no-kinds", action="store_true")
    _json(edit_cat)
    categories.add_parser("rm", help="remove a category no goal uses").add_argument(
        "name", metavar="NAME"
    )
