"""The sample store's past: two study units (one reviewed) and a year of the daily log."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.entities import ItemDraft
from app.services import bulk
from app.services.items import create_item
from app.store.db import Store
from scripts.shots.sample_items import PAPER, TODAY, clock


def seed_units(store: Store, ids: dict[str, int], today: date = TODAY) -> None:
    """Unit 1, reviewed, and unit 2, holding `today` (its sixth day): goals for lectures,
    papers, maths and code, with what was completed toward them on most of its days."""
    from app.domain.units import parse_goal_spec
    from app.services.unit_records import unit_by_number
    from app.services.unit_review import review_unit
    from app.services.units import create_unit, link_items

    first = today - timedelta(days=15)
    zone = clock(today).tzinfo
    assert zone is not None
    goals = ["lectures=3 NYU deep learning, weeks 5–6", "papers=2..3 Read two papers on SSL",
             "math=1 线性代数 第三章", "coding=1 Transducer decoding"]  # fmt: skip
    unit, _ = create_unit(store, now=clock(first), start=first,
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
                                now=clock(first, 8))  # fmt: skip
        bulk.complete_items(store, [record.id], True, now=clock(first + timedelta(days=day), 20))
    review_unit(
        store, unit.id, reflection="Lectures on time; papers slipped when the rebuttal came.",
        rating=3, decisions={}, tz=zone, now=clock(first + timedelta(days=9), 21),
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
            add_entry(store, day, text, now=clock(day, 20 + extra))
    add_entry(store, today - timedelta(days=40), "- ICASSP: talks on self-supervised speech",
              now=clock(today - timedelta(days=40), 9),
              end_day=today - timedelta(days=36), heading="ICASSP")  # fmt: skip
    add_entry(store, today, LOG_TODAY, now=clock(today, 9, 40), heading="组会准备")
