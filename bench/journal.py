"""`rizhi import markdown` of a synthetic 10,000-line, three-year journal as a whole process
(a fresh store each run, PYTHONDONTWRITEBYTECODE unset as on a user's machine), against
the floor (`python -c pass`) in the same run; then full-text search over the imported
log, in process, per query; then the rendering of one 3,000-line log entry as the Log view
shows it. Prints medians and p95.

The journal has what years of logging produce: front matter, a to-do preamble, unit
definitions with goals, date headings in several styles (`## 2021-06-12`, `### 2021-6-12
Title`, plain `2021-06-12`, `### Saturday 12-06-2021`, `## 2021年6月12日 周六`), ranges
(`~`, `till`, `2021-05-18 ~ 19`, `2019-11-16/17`), typos (`2012-12-09` among 2021 dates,
`2021-0829`, `20201-02-16`, `2021-02-30`), days written twice, numbered plans with status
markers, nested bullets, links, images, and Chinese text.

    .venv/bin/python bench/journal.py [--lines 10000] [--runs 7] [--queries 40]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, base_env, percentile, save, summary, time_command

VENV_BIN = ROOT / ".venv" / "bin"
IMPORT_TARGET_S = 0.5
SEARCH_TARGET_MS = 20.0
# (words, status): Chinese and English, short words under a trigram, status filters.
QUERIES = (
    ("transformer", None),
    ("论文", None),
    ("实验结果", None),
    ("ablation study", None),
    ("MAE", None),
    ("对比学习", None),
    ("组会", None),
    ("", "delay"),
    ("实验", "done"),
)

_EN = (
    "read the MAE paper again, focusing on the masking ratio",
    "ran the ablation study on the learning rate schedule",
    "meeting with my supervisor about the thesis outline",
    "debugged the data loader, the shuffle seed was fixed",
    "wrote the related work section on contrastive learning",
    "trained the transformer baseline for 40 epochs",
    "reviewed the energy-based models lecture notes",
    "tried a smaller batch size; loss curve is smoother",
    "prepared slides for the reading group",
    "implemented the transducer loss and checked gradients",
)
_ZH = (
    "读了一篇关于对比学习的论文，思路很清楚",
    "跑了消融实验，实验结果比预期好一些",
    "和导师开组会，讨论论文的结构和下一步计划",
    "整理了实验记录，补充了超参数表格",
    "复现了基线模型，精度差了两个点，需要检查数据预处理",
    "写了方法部分的初稿，公式还要再推一遍",
    "看了扩散模型的课程视频，第三讲讲得很好",
)
_TITLES = ("Summer workshop", "组会", "Deadline week", "Reading day", "写论文", "Lab retreat")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZH_WEEKDAYS = "一二三四五六日"


def _heading(rng: random.Random, day: date) -> str:
    style = rng.random()
    if style < 0.45:
        return f"## {day.isoformat()}"
    if style < 0.6:
        return f"### {day.year}-{day.month}-{day.day} {rng.choice(_TITLES)}"
    if style < 0.75:
        return day.isoformat()
    if style < 0.87:
        return f"### {_WEEKDAYS[day.weekday()]} {day:%d-%m-%Y}"
    return f"## {day.year}年{day.month}月{day.day}日 周{_ZH_WEEKDAYS[day.weekday()]}"


def _typo(rng: random.Random, day: date) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"## {day.year - 9}-{day:%m-%d}"  # a year that breaks the sequence
    if kind == 1:
        return f"## {day.year}-{day:%m%d}"  # a separator missing
    if kind == 2:
        return f"## {day.year // 10}{day.year % 10 + 1}{day.year % 10}-{day:%m-%d}"  # 5 digits
    return f"## {day.year}-{day.month:02d}-{31 if day.month in (4, 6, 9, 11) else 32}"


def _body(rng: random.Random, lines: int) -> list[str]:
    body: list[str] = []
    plan = 1
    while len(body) < lines:
        roll = rng.random()
        text = rng.choice(_ZH if rng.random() < 0.4 else _EN)
        if roll < 0.3:
            marker = rng.choice(("[DONE] ", "[DONE] ", "[DELAY] ", "[TODO] ", ""))
            body.append(f"{plan}. {marker}{text}")
            plan += 1
        elif roll < 0.55:
            body.append(f"- {text}")
        elif roll < 0.75:
            body.append(f"  - {text}")
            if rng.random() < 0.3:
                body.append(f"    - {rng.choice(_ZH)}")
        elif roll < 0.82:
            body.append(f"- ~~{text}~~")
        elif roll < 0.88:
            body.append(f"- see https://arxiv.org/abs/2111.{rng.randrange(10000, 99999)}")
        elif roll < 0.91:
            body.append(f"![figure](https://example.org/fig{rng.randrange(1000)}.png)")
        elif roll < 0.95:
            body.append("##### Meeting notes")
        else:
            body.append("")
    return body


def generate_journal(total_lines: int = 10_000, *, seed: int = 7, years: int = 3) -> str:
    """A journal of exactly `total_lines` lines over `years` years, oldest first."""
    body_lines = 8.0
    for _ in range(4):  # settle the lines per day so that the days fill the years
        body_lines *= total_lines / len(_journal(random.Random(seed), body_lines, years))
    out = _journal(random.Random(seed), body_lines, years)
    rng = random.Random(seed + 1)
    while len(out) < total_lines:
        out += _body(rng, 1)
    return "\n".join(out[:total_lines]) + "\n"


def _journal(rng: random.Random, body_lines: float, years: int) -> list[str]:
    out = [
        "---",
        "title: 研究日志 Research log",
        "tags: [research, log]",
        "---",
        "# Research log",
        "## Today",
        "- [ ] read the MAE paper #paper",
        "## ShortTerm",
        "- finish the ablation table",
        "## LongTerm",
        "- submit to NeurIPS",
        "",
    ]
    start = date(2021, 1, 1)
    end = date(start.year + years, 1, 1)
    day = start
    unit = 1
    while day < end:
        if (day - start).days % 10 == 0 and rng.random() < 0.3:
            last = day + timedelta(days=9)
            out += [f"Unit {unit}: {day.month}-{day.day:02d} to {last.month}-{last.day:02d}"]
            out += ["Goals:", "- Lecture: two lectures", "- Papers: 2-3 papers", ""]
            unit += 1
        roll = rng.random()
        if roll < 0.05:
            last = day + timedelta(days=rng.randrange(1, 4))
            out.append(f"## {day.isoformat()} ~ {last.isoformat()}")
            day = last
        elif roll < 0.07:
            out.append(f"## {day.isoformat()} ~ {(day + timedelta(days=1)).day}")
            day += timedelta(days=1)
        elif roll < 0.085:
            out.append(f"{day.isoformat()}/{(day + timedelta(days=1)).day}")
            day += timedelta(days=1)
        elif roll < 0.1:
            out.append(_typo(rng, day))
        else:
            out.append(_heading(rng, day))
        out += _body(rng, max(1, round(rng.uniform(0.5, 1.5) * body_lines)))
        out.append("")
        if rng.random() < 0.03:  # the same day written twice
            out.append(f"## {day.isoformat()}")
            out += _body(rng, 3)
            out.append("")
        day += timedelta(days=1 + (rng.random() < 0.15))
    return out


def fresh_store(template: Path, home: Path) -> None:
    home.mkdir(parents=True)
    shutil.copy(template / "rizhi.sqlite3", home / "rizhi.sqlite3")


def make_template(folder: Path) -> None:
    """An empty, migrated store to copy for each run (migrating is not the import)."""
    from app.store.db import Store

    Store.open(folder / "rizhi.sqlite3", folder / "backups").close()


def time_search(
    home: Path, queries: tuple[tuple[str, str | None], ...], repeat: int
) -> dict[str, dict[str, float]]:
    from app.domain.journal.status import LineStatus
    from app.services.log_search import search_log
    from app.store.db import Store

    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    results: dict[str, dict[str, float]] = {}
    for words, status_name in queries:
        status = LineStatus(status_name) if status_name else None
        search_log(store, words, status=status)  # warm the page cache
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            hits = search_log(store, words, status=status)
            times.append(time.perf_counter() - start)
        label = " ".join(
            part for part in (words, f"--status {status_name}" if status else "") if part
        )
        results[label] = summary(times) | {"hits": len(hits)}
    store.close()
    return results


def time_render(lines: int, repeat: int) -> dict[str, dict[str, float]]:
    """Rendering one long log entry as the Log view does (Markdown, chips, line map):
    plain lines one under another (a single paragraph) and a bulleted list."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QTextDocument

    from app.ui.log.render import render_body
    from app.ui.theme import tokens_for

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (kept alive)
    tokens = tokens_for(False)
    bodies = {
        f"{lines:,} plain lines": "\n".join(f"[DONE] step {i} of the run" for i in range(lines)),
        f"{lines:,} list items": "\n".join(f"- [DONE] step {i} of the run" for i in range(lines)),
    }
    results: dict[str, dict[str, float]] = {}
    for name, body in bodies.items():
        times = []
        for _ in range(repeat + 1):  # the first run warms caches and is not counted
            doc = QTextDocument()
            start = time.perf_counter()
            render_body(doc, body, tokens)
            times.append(time.perf_counter() - start)
        results[name] = summary(times[1:])
    return results


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries", type=int, default=40, help="repeats of each search query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rizhi-bench-") as folder:
        root = Path(folder)
        journal = root / "journal.md"
        journal.write_text(generate_journal(args.lines), encoding="utf-8")
        template = root / "template"
        make_template(template)
        lines = journal.read_text(encoding="utf-8").count("\n")
        print(f"Journal: {lines:,} lines, {journal.stat().st_size / 1024:.0f} KiB", flush=True)
        env = base_env()
        floor = [str(VENV_BIN / "python"), "-c", "pass"]
        command = [str(VENV_BIN / "rizhi"), "import", "markdown", str(journal)]
        new_folder = "rizhi import markdown, new folder"
        times: dict[str, list[float]] = {
            "python -c pass (floor)": [],
            "rizhi import markdown": [],
            new_folder: [],
        }
        for run in range(args.runs + 1):  # the first run warms caches and is not counted
            home = root / f"run{run}"
            fresh_store(template, home)
            run_env = env | {"RIZHI_HOME": str(home)}
            floor_time = time_command(floor, run_env)
            import_time = time_command(command, run_env)
            # The same import into an empty data folder: it creates the store first.
            new_time = time_command(command, env | {"RIZHI_HOME": str(root / f"new{run}")})
            if run:
                times["python -c pass (floor)"].append(floor_time)
                times["rizhi import markdown"].append(import_time)
                times[new_folder].append(new_time)
        stats = {name: summary(values) for name, values in times.items()}
        search = time_search(root / "run1", QUERIES, args.queries)
    render = time_render(3000, args.runs)
    print(f"\n{'command':<28}{'median':>10}{'p95':>10}")
    for name, s in stats.items():
        print(f"{name:<28}{s['median'] * 1000:>8.1f}ms{s['p95'] * 1000:>8.1f}ms")
    median = stats["rizhi import markdown, new folder"]["median"]
    verdict = "met" if median <= IMPORT_TARGET_S else "NOT met"
    print(f"import: {median:.3f} s median (target {IMPORT_TARGET_S} s: {verdict})")
    print(f"\n{'search query':<24}{'hits':>6}{'median':>10}{'p95':>10}")
    for query, s in search.items():
        name = query + " " * (24 - _width(query))
        print(f"{name}{int(s['hits']):>6}{s['median'] * 1000:>8.2f}ms{s['p95'] * 1000:>8.2f}ms")
    all_p95 = percentile([s["p95"] for s in search.values()], 1.0) * 1000
    worst = max(s["median"] for s in search.values()) * 1000
    verdict = "met" if worst <= SEARCH_TARGET_MS else "NOT met"
    print(f"search: worst median {worst:.2f} ms, worst p95 {all_p95:.2f} ms "
          f"(target {SEARCH_TARGET_MS:.0f} ms per query: {verdict})")  # fmt: skip
    print(f"\n{'log entry rendered':<24}{'median':>10}{'p95':>10}")
    for name, s in render.items():
        print(f"{name:<24}{s['median'] * 1000:>8.1f}ms{s['p95'] * 1000:>8.1f}ms")
    path = save("journal", {"lines": lines, "import": stats, "search": search, "render": render})
    print(f"Figures saved to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
