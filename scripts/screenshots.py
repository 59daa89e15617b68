"""Render the screenshots in docs/: the README's (the backlog, the weekly board, the
Units view, the Log view, the Trash and the recovery dialog, light and dark), then those
taken on a real X screen (the import dialog's report, the Log view after an import and
its year of activity, a unit's review, the recovery dialog driven with the keyboard, the
capture popup over another program's window, and the same opened by the global hotkey of
Rizhi running in the background).

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out DIR
    .venv/bin/python scripts/screenshots.py --offscreen-only   # the README's only

The README's: the window is the real `MainWindow` over a small, realistic store
(papers, experiments, lectures, thesis chapters with subtasks, English and Chinese)
made in a temporary folder, rendered offscreen with `QWidget.grab()` at 1280×800.
'Today' is fixed (Wednesday 18 November 2026) with time-machine, a development
dependency, so the pictures only change when the app's look does; without it the real
date is used.

The others show a window driven with the keyboard and a dialog over it, as the X
server draws them: the end-to-end tests that take them (tests/e2e) run under Xvfb with
RIZHI_E2E_SCREENSHOTS naming a temporary folder, and the pictures are copied from there
once the tests pass. They need Xvfb, xdotool and ImageMagick (`make system-packages`
installs them); their dates are the real ones, around the day they are taken.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDeadlineTimer, QEventLoop  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.domain.entities import ItemDraft  # noqa: E402
from app.domain.enums import Column, Horizon, ItemKind, Priority  # noqa: E402
from app.domain.repeats import Repeat  # noqa: E402
from app.domain.weeks import Week  # noqa: E402
from app.services import board, bulk, item_details, repeats  # noqa: E402
from app.services.items import create_item  # noqa: E402
from app.services.settings import set_settings  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.settings import UiSettings  # noqa: E402

TODAY = date(2026, 11, 18)  # a Wednesday: the week has a past, a present and a future
SIZE = (1280, 800)
# A desktop UI face with Chinese coverage; the first one installed wins. The window
# itself uses the system font; these only keep the pictures independent of the
# fallback (often DejaVu Sans) of the machine that renders them.
FONT_FAMILIES = ("Inter", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC")
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")
Children = list[tuple[str, str, dict[str, object]]]  # key, title, fields
H, M, L = Priority.HIGH, Priority.MEDIUM, Priority.LOW
PAPER, EXPERIMENT, IDEA, NOTE = ItemKind.PAPER, ItemKind.EXPERIMENT, ItemKind.IDEA, ItemKind.NOTE


def _clock(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


def seed(store: Store, today: date = TODAY) -> dict[str, int]:
    """A researcher's week: backlog, nested thesis chapters, a board with a card carried
    over from last week. Returns ids by a short key for callers that need them."""
    week = Week.containing(today)
    last_week = week.shifted(-1)
    monday = week.monday
    friday = monday + timedelta(days=4)
    ids: dict[str, int] = {}
    minute = 0

    def add(key: str, title: str, **fields: object) -> int:
        nonlocal minute
        minute += 7
        placed = fields.pop("column", None)
        on = fields.pop("week", week if placed else None)
        now = _clock(today - timedelta(days=9), 8) + timedelta(minutes=minute)
        record, _ = create_item(
            store,
            ItemDraft(title=title, **fields),  # type: ignore[arg-type]
            now=now,
            week=on,  # type: ignore[arg-type]
            column=placed or Column.TODO,  # type: ignore[arg-type]
        )
        ids[key] = record.id
        return record.id

    # The backlog lists newest first, so what should read first is added last.
    add(
        "idea_pitch",
        "Idea: contrastive pretraining with pitch-shift augmentation",
        kind=IDEA,
        tags=("idea", "speech"),
        horizon=Horizon.SOMEDAY,
    )
    add(
        "reading_group",
        "读书会笔记：扩散模型用于语音合成",
        kind=NOTE,
        tags=("reading-group",),
        horizon=Horizon.LONG,
    )
    add(
        "reimburse",
        "Submit NeurIPS travel reimbursement 报销",
        tags=("admin",),
        estimate_minutes=30,
        horizon=Horizon.SHORT,
        due_date=today + timedelta(days=12),
    )
    add(
        "conformer",
        "Read: Conformer — convolution-augmented Transformer (Gulati et al.)",
        kind=PAPER,
        tags=("paper", "speech"),
        priority=L,
        estimate_minutes=90,
        horizon=Horizon.SHORT,
    )
    add(
        "grading",
        "批改第 8 次作业（信号处理）",
        tags=("teaching",),
        priority=M,
        estimate_minutes=120,
        due_date=friday,
        column=Column.TODO,
    )
    add(
        "lecture",
        "Prepare lecture 9: sequence models and attention",
        tags=("teaching",),
        priority=M,
        estimate_minutes=180,
        due_date=today + timedelta(days=1),
        column=Column.TODO,
    )
    add(
        "survey",
        "精读：《自监督学习综述》第 3–5 节",
        kind=PAPER,
        tags=("论文", "ssl"),
        estimate_minutes=120,
        column=Column.TODO,
    )
    add(
        "meeting",
        "组会汇报：消融实验进展与下一步",
        tags=("meeting",),
        priority=M,
        due_date=friday,
        due_time=time(15, 0),
        estimate_minutes=60,
        column=Column.TODO,
    )
    add(
        "rebuttal",
        "Reply to reviewer 2 — ICASSP rebuttal",
        tags=("paper", "writing"),
        priority=H,
        estimate_minutes=150,
        due_date=today + timedelta(days=2),
        column=Column.TODO,
    )
    add(
        "hubert",
        "复现 HuBERT 第二轮迭代 baseline",
        kind=EXPERIMENT,
        tags=("实验", "coding"),
        priority=H,
        estimate_minutes=240,
        due_date=today - timedelta(days=3),
        column=Column.TODO,
        week=last_week,
    )  # unfinished last week: carried over below
    add(
        "mae",
        "Read: Masked Autoencoders Are Scalable Vision Learners (He et al.)",
        kind=PAPER,
        tags=("paper", "vision"),
        priority=M,
        estimate_minutes=120,
        column=Column.ACTIVE,
    )
    add(
        "ablation",
        "Ablation: mask ratio 0.4 / 0.6 / 0.8 on LibriSpeech 100h",
        kind=EXPERIMENT,
        tags=("coding", "实验"),
        priority=H,
        estimate_minutes=240,
        due_date=friday,
        column=Column.ACTIVE,
    )
    add(
        "cluster",
        "Set up job scripts on the GPU cluster",
        tags=("coding",),
        estimate_minutes=90,
        column=Column.DONE,
    )
    add("notes", "整理上周组会记录", tags=("meeting",), estimate_minutes=30, column=Column.DONE)
    ch4 = add("ch4", "第四章：多语言迁移实验", tags=("thesis",), priority=M, horizon=Horizon.LONG)
    chapter_4: Children = [
        ("ch4_data", "4.3 低资源语言的数据清洗", {"estimate_minutes": 180}),
        ("ch4_setup", "4.2 Experimental setup: 12 languages from CommonVoice", {}),
        ("ch4_intro", "4.1 引言与研究问题", {"estimate_minutes": 120}),
    ]
    for key, title, extra in chapter_4:
        add(key, title, parent_id=ch4, **extra)
    ch3 = add(
        "ch3",
        "Thesis ch. 3 — self-supervised speech representations",
        tags=("thesis", "writing"),
        priority=H,
        estimate_minutes=600,
        due_date=today + timedelta(days=16),
        horizon=Horizon.SHORT,
        column=Column.ACTIVE,
    )
    chapter_3: Children = [
        ("ch3_results", "3.4 Results and ablations — redraw figures 3.2–3.5",
         {"priority": M, "estimate_minutes": 240}),
        ("ch3_setup", "3.3 实验设置与数据集", {"estimate_minutes": 120}),
        ("ch3_method", "3.2 Method: masked prediction targets", {"estimate_minutes": 180}),
        ("ch3_related", "3.1 Related work: wav2vec 2.0, HuBERT, data2vec",
         {"tags": ("writing",), "estimate_minutes": 180}),
    ]  # fmt: skip
    for key, title, extra in chapter_3:
        add(key, title, parent_id=ch3, **extra)

    now = _clock(today, 9)
    bulk.complete_items(store, [ids["cluster"], ids["notes"], ids["ch3_related"]], True, now=now)
    item_details.set_reading_pass(store, ids["mae"], 1, now=now)
    # The group meeting comes every Friday: its card shows the repeat mark beside the
    # bell of the reminder its due time gave it.
    repeats.set_repeat(store, ids["meeting"], Repeat("FREQ=WEEKLY;BYDAY=FR"), now=now)
    board.rollover(store, week, now=now)
    seed_trash(store, today)
    return ids


def seed_trash(store: Store, today: date) -> None:
    """What a researcher deleted lately: an old plan with its steps, a duplicate, a
    draft superseded."""
    deleted: list[tuple[str, int, tuple[str, ...]]] = [
        ("Reading list for the 2025 qualifying exam", 9, ("Sutton & Barto ch. 3", "CS231n notes")),
        ("Duplicate: rebuttal figure 3.2", 2, ()),
        ("论文初稿 v1（已被 v2 取代）", 0, ()),
    ]
    for title, days_ago, children in deleted:
        # Before 'now' (10:30 on the day the pictures are taken), so none is in the future.
        when = _clock(today - timedelta(days=days_ago), 9, 10)
        record, _ = create_item(store, ItemDraft(title=title), now=when)
        for child in children:
            create_item(store, ItemDraft(title=child, parent_id=record.id), now=when)
        bulk.trash_items(store, [record.id], now=when + timedelta(minutes=5))


def seed_units(store: Store, ids: dict[str, int], today: date = TODAY) -> None:
    """Unit 1, reviewed, and unit 2, holding `today` (its sixth day): goals for lectures,
    papers, maths and code, with what was completed toward them on most of its days."""
    from app.domain.units import parse_goal_spec
    from app.services.unit_records import unit_by_number
    from app.services.unit_review import review_unit
    from app.services.units import create_unit, link_items

    first = today - timedelta(days=15)
    zone = _clock(today).tzinfo
    assert zone is not None
    goals = ["lectures=3 NYU deep learning, weeks 5–6", "papers=2..3 Read two papers on SSL",
             "math=1 线性代数 第三章", "coding=1 Transducer decoding"]  # fmt: skip
    unit, _ = create_unit(store, now=_clock(first), start=first,
                          goals=[parse_goal_spec(g) for g in goals])  # fmt: skip
    done: list[tuple[str, int, dict[str, object]]] = [
        ("NYU 3L: 卷积网络 lecture notes", 1, {"tags": ("lecture",)}),
        ("NYU 4L: recurrent nets", 3, {"tags": ("lecture",)}),
        ("Read: wav2vec 2.0 (Baevski et al.)", 6, {"kind": PAPER, "tags": ("paper",)}),
        ("Strang 2.7 习题", 8, {"tags": ("math",)}),
        ("NYU 5L: energy-based models", 11, {"tags": ("lecture",)}),
        ("Read: HuBERT (Hsu et al.)", 12, {"kind": PAPER, "tags": ("paper",)}),
        ("NYU 5S: 练习课 — EBM practicum", 14, {"tags": ("lecture",)}),
        ("Strang 3.4 习题：正交投影", 14, {"tags": ("math",)}),
    ]
    for title, day, fields in done:
        record, _ = create_item(store, ItemDraft(title=title, **fields),  # type: ignore[arg-type]
                                now=_clock(first, 8))  # fmt: skip
        bulk.complete_items(store, [record.id], True, now=_clock(first + timedelta(days=day), 20))
    review_unit(
        store, unit.id, reflection="Lectures on time; papers slipped when the rebuttal came.",
        rating=3, decisions={}, tz=zone, now=_clock(first + timedelta(days=9), 21),
    )  # fmt: skip
    # The review created unit 2 with the same goals; the week's work is linked to them.
    second = {g.category: g.id for g in unit_by_number(store, 2).goals}
    link_items(store, second["Papers"], [ids["mae"], ids["survey"]])
    link_items(store, second["Coding"], [ids["hubert"]])


LOG_TODAY = """1. 整理消融实验结果：mask ratio 0.4 / 0.6 / 0.8 [DONE]
2. Redraw figures 3.2–3.5 for the rebuttal [DELAY]
   - log scale, legend top right
