"""Commands on backups and the file's health: backup, backups, restore, check.

`restore`, `backups` and `check` never open the live file as a store before looking at
it: they must work exactly when it is damaged (app/services/recovery.py).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, now, open_store

if TYPE_CHECKING:
    from app.services.recovery import RestoreResult
    from app.services.store_check import CheckReport
    from app.store.backup_files import BackupInfo


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.backups import backup

    path = backup(open_store(), Path(args.output) if args.output else None, now=now())
    print(f"Backed up to {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.config.paths import backups_dir, database_path
    from app.domain.errors import InvalidInput
    from app.services.recovery import restore_file, start_empty

    if args.empty == (args.file is not None):
        raise InvalidInput(
            "Give either a backup file (`rizhi backups` lists them) or --empty, not both."
            if args.empty
            else "Give a backup file to restore; `rizhi backups` lists them."
        )
    if args.empty:
        result = start_empty(database_path(), backups_dir(), now=now())
    else:
        result = restore_file(database_path(), backups_dir(), Path(args.file), now=now())
    print(restore_summary(result))
    return EXIT_OK


def restore_summary(result: RestoreResult) -> str:
    lines = [f"Restored {result.source}." if result.source else "Started with an empty store."]
    if result.safety is not None:
        lines.append(f"The data it replaced is saved as {result.safety}")
    if result.set_aside:
        main, *others = result.set_aside
        extra = f" (with {', '.join(others)})" if others else ""
        lines.append(f"The damaged file was moved aside as {main}{extra}.")
    if result.migration is not None and result.migration.backup is not None:
        lines.append(
            f"It was upgraded to schema {result.migration.to_revision}; as it was, it is "
            f"saved as {result.migration.backup}"
        )
    return "\n".join(lines)


def cmd_backups(args: argparse.Namespace) -> int:
    from app.cli.output import print_json
    from app.config.paths import backups_dir
    from app.services.recovery import list_backups

    folder = backups_dir()
    found = list_backups(folder)
    if args.json:
        print_json([b.to_dict() for b in found])
        return EXIT_OK
    if not found:
        print(f"No backups in {folder} yet.")
        return EXIT_OK
    for info in found:
        print(backup_line(info))
    print(f"{len(found)} backup{'s' * (len(found) != 1)} in {folder}, newest first. "
          "`rizhi restore FILE` puts one back.")  # fmt: skip
    return EXIT_OK


def backup_line(info: BackupInfo) -> str:
    counts = (
        f"{_count(info.items, 'item', 'items')}, "
        f"{_count(info.log_entries, 'log entry', 'log entries')}"
        if info.good
        else info.problem
    )
    state = "good" if info.good else "NOT GOOD"
    return (
        f"{info.taken_at:%Y-%m-%d %H:%M}  {info.kind:<16} {_size(info.size):>9}  "
        f"{state:<8}  {counts}\n    {info.path}"
    )


def _count(value: int | None, one: str, many: str) -> str:
    if value is None:
        return f"? {many}"
    return f"{value:,} {one if value == 1 else many}"


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def cmd_check(args: argparse.Namespace) -> int:
    from app.cli.output import print_json
    from app.config.paths import backups_dir, database_path
    from app.domain.errors import StoreError
    from app.services.store_check import check_store

    report = check_store(database_path(), backups_dir(), now=now(), repair=not args.no_repair)
    if args.json:
        print_json(report.to_dict())
    else:
        print(check_summary(report))
    if report.needs_user:
        from app.domain.words import plural

        left = sum(not outcome.repaired for outcome in report.outcomes)
        # Exit 3 says so on stderr too, as every failing command does.
        raise StoreError(
            f"{plural(left, 'problem')} in {report.path} "
            f"{'needs' if left == 1 else 'need'} you: see the report above."
        )
    return EXIT_OK


def check_summary(report: CheckReport) -> str:
    if not report.exists and report.healthy:
        return f"There is no database at {report.path} yet: nothing to check."
    if report.healthy:
        return (
            f"{report.path} is healthy: SQLite's integrity check, foreign keys, the "
            "search indexes, the item tree and the stored values all check out."
        )
    lines = []
    if report.backup is not None:
        lines.append(f"A backup was taken before repairing: {report.backup}")
    for outcome in report.outcomes:
        if outcome.repaired:
            lines.append(f"Repaired ({outcome.check}): {outcome.problem.rstrip('.')}.")
        else:
            advice = f" {outcome.advice}" if outcome.advice else ""
            lines.append(f"Needs you ({outcome.check}): {outcome.problem.rstrip('.')}.{advice}")
    if not report.needs_user:
        lines.append("Everything found was repaired.")
    return "\n".join(lines)


# --- arguments -------------------------------------------------------------------


def configure_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE")


def configure_restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", nargs="?", help="a backup (`rizhi backups` lists them)")
    p.add_argument(
        "--empty",
        action="store_true",
        help="start over with an empty store (the current file is kept: backed up, or "
        "moved aside when damaged)",
    )


def configure_backups(p: argparse.ArgumentParser) -> None:
    del p  # only --json, which the command table adds


def configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-repair", action="store_true", help="only report; repair nothing")
