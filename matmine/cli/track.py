"""The analyst's commands: ``timeline``, ``overlaps``, ``watch add|list``, ``digest``, ``assignees``.

Each calls one function of :mod:`matmine.tracking`; rich tables for people,
JSON for programs.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from matmine.cli.app import app
from matmine.errors import ConfigurationError
from matmine.settings import Settings

SHOWN = 8
"""Disclosures shown per document in the timeline table."""
console = Console(width=None if sys.stdout.isatty() else 160)
watch_app = typer.Typer(help="Watch lists: assignees, CPC prefixes, a filter and free text.",
                        no_args_is_help=True)
app.add_typer(watch_app, name="watch")


def _format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        choices = ", ".join(allowed[:-1]) + " or " + allowed[-1]
        raise ConfigurationError(f"--format is {choices}, not {value!r}")
    return value


def _date(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigurationError(f"{option} takes a date YYYY-MM-DD, not {value!r}") from None


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def _day(value: date | None, label: str = "") -> str:
    return f"{value.isoformat()}{f' ({label})' if label else ''}" if value else "—"


@app.command()
def timeline(
    formula: str = typer.Argument(..., help="A formula (Li10SiP2S12), chemical system (Ge-Li-P-S) or filter."),
    where: str = typer.Option(None, "--where", "-w", help="Only documents this filter selects."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Who disclosed a composition first: every document, earliest first, with where it says so."""
    from matmine.index import open_index
    from matmine.tracking.timeline import first_disclosures

    _format(output_format, ("table", "json"))
    with open_index(Settings.from_env()) as index:
        result = first_disclosures(index, formula, where=where)
    if output_format == "json":
        _json(result.as_json())
        return
    console.print(f"[bold]Timeline of {escape(result.target.describe())}[/bold]: "
                  f"{len(result.entries)} documents")
    table = RichTable(show_lines=True)
    for column in ("date", "public", "document", "organisations", "where disclosed"):
        table.add_column(column, overflow="fold")
    for e in result.entries:
        where_lines = _claim_lines(e.disclosures)
        others = [d for d in e.disclosures if not d.claim]
        for d in others[:SHOWN]:
            where_lines.append(f"[cyan]{escape(d.part_id)}[/cyan] {d.how}: {escape(d.detail)}"
                               f" [dim]«{escape(d.sentence[:100])}»[/dim]")
        if len(others) > SHOWN:
            where_lines.append(f"… {len(others) - SHOWN} more (--format json lists all)")
        table.add_row(_day(e.date, e.date_kind), _day(e.public, e.public_kind),
                      f"{escape(e.document_id)}\n{e.kind}", escape(", ".join(e.organisations)),
                      "\n".join(where_lines))
    if result.entries:
        console.print(table)
    first, public = result.first_by_priority, result.first_public
    if first:
        console.print(f"[bold]First by priority[/bold]: {first.document_id} ({first.kind}, "
                      f"{escape(', '.join(first.organisations))}) {_day(first.date, first.date_kind)}")
    if public:
        console.print(f"[bold]First public[/bold]: {public.document_id} ({public.kind}, "
                      f"{escape(', '.join(public.organisations))}) {_day(public.public, public.public_kind)}")
    for note in result.notes:
        console.print(f"[yellow]note[/yellow]: {escape(note)}")


def _claim_lines(disclosures: tuple) -> list[str]:
    """Claims with the same finding on one line: "claims 1 (independent), 5, 6: … with x = 0"."""
    groups: dict[str, list] = {}
    for d in disclosures:
        if d.claim:
            groups.setdefault(d.detail.split(" (formula of claim")[0], []).append(d)
    lines = []
    for detail, claims in groups.items():
        numbers = ", ".join(f"{d.claim}" + (" (independent)" if d.independent else "") for d in claims)
        noun = "claim" if len(claims) == 1 else "claims"
        lines.append(f"[cyan]{noun} {numbers}[/cyan]: {escape(detail)}")
    return lines


