"""Scrapy item pipeline: fetched items → raw store → reader → extract → index, then state.

For every :class:`~matmine.crawlers.base.FetchedItem` the order is fixed, so a
crawl killed at any instant loses at most the item in flight:

1. store each part in the raw store (content-addressed, idempotent);
2. parse it with its format (records that fail go to quarantine);
3. deduplicate each document against earlier ones by id and alternate ids
   (DOI, arXiv id, patent number) and merge sources;
4. hand the documents to the :class:`~matmine.pipelines.ingest.Ingestor` and flush
   (one index transaction);
5. commit ledger entry, cursor, frontier change and watermark in one SQLite
   transaction.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from scrapy.exceptions import DropItem

from matmine.crawlers.base import CONTEXTS, CrawlContext, FailedItem, FetchedItem
from matmine.crawlers.formats import RecordProblem, parse_parts
from matmine.crawlers.state import CrawlState, LedgerEntry, now_iso
from matmine.errors import DocumentParseError, UnsupportedFormatError
from matmine.models import Document
from matmine.pipelines.ingest import Ingestor, IngestReport

log = logging.getLogger(__name__)


def document_size(document: Document) -> int:
    """How much text a document carries (to keep the richer copy when merging)."""
    return sum(len(part.text) for part in document.iter_parts())


def merge_documents(existing: Document | None, new: Document, canonical_id: str) -> Document:
    """One document from two sightings: richer content, union of sources and ids.

    The content hash covers the merged sources as well, so noting a second
    source counts as a change and is written to the index.
    """
    sightings = [d for d in (existing, new) if d is not None]
    richest = max(reversed(sightings), key=document_size)  # ties: the newer sighting
    sources = tuple(dict.fromkeys(s for d in sightings for s in (*d.sources, d.source) if s))
    ids = tuple(
        dict.fromkeys(
            i for d in sightings for i in (d.id, *d.alternate_ids) if i and i != canonical_id
        )
    )
    merged = richest.model_copy(
        update={
            "id": canonical_id,
            "sources": sources,
            "alternate_ids": ids,
            "content_hash": "",
        }
    )
    if len(sources) < 2:
        return merged.with_content_hash()
    blob = f"{merged.compute_content_hash()}|{','.join(sorted(sources))}"
    return merged.model_copy(update={"content_hash": hashlib.sha256(blob.encode()).hexdigest()})


class Deduplicator:
    """Map each document to its canonical id (by id and alternate ids) and merge sightings."""

    def __init__(self, state: CrawlState, ingestor: Ingestor) -> None:
        self.state = state
        self.ingestor = ingestor

    def resolve(self, document: Document) -> Document:
        ids = [document.id, *document.alternate_ids]
        canonical = self.state.canonical_id(ids)
        if canonical is None:
            self.state.add_aliases(document.id, ids)
            return document
        found = self.ingestor.index.get(canonical)
        existing = found[0] if found else None
        self.state.add_aliases(canonical, ids)
        if canonical == document.id and (
            existing is None or set(existing.sources) <= set(document.sources or (document.source,))
        ):
            return document  # first sighting, or the same source again
        return merge_documents(existing, document, canonical)


class CrawlPipeline:
    """Stores, parses, deduplicates and indexes crawled items; commits crawl state."""

    def __init__(self, context: CrawlContext, crawler: Any = None) -> None:
        self.context = context
        self.crawler = crawler
        self.ingestor: Ingestor | None = None
        self.broken: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlPipeline:
        return cls(CONTEXTS[crawler.settings["MATMINE_CONTEXT"]], crawler)

    # -- lifecycle ------------------------------------------------------------------
    def open_spider(self, spider: Any = None) -> None:
        self.ingestor = Ingestor(self.context.settings)
        self.ingestor.report = self.context.report.ingest
        self.deduplicator = Deduplicator(self.context.state, self.ingestor)

    def close_spider(self, spider: Any = None) -> None:
        context = self.context
        assert self.ingestor is not None
        self.ingestor.__exit__(None, None, None)
        run = context.run
        if run is None:
            context.report.status = "failed"
            return
        cursor = context.state.run_cursor(run)
        if context.fatal:
            status = "failed"
        elif context.stopped_early or self.broken:
            status = "partial"
        elif (cursor or {}).get("done") and not context.state.pending(run) and not context.gave_up:
            status = "complete"
        else:
            status = "partial"
        context.state.finish_run(run, status, context.report.as_dict())
        context.report.status = status
        context.report.watermark = context.state.watermark(run.source)

    # -- items ------------------------------------------------------------------------
    def process_item(self, item: Any, spider: Any = None) -> Any:
        if self.broken:
            # nothing after a failed item (or --max) may be committed: the cursor would skip it
            raise DropItem(f"crawl stopping: {self.broken}")
        try:
            if isinstance(item, FailedItem):
                self._failed(item)
            elif isinstance(item, FetchedItem):
                self._fetched(item)
        except Exception as exc:
            self.broken = f"{type(exc).__name__}: {exc}"
            self.context.crawl_error = f"crawl of {self.context.options.source} stopped: {exc}"
            log.exception("storing %s failed; stopping the crawl (it resumes here)", item.key)
            self._close_spider("pipeline error")
            raise DropItem(self.broken) from None
        limit = self.context.options.max_items
        if limit is not None and self.context.report.ingest.read >= limit:
            self.broken = f"--max {limit} reached"
            self.context.stopped_early = True
            self._close_spider("max reached")
        self._notify()
        return None

    def _close_spider(self, reason: str) -> None:
        if self.crawler is not None and self.crawler.engine is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))

    def _failed(self, item: FailedItem) -> None:
        assert self.ingestor is not None
        self.ingestor.quarantine(item.url or item.key, item.data, item.reason)
        if item.fatal:
            self.context.fatal = item.reason
        if item.resolves and self.context.run is not None:
            self.context.state.commit_step(self.context.run, resolve_pending=item.resolves)

    def _fetched(self, item: FetchedItem) -> None:
        assert self.ingestor is not None and self.context.run is not None
        context = self.context
        raw_keys = {name: context.raw.put(data) for name, data in item.parts.items()}
        document_ids = []
        for document in self._parse(item):
            if not self._wanted(document):
                continue
            if not document.sources:
                document = document.model_copy(
                    update={"sources": (document.source or item.source,)}
                )
            document = self.deduplicator.resolve(document)
            self.ingestor.ingest_document(document)
            document_ids.append(document.id)
        self.ingestor.flush()
        context.state.commit_step(
            context.run,
            ledger=LedgerEntry(
                item.source,
                item.key,
                item.url,
                raw_keys,
                document_ids,
                item.format,
                item.name,
                now_iso(),
            ),
            cursor=item.cursor,
            add_pending=item.pending,
            resolve_pending=item.resolves,
            watermark=item.watermark,
        )
        context.report.stored += 1

    def _parse(self, item: FetchedItem) -> list[Document]:
        assert self.ingestor is not None
        documents = []
        first = next(iter(item.parts.values()), None)
        try:
            for output in parse_parts(item.format, item.parts, item.name, item.source, item.url):
                if isinstance(output, RecordProblem):
                    self.ingestor.quarantine(output.name, output.data, output.reason)
                else:
                    documents.append(output)
        except (DocumentParseError, UnsupportedFormatError) as exc:
            self.ingestor.quarantine(item.name, first, str(exc))
        except Exception as exc:
            log.exception("reader failed on %s", item.name)
            self.ingestor.quarantine(item.name, first, f"reader failed: {exc!r}")
        return documents

    def _wanted(self, document: Document) -> bool:
        """arXiv has no keyword search: ``--query`` words must all occur in title/abstract."""
        query = self.context.options.query
        if not query or self.context.options.source != "arxiv":
            return True
        text = f"{document.title} {document.abstract}".lower()
        return all(word.lower() in text for word in query.split())

    def _notify(self) -> None:
        if self.context.on_progress is not None:
            self.context.on_progress(self.context.report)


def run_crawl_source(spec: Any, settings: Any) -> IngestReport:
    """``matmine run`` entry: crawl one ``[[sources]] type = "crawl"`` entry in a subprocess."""
    from matmine.crawlers.runner import crawl_in_subprocess, options_from_mapping

    options = options_from_mapping(spec.source, dict(spec.options))
    return crawl_in_subprocess(options, settings).ingest
