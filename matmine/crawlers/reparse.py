"""``matmine reparse``: re-read every stored item with the current readers, no network.

Walks the crawl ledger, loads each item's parts from the raw store, parses them
with the item's format and sends the documents through deduplication and the
:class:`~matmine.pipelines.ingest.Ingestor`; documents whose content did not
change are reported ``unchanged``.
"""

from __future__ import annotations

from collections.abc import Callable

from matmine.crawlers.formats import RecordProblem, parse_parts
from matmine.crawlers.rawstore import RawStore
from matmine.crawlers.state import CrawlState
from matmine.errors import DocumentParseError, UnsupportedFormatError
from matmine.pipelines.crawl import Deduplicator
from matmine.pipelines.ingest import Ingestor, IngestReport
from matmine.settings import Settings


def reparse(
    settings: Settings,
    source: str | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Re-read the raw store (optionally one source) into the index; returns the counts."""
    state = CrawlState.open(settings)
    raw = RawStore.open(settings)
    try:
        with Ingestor(settings, on_progress=on_progress) as ingestor:
            deduplicator = Deduplicator(state, ingestor)
            for entry in state.ledger_entries(source):
                ingestor.report.files += 1
                try:
                    parts = {name: raw.get(key) for name, key in entry.raw_keys.items()}
                except (OSError, ValueError) as exc:
                    ingestor.quarantine(entry.name, None, f"raw store entry unreadable: {exc}")
                    continue
                try:
                    for output in parse_parts(
                        entry.format, parts, entry.name, entry.source, entry.url
                    ):
                        if isinstance(output, RecordProblem):
                            ingestor.quarantine(output.name, output.data, output.reason)
                        else:
                            ingestor.ingest_document(deduplicator.resolve(output))
                except (DocumentParseError, UnsupportedFormatError) as exc:
                    ingestor.quarantine(entry.name, next(iter(parts.values()), None), str(exc))
                ingestor.flush()
        return ingestor.report
    finally:
        state.close()
