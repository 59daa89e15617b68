"""Whatever the capture text, `rizhi add` either saves exactly one complete item or
refuses with exit code 2 and saves nothing; and a title of ordinary words is always saved,
whole unless a due date was read from it."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.store.db import Store

PIECES = st.sampled_from(
    ["#paper", "#论文", "!high", "!!", "!bogus", "~2h", "~abc", "^someday", "^nope", "due",
     "due fri 3pm", "due blorf", "due:2026-12-01", "due:tomorrow", "@today", "@13/13",
     "明天下午三点", "下周五", "三天后", "今晚8点", "周五", "3/4", "fri", "tomorrow", "\\#x",
     "read", "MAE", "paper", "实验", "", " ", "\t", "!", "#", "~", "^", "@", "^week",
     "due diligence", "for", "by", "May 3", "next month", "截止", "于", "在"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=40), st.lists(PIECES, max_size=8).map(" ".join))


def counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("items", "item_tags", "board_cards")
        )


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One store for all examples: each example must leave it consistent for the next.
    (In pytest's temporary folders, which it prunes, unlike a bare mkdtemp.)"""
    folder = tmp_path_factory.mktemp("fuzz-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIZHI_HOME", str(folder))
        Store.open(folder / "rizhi.sqlite3", folder / "backups").close()
        yield folder


# The autouse log check is function-scoped; it only reads records, so sharing it across
# examples is harmless.
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=TEXTS, on_board=st.booleans())
@example(text="read MAE ^week", on_board=False)
@example(text="Write up due diligence notes #paper", on_board=True)
def test_add_saves_one_whole_item_or_nothing(shared_home: Path, text: str, on_board: bool) -> None:
    db = shared_home / "rizhi.sqlite3"
    argv = ["add", "--json", *(["--week"] if on_board else []), "--", text]
    before = counts(db)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    after = counts(db)
    if code == 0:
        item = json.loads(out.getvalue())
        planned = on_board or item["horizon"] == "week"  # --week, or ^week
        assert after[0] == before[0] + 1
        assert after[2] == before[2] + int(planned)
        assert (item["week"] is not None) == planned
    else:
        assert code == 2, err.getvalue()
        assert after == before, f"{text!r} failed but changed the database"
        assert err.getvalue().startswith("{") and "error" in err.getvalue()


# Ordinary words, words that connect a title to a date, and words dates are made of.
WORDS = st.sampled_from(
    ["Write", "up", "due", "diligence", "notes", "Prepare", "slides", "for", "the", "seminar",
     "Book", "flight", "by", "on", "before", "until", "next", "month", "May", "3", "fri",
     "tomorrow", "in", "a", "week", "process", "with", "Bob"]
)  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(words=st.lists(WORDS, min_size=1, max_size=7))
def test_ordinary_words_are_saved_whole_unless_a_date_was_read(
    shared_home: Path, words: list[str]
) -> None:
    text = " ".join(["Note", *words])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["add", "--json", "--", text])
    if code == 2 and "two due dates" in err.getvalue():  # "due fri due 3pm"
        return
    assert code == 0, err.getvalue()
    item = json.loads(out.getvalue())
    if item["due_date"] is None:
        assert item["title"] == text
    else:
        kept = iter(text.split())
        assert all(word in kept for word in item["title"].split()), "only the date's words go"
