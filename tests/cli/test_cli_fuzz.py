"""No traceback reaches a user from any command: whatever the arguments and whatever the
files given, `rizhi` ends with an exit code of the table (0 to 3) and, when it fails, a
message on standard error, never a fault of its own ("unexpected error").

The arguments are drawn from the real command table: every command, subcommand and
option the parser knows, with values that read and values that do not (unicode, huge
numbers, impossible dates), and files of every kind (random bytes, truncated or mistyped
exports, deep nesting, journals). The commands run in process against one shared store,
so each example starts from what the ones before it left.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.cli.common import whole_number
from app.cli.main import COMMANDS, build_parser, main
from app.instance.errors import InstanceError

EXAMPLES = int(os.environ.get("RIZHI_FUZZ_EXAMPLES", "600"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# --- files -------------------------------------------------------------------------------


class GivenFile(NamedTuple):
    """A file argument: written into the test's folder before the command runs."""

    name: str
    content: bytes | None  # None: nothing there (a new path, or one that does not exist)


class Backup(NamedTuple):
    """A file argument that is a real backup of the store."""


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


@st.composite
def mistyped_export(draw: st.DrawFn, export: dict[str, Any]) -> bytes:
    """A real export with a field (or a whole record or table) replaced by something else."""
    document = copy.deepcopy(export)
    tables = [t for t, rows in document.items() if isinstance(rows, list) and rows]
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(tables))
        rows = document[table]
        index = draw(st.integers(0, len(rows) - 1))
        how = draw(st.sampled_from(["field", "field", "field", "drop", "record", "table"]))
        if how == "table":
            document[table] = draw(JSON_VALUES)
            tables.remove(table)
            if not tables:
                break
        elif how == "record":
            rows[index] = draw(JSON_VALUES)
        elif isinstance(rows[index], dict) and rows[index]:
            field = draw(st.sampled_from(sorted(rows[index])))
            if how == "drop":
                del rows[index][field]
            else:
                rows[index][field] = draw(JSON_VALUES | TEXTS | st.sampled_from(DATES))
    return _json(document)


JOURNAL_LINES = st.sampled_from(
    ["## 2026-11-19", "## 2021-03-02 ~ 2021-0304", "# 2020-2-11", "2021-05-1", "- [DONE] read",
     "- [TODO] write", "- ~~dropped~~", "- [ ] box", "---", "title: x", "tags:  #标签",
     "- private", "```", "    code", "", "周五", "### Unit 3: 3-01 to 3-10", "papers=2", "> q"]
)  # fmt: skip


def files(export: dict[str, Any]) -> st.SearchStrategy[object]:
    text = json.dumps(export, ensure_ascii=False).encode()
    journal = "\n".join(["# My log", "## 2026-11-19", "- [DONE] read MAE", "## 2026-11-20",
                         "- [TODO] write", "- ~~old~~"]).encode()  # fmt: skip
    contents = st.one_of(
        st.just(text),
        st.just(journal),
        st.binary(max_size=300),
        st.integers(0, len(text)).map(lambda n: text[:n]),
        mistyped_export(export),
        st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(1, 200_000).map(lambda n: b'{"a":' * n),
        st.lists(JOURNAL_LINES | st.text(max_size=20), max_size=12).map(
            lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
        ),
        st.just(b""),
    )
    names = st.sampled_from(["in.json", "in.md", "in.sqlite3", "x"])
    return st.one_of(
        st.builds(GivenFile, names, contents),
        st.builds(
            GivenFile, st.sampled_from(["missing.json", "no/such/dir/f", ".", "-"]), st.none()
        ),
        st.just(Backup()),
    )


OUTPUTS = st.builds(
    GivenFile, st.sampled_from(["out.json", "out.md", "no/such/dir/out", ".", "-"]), st.none()
)


# --- values -------------------------------------------------------------------------------

UNICODE = st.characters(codec="utf-8", blacklist_characters="\x00")
TEXTS = st.one_of(
    st.text(UNICODE, max_size=24),
    st.sampled_from(["read MAE #paper !high ~2h fri 3pm", "明天下午三点 写论文", "-", "--", " ",
                     "\udcff\udcfe", "caf\udce9", "x" * 5000, "#", "=", "a=b"]),
)  # fmt: skip
INTEGERS = st.one_of(
    st.integers(-3, 12),
    st.integers(),
    st.sampled_from([2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30]),
).map(str)
DATES = ["today", "yesterday", "明天", "next fri", "2026-11-19", "2026-13-45", "2026-02-29",
         "2024-02-29", "0001-01-01", "9999-12-31", "9999-12-30", "1899-12-31", "2200-01-01",
         "2021-0304", "20261119", "bad-day"]  # fmt: skip
