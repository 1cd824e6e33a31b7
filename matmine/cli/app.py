"""The Typer application every command module registers itself on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="matmine",
    help="Patent and literature mining for materials discovery.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Patent and literature mining for materials discovery.

    Data lives in MATMINE_HOME (default ./matmine-data); MATMINE_INDEX selects
    the index (empty: embedded SQLite; http(s)://host:9200: Elasticsearch).
    """
