"""The capture popup's parts: its memory and recall, pasted text made one line, its
place on a screen, and naming the undo step a confirmation confirms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.store.db import Store
from app.ui.capture.memory import FILE_NAME, RECENT_LIMIT, CaptureMemory, Recall
from app.ui.capture.paste import one_line
from app.ui.capture.placement import WIDTH, popup_geometry
from app.ui.ops import Operations
from tests.ui.conftest import undo_step


def test_the_memory_keeps_the_draft_and_recent_lines_newest_first_once(tmp_path: Path) -> None:
    path = str(tmp_path / FILE_NAME)
    memory = CaptureMemory(path)
    memory.keep_draft("half")
    for line in ("a", "b", "a ", "  "):
        memory.remember(line)
    assert memory.recent == ["a", "b"] and memory.draft == ""
    memory.keep_draft("半个想法")
    again = CaptureMemory(path)
    assert (again.draft, again.recent) == ("半个想法", ["a", "b"])
    assert "半个想法" in Path(path).read_text(encoding="utf-8")  # readable as written


def test_the_memory_holds_a_bounded_number_of_lines(tmp_path: Path) -> None:
    memory = CaptureMemory(str(tmp_path / FILE_NAME))
    for n in range(RECENT_LIMIT + 5):
        memory.remember(f"line {n}")
    assert len(memory.recent) == RECENT_LIMIT and memory.recent[0] == f"line {RECENT_LIMIT + 4}"


@pytest.mark.parametrize(
    "content", ["not json", json.dumps(["a list"]), json.dumps({"draft": 3, "recent": [1, "x"]})]
)
def test_a_memory_file_edited_by_hand_is_read_as_far_as_it_makes_sense(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / FILE_NAME
    path.write_text(content, encoding="utf-8")
    memory = CaptureMemory(str(path))
    assert memory.draft == "" and memory.recent in ([], ["x"])
    caplog.clear()  # an unreadable file is logged, and nothing else happens


def test_recall_moves_like_a_shells_history() -> None:
    recall = Recall(["newest", "older"])
    assert recall.newer() is None  # nothing below the line being typed
    assert recall.older("typing") == "newest"
    assert recall.older("newest") == "older"
    assert recall.older("older") is None
    assert recall.newer() == "newest"
    assert recall.newer() == "typing"
    assert recall.newer() is None
    assert Recall([]).older("x") is None


@pytest.mark.parametrize(
    ("pasted", "line"),
    [
        ("Masked Autoencoders Are\nScalable\n", "Masked Autoencoders Are Scalable"),
        ("Self-\nsupervised speech  representations", "Self-supervised speech representations"),
        ("自监督学习\n综述", "自监督学习 综述"),
        ("  \t\n", ""),
    ],
)  # fmt: skip
def test_pasted_text_becomes_one_line(pasted: str, line: str) -> None:
    assert one_line(pasted) == line


def test_the_popup_is_centred_and_fits_a_small_screen() -> None:
    wide = QRect(1920, 0, 1920, 1040)  # the second of two screens
    placed = popup_geometry(wide, 110)
    assert placed.width() == WIDTH and placed.center() == wide.center()
    small = QRect(0, 0, 480, 800)  # a phone-sized portrait screen
    fitted = popup_geometry(small, 110)
    assert small.contains(fitted) and fitted.width() < 480
    assert abs(fitted.center().x() - small.center().x()) <= 1


def test_a_step_is_undone_only_while_it_is_the_latest(store: Store, ops: Operations) -> None:
    assert ops.latest_step() is None
    ops.run("first", lambda now: create_item(store, ItemDraft(title="first"), now=now)[1])
    first = ops.latest_step()
    assert first is not None
    ops.run("second", lambda now: create_item(store, ItemDraft(title="second"), now=now)[1])
    assert not ops.undo_if_latest(first)  # a later step came: nothing is undone
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 2
    undo_step(ops)
    assert ops.latest_step() is first
    assert ops.undo_if_latest(first)
    assert store.raw.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
    assert not ops.undo_if_latest(first)  # undone already
