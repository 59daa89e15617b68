"""Links in a captured line leave the title for the item's links; arXiv and DOI links
are papers'."""

from __future__ import annotations

import pytest

from app.domain.capture_links import Link, link_for, take_links

MAE = Link("https://arxiv.org/abs/2111.06377", "arXiv 2111.06377", True)


@pytest.mark.parametrize(
    ("text", "rest", "links"),
    [
        ("Read MAE https://arxiv.org/abs/2111.06377 #paper", "Read MAE #paper", (MAE,)),
        ("https://arxiv.org/abs/2111.06377", "", (MAE,)),
        # punctuation after a link belongs to the sentence
        ("Read https://example.com/a, then sleep", "Read, then sleep",
         (Link("https://example.com/a", "", False),)),
        ("see (https://en.wikipedia.org/wiki/Foo_(bar)).", "see.",
         (Link("https://en.wikipedia.org/wiki/Foo_(bar)", "", False),)),
        # against Chinese text: the link ends where the Chinese begins, and no space is left
        ("读这篇https://arxiv.org/abs/2111.06377论文", "读这篇论文", (MAE,)),
        ("读这篇 https://arxiv.org/abs/2111.06377 论文", "读这篇论文", (MAE,)),
        # identifiers as papers cite them
        ("cite arXiv:2111.06377, and doi:10.1145/3368089.3409751.", "cite, and.",
         (MAE, Link("https://doi.org/10.1145/3368089.3409751", "DOI 10.1145/3368089.3409751",
                    True))),
        ("见[arXiv:2111.06377]。", "见。", (MAE,)),
        # each link once
        ("x https://a.org/ https://a.org/", "x", (Link("https://a.org/", "", False),)),
        # a line without links is left exactly as it was
        ("no links  here", "no links  here", ()),
    ],
)  # fmt: skip
def test_links_leave_the_text(text: str, rest: str, links: tuple[Link, ...]) -> None:
    assert take_links(text) == (rest, links)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://arxiv.org/abs/2111.06377v2", "arXiv 2111.06377v2"),
        ("https://arxiv.org/pdf/2111.06377.pdf", "arXiv 2111.06377"),
        ("http://export.arxiv.org/abs/hep-th/9901001", "arXiv hep-th/9901001"),
        ("https://www.arxiv.org/html/2111.06377", "arXiv 2111.06377"),
        ("https://doi.org/10.1145/3368089.3409751", "DOI 10.1145/3368089.3409751"),
        ("https://dx.doi.org/10.1038/nature14539", "DOI 10.1038/nature14539"),
    ],
)
def test_arxiv_and_doi_links_are_papers(url: str, title: str) -> None:
    assert link_for(url) == Link(url, title, True)


@pytest.mark.parametrize(
    "url", ["https://github.com/facebookresearch/mae", "https://arxiv.org/list/cs.LG/recent"]
)
def test_other_links_are_not(url: str) -> None:
    assert link_for(url) == Link(url, "", False)
