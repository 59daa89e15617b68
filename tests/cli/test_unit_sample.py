"""Unit 1 of the sample journal (February 2022, "A Lost Ark Month"), replayed from the
command line on the journal's days: the unit, its goals, the work the journal records,
and the counts a person reading the journal would give.

The journal's unit ran 2022-02-01 to 2022-02-10 with goals for lectures (weeks 5-6 of the
NYU course), papers (2-3), math (the linear algebra chapter) and coding (machine
translation). Work stopped after 2022-02-06 ("the game Lost Ark came out on Feb 8th"),
and the next entry is 2022-02-27.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from app.cli.main import main

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def local_zone(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time

    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def on(day: int, hour: int = 21, month: int = 2) -> time_machine.travel:
    return time_machine.travel(datetime(2022, month, day, hour, tzinfo=SHANGHAI), tick=False)


def rizhi(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def add(capsys: pytest.CaptureFixture[str], text: str) -> int:
    item = rizhi(capsys, "add", text)
    assert isinstance(item, dict)
    return int(item["id"])


def done(capsys: pytest.CaptureFixture[str], item_id: int) -> None:
    rizhi(capsys, "done", str(item_id))


def test_unit_1_of_the_sample_journal(capsys: pytest.CaptureFixture[str]) -> None:
    with on(1, hour=8):
        unit = rizhi(
            capsys,
            "unit",
            "new",
            "--start",
            "2022-02-01",
            "--goal",
            "lectures=3 Watch weeks 5-6 of NYU",
            "--goal",
            "papers=2..3",
            "--goal",
            "math=1 Linear Algebra",
            "--goal",
            "coding=1 Machine translation",
        )
    assert isinstance(unit, dict)
    assert (unit["number"], unit["title"]) == (1, "Unit 1: 2-01 to 2-10")
    assert (unit["start"], unit["end"], unit["days"]) == ("2022-02-01", "2022-02-10", 10)
    goals = {g["category"]: g for g in unit["goals"]}
    assert [(g["target"], g["stretch"]) for g in goals.values()] == [
        (3, None),
        (2, 3),
        (1, None),
        (1, None),
    ]

    lectures: list[int] = []
    with on(1):  # watched NYU 5L on EBMs; started the machine translation notebook
        lectures.append(add(capsys, "NYU 5L on EBMs #lecture"))
        done(capsys, lectures[-1])
        notebook = add(capsys, "Machine translation notebook #coding")
    with on(2):  # NYU 5.1 and 5.2; first pass through Graves '12
        for title in ("NYU 5.1 #lecture", "NYU 5.2 #lecture"):
            lectures.append(add(capsys, title))
            done(capsys, lectures[-1])
        graves = add(capsys, "Graves '12 Transduction #paper")
        rizhi(capsys, "edit", str(graves), "--target-pass", "2", "--pass", "1")
    with on(3):  # second pass through Graves '12: read to the chosen pass
        rizhi(capsys, "edit", str(graves), "--pass", "2")
        done(capsys, graves)
    with on(4):  # NYU 6 and 7L; sections 2.0-2.1 of Math for Machine Learning
        for title in ("NYU 6 #lecture", "NYU 7L #lecture"):
            lectures.append(add(capsys, title))
            done(capsys, lectures[-1])
        chapter = add(capsys, "Math for ML chapter 2: Linear Algebra #math")
    with on(5):  # trained toy translation models; NYU 6L on latent EBMs
        done(capsys, notebook)
        lectures.append(add(capsys, "NYU 6L latent EBMs #lectures"))
        done(capsys, lectures[-1])
    with on(6):  # chapter 2 finished; started implementing the transducer
        done(capsys, chapter)
        transducer = add(capsys, "Implement transducer #coding")
        rizhi(capsys, "unit", "goal", "link", str(goals["Coding"]["id"]), str(transducer))
    with on(27):  # "almost finished watching the NYU lecture series": after the unit
        series = add(capsys, "NYU deep learning lecture series #lectures")
        done(capsys, series)

        shown = rizhi(capsys, "unit", "show", "1")
    assert isinstance(shown, dict)
    progress = {g["category"]: g for g in shown["goals"]}
    # What a person reading the journal would count.
    # Lectures: 5L, 5.1, 5.2, 6, 7L and 6L; the series finished on Feb 27 is outside.
    expected = {"Lectures": 6, "Papers": 1, "Math": 1, "Coding": 1}
    assert {name: g["achieved"] for name, g in progress.items()} == expected
    assert [i["id"] for i in progress["Lectures"]["items"]] == lectures
    assert series not in [i["id"] for g in progress.values() for i in g["items"]]
    assert [(i["id"], i["day"], i["why"]) for i in progress["Papers"]["items"]] == [
        (graves, "2022-02-03", ["tag", "kind"])
    ]
    assert [(i["id"], i["day"]) for i in progress["Math"]["items"]] == [(chapter, "2022-02-06")]
    assert [(i["id"], i["day"]) for i in progress["Coding"]["items"]] == [(notebook, "2022-02-05")]
    # Lectures met (and past it), papers short of 2, math and coding met.
    assert [g["achieved"] >= g["target"] for g in shown["goals"]] == [True, False, True, True]
    assert shown["empty_days"] == ["2022-02-07", "2022-02-08", "2022-02-09", "2022-02-10"]
    assert [d["completed_items"] for d in shown["activity"]] == [1, 2, 1, 2, 2, 1, 0, 0, 0, 0]
    assert [u["id"] for u in shown["unfinished"]] == [transducer]
    assert (shown["elapsed"], shown["left"]) == (10, 0)

    with on(27, hour=22):
        due = rizhi(capsys, "unit", "due")
        assert isinstance(due, list) and [d["number"] for d in due] == [1]
        reviewed = rizhi(
            capsys,
            "unit",
            "review",
            "1",
            "--reflection",
            "Lost Ark came out on Feb 8th; that is what happened in the missing days.",
            "--rating",
            "2",
            "--carry",
            str(transducer),
        )
    assert isinstance(reviewed, dict)
    assert [g["achieved_at_review"] for g in reviewed["unit"]["goals"]] == [6, 1, 1, 1]
    nxt = reviewed["next_unit"]
    assert reviewed["created_next"]
    assert (nxt["number"], nxt["title"], nxt["start"], nxt["end"]) == (
        2,
        "Unit 2: 2-11 to 2-20",
        "2022-02-11",
        "2022-02-20",
    )
    assert [(g["category"], g["target"], g["stretch"], g["description"]) for g in nxt["goals"]] == [
        ("Lectures", 3, None, "Watch weeks 5-6 of NYU"),
        ("Papers", 2, 3, ""),
        ("Math", 1, None, "Linear Algebra"),
        ("Coding", 1, None, "Machine translation"),
    ]
    assert nxt["goals"][3]["linked_items"] == [transducer]
    with on(27, hour=23):
        past = rizhi(capsys, "unit", "show", "1")
    assert isinstance(past, dict)
    assert past["decisions"] == [
        {"id": transducer, "title": "Implement transducer", "decision": "carry"}
    ]

    with on(27, hour=23):
        history = rizhi(capsys, "unit", "history")
    assert isinstance(history, list)
    assert [(h["category"], h["achieved"], h["target"]) for h in history] == [
        ("Lectures", 6, 3),
        ("Papers", 1, 2),
        ("Math", 1, 1),
        ("Coding", 1, 1),
    ]
