"""What every spider shares: options, the crawl context, items, resumable start-up.

A spider never writes state itself: it yields :class:`FetchedItem` (bytes as
fetched plus the cursor / frontier changes they imply) and :class:`FailedItem`;
:class:`matmine.pipelines.crawl.CrawlPipeline` stores, parses, indexes and then
commits the state change in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.http import Request
from scrapy.spidermiddlewares.httperror import HttpError

from matmine.crawlers.rawstore import RawStore
from matmine.crawlers.state import CrawlState, Run
from matmine.pipelines.ingest import IngestReport
from matmine.settings import Settings


@dataclass(frozen=True)
class CrawlOptions:
    """What the user asked for (``matmine crawl SOURCE --query … --since …``)."""

    source: str
    query: str | None = None
    since: date | None = None
    until: date | None = None
    max_items: int | None = None
    endpoint: str | None = None
    paths: tuple[Path, ...] = ()
    cpc: tuple[str, ...] = ()


@dataclass
class CrawlReport:
    """Counts of one crawl; ``ingest`` holds read / indexed / unchanged / quarantined."""

    source: str
    status: str = "starting"
    responses: int = 0
    stored: int = 0
    skipped: int = 0
    resumed: bool = False
    watermark: str | None = None
    ingest: IngestReport = field(default_factory=IngestReport)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.responses / self.elapsed if self.elapsed > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "fetched": self.responses,
            "stored": self.stored,
            "skipped": self.skipped,
            "read": self.ingest.read,
            "new": self.ingest.indexed,
            "unchanged": self.ingest.unchanged,
            "quarantined": self.ingest.quarantined,
            "resumed": self.resumed,
            "watermark": self.watermark,
            "seconds": round(self.elapsed, 2),
            "rate": round(self.rate, 3),
        }

    def summary(self) -> str:
        return (
            f"{self.source}: {self.status}; fetched {self.responses} responses "
            f"({self.rate:.2f}/s), {self.ingest.read} documents read: {self.ingest.indexed} new, "
            f"{self.ingest.unchanged} unchanged, {self.ingest.quarantined} quarantined, "
            f"{self.skipped} already stored; watermark {self.watermark or '-'}; "
            f"{self.elapsed:.1f} s"
        )


@dataclass
class CrawlContext:
    """Everything a crawl's spider and pipeline share (kept out of Scrapy settings)."""

    settings: Settings
    options: CrawlOptions
    state: CrawlState
    raw: RawStore
    report: CrawlReport
    on_progress: Callable[[CrawlReport], None] | None = None
    run: Run | None = None
    fatal: str | None = None
    crawl_error: str | None = None  # unrecoverable set-up problem (e.g. rejected credentials)
    gave_up: int = 0
    stopped_early: bool = False


CONTEXTS: dict[str, CrawlContext] = {}


@dataclass
class FetchedItem:
    """Bytes as fetched (one or more named parts) and the state change they complete."""

    source: str
    key: str
    url: str | None
    name: str
    format: str
    parts: dict[str, bytes]
    cursor: dict[str, Any] | None = None
    pending: list[dict[str, Any]] = field(default_factory=list)
    resolves: str | None = None
    watermark: str | None = None


@dataclass
class FailedItem:
    """A response that could not be used; ``fatal`` ends the listing (run → failed)."""

    source: str
    key: str
    url: str | None
    reason: str
    data: bytes | None = None
    fatal: bool = False
    resolves: str | None = None  # a permanent failure takes the request off the frontier