WEEKS = ["2026-W48", "2026-W53", "2020-W53", "2026-W00", "0001-W01", "9999-W52", "2026w5"]
BY_METAVAR: dict[str, st.SearchStrategy[str]] = {
    "DATE": st.sampled_from(DATES) | st.sampled_from(DATES) | st.dates().map(str),
    "DAY": st.sampled_from(DATES) | st.sampled_from(DATES) | st.dates().map(str),
    "YYYY-Www": st.sampled_from(WEEKS),
    "HH:MM": st.sampled_from(["21:00", "24:00", "9:5", "23:59", "00:00", "noon"]),
    "SPEC": st.sampled_from(["papers=2..3 read two", "papers=0", "Lectures=3", "nope=2",
                             "papers=2..1", "papers=99999999999999999999", "=", "coding=1-2"]),
    "NAME": st.sampled_from(["Papers", "paper", "New one", "a=b", "x" * 70, "Coding"]),
    "NEW": st.sampled_from(["Renamed", "Papers", "", "a=b"]),
    "KIND": st.sampled_from(["paper", "papers", "note", "book"]),
    "#hex": st.sampled_from(["#2563eb", "#FFF", "blue", "#12345", ""]),
    "KEY": st.sampled_from(["week.start", "board.wip_limit", "board.rollover",
                            "units.review_time", "nope"]),
    "VALUE": st.sampled_from(["sunday", "sun", "5", "100", "-1", "auto", "manual", "21:30",
                              "25:00", ""]),
    "current|N": st.sampled_from(["current", "1", "2", "0", "-1", "99999999999999999999"]),
    "1h30m": st.sampled_from(["1h30m", "90", "0", "2h", "abc", "99999h"]),
    "high|medium|low|none": st.sampled_from(["high", "!!", "none", "高", "urgent"]),
}  # fmt: skip
ITEM_IDS = st.integers(1, 8).map(str)


