"""The command table names real handlers and argument set-ups, and `rizhi --help`
lists every command."""

from __future__ import annotations

import pytest

from app.cli.main import COMMANDS, build_parser, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_resolves(name: str) -> None:
    command = COMMANDS[name]
    assert callable(command.load_handler()) and callable(command.load_configure())
    build_parser(name)  # its arguments build


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)
