"""Commands on the whole store: export and import (backup and restore are in
backup_commands.py)."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, now, open_store


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.cli import journal_commands

    if args.format == "markdown":
        return journal_commands.cmd_export_markdown(args)
    journal_commands.reject_markdown_options(args)
    from app.services.transfer import export_file, export_summary

    counts = export_file(open_store(), Path(args.output), now=now())
    print(f"Exported {export_summary(counts)} to {args.output}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.cli import journal_commands

    if args.format == "markdown":
        return journal_commands.cmd_import_markdown(args)
    journal_commands.reject_markdown_options(args)
    from app.cli.output import print_json
    from app.domain.backup_schedule import BEFORE_IMPORT
    from app.services.backups import safety_backup
    from app.services.transfer import import_data, load_file

    document = load_file(Path(args.file))
    store = open_store()
    safety_backup(store, BEFORE_IMPORT, now=now())  # an import cannot be undone
    report, _ = import_data(store, document)
    if args.json:
        print_json(report.to_dict())
        return EXIT_OK
    added = (
        ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in report.added.items() if n) or "nothing"
    )
    print(f"Imported {added}.")
    if report.skipped:
        skipped = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in report.skipped.items())
        print(f"Already present, kept as they were: {skipped}.")
    return EXIT_OK


# --- arguments -------------------------------------------------------------------


def configure_export(p: argparse.ArgumentParser) -> None:
    from app.cli.journal_commands import configure_export_markdown

    p.add_argument("format", choices=["json", "markdown"])
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    configure_export_markdown(p)


def configure_import(p: argparse.ArgumentParser) -> None:
    from app.cli.journal_commands import configure_import_markdown

    p.add_argument("format", choices=["json", "markdown"])
    p.add_argument("file", metavar="FILE")
    configure_import_markdown(p)
