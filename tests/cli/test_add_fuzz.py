"""Whatever the capture text, `rizhi add` either saves exactly one complete item or
refuses with exit code 2 and saves nothing."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.store.db import Store

PIECES = st.sampled_from(
    ["#paper", "#论文", "!high", "!!", "!bogus", "~2h", "~abc", "^someday", "^nope", "due",
     "due fri 3pm", "due blorf", "due:2026-12-01", "due:tomorrow", "@today", "@13/13",
     "明天下午三点", "下周五", "三天后", "今晚8点", "周五", "3/4", "fri", "tomorrow", "\\#x",
     "read", "MAE", "paper", "实验", "", " ", "\t", "!", "#", "~", "^", "@"]
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
def test_add_saves_one_whole_item_or_nothing(shared_home: Path, text: str, on_board: bool) -> None:
    db = shared_home / "rizhi.sqlite3"
    argv = ["add", "--json", *(["--week"] if on_board else []), "--", text]
    before = counts(db)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    after = counts(db)
    if code == 0:
        assert after[0] == before[0] + 1
        assert after[2] == before[2] + int(on_board)
        assert '"title"' in out.getvalue()
    else:
        assert code == 2, err.getvalue()
        assert after == before, f"{text!r} failed but changed the database"
        assert err.getvalue().startswith("{") and "error" in err.getvalue()
