"""``matmine reindex`` and ``matmine index stats|copy``."""

from __future__ import annotations

import json

import typer
from rich.console import Console

from matmine.cli.app import app
from matmine.settings import Settings

console = Console()
index_app = typer.Typer(help="Inspect the index or copy it into another one (e.g. Elasticsearch).",
                        no_args_is_help=True)
app.add_typer(index_app, name="index")


@app.command()
def reindex(
    extract: bool = typer.Option(
        False, "--extract",
        help="Run the extractors again on the stored documents (after upgrading matmine); "
             "without it the stored extraction results are kept."),
    workers: int = typer.Option(None, "--workers", "-j", help="Extraction processes."),
) -> None:
    """Rebuild the index from its stored documents without downtime.

    SQLite: builds a new file and swaps it in atomically. Elasticsearch: builds
    the next generation of indices and switches the aliases in one request.
    `matmine run` skips documents whose content has not changed, so after an
    upgrade `matmine reindex --extract` is how stored documents get the new
    extractors' records.
    """
    from matmine.index import open_index

    settings = Settings.from_env()
    index = open_index(settings)
    try:
        summary = index.reindex(extract=extract, workers=workers or settings.workers)
    finally:
        index.close()
    console.print(f"reindexed {summary['documents']} documents, {summary['records']} records"
                  f" in {summary['seconds']} s")


@index_app.command("stats")
def stats(output_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Counts of documents and records, by kind and property, and the index's size."""
    from matmine.index import open_index

    index = open_index(Settings.from_env())
    try:
        figures = index.stats()
    finally:
        index.close()
    if output_json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        console.print(f"[bold]{key}[/bold]: {value}")


@index_app.command("copy")
def copy(
    to: str = typer.Option(..., "--to", help="Target: http(s)://host:9200 (Elasticsearch) or a path to an .sqlite file."),
) -> None:
    """Copy the configured index (e.g. the embedded one) into another index.

    Example: matmine index copy --to http://localhost:9200
    """
    from pathlib import Path

    from matmine.index import open_index
    from matmine.index.options import copy_index
    from matmine.index.sqlite_backend import SQLiteIndex

    settings = Settings.from_env()
    source = open_index(settings)
    try:
        if to.startswith(("http://", "https://")):
            target = open_index(settings.model_copy(update={"index": to}))
        else:
            target = SQLiteIndex(Path(to))
        try:
            n = copy_index(source, target)
        finally:
            target.close()
    finally:
        source.close()
    console.print(f"copied {n} documents to {to}")
