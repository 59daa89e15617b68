"""Entries rendered: Markdown as Qt lays it out, a chip per status line, every line
traced back to its index, images as links (nothing fetched), raw HTML as text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from app.domain.journal.status import LineStatus
from app.ui.log.render import prepare, render_body, status_colours
from app.ui.theme import contrast_ratio, tokens_for


@pytest.fixture
def doc(qapp: object) -> QTextDocument:
    return QTextDocument()


def test_markers_become_statuses_and_leave_the_text() -> None:
    text, statuses = prepare("- [x] trained\n- write intro [DONE]\n[TODO] mail\n- ~~gone~~", 7)
    assert statuses == {0: LineStatus.DONE, 1: LineStatus.DONE, 2: LineStatus.TODO,
                        3: LineStatus.STRUCK}  # fmt: skip
    assert "[x]" not in text and "[DONE]" not in text and "[TODO]" not in text
    assert "~~gone~~" in text  # struck text stays struck


def test_every_line_is_traced_back(doc: QTextDocument) -> None:
    body = "# Plan\n\n1. one\n2. two\n   - nested **(bold)**\n\n> quoted\n\nlast"
    lines = render_body(doc, body, tokens_for(False))
    plain = doc.toPlainText()
    assert "\ue000" not in plain and "\u2e2e" not in plain  # no token is left
    for index, words in ((0, "Plan"), (2, "one"), (3, "two"), (4, "nested"), (6, "quoted"),
                         (8, "last")):  # fmt: skip
        at = doc.find(words).selectionStart()
        ref = lines.at(at)
        assert ref is not None and ref.line == index, words
    bold = doc.find("(bold)")
    assert bold.charFormat().fontWeight() >= 600  # emphasis right after a token still opens


def test_tables_fences_and_rules_keep_their_shape(doc: QTextDocument) -> None:
    body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode [DONE]\n```\n\n---\n\ntext"
    render_body(doc, body, tokens_for(False))
    assert doc.rootFrame().childFrames()  # the table is a table
    plain = doc.toPlainText()
    assert "code" in plain and "text" in plain and "---" not in plain


def test_images_are_links_and_html_is_text(doc: QTextDocument) -> None:
    body = "![loss curve](https://example.com/l.png)\n\n<img src='https://x.org/a.png'>"
    render_body(doc, body, tokens_for(False))
    plain = doc.toPlainText()
    assert "Image: loss curve" in plain
    assert "<img src='https://x.org/a.png'>" in plain
    assert "\ufffc" not in plain  # no image object: nothing is fetched


def test_chips_read_in_both_themes(doc: QTextDocument) -> None:
    for dark in (False, True):
        tokens = tokens_for(dark)
        for background, ink in status_colours(tokens).values():
            assert contrast_ratio(background, ink) >= 4.5
        render_body(doc, "- a [DELAY]", tokens)
        chip = doc.find("Delayed")
        assert chip.charFormat().background().color() == status_colours(tokens)[LineStatus.DELAY][0]
