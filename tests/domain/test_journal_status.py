"""Status markers in log lines."""

from __future__ import annotations

import pytest

from app.domain.journal.code import LineKind, line_kinds
from app.domain.journal.status import LineStatus, line_status, line_statuses, plain_text


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("1. [DONE] read the MAE paper", LineStatus.DONE),
        ("- [done] lowercase too", LineStatus.DONE),
        ("2. [DELAY] slides", LineStatus.DELAY),
        ("- [DELAYED] slides", LineStatus.DELAY),
        ("[TODO] email Bob", LineStatus.TODO),
        ("- [TODO] write intro [DONE]", LineStatus.DONE),  # the last marker wins
        ("- ~~train the big model~~", LineStatus.STRUCK),
        ("3. ~~复现实验~~ 不做了", LineStatus.STRUCK),
        ("~~whole line~~", LineStatus.STRUCK),
        ("- [x] ticked", LineStatus.DONE),
        ("- [ ] open", LineStatus.TODO),
        ("- [ ] ~~dropped box~~", LineStatus.STRUCK),
        ("- [DELAY] ~~both~~", LineStatus.DELAY),
        ("February, 2022: A Lost ~~Ark~~ Month", None),  # a struck word is not a struck line
        ("- TODO: implement transducer models", None),
        ("- see [paper](https://x.org)", None),
        ("~~ not closed", None),
        ("", None),
    ],
)
def test_line_status(line: str, status: LineStatus | None) -> None:
    assert line_status(line) is status


def test_line_statuses_of_a_body() -> None:
    body = "1. [DONE] a\n2. b\n   - [DELAY] c\n- ~~d~~"
    assert line_statuses(body) == [
        (0, LineStatus.DONE),
        (2, LineStatus.DELAY),
        (3, LineStatus.STRUCK),
    ]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("1. [TODO] read MAE paper #paper !high", "read MAE paper #paper !high"),
        ("  - [ ] email   Bob", "email Bob"),
        ("- ~~train it~~ later", "train it later"),
        ("[DONE]", ""),
        ("- [DONE] grep for `[TODO]` in the repo", "grep for `[TODO]` in the repo"),
    ],
)
def test_plain_text_for_an_item(line: str, text: str) -> None:
    assert plain_text(line) == text


def test_markers_in_code_are_not_statuses() -> None:
    text = "\n".join(
        [
            "- [DONE] real",  # 0
            "```",  # 1
            "[DONE] inside a fence",  # 2
            "```",  # 3
            "- run `[TODO]` literally",  # 4
            "- `make` works now [DONE]",  # 5
            "- ```py",  # 6: a fence opening a list item
            "  x = '[DELAY]'",  # 7
            "  ```",  # 8
            "> ~~~",  # 9: a fence in a quote
            "> [TODO] quoted code",  # 10
            "the quote ended, so did its block [DELAY]",  # 11
        ]
    )
    assert line_statuses(text) == [
        (0, LineStatus.DONE),
        (5, LineStatus.DONE),
        (11, LineStatus.DELAY),
    ]
    assert line_kinds(text)[1:4] == [LineKind.FENCE, LineKind.CODE, LineKind.FENCE]
