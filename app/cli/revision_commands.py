"""`rizhi changes`: what changed since a revision of the store, as a sync engine reads
it (app/store/revisions.py)."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, open_store, whole_number
from app.cli.output import print_json
from app.domain.errors import InvalidInput


def cmd_changes(args: argparse.Namespace) -> int:
    from app.services.revisions import changes

    if args.since < 0:
        raise InvalidInput("--since takes a revision: 0 or more.")
    revision, found = changes(open_store(), args.since)
    if args.json:
        print_json(
            {
                "since": args.since,
                "revision": revision,
                "changes": [change.to_dict() for change in found],
            }
        )
        return EXIT_OK
    for change in found:
        deleted = "  deleted" if change.deleted else ""
        print(f"{change.revision:>8}  {change.table:<16} {change.uid}{deleted}")
    print(f"The store is at revision {revision}.")
    return EXIT_OK


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--since",
        type=whole_number,
        default=0,
        metavar="REV",
        help="list what changed after this revision (default 0: everything)",
    )
