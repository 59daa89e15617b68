"""Links in a captured line: web addresses, and arXiv and DOI identifiers.

A line pasted from a browser or a PDF reader often carries the paper's address. The item
keeps it as a link (where the editor opens it) rather than in its title, and an arXiv
or DOI link says the item is a paper. Written identifiers count too, as papers cite them:
`arXiv:1706.03762` and `doi:10.1145/3368089.3409751` become their web addresses.

    take_links("Attention https://arxiv.org/abs/1706.03762 #toread")
    -> ("Attention #toread", (Link("https://arxiv.org/abs/1706.03762", "arXiv 1706.03762", True),))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, NamedTuple

# A web address runs to the next space or character outside printable ASCII, so one
# pasted against Chinese text ends where the Chinese begins.
_URL: Final = re.compile(r"https?://[!-~]+", re.IGNORECASE)
_ARXIV_ID: Final = r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?"
_ARXIV_WRITTEN: Final = re.compile(rf"(?<![\w/])arxiv:\s?({_ARXIV_ID})", re.IGNORECASE)
_DOI_WRITTEN: Final = re.compile(r"(?<![\w/])doi:\s?(10\.\d{4,9}/[!-~]+)", re.IGNORECASE)
_ARXIV_PATH: Final = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/({_ARXIV_ID})", re.IGNORECASE
)
_DOI_PATH: Final = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/.+)$", re.IGNORECASE)
# Punctuation that ends the sentence a link stands in, not the link.
_TRAILING: Final = ".,;:!?'\"*"
_CLOSERS: Final = {")": "(", "]": "[", "}": "{", ">": "<"}
# Where a link was taken out, until the text around it is closed up.
_GAP: Final = "\x00"
_CJK: Final = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_GAP_IN_CHINESE: Final = re.compile(rf"(?<=[{_CJK}])\s*\x00\s*(?=[{_CJK}])")
_GAP_BEFORE_PUNCTUATION: Final = re.compile(r"\s*\x00\s*(?=[,.;:!?)\]])")
_BRACKETED_GAP: Final = re.compile(r"\(\s*\x00\s*\)|\[\s*\x00\s*\]")


class Link(NamedTuple):
    url: str
    title: str  # what the item's link list shows: "arXiv 1706.03762", "DOI 10.1145/…", or ""
    paper: bool  # an arXiv or DOI link: the item is a paper


def take_links(text: str) -> tuple[str, tuple[Link, ...]]:
    """`text` without its links and the links, in the order written, each once. Where a
    link stood the text is closed up: no space before the punctuation that followed it,
    none between Chinese characters, no empty brackets."""
    found: list[Link] = []

    def taking(make: Callable[[str], Link], group: int) -> Callable[[re.Match[str]], str]:
        def take(match: re.Match[str]) -> str:
            written = match.group(group)
            kept = _trim(written)
            link = make(kept)
            if link.url not in (known.url for known in found):
                found.append(link)
            return _GAP + written[len(kept) :]  # the sentence's punctuation stays

        return take

    text = _ARXIV_WRITTEN.sub(taking(_arxiv, 1), text)
    text = _DOI_WRITTEN.sub(taking(_doi, 1), text)
    text = _URL.sub(taking(link_for, 0), text)
    if not found:
        return text, ()
    return " ".join(_close_up(text).split()), tuple(found)


def _close_up(text: str) -> str:
    text = _BRACKETED_GAP.sub(_GAP, text)
    text = _GAP_IN_CHINESE.sub("", text)
    text = _GAP_BEFORE_PUNCTUATION.sub("", text)
    return text.replace(_GAP, " ")


def link_for(url: str) -> Link:
    """The link a web address makes: an arXiv or DOI page is a paper's."""
    arxiv = _ARXIV_PATH.match(url)
    if arxiv:
        return _arxiv(arxiv.group(1), url)
    doi = _DOI_PATH.match(url)
    if doi:
        return _doi(doi.group(1), url)
    return Link(url, "", False)


def _arxiv(identifier: str, url: str = "") -> Link:
    identifier = identifier.removesuffix(".pdf")
    return Link(url or f"https://arxiv.org/abs/{identifier}", f"arXiv {identifier}", True)


def _doi(identifier: str, url: str = "") -> Link:
    return Link(url or f"https://doi.org/{identifier}", f"DOI {identifier}", True)


def _trim(url: str) -> str:
    """`url` without the punctuation after it that belongs to the sentence (a full
    stop, a closing bracket with no opening one in the link)."""
    end = len(url)
    while end > 0:
        last = url[end - 1]
        unopened = last in _CLOSERS and url.count(_CLOSERS[last], 0, end) < url.count(last, 0, end)
        if last not in _TRAILING and not unopened:
            break
        end -= 1
    return url[:end]