@app.command()
def overlaps(
    doc_id: str = typer.Argument(..., help="The document whose compositions to check."),
    kinds: str = typer.Option("patent", "--kinds", help="Kinds of documents whose claims count (patent,paper)."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Which compositions of a document fall within other documents' claims."""
    from matmine.index import open_index
    from matmine.tracking.overlap import composition_overlaps

    _format(output_format, ("table", "json"))
    wanted = tuple(k.strip() for k in kinds.split(",") if k.strip())
    with open_index(Settings.from_env()) as index:
        found = composition_overlaps(index, doc_id, kinds=wanted)
    if output_format == "json":
        _json([o.as_json() for o in found])
        return
    console.print(f"[bold]{len(found)} overlaps[/bold] of {escape(doc_id)} with claims of "
                  f"{', '.join(wanted)} documents")
    table = RichTable(show_lines=True)
    for column in ("composition", "in the document", "claims", "covered with", "assignees", "first"):
        table.add_column(column, overflow="fold")
    rows: dict[tuple[str, str, str], list] = {}
    for o in found:  # one row per composition, document and finding; the claims listed together
        rows.setdefault((o.composition, o.other_id, o.claim_values), []).append(o)
    for claims in rows.values():
        o = claims[0]
        first = {"document": f"{doc_id} ({_day(o.date)})",
                 "other": f"{o.other_id} ({_day(o.other_date, o.other_date_kind)})"}.get(o.first, o.first)
        numbers = ", ".join(f"{c.claim}" + (" (independent)" if c.independent else "") for c in claims)
        table.add_row(escape(o.composition),
                      f"[cyan]{escape(o.part_id)}[/cyan]\n[dim]{escape(o.sentence[:120])}[/dim]",
                      f"{escape(o.other_id)} {numbers}\n{escape(o.claim_formula)}",
                      escape(o.claim_values), escape(", ".join(o.assignees)), escape(first))
    if found:
        console.print(table)


@watch_app.command("add")
def watch_add(
    name: str = typer.Argument(..., help="Name of the watch list (MATMINE_HOME/watch/NAME.toml)."),
    assignee: list[str] = typer.Option(None, "--assignee", "-a", help="An assignee to watch (repeat)."),
    cpc: list[str] = typer.Option(None, "--cpc", help="A CPC prefix (repeat; default H01M10/0562)."),
    where: str = typer.Option("", "--where", "-w", help="A filter in the query language."),
    text: str = typer.Option("", "--text", help="Free text the documents must contain."),
) -> None:
    """Create or replace a watch list."""
    from matmine.tracking.watch import make_watch_list, save_watch_list

    watch = save_watch_list(Settings.from_env(),
                            make_watch_list(name, assignee or [], cpc or None, where, text))
    console.print(f"watch list [bold]{escape(watch.name)}[/bold] saved to {escape(str(watch.path))}")


@watch_app.command("list")
def watch_list(output_format: str = typer.Option("table", "--format", "-f", help="table or json.")) -> None:
    """Show the watch lists in MATMINE_HOME/watch."""
    from matmine.tracking.watch import list_watch_lists

    _format(output_format, ("table", "json"))
    lists = list_watch_lists(Settings.from_env())
    if output_format == "json":
        _json([{"name": w.name, "assignees": list(w.assignees), "cpc": list(w.cpc),
                "where": w.where, "text": w.text, "path": str(w.path)} for w in lists])
        return
    table = RichTable()
    for column in ("name", "assignees", "cpc", "where", "text"):
        table.add_column(column, overflow="fold")
    for w in lists:
        table.add_row(escape(w.name), escape(", ".join(w.assignees) or "any"), escape(", ".join(w.cpc)),
                      escape(w.where), escape(w.text))
    console.print(table if lists else "no watch lists yet; create one with `matmine watch add NAME`")


@app.command("digest")
def digest_command(
    name: str = typer.Argument(..., help="Watch list name or path of its TOML file."),
    since: str = typer.Option(None, "--since", help="List everything published since YYYY-MM-DD."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, json or markdown."),
) -> None:
    """What a watch list's assignees disclosed since the last digest, grouped by assignee."""
    from matmine.index import open_index
    from matmine.tracking.watch import digest, load_watch_list

    _format(output_format, ("table", "json", "markdown"))
    start = _date(since, "--since")
    settings = Settings.from_env()
    watch = load_watch_list(settings, name)
    with open_index(settings) as index:
        result = digest(index, watch, since=start)
    if output_format == "json":
        _json(result.as_json())
        return
    if output_format == "markdown":
        lines = [f"# Digest: {watch.name}", "",
                 f"{len(result.entries)} new documents; watermark {_day(result.watermark)}", ""]
        for group, entries in result.groups.items():
            lines += [f"## {group}", ""]
            for e in entries:
                late = " (late arrival)" if e.late else ""
                lines.append(f"- **{e.document_id}** ({e.kind}, {_day(e.published)}){late}: {e.title}")
                lines += [f"  - {b}" for b in e.best]
            lines.append("")
        sys.stdout.write("\n".join(lines) + "\n")
        return
    console.print(f"[bold]Digest {escape(watch.name)}[/bold]: {len(result.entries)} new documents "
                  f"(watermark {_day(result.previous_watermark)} → {_day(result.watermark)})")
    for group, entries in result.groups.items():
        table = RichTable(title=escape(group), show_lines=True)
        for column in ("document", "published", "title", "best records"):
            table.add_column(column, overflow="fold")
        for e in entries:
            table.add_row(f"{escape(e.document_id)}\n{e.kind}", _day(e.published) + (" late" if e.late else ""),
                          escape(e.title), escape("\n".join(e.best)))
        console.print(table)


@app.command()
def assignees(
    cpc: str = typer.Option(None, "--cpc", help="Only CPC classes starting with this prefix."),
    since: str = typer.Option(None, "--since", help="Only patents dated on or after YYYY-MM-DD."),
    year_of: str = typer.Option("filed", "--year-of", help="filed, priority or published."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Patent counts by harmonised assignee × year × CPC (who filed what, when)."""
    from matmine.index import open_index
    from matmine.tracking.assignee_report import assignee_report

    _format(output_format, ("table", "json"))
    if year_of not in ("filed", "priority", "published"):
        raise ConfigurationError(f"--year-of is filed, priority or published, not {year_of!r}")
    with open_index(Settings.from_env()) as index:
        report = assignee_report(index, cpc=cpc, since=_date(since, "--since"), year_of=year_of)  # type: ignore[arg-type]
    if output_format == "json":
        _json(report.as_json())
        return
    table = RichTable(title=f"Patents by assignee × {report.year_of} year × CPC")
    for column in ("assignee", "year", "cpc", "patents", "documents"):
        table.add_column(column, overflow="fold")
    for row in report.rows:
        table.add_row(escape(row.assignee), str(row.year or "—"), escape(row.cpc), str(row.count),
                      escape(", ".join(row.documents)))
    console.print(table)
    console.print("totals: " + ", ".join(f"{escape(k)} {v}" for k, v in report.totals().items()))
