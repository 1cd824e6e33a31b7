"""A live progress display for long ingestion work (stderr, so stdout stays clean)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from matmine.pipelines.ingest import IngestReport, ProgressCallback

stderr_console = Console(stderr=True)


@contextmanager
def ingest_progress(label: str) -> Iterator[ProgressCallback]:
    """Yield a callback that updates a live line of ingestion counts."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=stderr_console,
        transient=True,
    )
    task = progress.add_task(label, total=None, counts="")

    def update(report: IngestReport) -> None:
        rate = report.read / report.elapsed if report.elapsed > 0 else 0.0
        progress.update(
            task,
            counts=(
                f"files {report.files}  read {report.read}  indexed {report.indexed}  "
                f"unchanged {report.unchanged}  quarantined {report.quarantined}  "
                f"({rate:.1f} docs/s)"
            ),
        )

    with progress:
        yield update
