"""``matmine crawl`` and ``matmine reparse``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from typing import TYPE_CHECKING

from matmine.cli.app import app
from matmine.crawlers.sources import SOURCES
from matmine.errors import ConfigurationError, CrawlError
from matmine.settings import Settings

if TYPE_CHECKING:
    from matmine.crawlers.base import CrawlReport

console = Console()
stderr = Console(stderr=True)


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigurationError(
            f"{option} must be a date like 2024-01-31, not {value!r}"
        ) from None


def _progress_line(report: CrawlReport) -> Text:
    ingest = report.ingest
    return Text.assemble(
        (f"crawling {report.source}", "bold"),
        f"  fetched {report.responses}  new {ingest.indexed}  unchanged {ingest.unchanged}",
        f"  quarantined {ingest.quarantined}  already stored {report.skipped}",
        f"  {report.rate:.2f} req/s  {report.elapsed:.0f} s",
    )


def crawl_status(settings: Settings) -> Table:
    """A table of each source's watermark and last run."""
    from matmine.crawlers.state import CrawlState

    state = CrawlState.open(settings)
    try:
        rows = state.status()
    finally:
        state.close()
    table = Table(title=f"crawl state in {settings.home}")
    for column in ("source", "watermark", "last run", "status", "fetched", "new", "stored items"):
        table.add_column(column)
    for row in rows:
        counts = row["last_counts"]
        table.add_row(
            row["source"],
            row["watermark"] or "-",
            row["last_finished"] or row["last_started"] or "-",
            row["last_status"] or "-",
            str(counts.get("fetched", "-")),
            str(counts.get("new", "-")),
            str(row["stored_items"]),
        )
    return table


@app.command()
def crawl(
    source: str = typer.Argument(None, help=f"One of: {', '.join(SOURCES)}."),
    query: str = typer.Option(
        None, "--query", "-q", help="Search terms (CQL for epo; keywords for arxiv and uspto)."
    ),
    since: str = typer.Option(
        None, "--since", help="Only records from this date (default: the source's watermark)."
    ),
    until: str = typer.Option(None, "--until", help="Only records up to this date."),
    max_items: int = typer.Option(None, "--max", help="Stop requesting more after N documents."),
    endpoint: str = typer.Option(
        None,
        "--endpoint",
        help="Base URL (mirror, proxy, local replay); default MATMINE_<SOURCE>_URL.",
    ),
    paths: list[Path] = typer.Option(  # noqa: B008
        None, "--path", help="Local files or folders (files source, uspto bulk zips)."
    ),
    cpc: list[str] = typer.Option(  # noqa: B008
        None, "--cpc", help="CPC filter (uspto; default MATMINE_USPTO_CPC)."
    ),
    status: bool = typer.Option(
        False, "--status", help="Show each source's watermark and last run, then exit."
    ),
    output_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Crawl a source into the index: polite, resumable, incremental, deduplicated.

    Example: matmine crawl arxiv --since 2024-01-01 --max 500
    """
    settings = Settings.from_env()
    if status:
        console.print(crawl_status(settings))
        return
    if not source:
        raise CrawlError(f"name a source to crawl ({', '.join(SOURCES)}) or use --status")
    from matmine.crawlers.base import CrawlOptions
    from matmine.crawlers.runner import crawl as run_crawl

    options = CrawlOptions(
        source=source,
        query=query,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        max_items=max_items,
        endpoint=endpoint,
        paths=tuple(paths or ()),
        cpc=tuple(cpc or ()),
    )
    with Live(
        Text(f"crawling {source}"), console=stderr, transient=True, refresh_per_second=4
    ) as live:
        report = run_crawl(settings, options, on_progress=lambda r: live.update(_progress_line(r)))
    if output_json:
        print(json.dumps(report.as_dict()))
    else:
        console.print(report.summary())
        for entry in report.ingest.quarantine_entries[:10]:
            console.print(f"  quarantined {entry.name}: {entry.reason}")


@app.command()
def reparse(
    source: str = typer.Argument(None, help="Only items of this source (default: all)."),
    output_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Re-read every stored raw response with the current readers (no network) and re-index.

    Example: matmine reparse europepmc
    """
    settings = Settings.from_env()
    from matmine.crawlers.reparse import reparse as reparse_raw_store

    report = reparse_raw_store(settings, source)
    if output_json:
        print(json.dumps(report.as_dict()))
    else:
        console.print(f"reparse: {report.summary()}")
