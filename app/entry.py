"""The `rizhi` command: with no arguments it opens the window, otherwise it is the CLI.

Kept apart from `app.cli` so that the command line never imports the UI package.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from app.ui.launch import run

        return run()
    from app.cli.main import main as cli_main

    return cli_main(args)


def entry() -> None:
    sys.exit(main())
