"""``matmine ingest``, ``matmine run`` and ``matmine show``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from matmine.cli.app import app
from matmine.settings import Settings

# Library modules (spaCy, the index, the readers) are imported inside each command
# so that `matmine --help` stays fast.

console = Console()


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files, folders or zip/tar archives to ingest."),
    workers: int = typer.Option(None, "--workers", "-j", help="Extraction processes (default: MATMINE_WORKERS or 1)."),
    output_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Read, extract and index documents; print counts (read, indexed, unchanged, quarantined).

    Example: matmine ingest ../shared/data/patents/uspto ../shared/data/papers/jats
    """
    from matmine.cli.progress import ingest_progress
    from matmine.cli.render import render_report
    from matmine.pipelines.ingest import ingest as ingest_paths

    settings = Settings.from_env(workers=workers)
    with ingest_progress("ingesting") as on_progress:
        report = ingest_paths(paths, settings, on_progress=on_progress)
    if output_json:
        print(json.dumps(report.as_dict()))
    else:
        render_report(console, "ingest", report, settings)


@app.command()
def run(
    config: Path = typer.Option(
        None, "--config", "-c", help="Run configuration (TOML); default: MATMINE_SOURCES_CONFIG, ./matmine.toml, else the demo corpus."
    ),
    workers: int = typer.Option(None, "--workers", "-j", help="Extraction processes."),
) -> None:
    """The main job: ingest the configured sources (by default the demo corpus) and summarise."""
    from matmine.cli.progress import ingest_progress
    from matmine.cli.render import render_report
    from matmine.pipelines.run import run as run_job

    settings = Settings.from_env(workers=workers)
    with ingest_progress("running") as on_progress:
        results = run_job(settings, config, on_progress=on_progress)
    for spec, report in results:
        render_report(console, spec.label, report, settings)


@app.command()
def show(
    document_id: str = typer.Argument(..., metavar="ID", help="Document id: patent number, DOI, arXiv id or DEMO-… id, in any usual spelling."),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Show one document (title, dates, parties, abstract, claims, parts, tables) with its records.

    Example: matmine show "US 8,926,509 B2"
    """
    from matmine.cli.render import render_document
    from matmine.pipelines.lookup import get_document

    settings = Settings.from_env()
    document, result = get_document(settings, document_id)
    if output_format == "json":
        print(json.dumps({"document": document.model_dump(mode="json"),
                          "extraction": result.model_dump(mode="json")}, ensure_ascii=False))
    elif output_format == "text":
        render_document(console, document, result)
    else:
        raise typer.BadParameter(f"unknown format {output_format!r} (text or json)")