class MatmineSpider(scrapy.Spider):
    """Base spider: resumes an unfinished run from its cursor and frontier."""

    source: ClassVar[str] = ""
    endpoint_field: ClassVar[str] = ""
    required_settings: ClassVar[tuple[str, ...]] = ()
    context: CrawlContext

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> MatmineSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.context = CONTEXTS[crawler.settings["MATMINE_CONTEXT"]]
        return spider

    # -- conveniences -------------------------------------------------------------
    @property
    def settings_(self) -> Settings:
        return self.context.settings

    @property
    def options(self) -> CrawlOptions:
        return self.context.options

    @property
    def state(self) -> CrawlState:
        return self.context.state

    @property
    def run(self) -> Run:
        assert self.context.run is not None
        return self.context.run

    @property
    def base_url(self) -> str:
        return (self.options.endpoint or getattr(self.settings_, self.endpoint_field)).rstrip("/")

    def effective_since(self) -> str | None:
        """``--since``, else the source's watermark (the incremental case)."""
        if self.options.since:
            return self.options.since.isoformat()
        return self.state.watermark(self.source)

    def run_params(self) -> dict[str, Any]:
        return {
            "query": self.options.query,
            "since": self.effective_since(),
            "until": self.options.until.isoformat() if self.options.until else None,
            "endpoint": self.base_url,
            "cpc": list(self.options.cpc),
        }

    def max_reached(self) -> bool:
        limit = self.options.max_items
        if limit is not None and self.context.report.ingest.read >= limit:
            self.context.stopped_early = True
            return True
        return False

    def is_stored(self, key: str) -> bool:
        if self.state.has(self.source, key):
            self.context.report.skipped += 1
            return True
        return False

    # -- start-up and resumption ----------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        self.context.run = self.state.open_run(self.source, self.run_params())
        self.context.report.resumed = self.run.resumed
        for request in self.resume_pending():
            yield request
        cursor = self.run.cursor
        if cursor is None:
            requests: Iterable[Request] = self.first_requests()
        elif cursor.get("done"):
            requests = ()
        else:
            requests = self.requests_from_cursor(cursor)
        for request in requests:
            yield request

    def first_requests(self) -> Iterable[Request]:
        raise NotImplementedError

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        raise NotImplementedError

    def resume_pending(self) -> Iterator[Request]:
        for entry in self.state.pending(self.run):
            if self.is_stored(entry["key"]):
                self.state.commit_step(self.run, resolve_pending=entry["key"])
                continue
            yield self.request_from_pending(entry)

    def pending_entry(self, key: str, url: str, callback: str, **meta: Any) -> dict[str, Any]:
        return {"key": key, "url": url, "callback": callback, "meta": meta}

    def request_from_pending(self, entry: dict[str, Any]) -> Request:
        meta = {**entry.get("meta", {}), "pending_key": entry["key"]}
        return self.make_request(entry["url"], getattr(self, entry["callback"]), meta=meta)

    def make_request(self, url: str, callback: Callable[..., Any], **kwargs: Any) -> Request:
        return Request(url, callback=callback, errback=self.on_error, **kwargs)

    def unreadable_page(self, response: Any, error: Exception) -> FailedItem:
        """A listing page that could not be parsed: quarantined, and the listing ends."""
        return FailedItem(
            self.source,
            response.meta["page_key"],
            response.url,
            f"{response.url}: {error}",
            response.body,
            fatal=True,
        )

    def on_error(self, failure: Any) -> Iterator[FailedItem]:
        """A request that failed for good (retries exhausted, HTTP error, DNS…)."""
        request = failure.request
        data = None
        permanent = False
        if failure.check(HttpError):
            response = failure.value.response
            reason = f"HTTP {response.status} after {request.meta.get('retry_times', 0)} retries"
            data = response.body
            # 404, 410…: retrying next run will not help, so it must not block the watermark
            permanent = 400 <= response.status < 500 and response.status not in (408, 429)
        else:
            reason = f"{type(failure.value).__name__}: {failure.value}"
        pending = request.meta.get("pending_key")
        if not (permanent and pending):
            self.context.gave_up += 1  # the run stays resumable and retries it next time
        key = pending or request.meta.get("page_key") or request.url
        yield FailedItem(
            self.source,
            key,
            request.url,
            f"{request.url}: {reason}",
            data,
            resolves=pending if permanent else None,
        )