3. [TODO] 读 MAE 论文第二遍，重点看 decoder 设计
- ~~重跑 HuBERT baseline~~ waits for a free GPU node
- Notes: [MAE](https://arxiv.org/abs/2111.06377), loss curves in the shared folder"""
LOG_TOPICS = ("wav2vec 2.0", "HuBERT", "data2vec", "《自监督学习综述》", "Conformer")


def seed_log(store: Store, today: date = TODAY) -> None:
    """A year of a researcher's log: most days written, a streak up to today, a range
    for a conference, and today's entry with plans carrying every status."""
    from app.services.log_entries import add_entry

    for back in range(1, 360):
        day = today - timedelta(days=back)
        # Most days are logged; a fortnight ago the streak broke for a weekend.
        mixed = (back * 2654435761) % 2**32  # a fixed shuffle of the days
        if back in (15, 16) or (back > 17 and mixed % 10 < 3):
            continue
        topic = LOG_TOPICS[back % len(LOG_TOPICS)]
        body = f"- Read {topic}, took notes [DONE]\n- Thesis ch. {3 + back % 2}: revised a section"
        # Some days hold more: a meeting, an experiment's notes.
        for extra in range(1 + (mixed >> 8) % 7 // 3):
            text = "- 组会记录：下周跑完 ablation" if extra else body
            add_entry(store, day, text, now=_clock(day, 20 + extra))
    add_entry(store, today - timedelta(days=40), "- ICASSP: talks on self-supervised speech",
              now=_clock(today - timedelta(days=40), 9),
              end_day=today - timedelta(days=36), heading="ICASSP")  # fmt: skip
    add_entry(store, today, LOG_TODAY, now=_clock(today, 9, 40), heading="组会准备")


@contextlib.contextmanager
def fixed_today(today: date) -> Iterator[None]:
    try:
        import time_machine
    except ImportError:  # a runtime install: screenshots show the real date
        print("time-machine is not installed; using the real date", file=sys.stderr)
        yield
        return
    with time_machine.travel(_clock(today, 10, 30), tick=False):
        yield


def pick_font() -> None:
    installed = set(QFontDatabase.families())
    families = [f for f in FONT_FAMILIES if f in installed]
    families += [f for f in CJK_FAMILIES if f in installed and f not in families]
    if families:
        font = QFont()
        font.setFamilies(families)
        font.setPointSize(10)
        QApplication.setFont(font)


def render(out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Rizhi")
    pick_font()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-shots-") as folder:
        home = Path(folder)
        store = Store.open(home / "rizhi.sqlite3", home / "backups")
        ids = seed(store)
        seed_units(store, ids)
        # The log comes last: the Units view counts log entries, and its pictures are of
        # the units alone.
        for views in (("backlog", "board", "units", "trash"), ("log",)):
            if views == ("log",):
                seed_log(store)
            for theme in ("light", "dark"):
                settings = UiSettings(home / f"ui-{theme}.ini")
                set_settings(store, {"board.rollover": "manual"})
                settings.set_theme(theme)
                window = MainWindow(store, settings)
                window.resize(*SIZE)
                window.show()
                for view in views:
                    window.show_view(view)
                    _settle(app)  # a page is built, and loads, when first shown
                    if view == "backlog":
                        _expand(window, [ids["ch3"], ids["ch4"]])
                        window.backlog.select([ids["ablation"]])
                    elif view == "board":
                        window.board.select([ids["rebuttal"]])
                    _settle(app)
                    path = out / f"{view}-{theme}.png"
                    window.grab().save(str(path))
                    written.append(path)
                window.close()
                window.deleteLater()
                _settle(app)
        store.close()
    return written + render_recovery(app, out)


def render_recovery(app: QApplication, out: Path) -> list[Path]:
    """The recovery dialog, light and dark, over a data file whose header was
    overwritten: a week of backups, the newest damaged, the data folder where Linux
    keeps it (the dialog shows paths from "~")."""
    from app.services.backups import backup, take_backup
    from app.services.diagnosis import diagnose
    from app.ui.recovery_dialog import RecoveryDialog
    from app.ui.theme import apply_theme

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="rizhi-recovery-") as folder, _home(Path(folder)):
        data = Path(folder) / ".local" / "share" / "rizhi"
        live, backups = data / "rizhi.sqlite3", data / "backups"
        store = Store.open(live, backups)
        ids = seed(store)
        backup(store, None, now=_clock(TODAY - timedelta(days=6), 18, 20))
        take_backup(live, backups, "auto", now=_clock(TODAY - timedelta(days=3), 21, 45))
        seed_units(store, ids)
        take_backup(live, backups, "before-import", now=_clock(TODAY - timedelta(days=1), 10, 5))
        seed_log(store)
        take_backup(live, backups, "auto", now=_clock(TODAY, 9, 40))
        damaged = take_backup(live, backups, "auto", now=_clock(TODAY, 10, 12))
        store.close()
        damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
        live.write_bytes(b"\x5a" * 100 + live.read_bytes()[100:])  # as a disk can leave it
        problem = diagnose(live, backups)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            dialog = RecoveryDialog(live, backups, problem)
            dialog.show()
            _settle(app)
            path = out / f"recovery-{theme}.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.close()
            dialog.deleteLater()
            _settle(app)
    return written


@contextlib.contextmanager
def _home(folder: Path) -> Iterator[None]:
    before = os.environ.get("HOME")
    os.environ["HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = before


def _expand(window: MainWindow, parents: list[int]) -> None:
    for item_id in parents:
        index = window.backlog.model.index_of(item_id)
        if index.isValid():
            window.backlog.tree.expand(index)


SETTLE_MS = 400  # longer than the window's deferred work after start (the status count)


def _settle(app: QApplication) -> None:
    """Let the window finish what it does shortly after a change, as a person would see."""
    deadline = QDeadlineTimer(SETTLE_MS)
    while not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


# The end-to-end tests that take pictures on an X screen, and the pictures each takes.
X_SHOTS = {
    "tests/e2e/test_journal_import_e2e.py": ("import-journal.png", "log.png", "log-heatmap.png"),
    "tests/e2e/test_unit_review_e2e.py": ("unit-review.png",),
    "tests/e2e/test_recovery_e2e.py": ("recovery.png",),
    "tests/e2e/test_capture_popup_e2e.py": ("capture-popup.png",),
    "tests/e2e/test_hotkey_e2e.py": ("capture-popup-hotkey.png",),
}
X_TOOLS = ("Xvfb", "xdotool", "import")
SCREENSHOTS_ENV = "RIZHI_E2E_SCREENSHOTS"  # read by tests/e2e/conftest.py


def render_on_x(out: Path) -> list[Path]:
    """Run the end-to-end tests in X_SHOTS, their pictures going to a temporary folder,
    and copy those pictures to `out` once every test has passed."""
    missing = [tool for tool in X_TOOLS if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} missing: `make system-packages` (as root) installs them"
        )
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rizhi-x-shots-") as folder:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *X_SHOTS]
        result = subprocess.run(
            command, cwd=ROOT, env={**os.environ, SCREENSHOTS_ENV: folder}, check=False
        )
        if result.returncode != 0:
            raise RuntimeError("the end-to-end tests failed; no picture was copied")
        taken = [Path(folder) / name for names in X_SHOTS.values() for name in names]
        absent = [path.name for path in taken if not path.exists()]
        if absent:
            raise RuntimeError(f"the end-to-end tests took no {', '.join(absent)}")
        return [Path(shutil.copyfile(path, out / path.name)) for path in taken]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the screenshots in docs/screenshots/.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--offscreen-only",
        action="store_true",
        help="only the pictures rendered offscreen, none that needs an X screen",
    )
    args = parser.parse_args(argv)
    with fixed_today(TODAY):
        written = render(args.out)
    _report(written)
    if args.offscreen_only:
        return 0
    try:
        _report(render_on_x(args.out))
    except RuntimeError as exc:
        print(f"Pictures taken on an X screen: {exc}", file=sys.stderr)
        return 1
    return 0


def _report(paths: list[Path]) -> None:
    for path in paths:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    sys.exit(main())
