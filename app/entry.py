"""The `rizhi` command: with no arguments it opens the window, otherwise it is the CLI.

Kept apart from `app.cli` so that the command line never imports the UI package.

With no arguments, or `--background`, it first asks the instance running for this data
folder (app/instance/): when one answers, `rizhi` has it bring its window forward and
exits at once, without importing Qt; `rizhi --background` leaves it be. Only when none
answers does this process start Rizhi.
"""

from __future__ import annotations

import sys

BACKGROUND = "--background"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args == [BACKGROUND]:
        background = bool(args)
        answered = ask_running_instance(background)
        if answered is not None:
            return answered
        from app.ui.launch import run

        return run(background=background)
    from app.cli.main import main as cli_main

    return cli_main(args)


def ask_running_instance(background: bool) -> int | None:
    """The exit code when an instance for this data folder answered, else None (also when
    it cannot be reached: starting Rizhi then says why)."""
    from app.instance.address import supported

    if not supported():
        return None
    from app.domain.errors import DomainError
    from app.instance.running import ask, show_request

    try:
        reply = ask({"cmd": "ping"} if background else show_request())
    except DomainError:
        return None
    if reply is None:
        return None
    if reply.get("ok") is True:
        return 0
    print(f"rizhi: {reply.get('error', 'the running Rizhi refused')}", file=sys.stderr)
    return 3


def entry() -> None:
    sys.exit(main())
