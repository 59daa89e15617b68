"""The day planner at scale: 40 blocks in the day and about 20,000 time entries over five
years in the store.

* opening the Today page: page built, shown and painted (median, p95; target <= 50 ms);
* dragging a block and resizing it: pointer move -> the changed part repainted (p95;
  target <= 16 ms);
* dropping a card: drop -> block committed -> timeline repainted (p95; target <= 16 ms);

each against the floor measured in the same run: a bare widget of the same size shown
and painted, and repainted whole.

    .venv/bin/python bench/planner.py [--entries 20000] [--blocks 40] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import save, summary

SIZE = (1200, 820)


def seed(home: Path, entries: int, blocks: int, now: datetime) -> list[int]:
    """Items, the day's blocks and years of entries, written straight in one transaction
    each; the ids of items to drop."""
    from app.domain.entities import ItemDraft
    from app.domain.ids import new_uid
    from app.services.items import create_item
    from app.store import time_rows
    from app.store.db import Store

    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    rng = random.Random(14)
    items = [
        create_item(store, ItemDraft(title=f"Task {n}", estimate_minutes=60), now=now)[0].id
        for n in range(120)
    ]
    today = now.date()
    with store.raw_write() as conn:
        for n in range(blocks):
            start = 6 * 60 + (n * 23) % (15 * 60)
            time_rows.insert_block(
                conn, uid=new_uid(), day=today, start=start // 15 * 15, minutes=45,
                item_id=items[n % len(items)], title="", now=now,
            )  # fmt: skip
        first = now - timedelta(days=5 * 365)
        step = (now - first) / entries
        for n in range(entries):
            started = first + step * n
            time_rows.insert_entry(
                conn, uid=new_uid(), item_id=rng.choice(items), block_id=None,
                started_at=started, ended_at=started + timedelta(minutes=rng.randint(10, 90)),
                source="pomodoro", note="", now=now,
            )  # fmt: skip
    store.close()
    return items


def open_page(app: Any, ops: Any, tokens: Any, runs: int, result: dict[str, list[float]]) -> None:
    """Opening the page, and the floor: a bare widget of the same size shown."""
    from PySide6.QtWidgets import QWidget

    from app.ui.planner.page import PlannerPage
    from app.ui.rows import RowCache

    for run in range(runs + 1):  # the first run loads the modules: reported apart
        start = time.perf_counter()
        page = PlannerPage(ops, RowCache(ops.store), tokens)
        page.resize(*SIZE)
        page.show()
        page.repaint()
        app.processEvents()
        result["open" if run else "first_open"].append(time.perf_counter() - start)
        page.close()
        page.deleteLater()
        app.processEvents()
        start = time.perf_counter()
        bare = QWidget()
        bare.resize(*SIZE)
        bare.show()
        bare.repaint()
        app.processEvents()
        result["floor_open"].append(time.perf_counter() - start)
        bare.close()
        bare.deleteLater()


def drop_cards(
    app: Any, page: Any, bare: Any, drop_ids: list[int], result: dict[str, list[float]]
) -> None:
    """Cards dropped on the timeline, each undone after it was timed; the floor is the
    bare widget repainted whole."""
    from app.ui.dnd import encode_ids

    viewport, ops, runs = page.timeline.viewport(), page.model._ops, len(result["open"])
    start = time.perf_counter()  # the first write of a session loads the services
    page.model.drop(encode_ids([drop_ids[-1]], "board"), 6 * 60)
    viewport.repaint()
    result["first_drop"].append(time.perf_counter() - start)
    ops.undo()
    for n in range(runs):
        mime = encode_ids([drop_ids[n % len(drop_ids)]], "board")
        start = time.perf_counter()
        page.model.drop(mime, (9 * 60 + n * 15) % (20 * 60))
        viewport.repaint()
        result["drop"].append(time.perf_counter() - start)
        ops.undo()
        app.processEvents()
        start = time.perf_counter()
        bare.repaint()
        result["floor_repaint"].append(time.perf_counter() - start)


def measure(home: Path, runs: int, now: datetime, drop_ids: list[int]) -> dict[str, list[float]]:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from app.store.db import Store
    from app.ui.ops import Operations
    from app.ui.planner.page import PlannerPage
    from app.ui.rows import RowCache
    from app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    tokens = apply_theme(app, "light").tokens  # type: ignore[arg-type]
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    ops = Operations(store, clock=lambda: now)
    result: dict[str, list[float]] = {"open": [], "floor_open": [], "move": [], "resize": []}
    result |= {"drop": [], "floor_repaint": [], "first_open": [], "first_drop": []}

    open_page(app, ops, tokens, runs, result)

    page = PlannerPage(ops, RowCache(store), tokens)
    ops.changed.connect(page.apply)
    page.resize(*SIZE)
    page.show()
    app.processEvents()
    timeline = page.timeline
    viewport = timeline.viewport()
    bare = QWidget()
    bare.resize(viewport.size())
    bare.show()

    def mouse(kind: QMouseEvent.Type, point: QPoint, held: bool) -> None:
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        button = none if kind == QMouseEvent.Type.MouseMove else left
        where = QPointF(viewport.mapToGlobal(point))
        event = QMouseEvent(
            kind, QPointF(point), where, button, left if held else none,
            Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(viewport, event)

    def gesture(key: str, origin: QPoint) -> None:
        mouse(QMouseEvent.Type.MouseButtonPress, origin, True)
        for n in range(1, runs * 4 + 1):
            point = origin + QPoint(0, (n * 5) % 160)
            start = time.perf_counter()
            mouse(QMouseEvent.Type.MouseMove, point, True)
            app.processEvents()  # the repaint of what changed
            result[key].append(time.perf_counter() - start)
        timeline._gesture, timeline.preview = None, None  # let go without writing
        mouse(QMouseEvent.Type.MouseButtonRelease, origin, False)

    visible = [i for i in page.model.ids if viewport.rect().intersects(timeline.block_rect(i))]
    rect = timeline.block_rect(visible[len(visible) // 2])
    gesture("move", rect.center())
    gesture("resize", QPoint(rect.center().x(), rect.bottom() - 2))

    drop_cards(app, page, bare, drop_ids, result)
    store.close()
    return result


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--blocks", type=int, default=40)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    now = datetime.combine(date.today(), datetime.min.time()).astimezone() + timedelta(hours=13)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        os.environ["RIZHI_HOME"] = str(home)
        started = time.perf_counter()
        items = seed(home, args.entries, args.blocks, now)
        print(f"Seeded {args.blocks} blocks and {args.entries:,} entries in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        times = measure(home, args.runs, now, items[-20:])
    stats = {key: summary(values) for key, values in times.items()}
    lines = (
        ("Opening the Today page (target <= 50 ms)", "open", "floor_open"),
        ("Pointer move dragging a block -> repainted (target <= 16 ms)", "move", "floor_repaint"),
        ("Pointer move resizing a block -> repainted (target <= 16 ms)", "resize", "floor_repaint"),
        ("Card drop -> committed and repainted (target <= 16 ms)", "drop", "floor_repaint"),
    )
    for title, key, floor in lines:
        ours, base = stats[key], stats[floor]
        print(f"\n{title}, {ours['runs']} runs")
        print(f"  median {ms(ours['median'])}   p95 {ms(ours['p95'])}")
        print(f"  floor: median {ms(base['median'])}   p95 {ms(base['p95'])}")
    first_open, first_drop = stats["first_open"]["min"], stats["first_drop"]["min"]
    print(f"\nFirst of the session (modules loaded): open {ms(first_open)}, drop {ms(first_drop)}")
    path = save("planner", {"entries": args.entries, "blocks": args.blocks, **stats})
    print(f"\nSaved {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
