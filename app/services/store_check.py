"""Check Database (`rizhi check`), as Anki has it: SQLite's integrity check, foreign
keys, each full-text index against its table, loops in the item tree, and stored values
the services would refuse. What is safe to repair is repaired, after a backup; the rest
is reported with what to do.

The live file is examined before it is opened as a store: a damaged, empty or missing
file is reported with the way back (app/store/health.py), never opened.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from app.domain.backup_schedule import BEFORE_REPAIR
from app.domain.changes import Changes
from app.store import checks
from app.store.checks import Finding
from app.store.connection import connect
from app.store.db import Store
from app.store.health import DAMAGED, Health, examine, problem_of
from app.store.migrate import ensure_current


class Outcome(NamedTuple):
    """One thing found, and whether it was put right."""

    check: str
    problem: str
    repaired: bool
    advice: str  # what the user can do, when it was not repaired

    def to_dict(self) -> dict[str, object]:
        return self._asdict()


class CheckReport(NamedTuple):
    path: str
    outcomes: tuple[Outcome, ...]
    backup: Path | None  # taken before repairing
    exists: bool = True

    @property
    def healthy(self) -> bool:
        return not self.outcomes

    @property
    def needs_user(self) -> bool:
        return any(not o.repaired for o in self.outcomes)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "healthy": self.healthy,
            "needs_user": self.needs_user,
            "backup": None if self.backup is None else str(self.backup),
            "findings": [o.to_dict() for o in self.outcomes],
        }


def check_store(
    path: str | os.PathLike[str],
    backups: str | os.PathLike[str],
    *,
    now: datetime,
    repair: bool = True,
) -> CheckReport:
    """Check the database at `path`; with `repair`, put right what is safe to, after a
    backup (`before-repair`), and check again."""
    live = os.fspath(path)
    health = examine(live, thorough=False)
    problem = problem_of(live, backups, health)
    if problem is not None:
        outcome = Outcome("file", problem.message(), repaired=False, advice="")
        return CheckReport(live, (outcome,), None, exists=health.state != "missing")
    if health.state == "missing":
        return CheckReport(live, (), None, exists=False)
    ensure_current(live, backups)  # an older file is migrated (with its backup) first
    findings = _findings(live)
    damaged = [f for f in findings if f.check == "integrity" and f.repair is None]
    if damaged:
        return CheckReport(live, (_damaged(live, backups, damaged[0]),), None)
    repairable = [f for f in findings if f.repair is not None]
    backup = None
    if repair and repairable:
        from app.services.backups import take_backup

        backup = take_backup(live, backups, BEFORE_REPAIR, now=now)
        _repair(live, os.fspath(backups), repairable)
        still = {(f.check, f.problem) for f in _findings(live)}
        fixed = {(f.check, f.problem) for f in repairable} - still
    else:
        fixed = set()
    outcomes = tuple(_outcome(f, (f.check, f.problem) in fixed, repair) for f in findings)
    return CheckReport(live, outcomes, backup)


def _findings(live: str) -> list[Finding]:
    conn = connect(live)
    try:
        found = checks.integrity(conn)
        if any(f.repair is None for f in found):
            return found  # the other checks would read damaged pages
        for check in checks.CHECKS:
            found += check(conn)
        return found
    except sqlite3.DatabaseError as exc:  # damage the integrity check did not reach
        return [Finding("integrity", f"the file is damaged ({exc})")]
    finally:
        conn.close()


def _repair(live: str, backups: str, findings: list[Finding]) -> None:
    """Every repair in one transaction, announced to open windows as `everything`."""
    store = Store(live, backups, role="check")
    try:
        with store.raw_write() as conn:
            for finding in findings:
                assert finding.repair is not None
                finding.repair(conn)
            store.publish(Changes(everything=True))
    finally:
        store.close()


def _damaged(live: str, backups: str | os.PathLike[str], finding: Finding) -> Outcome:
    problem = problem_of(live, backups, Health(DAMAGED, finding.problem))
    advice = "" if problem is None else problem.way_back()
    return Outcome(finding.check, finding.problem, repaired=False, advice=advice)


def _outcome(finding: Finding, fixed: bool, repair: bool) -> Outcome:
    if fixed:
        advice = ""
    elif finding.repair is not None and not repair:
        advice = "Run `rizhi check` without --no-repair to repair it (a backup is taken first)."
    elif finding.repair is not None:
        advice = f"It could not be repaired; restore a backup ({checks.RESTORE_HINT})."
    else:
        advice = finding.advice
    return Outcome(finding.check, finding.problem, fixed, advice)
