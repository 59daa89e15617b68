"""`rizhi add` as a whole process on a store of 50,000 items, against the floor
(`python -c pass` from the same venv) and Taskwarrior's `task add` on 50,000 pending
tasks, measured interleaved in one run; and the first `rizhi add` in an empty data
folder (which creates the store) against the next one there. Prints medians and ratios.

    .venv/bin/python bench/capture.py [--items 50000] [--runs 40]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, base_env, save, summary, time_command

VENV_BIN = ROOT / ".venv" / "bin"
CAPTURE_TEXT = "Read MAE paper #paper #vision !high ~2h due fri 3pm"
WORDS = ("masked", "autoencoder", "contrastive", "transducer", "ablation", "论文", "实验",
         "lecture", "energy-based", "diffusion", "tokenizer", "benchmark")  # fmt: skip


def seed_rizhi(home: Path, count: int) -> None:
    """Fill a store with `count` items in one transaction through the real insert path."""
    from app.domain.entities import ItemDraft
    from app.domain.enums import ItemKind
    from app.store import item_rows
    from app.store.db import Store

    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    now = datetime.now(UTC)
    kinds = list(ItemKind)
    with store.raw_write() as conn:
        for n in range(count):
            words = " ".join(WORDS[(n * k) % len(WORDS)] for k in (1, 3, 7))
            draft = ItemDraft(title=f"{words} {n}", kind=kinds[n % len(kinds)],
                              tags=(WORDS[n % 5],))  # fmt: skip
            item_rows.insert_item(conn, draft, str(uuid.uuid4()), now)
    store.close()


def seed_taskwarrior(data: Path, count: int) -> Path:
    """Write `count` pending tasks straight into Taskwarrior 2.6's pending.data."""
    data.mkdir(parents=True)
    stamp = int(datetime.now(UTC).timestamp())
    with (data / "pending.data").open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(
                f'[description:"task {n} {WORDS[n % len(WORDS)]}" entry:"{stamp}" '
                f'modified:"{stamp}" status:"pending" uuid:"{uuid.uuid4()}"]\n'
            )
    for name in ("completed.data", "undo.data", "backlog.data"):
        (data / name).touch()
    rc = data.parent / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=no\nnews.version=2.6.0\n", encoding="utf-8")
    return rc


def first_commands(parent: Path, runs: int) -> tuple[list[float], list[float]]:
    """The first `rizhi add` in an empty data folder (it creates the store) and the one
    after it in the same folder, `runs` folders."""
    first, later = [], []
    argv = [str(VENV_BIN / "rizhi"), "add", CAPTURE_TEXT]
    for n in range(runs + 1):
        env = base_env() | {"RIZHI_HOME": str(parent / str(n))}
        made, then = time_command(argv, env), time_command(argv, env)
        if n:  # the first folder warms the page cache
            first.append(made)
            later.append(then)
    return first, later


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    task = shutil.which("task")
    with tempfile.TemporaryDirectory(prefix="rizhi-bench-") as folder:
        root = Path(folder)
        print(f"Seeding {args.items:,} items into Rizhi and Taskwarrior ...", flush=True)
        seed_rizhi(root / "rizhi", args.items)
        env = base_env() | {"RIZHI_HOME": str(root / "rizhi")}
        commands = {
            "python -c pass (floor)": [str(VENV_BIN / "python"), "-c", "pass"],
            "rizhi add": [str(VENV_BIN / "rizhi"), "add", CAPTURE_TEXT],
        }
        if task:
            rc = seed_taskwarrior(root / "task" / "data", args.items)
            env |= {"TASKRC": str(rc), "TASKDATA": str(root / "task" / "data")}
            commands["task add (Taskwarrior)"] = [task, "rc.verbose=nothing", "add", CAPTURE_TEXT]
        else:
            print("taskwarrior is not installed (apt-get install taskwarrior); peer skipped.")
        for argv in commands.values():  # warm the page cache and .pyc files
            time_command(argv, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift affects all three alike
            for name, argv in commands.items():
                times[name].append(time_command(argv, env))
        first, later = first_commands(root / "new", args.runs)
        times["rizhi add, first in a new folder"] = first
        times["rizhi add, next in that folder"] = later
    stats = {name: summary(values) for name, values in times.items()}
    floor = stats["python -c pass (floor)"]["median"]
    print(f"\n{'command':<28}{'median':>10}{'p95':>10}{'× floor':>10}")
    for name, s in stats.items():
        print(f"{name:<28}{s['median'] * 1000:>8.1f}ms{s['p95'] * 1000:>8.1f}ms"
              f"{s['median'] / floor:>9.2f}×")  # fmt: skip
    rizhi = stats["rizhi add"]["median"]
    if "task add (Taskwarrior)" in stats:
        peer = stats["task add (Taskwarrior)"]["median"]
        print(f"\nrizhi add / task add: {rizhi / peer:.2f} (below 1 is faster than Taskwarrior)")
    print(f"rizhi add / floor:    {rizhi / floor:.2f} (target: within 3)")
    new = stats["rizhi add, first in a new folder"]["median"]
    next_one = stats["rizhi add, next in that folder"]["median"]
    print(f"first add / next add: {new / next_one:.2f} (target: within 2)")
    path = save("capture", {"items": args.items, "stats": stats})
    print(f"Figures saved to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
