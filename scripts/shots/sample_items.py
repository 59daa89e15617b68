"""The sample store's items: a researcher's backlog and week, and what they deleted.

'Today' is fixed (Wednesday 18 November 2026) so the pictures change only when the app's
look does; `clock` makes the aware moments the services take on the days around it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app.domain.entities import ItemDraft
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.repeats import Repeat
from app.domain.weeks import Week
from app.services import board, bulk, item_details, repeats
from app.services.items import create_item
from app.store.db import Store

TODAY = date(2026, 11, 18)  # a Wednesday: the week has a past, a present and a future
Children = list[tuple[str, str, dict[str, object]]]  # key, title, fields
H, M, L = Priority.HIGH, Priority.MEDIUM, Priority.LOW
PAPER, EXPERIMENT, IDEA, NOTE = ItemKind.PAPER, ItemKind.EXPERIMENT, ItemKind.IDEA, ItemKind.NOTE


def clock(day: date, hour: int = 9, minute: int = 0) -> datetime:
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
        now = clock(today - timedelta(days=9), 8) + timedelta(minutes=minute)
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

    now = clock(today, 9)
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
        when = clock(today - timedelta(days=days_ago), 9, 10)
        record, _ = create_item(store, ItemDraft(title=title), now=when)
        for child in children:
            create_item(store, ItemDraft(title=child, parent_id=record.id), now=when)
        bulk.trash_items(store, [record.id], now=when + timedelta(minutes=5))
