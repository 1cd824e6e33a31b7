"""Crossref REST API: ``/works`` with deep paging (``cursor=*`` → ``next-cursor``).

Polite pool: ``mailto`` in the query and the contact address in the
User-Agent; the ``x-rate-limit-*`` headers are obeyed by the politeness
middleware.  The first run filters on ``from-pub-date`` (``--since``); an
incremental run filters on ``from-index-date`` (the watermark is the newest
``indexed`` date seen), so updated records come back too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Request, Response

from matmine.crawlers.base import FailedItem, FetchedItem, MatmineSpider
from matmine.crawlers.formats.crossref import indexed_date, read_page
from matmine.errors import DocumentParseError

ROWS = 100


class CrossrefSpider(MatmineSpider):
    name = "crossref"
    source = "crossref"
    endpoint_field = "crossref_url"
    rows = ROWS

    def page_url(self, cursor: str) -> str:
        filters = ["type:journal-article"]
        if self.options.since:
            filters.append(f"from-pub-date:{self.options.since.isoformat()}")
        elif (mark := self.state.watermark(self.source)) is not None:
            filters.append(f"from-index-date:{mark}")
        if self.options.until:
            filters.append(f"until-pub-date:{self.options.until.isoformat()}")
        params = {
            "filter": ",".join(filters),
            "rows": str(self.rows),
            "cursor": cursor,
            "mailto": self.settings_.contact_email,
        }
        if self.options.query:
            params["query"] = self.options.query
        return f"{self.base_url}/works?{urlencode(params)}"

    def first_requests(self) -> Iterable[Request]:
        yield self._page("*")

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        yield self._page(cursor["cursor"])

    def _page(self, cursor: str) -> Request:
        url = self.page_url(cursor)
        return self.make_request(url, self.parse_page, meta={"page_key": f"page:{url}"})

    def parse_page(self, response: Response) -> Iterator[FetchedItem | FailedItem | Request]:
        try:
            message = read_page(response.body)
        except DocumentParseError as exc:
            yield self.unreadable_page(response, exc)
            return
        items = message["items"]
        next_cursor = message.get("next-cursor")
        more = (
            bool(items)
            and bool(next_cursor)
            and len(items) >= int(message.get("items-per-page") or self.rows)
        )
        stamps = [d for d in (indexed_date(i) for i in items) if d]
        yield FetchedItem(
            source=self.source,
            key=response.meta["page_key"],
            url=response.url,
            name=f"crossref-works-{len(items)}-items.json",
            format="crossref-works",
            parts={"body": response.body},
            cursor={"cursor": next_cursor} if more else {"done": True},
            watermark=max(stamps) if stamps else None,
        )
        if more and not self.max_reached():
            yield self._page(next_cursor)
