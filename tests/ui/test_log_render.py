"""Entries rendered: Markdown as Qt lays it out, a chip per status line, every line
traced back to its index, images as links (nothing fetched), raw HTML as text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument, QTextFormat

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
    assert "code [DONE]" in plain and "text" in plain and "---" not in plain


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


def chips(doc: QTextDocument, label: str) -> int:
    return doc.toPlainText().count(f"\u2009{label}\u2009")


def test_markers_in_code_stay_as_written(doc: QTextDocument) -> None:
    body = (
        "```\n[DONE] in code\n```\n"  # 0-2: a fenced block
        "[TODO] after the fence\n\n"  # 3
        "Write `[DONE]` to mark a line\n\n"  # 5: a code span
        "`make` works now [DONE]\n\n"  # 7: a marker outside the span counts
        "- item\n  ~~~~\n  ```\n  - [DELAY] listed code\n  ~~~~\n- [DELAY] next"  # 9-14
    )
    lines = render_body(doc, body, tokens_for(False))
    plain = doc.toPlainText()
    for words in ("[DONE] in code", "Write [DONE] to mark", "- [DELAY] listed code"):
        assert words in plain, words
    code = doc.find("[DONE] in code", 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert code.block().blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence)
    assert lines.at(code.selectionStart()).line == 1  # type: ignore[union-attr]
    # Only the lines outside code have chips: [TODO] after, `make` [DONE], - [DELAY] next.
    assert (chips(doc, "Done"), chips(doc, "To do"), chips(doc, "Delayed")) == (1, 1, 1)
    assert "[TODO]" not in plain and "works now [DONE]" not in plain
    for index, words in ((3, "after the fence"), (5, "Write"), (7, "works now"), (14, "next")):
        ref = lines.at(doc.find(words).selectionStart())
        assert ref is not None and ref.line == index, words


def test_a_long_entry_of_plain_lines(doc: QTextDocument) -> None:
    # Lines written one under another make one paragraph; 3,000 of them once took minutes.
    count = 3000
    body = "\n".join(f"[DONE] step {i} of the run" if i % 3 else f"step {i} [TODO]"
                     for i in range(count))  # fmt: skip
    lines = render_body(doc, body, tokens_for(False))
    plain = doc.toPlainText()
    assert len(lines) == count
    assert chips(doc, "Done") == 2000 and chips(doc, "To do") == 1000
    assert "[DONE]" not in plain and "[TODO]" not in plain and "\ue000" not in plain
    # One paragraph: each line is its chip, then its words, and a space for the break.
    expected = (
        f"\u2009{'Done' if i % 3 else 'To do'}\u2009\u2002step {i}{' of the run' if i % 3 else ''}"
        for i in range(count)
    )
    assert plain == " ".join(expected)
    for i in (0, 1, 1499, 2998, 2999):
        ref = lines.at(
            doc.find(f"step {i}", 0, QTextDocument.FindFlag.FindWholeWords).selectionStart()
        )
        assert ref is not None and ref.line == i


def test_lines_after_an_emoji_are_traced(doc: QTextDocument) -> None:
    # Qt counts an emoji as two units, Python as one character.
    lines = render_body(doc, "🎉 party [DONE]\nnext 😀 [TODO] plan\nlast", tokens_for(False))
    plain = doc.toPlainText()
    assert plain == "\u2009Done\u2009\u2002🎉 party \u2009To do\u2009\u2002next 😀 plan last"
    for index, words in ((0, "party"), (1, "next"), (2, "last")):
        ref = lines.at(doc.find(words).selectionStart())
        assert ref is not None and ref.line == index, words
    chip = doc.find("To do", 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert (
        chip.charFormat().background().color()
        == status_colours(tokens_for(False))[LineStatus.TODO][0]
    )
