"""Downloader middleware that keeps crawls polite and robust.

:class:`PolitenessMiddleware` replaces Scrapy's ``RetryMiddleware``:

* 429, 5xx, 408 (and 403 when the server sends ``Retry-After``, as EPO OPS
  does on quota overrun) are retried up to ``RETRY_TIMES`` with exponential
  backoff (``MATMINE_RETRY_BACKOFF`` × 2^n seconds), or after exactly the
  ``Retry-After`` the server asked for (seconds or an HTTP date, capped at
  ``MATMINE_MAX_RETRY_AFTER``).  The wait pauses the whole host, not just the
  retried request.
* Rate-limit headers tighten the per-host minimum interval: Crossref's
  ``x-rate-limit-limit`` / ``x-rate-limit-interval`` and EPO's
  ``X-Throttling-Control`` (per-service colour and requests per minute).

Configured delays (``DOWNLOAD_DELAY``), per-host concurrency and AutoThrottle
remain Scrapy's; this adds only what servers tell us at run time.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)

RETRY_CODES = frozenset({408, 429, 500, 502, 503, 504, 520, 522, 524})
_EPO_SERVICE = re.compile(r"(\w+)=(green|yellow|red|black):(\d+)")
_COLOUR_FACTOR = {"green": 1.0, "yellow": 2.0, "red": 4.0}


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def crossref_interval(limit: bytes | None, interval: bytes | None) -> float | None:
    """``x-rate-limit-limit: 50`` + ``x-rate-limit-interval: 1s`` → 0.02 s between requests."""
    if not limit or not interval:
        return None
    try:
        count = int(limit)
        seconds = float(interval.decode().strip().rstrip("s"))
    except ValueError:
        return None
    return seconds / count if count > 0 else None


def epo_interval(header: bytes | None, service: str) -> float | None:
    """Minimum interval for ``service`` from ``X-Throttling-Control``; ``inf`` when black."""
    if not header:
        return None
    text = header.decode("latin-1")
    overall = text.split("(", 1)[0].strip().lower()
    for name, colour, per_minute in _EPO_SERVICE.findall(text):
        if name != service:
            continue
        if colour == "black" or int(per_minute) == 0:
            return float("inf")
        interval = 60.0 / int(per_minute) * _COLOUR_FACTOR[colour]
        return interval * (2.0 if overall == "overloaded" else 1.0)
    return None


class PolitenessMiddleware:
    """Retries with backoff / ``Retry-After`` and obeys servers' rate-limit headers."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.backoff = settings.getfloat("MATMINE_RETRY_BACKOFF", 2.0)
        self.max_wait = settings.getfloat("MATMINE_MAX_RETRY_AFTER", 600.0)
        self.black_pause = settings.getfloat("MATMINE_BLACK_PAUSE", 60.0)
        self.next_allowed: dict[str, float] = {}
        self.min_interval: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessMiddleware:
        return cls(crawler)

    @staticmethod
    def host_key(request: Request) -> str:
        return request.meta.get("download_slot") or urlparse(request.url).hostname or ""

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        key = self.host_key(request)
        now = time.monotonic()
        start = max(now, self.next_allowed.get(key, 0.0))
        interval = self.min_interval.get(key, 0.0)
        if interval:
            self.next_allowed[key] = start + interval
        if start > now:
            await asyncio.sleep(start - now)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        self._read_rate_headers(request, response)
        if request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        retryable = response.status in RETRY_CODES or (response.status == 403 and wait is not None)
        if response.status in request.meta.get("handle_httpstatus_list", ()):
            retryable = False
        if not retryable:
            return response
        retry = self._retry(request, f"HTTP {response.status}", wait)
        return retry or response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | None:
        if request.meta.get("dont_retry") or request.url.startswith("file:"):
            return None
        from scrapy.exceptions import IgnoreRequest

        if isinstance(exception, IgnoreRequest):
            return None
        return self._retry(request, type(exception).__name__, None)

    def _retry(self, request: Request, reason: str, wait: float | None) -> Request | None:
        spider = self.crawler.spider
        assert spider is not None
        attempt = request.meta.get("retry_times", 0)
        retry = get_retry_request(
            request, spider=spider, reason=reason, max_retry_times=self.max_retry_times
        )
        if retry is None:
            return None
        delay = wait if wait is not None else self.backoff * (2**attempt)
        delay = min(delay, self.max_wait)
        key = self.host_key(request)
        self.next_allowed[key] = max(self.next_allowed.get(key, 0.0), time.monotonic() + delay)
        log.info("retrying %s in %.2f s (%s)", _redact(request.url), delay, reason)
        return retry

    def _read_rate_headers(self, request: Request, response: Response) -> None:
        key = self.host_key(request)
        interval = crossref_interval(
            response.headers.get(b"x-rate-limit-limit"),
            response.headers.get(b"x-rate-limit-interval"),
        )
        service = request.meta.get("ops_service")
        if service:
            epo = epo_interval(response.headers.get(b"X-Throttling-Control"), service)
            if epo == float("inf"):
                self.next_allowed[key] = time.monotonic() + self.black_pause
                epo = None
            interval = epo if epo is not None else interval
        if interval is not None:
            self.min_interval[key] = interval


def _redact(url: str) -> str:
    """Drop query values that look like credentials before a URL is logged."""
    return re.sub(
        r"(?<=[?&])((?:api_?key|key|access_token|token|secret|password)=)[^&]+",
        r"\1***",
        url,
        flags=re.IGNORECASE,
    )