def mostly(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`valid` three times in four, any text otherwise."""
    return st.one_of(valid, valid, valid, TEXTS)


def values(
    action: argparse.Action, files_given: st.SearchStrategy[object]
) -> st.SearchStrategy[Any]:
    """One value for `action`: mostly one that could read, sometimes any text."""
    if action.metavar == "FILE":
        return OUTPUTS if action.dest == "output" else files_given
    if action.choices is not None:
        return mostly(st.sampled_from([str(c) for c in action.choices]))
    metavar = str(action.metavar or "")
    if metavar in BY_METAVAR:
        return mostly(BY_METAVAR[metavar])
    if action.type is whole_number:
        return mostly(ITEM_IDS | ITEM_IDS | INTEGERS)
    return TEXTS


def how_many(action: argparse.Action) -> st.SearchStrategy[int]:
    counts = {
        None: st.just(1),
        "?": st.integers(0, 1),
        "*": st.integers(0, 3),
        "+": st.integers(1, 3),
    }
    return counts.get(action.nargs, st.just(action.nargs if isinstance(action.nargs, int) else 1))  # type: ignore[arg-type]


def subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any] | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


@st.composite
def invocation(
    draw: st.DrawFn,
    parser: argparse.ArgumentParser,
    path: tuple[str, ...],
    files_given: st.SearchStrategy[object],
) -> list[object]:
    """Arguments for `parser`, going down `path` (subcommand names) to a leaf command."""
    argv: list[object] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if not path:
                continue
            if not draw(st.integers(0, 19)):  # now and then a subcommand that is none
                argv.append(draw(TEXTS))
                continue
            argv.append(path[0])
            argv.extend(draw(invocation(action.choices[path[0]], path[1:], files_given)))
        elif not action.option_strings and action.nargs != 0:
            n = draw(how_many(action))
            argv.extend(draw(values(action, files_given)) for _ in range(n))
    options = [
        a
        for a in parser._actions
        if a.option_strings and not isinstance(a, argparse._HelpAction | argparse._VersionAction)
    ]
    chosen = [a for a in options if a.required]
    if options:
        chosen += draw(st.lists(st.sampled_from(options), max_size=4))
    for action in chosen:
        argv.append(draw(st.sampled_from(action.option_strings)))
        if action.nargs != 0:
            argv.extend(draw(values(action, files_given)) for _ in range(draw(how_many(action))))
    if not draw(st.integers(0, 19)):  # now and then, something no parser expects
        argv.insert(
            draw(st.integers(0, len(argv))), draw(TEXTS | st.sampled_from(["--bogus", "-h"]))
        )
    return argv


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every path of subcommand names down to a command that runs (`unit goal add`)."""
    sub = subcommands(parser)
    if sub is None:
        return [path]
    found = [] if sub.required else [path]
    for name, child in sub.choices.items():
        found.extend(leaves(child, (*path, name)))
    return found


def command_parsers() -> dict[str, argparse.ArgumentParser]:
    parsers = {}
    for name in COMMANDS:
        top = build_parser(name)
        sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
        parsers[name] = sub.choices[name]
    return parsers


PARSERS = command_parsers()


# Each command that runs is drawn as often as any other: `log show` as often as `add`.
LEAVES = sorted((name, *path) for name, parser in PARSERS.items() for path in leaves(parser))


@st.composite
def command_lines(draw: st.DrawFn, export: dict[str, Any]) -> list[object]:
    name, *path = draw(st.sampled_from(LEAVES))
    return [name, *draw(invocation(PARSERS[name], tuple(path), files(export)))]


# --- the store and the run ------------------------------------------------------------------


class Ground(NamedTuple):
    home: Path
    folder: Path  # the working folder: files given and written are here
    export: dict[str, Any]
    backup: Path

    def __repr__(self) -> str:  # hypothesis prints it with every failing example
        return f"Ground({self.home})"


SEED = [
    ["add", "read the MAE paper #paper !high ~2h fri", "--week"],
    ["add", "write the intro #thesis due 2026-12-01"],
    ["add", "nested under the intro", "--parent", "2"],
    ["unit", "new", "--goal", "papers=2..3 two papers"],
    ["unit", "goal", "link", "1", "1"],
    ["log", "add", "--day", "2026-11-18", "- [DONE] read half of it #paper"],
    ["log", "add", "--day", "2026-11-16", "--to", "2026-11-17", "a conference"],
    ["rm", "3"],
]


@pytest.fixture(scope="module")
def ground(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ground]:
    home = tmp_path_factory.mktemp("fuzz-home")
    folder = tmp_path_factory.mktemp("fuzz-files")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIZHI_HOME", str(home))
        patch.chdir(folder)  # relative paths land here, never in the checkout
        # `rizhi capture` with no text asks the running instance for its popup; here none
        # runs (a private runtime folder), and none is started: the command says so.
        patch.setenv("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("fuzz-run")))
        patch.setattr("app.instance.launcher.start_background", _no_background_start)
        for argv in SEED:
            assert quietly(argv)[0] == 0, argv
        assert quietly(["export", "json", "-o", str(folder / "seed.json")])[0] == 0
        assert quietly(["backup", "-o", str(folder / "seed.sqlite3")])[0] == 0
        export = json.loads((folder / "seed.json").read_text(encoding="utf-8"))
        yield Ground(home, folder, export, folder / "seed.sqlite3")


def _no_background_start(*args: object, **kwargs: object) -> NoReturn:
    raise InstanceError("Rizhi is not started in the background by the fuzz test.")


def quietly(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """Run `rizhi` as a terminal would: standard output refuses what UTF-8 cannot encode
    (as a real one does), standard error replaces it."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exited:  # argparse: usage errors, --help
                code = exited.code if isinstance(exited.code, int) else 2
            out.flush()
    assert isinstance(out.buffer, io.BytesIO)
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def materialize(argv: list[object], ground: Ground, serial: int) -> list[str]:
    """Write the drawn files and give their paths."""
    result = []
    for value in argv:
        if isinstance(value, Backup):
            target = ground.folder / f"backup-{serial}.sqlite3"
            shutil.copyfile(ground.backup, target)
            result.append(str(target))
        elif isinstance(value, GivenFile):
            path = ground.folder / value.name
            if value.content is not None:
                path = ground.folder / f"{serial}-{value.name}"
                path.write_bytes(value.content)
            result.append(value.name if value.name == "-" else str(path))
        else:
            result.append(str(value))
    return result


COUNTER = iter(range(10**9))


def leaf_of(argv: list[str]) -> tuple[str, ...]:
    """The command an argument list names (`unit goal add`), for the statistics."""
    for length in (3, 2, 1):
        if tuple(argv[:length]) in LEAVES:
            return tuple(argv[:length])
    return (argv[0],)


@FUZZ
@given(data=st.data(), stdin=st.text(max_size=40))
def test_every_command_ends_with_a_code_and_a_message(
    ground: Ground, data: st.DataObject, stdin: str
) -> None:
    argv = materialize(data.draw(command_lines(ground.export), label="argv"), ground, next(COUNTER))
    code, out, err = quietly(argv, stdin)
    event(f"{' '.join(leaf_of(argv))} -> {code}")  # shown by --hypothesis-show-statistics
    assert code in (0, 1, 2, 3), (argv, code, err)
    assert "Traceback" not in out + err, (argv, err)
    if code:
        assert err.strip(), (argv, code)
    assert "unexpected error" not in err, (argv, err)


def test_the_store_is_whole_after_the_fuzzing(ground: Ground) -> None:
    """Runs after the fuzz test (file order): what the commands left is consistent."""
    with sqlite3.connect(ground.home / "rizhi.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
