"""``matmine search``: records (or documents) with the sentence or table cell they came from."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from matmine.cli.app import app
from matmine.errors import ConfigurationError
from matmine.index.api import SearchResults
from matmine.index.text import MARK_END, MARK_START
from matmine.models import PropertyRecord
from matmine.settings import Settings

console = Console()

WHERE_HELP = (
    'Filter in the matmine query language, e.g. \'elements HAS ALL "Li","P","S" AND '
    "ionic_conductivity >= 1 mS/cm' (see docs/query-language.md)."
)


def build_request(text: str | None, where: str | None, elements: str | None, exclude: str | None,
                  min_conductivity: str | None, kind: str | None, level: str, sort: str,
                  limit: int, offset: int, facets: bool):  # noqa: ANN201 - SearchRequest
    """The SearchRequest the options describe (convenience options AND --where)."""
    from matmine.index import FACETS, SearchRequest
    from matmine.index.options import filter_from_options

    node = filter_from_options(where, elements=elements, exclude=exclude,
                               min_conductivity=min_conductivity, kind=kind)
    return SearchRequest(filter=node, text=text or "", level=level, sort=sort,  # type: ignore[arg-type]
                         limit=limit, offset=offset, facets=FACETS if facets else ())


@app.command()
def search(
    text: str = typer.Argument(None, help="Free text (words; \"quoted phrases\" stay together)."),
    where: str = typer.Option(None, "--where", "-w", help=WHERE_HELP),
    elements: str = typer.Option(None, "--elements", help="Material contains all of these, e.g. Li,P,S."),
    exclude: str = typer.Option(None, "--exclude", help="Material contains none of these, e.g. O."),
    min_conductivity: str = typer.Option(
        None, "--min-conductivity", help="Ionic or unspecified conductivity at least this (S/cm, or '1 mS/cm')."),
    kind: str = typer.Option(None, "--kind", help="paper or patent."),
    level: str = typer.Option("record", "--level", help="record, or document (records collapsed per document)."),
    sort: str = typer.Option("relevance", "--sort", help="relevance, value (highest first) or date (newest first)."),
    facets: bool = typer.Option(False, "--facets", help="Also count hits by year, assignee, structure type, element and kind."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, json (one object per line), csv or parquet."),
    limit: int = typer.Option(20, "--limit", "-n", help="How many hits."),
    offset: int = typer.Option(0, "--offset", help="Skip this many hits (paging)."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file instead of the terminal (needed for parquet)."),
) -> None:
    """Search extracted records: chemistry, numbers with units, document fields and free text.

    Example: matmine search --elements Li,P,S --exclude O --min-conductivity "1 mS/cm" --kind patent
    """
    from matmine.index import open_index
    from matmine.index.export import hit_rows, write_rows

    if output_format not in ("table", "json", "csv", "parquet"):
        raise ConfigurationError(f"--format is table, json, csv or parquet, not {output_format!r}")
    request = build_request(text, where, elements, exclude, min_conductivity, kind, level, sort,
                            limit, offset, facets)
    settings = Settings.from_env()
    index = open_index(settings)
    try:
        results = index.search(request)
    finally:
        index.close()
    if output_format == "table":
        target = Console(file=output.open("w", encoding="utf-8"), width=160) if output else console
        render_results(target, results)
        return
    if output_format == "parquet":
        if output is None:
            raise ConfigurationError("--format parquet needs --output FILE.parquet")
        write_rows(hit_rows(results.hits), "parquet", output)
        return
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if output_format == "csv":
            write_rows(hit_rows(results.hits), "csv", stream)
        elif request.level == "record":
            write_rows(hit_rows(results.hits), "jsonl", stream)
        else:
            for hit in results.hits:
                stream.write(json.dumps({**hit.document.as_json(), "snippet": hit.snippet,
                                         "records": list(hit_rows([hit]))}, ensure_ascii=False) + "\n")
        if output_format == "json" and results.facets:
            stream.write(json.dumps({"total": results.total, "total_exact": results.total_exact,
                                     "facets": results.facets}) + "\n")
    finally:
        if output:
            stream.close()


# ---------------------------------------------------------------------- rendering


def _with_context(context: str, cell: str) -> str:
    """A table cell's value shown with its row and column headers."""
    return f"[dim]{escape(context)}:[/dim] {cell}" if context else cell


def _marked(text: str) -> str:
    """« » marks become bold yellow; everything else is escaped."""
    return escape(text).replace(MARK_START, "[bold yellow]").replace(MARK_END, "[/bold yellow]")


def _year(hit) -> str:  # noqa: ANN001
    dates = hit.document.dates
    day = dates.published or dates.online or dates.granted
    return str(day.year) if day else ""


def render_results(console: Console, results: SearchResults) -> None:
    request = results.request
    noun = "records" if request.level == "record" else "documents"
    total = f"{results.total}{'' if results.total_exact else '+'}"
    first = request.offset + 1 if results.hits else 0
    console.print(f"[bold]{total} {noun}[/bold] (showing {first}–{request.offset + len(results.hits)})"
                  f"  [dim]{results.backend}[/dim]")
    if request.level == "record":
        table = RichTable(show_lines=True)
        for column in ("material", "property", "value", "T, gas", "document", "sentence / cell"):
            table.add_column(column, overflow="fold")
        for hit in results.hits:
            record = hit.record
            assert record is not None
            material = (record.material.formula or record.material.text) if record.material else ""
            property_name = record.property if isinstance(record, PropertyRecord) else record.kind
            if isinstance(record, PropertyRecord) and record.scope:
                property_name += f" ({record.scope.replace('_', ' ')})"
            table.add_row(escape(material or ""), property_name, escape(record.display_value()),
                          escape(record.display_conditions()) if isinstance(record, PropertyRecord) else "",
                          f"{escape(hit.document.id)}\n{hit.document.kind} {_year(hit)}\n"
                          f"[dim]{escape(record.provenance.part_id)}[/dim]",
                          _with_context(record.provenance.context, _marked(hit.snippet)))
    else:
        table = RichTable(show_lines=True)
        for column in ("document", "title / organisations", "matching records", "snippet"):
            table.add_column(column, overflow="fold")
        for hit in results.hits:
            orgs = ", ".join(dict.fromkeys(o.harmonised or o.raw for o in hit.document.organisations))
            records = "\n".join(
                f"{(r.material.formula or r.material.text) if r.material else '?'}: {escape(r.display_value())}"
                for r in hit.records)
            table.add_row(f"{escape(hit.document.id)}\n{hit.document.kind} {_year(hit)}",
                          f"{escape(hit.document.title)}\n[dim]{escape(orgs)}[/dim]", records,
                          _marked(hit.snippet))
    if results.hits:
        console.print(table)
    for facet, buckets in results.facets.items():
        line = ", ".join(f"{escape(k)} ({n})" for k, n in buckets)
        console.print(f"[bold]{facet}[/bold]: {line or '—'}")
