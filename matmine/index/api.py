"""What every index backend offers: the request, the results, the interface.

Nothing here knows SQL or the Elasticsearch DSL; the CLI and the pipelines
only use these types.
"""

from __future__ import annotations

import abc
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from matmine.errors import ConfigurationError
from matmine.index.parser import parse_filter
from matmine.index.syntax import Node
from matmine.index.text import text_terms
from matmine.models import (
    Document,
    DocumentDates,
    ExtractionResult,
    Organisation,
    PropertyRecord,
    StructureFact,
)

def re_extracted(items: Iterator[tuple[Document, ExtractionResult]], workers: int | None = None,
                 batch: int = 64) -> Iterator[tuple[Document, ExtractionResult]]:
    """The stored documents of ``items`` with fresh extraction results.

    A document the extractors now fail on keeps its stored result (logged), so a
    re-extraction never loses what the index had.
    """
    from matmine.extractors.pipeline import extract_documents

    def flush(chunk: list[tuple[Document, ExtractionResult]]
              ) -> Iterator[tuple[Document, ExtractionResult]]:
        fresh = extract_documents([d for d, _ in chunk], workers=workers, on_error="return")
        for (document, stored), result in zip(chunk, fresh):
            if isinstance(result, Exception):
                log.error("re-extraction failed on %s, its stored records are kept: %r",
                          document.id, result)
                yield document, stored
            else:
                yield document, result

    chunk: list[tuple[Document, ExtractionResult]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch:
            yield from flush(chunk)
            chunk = []
    if chunk:
        yield from flush(chunk)


log = logging.getLogger(__name__)
Level = Literal["record", "document"]
Sort = Literal["relevance", "value", "date"]
FACETS = ("year", "assignee", "structure_type", "element", "kind")
TOTAL_EXACT_UP_TO = 1_000
"""Totals are exact up to this many hits, then reported as "at least" (Elasticsearch's
``track_total_hits``); counting further would cost a scan of every match."""


@dataclass(frozen=True)
class SearchRequest:
    """One search: a filter (string or parsed tree), free text, level, order, page, facets.

    >>> SearchRequest(filter='elements HAS "Li"', text="argyrodite", limit=5).node()
    ElementsHas(mode='all', elements=('Li',))
    """

    filter: str | Node | None = None
    text: str = ""
    level: Level = "record"
    sort: Sort = "relevance"
    limit: int = 20
    offset: int = 0
    facets: tuple[str, ...] = ()
    highlight: bool = True
    records_per_document: int = 3

    def __post_init__(self) -> None:
        if self.level not in ("record", "document"):
            raise ConfigurationError(f"level is record or document, not {self.level!r}")
        if self.sort not in ("relevance", "value", "date"):
            raise ConfigurationError(f"sort is relevance, value or date, not {self.sort!r}")
        if not 0 <= self.limit <= 10_000:
            raise ConfigurationError("limit must be between 0 and 10000")
        if self.offset < 0:
            raise ConfigurationError("offset must not be negative")
        unknown = [f for f in self.facets if f not in FACETS]
        if unknown:
            raise ConfigurationError(f"unknown facet {unknown[0]!r}; choose from {', '.join(FACETS)}")

    def node(self) -> Node | None:
        if self.filter is None or (isinstance(self.filter, str) and not self.filter.strip()):
            return None
        return parse_filter(self.filter) if isinstance(self.filter, str) else self.filter

    def terms(self) -> list[str]:
        """Free text as phrases of plain words (see :mod:`matmine.index.text`)."""
        return text_terms(self.text)


@dataclass(frozen=True)
class DocumentSummary:
    """The document fields shown with every hit."""

    id: str
    kind: str
    title: str
    dates: DocumentDates
    organisations: tuple[Organisation, ...]
    cpc: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        return cls(doc.id, doc.kind, doc.title, doc.dates, doc.organisations, doc.cpc)

    @staticmethod
    def stored(doc: Document) -> dict:
        """What the backends store per document to build summaries without the full JSON."""
        return {
            "id": doc.id, "kind": doc.kind, "title": doc.title,
            "dates": doc.dates.model_dump(mode="json", exclude_none=True),
            "organisations": [o.model_dump(mode="json") for o in doc.organisations],
            "cpc": list(doc.cpc),
        }

    @classmethod
    def from_stored(cls, data: dict) -> DocumentSummary:
        return cls(data["id"], data["kind"], data["title"], DocumentDates(**data["dates"]),
                   tuple(Organisation(**o) for o in data["organisations"]),
                   tuple(data.get("cpc", ())))

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "dates": self.dates.model_dump(mode="json", exclude_none=True),
            "organisations": [
                {"name": o.harmonised or o.raw, "raw": o.raw, "role": o.role}
                for o in self.organisations
            ],
        }


AnyRecord = PropertyRecord | StructureFact


@dataclass
class Hit:
    """A record (record level) or a document with its matching records (document level)."""

    document: DocumentSummary
    record: AnyRecord | None = None
    records: tuple[AnyRecord, ...] = ()
    score: float | None = None
    snippet: str = ""


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit]
    total: int
    total_exact: bool = True
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    backend: str = ""


class IndexBackend(abc.ABC):
    """The contract of docs/CONTRACTS.md; one subclass per engine."""

    name: str = ""

    @abc.abstractmethod
    def upsert(self, items: Sequence[tuple[Document, ExtractionResult]]) -> list[str]:
        """Index a batch in one transaction; ``"indexed"`` or ``"unchanged"`` per item."""

    @abc.abstractmethod
    def get(self, document_id: str) -> tuple[Document, ExtractionResult] | None:
        """A document and its extraction, by id or any alternate spelling."""

    @abc.abstractmethod
    def get_content_hash(self, document_id: str) -> str | None:
        """The stored content hash of a document (exact id), or ``None``; lets ingestion skip work."""

    @abc.abstractmethod
    def search(self, request: SearchRequest) -> SearchResults: ...

    @abc.abstractmethod
    def scan(self, filter: str | Node | None = None, text: str = "") -> Iterator[Hit]:
        """Every matching record (record level), streamed, grouped by document."""

    @abc.abstractmethod
    def iter_documents(self) -> Iterator[tuple[Document, ExtractionResult]]:
        """Every stored document with its extraction (for copy and reindex)."""

    @abc.abstractmethod
    def count_documents(self) -> int: ...

    @abc.abstractmethod
    def count_records(self) -> int: ...

    @abc.abstractmethod
    def stats(self) -> dict: ...

    @abc.abstractmethod
    def reindex(self, extract: bool = False, workers: int | None = None) -> dict:
        """Rebuild every derived structure from the stored sources, without downtime.

        ``extract``: run the extractors again on the stored documents (after an
        upgrade of matmine) instead of keeping the stored extraction results;
        ``workers`` extraction processes.
        """

    def bulk_load(self, items: Iterator[tuple[Document, ExtractionResult]], batch: int = 500) -> int:
        """Load many documents; backends override with a faster path. Returns the count."""
        n, chunk = 0, []
        for item in items:
            chunk.append(item)
            if len(chunk) >= batch:
                n += len(self.upsert(chunk))
                chunk = []
        if chunk:
            n += len(self.upsert(chunk))
        return n

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> IndexBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
