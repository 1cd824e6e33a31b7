"""``matmine export``: stream every matching record, with provenance, to a file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from matmine.cli.app import app
from matmine.cli.search import WHERE_HELP
from matmine.settings import Settings

console = Console(stderr=True)


@app.command()
def export(
    text: str = typer.Argument(None, help="Free text the record's sentence must contain."),
    to: Path = typer.Option(..., "--to", "-o", help="Output file: .csv, .jsonl or .parquet (format from the extension)."),
    where: str = typer.Option(None, "--where", "-w", help=WHERE_HELP),
    elements: str = typer.Option(None, "--elements", help="Material contains all of these, e.g. Li,P,S."),
    exclude: str = typer.Option(None, "--exclude", help="Material contains none of these, e.g. O."),
    min_conductivity: str = typer.Option(None, "--min-conductivity", help="Conductivity at least this (S/cm, or '1 mS/cm')."),
    kind: str = typer.Option(None, "--kind", help="paper or patent."),
    output_format: str = typer.Option(None, "--format", "-f", help="csv, jsonl or parquet (default: from the extension)."),
) -> None:
    """Export every matching record (any number) with its provenance and document fields.

    Example: matmine export --where 'elements HAS ALL "Li","S"' --to sulfides.parquet
    """
    from matmine.index import open_index
    from matmine.index.export import export_records
    from matmine.index.options import filter_from_options

    node = filter_from_options(where, elements=elements, exclude=exclude,
                               min_conductivity=min_conductivity, kind=kind)
    index = open_index(Settings.from_env())
    try:
        n = export_records(index, node, text or "", to, output_format)
    finally:
        index.close()
    console.print(f"exported {n} records to {to}")
