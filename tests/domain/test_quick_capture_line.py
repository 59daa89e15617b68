"""What a line typed into the capture popup asks for: where it goes, the item's fields
and links, or a line of the log."""

from __future__ import annotations

import pytest

from app.domain.capture_links import Link
from app.domain.enums import Horizon, ItemKind
from app.domain.errors import InvalidInput
from app.domain.quick_capture import Destination, confirmation, read_line
from tests.conftest import NOW

BACKLOG, WEEK, LOG = Destination.BACKLOG, Destination.WEEK, Destination.LOG


def test_a_line_goes_to_the_backlog_by_default() -> None:
    line = read_line("try token halting on ViT #idea", NOW)
    assert line.destination is BACKLOG and line.text == "try token halting on ViT"
    assert line.capture is not None and line.capture.kind is ItemKind.IDEA
    assert line.links == ()


def test_week_by_the_popup_or_by_the_grammar() -> None:
    chosen = read_line("write related work", NOW, WEEK)
    assert chosen.destination is WEEK
    assert chosen.capture is not None and chosen.capture.horizon is None
    written = read_line("write related work ^week", NOW)
    assert written.destination is WEEK
    assert written.capture is not None and written.capture.horizon is Horizon.WEEK


@pytest.mark.parametrize(
    ("text", "chosen", "logged"),
    [
        ("^log ran the ablation, loss flat #exp", BACKLOG, "ran the ablation, loss flat #exp"),
        ("跑完消融实验 ^日志", WEEK, "跑完消融实验"),
        ("ran it @blorf due:never", LOG, "ran it @blorf due:never"),  # text, not the grammar
        ("see https://arxiv.org/abs/2111.06377 ^LOG", BACKLOG,
         "see https://arxiv.org/abs/2111.06377"),
    ],
)  # fmt: skip
def test_a_log_line_is_saved_as_written(text: str, chosen: Destination, logged: str) -> None:
    assert read_line(text, NOW, chosen) == (LOG, logged, None, ())


def test_a_log_line_needs_words() -> None:
    with pytest.raises(InvalidInput, match="Nothing to log"):
        read_line("  ^log ", NOW)


def test_links_leave_the_title_and_a_paper_link_makes_a_paper() -> None:
    line = read_line("Masked autoencoders https://arxiv.org/abs/2111.06377 ~1h", NOW)
    assert line.text == "Masked autoencoders"
    assert line.capture is not None
    assert (line.capture.kind, line.capture.estimate_minutes) == (ItemKind.PAPER, 60)
    assert line.links == (Link("https://arxiv.org/abs/2111.06377", "arXiv 2111.06377", True),)


def test_a_kind_written_wins_over_the_link() -> None:
    line = read_line("#idea extend https://arxiv.org/abs/2111.06377 to audio", NOW)
    assert line.capture is not None and line.capture.kind is ItemKind.IDEA


def test_another_link_leaves_the_kind_alone() -> None:
    line = read_line("try https://github.com/facebookresearch/mae", NOW)
    assert line.capture is not None and line.capture.kind is ItemKind.TASK
    assert line.text == "try"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("https://doi.org/10.1038/nature14539 #toread", "DOI 10.1038/nature14539"),
        ("https://example.com/talk?id=3", "https://example.com/talk?id=3"),
        # the link's words are never read as a date or a marker
        ("https://example.com/fri/3pm", "https://example.com/fri/3pm"),
    ],
)
def test_a_line_that_is_only_a_link_is_titled_by_it(text: str, title: str) -> None:
    line = read_line(text, NOW)
    assert line.text == title
    assert line.capture is not None and line.capture.due is None


@pytest.mark.parametrize("text", ["review notes @blorf", "https://example.com @blorf", ""])
def test_what_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        read_line(text, NOW)


def test_the_confirmation_says_where() -> None:
    assert confirmation(BACKLOG, "x") == "Saved to backlog: x"
    assert confirmation(WEEK, "x") == "Saved to this week's To do: x"
    assert confirmation(LOG, "x") == "Saved to today's log: x"
