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
from matmine.cli import candidates as _candidates  # noqa: F401,E402
from matmine.cli import ingest as _ingest  # noqa: F401,E402
from matmine.cli import crawl as _crawl  # noqa: F401,E402
from matmine.cli import schema as _schema  # noqa: F401,E402
from matmine.cli import formula as _formula  # noqa: F401,E402
from matmine.cli import search as _search  # noqa: F401,E402
from matmine.cli import export as _export  # noqa: F401,E402
from matmine.cli import index_cmd as _index_cmd  # noqa: F401,E402
from matmine.cli import extract as _extract  # noqa: F401,E402
from matmine.cli import track as _track  # noqa: F401,E402


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``matmine`` console script and ``python -m matmine``."""
    sys.exit(run_cli(argv))


def run_cli(argv: list[str] | None = None) -> int:
    """Run one command line in-process; user errors become one line on stderr.

    Returns the exit code instead of exiting, so the demo can chain commands.
    """
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="matmine", standalone_mode=False)
    except MatmineError as exc:
        print(f"matmine: {exc}", file=sys.stderr)
        return exc.exit_code
    except (typer.Abort, click.exceptions.Abort, KeyboardInterrupt):
        print("matmine: interrupted", file=sys.stderr)
        return 130
    except (typer.Exit, click.exceptions.Exit) as exc:
        return exc.exit_code
    except (typer.TyperException, click.ClickException) as exc:
        # typer ships its own copy of click: both kinds of usage error end up here
        message = " ".join(exc.format_message().split())
        if message:  # empty when help was shown for a bare `matmine`
            print(f"matmine: {message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return 0


__all__ = ["app", "main", "run_cli"]
