"""Front matter: the `---` block a blog post or an Obsidian note starts with.

Its values are read by a YAML parser (PyYAML's safe loader, imported only when a file
has front matter), so that whatever YAML a note holds (comments, block lists under a
key, flow lists, nested maps, quoted and folded strings) means what it means in Jekyll,
Hugo or Obsidian. The values are kept as JSON can hold them: dates and timestamps stay
the text they were written as. Front matter that is not valid YAML gives no values and a
problem saying where and why; the note that keeps the front matter keeps its text
verbatim either way, so nothing is lost.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import yaml

__all__ = ["FrontMatter", "FrontMatterValue", "find_front_matter", "parse_front_matter"]

FrontMatterValue = (
    str | int | float | bool | None | list["FrontMatterValue"] | dict[str, "FrontMatterValue"]
)
_FENCE = "---"
_ENDS = ("---", "...")
# Aliases let a few lines of YAML name a value billions of times over; these bound what
# is kept (the values go into the note's metadata as JSON) and how deep it nests.
_MAX_VALUES = 10_000
_MAX_DEPTH = 50
_SURROGATE = re.compile("[\ud800-\udfff]")


class FrontMatter(NamedTuple):
    """The values of a front matter block; `problem` says why there are none ('' if read)."""

    values: dict[str, FrontMatterValue]
    problem: str = ""  # what the block does, as in "The front matter ... is not valid YAML"


class _Unreadable(Exception):
    """The YAML was read but its values cannot be kept (too many, too deep)."""


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


def parse_front_matter(lines: Sequence[str], *, first_line: int = 1) -> FrontMatter:
    """The values of the YAML lines between the fences; `first_line` is the 1-based line
    of the file the first of them is on, for the problem's wording. A document that is
    not a mapping (a lone sentence between two rules) has no values and no problem."""
    import yaml  # ~10 ms: only files with front matter pay for it

    try:
        # Each line ends with its line break, as in the file: a `|` block keeps its last.
        text = "".join(line + "\n" for line in lines)
        document = yaml.load(text, Loader=_loader())  # the safe loader, tuned below
    except yaml.MarkedYAMLError as exc:
        return FrontMatter({}, _yaml_problem(exc, first_line))
    except RecursionError:
        return FrontMatter({}, "nests too deeply to read")
    except yaml.YAMLError as exc:
        return FrontMatter({}, f"is not valid YAML ({exc})")
    except (ValueError, LookupError, TypeError, ArithmeticError) as exc:
        # A scalar its tag cannot hold: PyYAML's constructors let Python's conversions
        # raise (`!!int abc`, `!!bool x`, an integer of 5,000 digits).
        return FrontMatter({}, f"is not valid YAML (a value cannot be read: {exc})")
    if not isinstance(document, dict):
        return FrontMatter({})
    budget = [_MAX_VALUES]
    try:
        values = {_key(key): _value(value, 1, budget) for key, value in document.items()}
    except _Unreadable as exc:
        return FrontMatter({}, str(exc))
    return FrontMatter(values)


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, except that timestamps and binary stay text as written:
    `date: 2021-06-12 10:00:00 +0800` is kept as that text, as JSON has no dates."""
    import yaml

    class TextDatesLoader(yaml.SafeLoader):
        pass

    def as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
        return str(loader.construct_scalar(node))

    for tag in ("timestamp", "binary"):
        TextDatesLoader.add_constructor(f"tag:yaml.org,2002:{tag}", as_text)
    return TextDatesLoader


def _yaml_problem(exc: yaml.MarkedYAMLError, first_line: int) -> str:
    """Where and why the YAML could not be read, in the file's line numbers: 'is not
    valid YAML at line 3, column 9 (mapping values are not allowed here)'."""
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "it cannot be read"
    where = ""
    if mark is not None:
        where = f" at line {first_line + mark.line}, column {mark.column + 1}"
    return f"is not valid YAML{where} ({what})"


def _key(key: object) -> str:
    if isinstance(key, str):
        return _text(key)
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    return _text(str(key))


def _value(value: object, depth: int, budget: list[int]) -> FrontMatterValue:
    """`value` as JSON holds it: sets become lists, keys text, floats that JSON cannot
    write (nan, inf) their text."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Unreadable(f"holds too many values to keep (more than {_MAX_VALUES:,})")
    if depth > _MAX_DEPTH:
        raise _Unreadable(f"nests too deeply to keep (more than {_MAX_DEPTH} levels)")
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        return {_key(key): _value(part, depth + 1, budget) for key, part in value.items()}
    if isinstance(value, set):  # `!!set`: in an order that does not change between runs
        value = sorted(value, key=str)
    if isinstance(value, list | tuple):
        return [_value(part, depth + 1, budget) for part in value]
    return _text(str(value))


def _text(text: str) -> str:
    """`text` with any lone surrogate (YAML's "\\ud800" escape makes one) replaced, as the
    metadata is stored as UTF-8, which cannot hold one."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
