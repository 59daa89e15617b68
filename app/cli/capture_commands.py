"""`rizhi capture`: the command to bind to a key where Rizhi cannot hold a global hotkey
itself (docs/cli.md).

With text it saves at once exactly as `rizhi add` does and prints the item; it never
starts anything (a running window hears of the item through the change feed). Without
text it asks the running instance for its quick-capture popup, starting `rizhi
--background` first when none runs. Neither path imports Qt: the instance is reached
over its socket (app/instance/), so the command stays as fast as `rizhi add`.
"""

from __future__ import annotations

import argparse
import os

from app.cli.common import EXIT_OK, whole_number
from app.domain.errors import InvalidInput


def cmd_capture(args: argparse.Namespace) -> int:
    if args.text:
        from app.cli.item_commands import cmd_add

        return cmd_add(args)
    if args.week or args.notes or args.parent is not None:
        raise InvalidInput("--week, --notes and --parent go with text: rizhi capture TEXT ...")
    return open_popup()


def open_popup() -> int:
    from app.config.paths import log_dir
    from app.instance.client import request
    from app.instance.errors import InstanceError
    from app.instance.launcher import start_background
    from app.instance.protocol import CAPTURE
    from app.instance.running import address_here

    address = address_here()
    reply = request(address, {"cmd": CAPTURE})
    if reply is None:
        start_background(address, os.path.join(log_dir(), "background.log"))
        reply = request(address, {"cmd": CAPTURE})
    if reply is None:
        raise InstanceError("Rizhi started in the background, then stopped answering; try again.")
    if reply.get("ok") is not True:
        raise InstanceError(f"The running Rizhi refused: {reply.get('error')}")
    return EXIT_OK


def configure_capture(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "text",
        nargs="*",
        help="save this at once, as rizhi add does; without it, open the quick-capture popup",
    )
    p.add_argument("--week", action="store_true", help="put it on this week's To do column")
    p.add_argument("--notes", help="Markdown notes")
    p.add_argument("--parent", type=whole_number, metavar="ID", help="nest under this item")
