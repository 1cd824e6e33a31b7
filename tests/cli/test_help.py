"""Every registered command and group has help text, and ``--help`` works for each."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import matmine.cli  # noqa: F401 - registers every command module
from matmine.cli.app import app


def _commands() -> list[tuple[list[str], Any]]:
    """Every command and group under the root (typer ships its own click, so duck-type)."""
    root = typer.main.get_command(app)
    found: list[tuple[list[str], Any]] = []

    def walk(path: list[str], command: Any) -> None:
        found.append((path, command))
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk([*path, name], sub)

    walk([], root)
    return found


COMMANDS = _commands()


def test_the_search_commands_are_registered() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"search", "export", "reindex", "index", "index stats", "index copy"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "matmine" for p, _ in COMMANDS])
def test_command_has_help(path: list[str], command: Any) -> None:
    assert (command.help or "").strip(), f"`matmine {' '.join(path)}` has no help text"
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden and param.name != "help":
            assert (param.help or "").strip(), f"option {param.opts} of `matmine {' '.join(path)}` has no help"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
