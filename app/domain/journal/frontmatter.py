"""Front matter: the `---` block a blog post or an Obsidian note starts with.

Only the YAML that front matter actually uses is read, by hand (no YAML library is a
dependency): `key: value`, quoted strings, `key: [a, b]`, a `key:` followed by `- item`
lines or by indented `sub: value` lines, and `|` or `>` blocks. Anything else is skipped
here; the note that keeps the front matter keeps its text verbatim, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["FrontMatterValue", "find_front_matter", "parse_front_matter"]

FrontMatterValue = str | int | bool | list[str] | dict[str, str]
_FENCE = "---"
_ENDS = ("---", "...")
_KEY_NAME = re.compile(r"[A-Za-z0-9_][\w .\-]*")
_ITEM = re.compile(r"[ \t]*+-[ \t]++(.*)$")
_INT = re.compile(r"-?[0-9]{1,15}")


def find_front_matter(lines: Sequence[str]) -> int:
    """How many lines the front matter at the top of `lines` spans, fences included;
    0 when the file does not start with one (an opening `---` with no closing line is
    not front matter, only a horizontal rule)."""
    if not lines or lines[0].rstrip() != _FENCE:
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _ENDS:
            return index + 1
    return 0


def parse_front_matter(lines: Sequence[str]) -> dict[str, FrontMatterValue]:
    """The values of the YAML lines between the fences."""
    meta: dict[str, FrontMatterValue] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or line.lstrip().startswith("#") or line[:1].isspace():
            continue
        pair = _key_value(line)
        if pair is None:
            continue
        key, value = pair
        if value in ("|", ">", "|-", ">-"):
            block, index = _indented(lines, index)
            meta[key] = "\n".join(block) if value.startswith("|") else " ".join(block)
        elif value:
            meta[key] = _scalar_or_list(value)
        else:
            nested, index = _nested(lines, index)
            meta[key] = nested
    return meta


def _key_value(line: str) -> tuple[str, str] | None:
    """`key: value` split at the first colon followed by a space (or ending the line)."""
    key, colon, value = line.rstrip().partition(":")
    key = key.rstrip()
    if not colon or not _KEY_NAME.fullmatch(key) or (value and not value[0].isspace()):
        return None
    return key, value.strip()


def _indented(lines: Sequence[str], index: int) -> tuple[list[str], int]:
    block = []
    while index < len(lines) and (not lines[index].strip() or lines[index][:1].isspace()):
        block.append(lines[index].strip())
        index += 1
    while block and not block[-1]:
        block.pop()
    return block, index


def _nested(lines: Sequence[str], index: int) -> tuple[FrontMatterValue, int]:
    """A list of `- item` lines or a mapping of indented `sub: value` lines; '' if neither."""
    items: list[str] = []
    mapping: dict[str, str] = {}
    while index < len(lines):
        line = lines[index].rstrip()
        item = _ITEM.match(line)
        nested = None if item or not line[:1].isspace() else _key_value(line.strip())
        if item and not mapping:
            items.append(_unquote(item.group(1).strip()))
        elif nested and not items:
            mapping[nested[0]] = _unquote(nested[1])
        elif line.strip():
            break
        index += 1
    if items:
        return items, index
    if mapping:
        return mapping, index
    return "", index


def _scalar_or_list(value: str) -> FrontMatterValue:
    if value.startswith("[") and value.endswith("]"):
        inner = value[1:-1].strip()
        return [_unquote(part.strip()) for part in inner.split(",") if part.strip()]
    if value[:1] in ("'", '"'):
        return _unquote(value)
    text = _drop_comment(value)
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text)
    return text


def _drop_comment(value: str) -> str:
    cut = value.find(" #")
    return value if cut < 0 else value[:cut].rstrip()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in ("'", '"'):
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    return value
