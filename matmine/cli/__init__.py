"""Thin CLI: each command calls one library function.

Command modules register themselves on :data:`matmine.cli.app.app` when
imported; :func:`main` turns every :class:`~matmine.errors.MatmineError` into
one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import sys

import click
import typer

from matmine.cli.app import app
from matmine.errors import MatmineError

# Importing the command modules registers their commands.
from matmine.cli import ingest as _ingest  # noqa: F401,E402
from matmine.cli import schema as _schema  # noqa: F401,E402


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``matmine`` console script and ``python -m matmine``."""
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="matmine", standalone_mode=False)
    except MatmineError as exc:
        print(f"matmine: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        print("matmine: aborted", file=sys.stderr)
        sys.exit(130)
    except click.ClickException as exc:
        print(f"matmine: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("matmine: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


__all__ = ["app", "main"]
