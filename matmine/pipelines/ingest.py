"""Ingestion: inputs → documents → extracted records → index.

:class:`Ingestor` is the one path every document takes into the index, whether
it comes from ``matmine ingest``, ``matmine run`` or a crawler:

>>> with Ingestor(Settings.from_env()) as ingestor:          # doctest: +SKIP
...     ingestor.ingest_paths([Path("corpus/demo")])
...     print(ingestor.report.summary())

Failure policy: an input that cannot be read, or a document whose extraction
fails, is quarantined with its reason and counted; the run goes on.  Writes are
batched, one transaction per batch, keyed by document id and content hash, so a
re-run changes nothing and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from matmine.documents import iter_bytes_results
from matmine.errors import DocumentParseError, MatmineError, UnsupportedFormatError
from matmine.extractors.pipeline import extract_document, extract_documents
from matmine.index import open_index
from matmine.models import Document, ExtractionResult
from matmine.pipelines.inputs import InputFile, SkippedInput, iter_inputs
from matmine.pipelines.quarantine import Quarantine, QuarantineEntry
from matmine.settings import Settings

log = logging.getLogger(__name__)

ProgressCallback = Callable[["IngestReport"], None]


@dataclass
class IngestReport:
    """Counts of one ingestion run."""

    files: int = 0
    read: int = 0
    indexed: int = 0
    unchanged: int = 0
    quarantined: int = 0
    failed: int = 0
    records: int = 0
    structures: int = 0
    quarantine_entries: list[QuarantineEntry] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def as_dict(self) -> dict[str, int | float]:
        return {
            "files": self.files,
            "read": self.read,
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "quarantined": self.quarantined,
            "failed": self.failed,
            "records": self.records,
            "structures": self.structures,
            "seconds": round(self.elapsed, 2),
        }

    def summary(self) -> str:
        return (
            f"read {self.read} documents from {self.files} files: {self.indexed} indexed, "
            f"{self.unchanged} unchanged, {self.quarantined} quarantined"
            f"{f', {self.failed} rejected by the index' if self.failed else ''} "
            f"({self.records} property records, {self.structures} structure facts) "
            f"in {self.elapsed:.1f} s"
        )


class Ingestor:
    """Reads, extracts and indexes documents in transactional batches."""

    def __init__(
        self,
        settings: Settings,
        *,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.settings = settings
        self.index = open_index(settings)
        self.quarantine_store = Quarantine(settings.quarantine_dir)
        self.report = IngestReport()
        self.on_progress = on_progress
        self._batch: dict[str, Document] = {}

    # -- context manager -------------------------------------------------------
    def __enter__(self) -> Ingestor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            # on Ctrl-C keep what was read before the interrupt; on an error, write nothing more
            if exc_type is None or exc_type is KeyboardInterrupt:
                self.flush()
        finally:
            self.index.close()

    # -- inputs ----------------------------------------------------------------
    def ingest_paths(self, paths: Iterable[Path]) -> IngestReport:
        """Ingest files, folders and archives; returns the running report."""
        for item in iter_inputs(paths, self.settings):
            if isinstance(item, SkippedInput):
                self.report.files += 1
                self.quarantine(item.name, item.data, item.reason)
            else:
                self.ingest_input(item)
        self.flush()
        return self.report

    def ingest_input(self, item: InputFile) -> None:
        self.report.files += 1
        if item.size > self.settings.max_file_bytes:
            self.quarantine(item.name, None, f"file larger than {self.settings.max_file_bytes} bytes")
            return
        self.ingest_bytes(item.read_bytes(), item.name, source="file")

    def ingest_bytes(
        self, data: bytes, name: str, *, source: str = "file", url: str | None = None
    ) -> int:
        """Read one file's bytes (possibly many documents); returns documents read."""
        count = 0
        try:
            # a bulk file yields its bad members as errors: only those are quarantined
            for result in iter_bytes_results(
                data, name, source=source, url=url, max_bytes=self.settings.max_file_bytes
            ):
                if isinstance(result, DocumentParseError):
                    self.quarantine(result.path or name, None, str(result))
                    continue
                self.ingest_document(result)
                count += 1
        except (DocumentParseError, UnsupportedFormatError) as exc:
            self.quarantine(name, data, str(exc))
        self._notify()
        return count

    def ingest_document(self, document: Document) -> None:
        """Queue one document; batches are written when full and on :meth:`flush`."""
        self.report.read += 1
        if not document.content_hash:
            document = document.with_content_hash()
        previous = self._batch.get(document.id)
        if previous is not None:
            document = _merge_sources(previous, document)
        self._batch[document.id] = document
        if len(self._batch) >= self.settings.batch_size:
            self.flush()

    def quarantine(self, name: str, data: bytes | None, reason: str) -> QuarantineEntry:
        """Put an input aside with its reason and count it."""
        entry = self.quarantine_store.put(name, reason, data)
        self.report.quarantined += 1
        self.report.quarantine_entries.append(entry)
        log.warning("quarantined %s: %s", name, reason)
        self._notify()
        return entry

    # -- batches ---------------------------------------------------------------
    def flush(self) -> None:
        """Extract and write the queued documents in one transaction."""
        if not self._batch:
            return
        documents = list(self._batch.values())
        self._batch.clear()
        fresh = [d for d in documents if not self._is_unchanged(d)]
        self.report.unchanged += len(documents) - len(fresh)
        items: list[tuple[Document, ExtractionResult]] = []
        for document, result in zip(fresh, self._extract(fresh)):
            if isinstance(result, Exception):
                data = document.model_dump_json().encode("utf-8")
                self.quarantine(document.id, data, f"extraction failed: {result!r}")
                continue
            items.append((document, result))
        if items:
            outcomes = self.index.upsert(items)
            for (document, result), outcome in zip(items, outcomes):
                if outcome == "unchanged":
                    self.report.unchanged += 1
                elif outcome == "failed":
                    # the backend kept it in its dead-letter file; counted, never dropped
                    self.report.failed += 1
                    log.error("index rejected %s (see the dead-letter file)", document.id)
                else:
                    self.report.indexed += 1
                    self.report.records += len(result.records)
                    self.report.structures += len(result.structures)
        self._notify()

    def _is_unchanged(self, document: Document) -> bool:
        stored = self.index.get_content_hash(document.id)
        return stored is not None and stored == document.content_hash

    def _extract(self, documents: list[Document]) -> list[ExtractionResult | Exception]:
        if self.settings.workers > 1 and len(documents) > 1:
            return list(extract_documents(documents, workers=self.settings.workers, on_error="return"))
        results: list[ExtractionResult | Exception] = []
        for document in documents:
            try:
                results.append(extract_document(document))
            except MatmineError as exc:
                results.append(exc)
            except Exception as exc:  # noqa: BLE001 — quarantined and counted by the caller
                log.exception("extraction failed on %s", document.id)
                results.append(exc)
        return results

    def _notify(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.report)


def _merge_sources(first: Document, second: Document) -> Document:
    """The same document seen twice: keep the newer content, note both sources."""
    sources = tuple(dict.fromkeys((*first.sources, first.source, *second.sources, second.source)))
    return second.model_copy(update={"sources": tuple(s for s in sources if s)})


def ingest(paths: Iterable[Path], settings: Settings, on_progress: ProgressCallback | None = None) -> IngestReport:
    """Read, extract and index ``paths`` (files, folders, archives)."""
    with Ingestor(settings, on_progress=on_progress) as ingestor:
        ingestor.ingest_paths(list(paths))
    return ingestor.report
