"""Europe PMC: ``/search`` (``cursorMark`` paging) then ``/{PMCID}/fullTextXML`` (JATS).

Only open-access records with a PMCID have full text; each becomes a detail
request kept in the durable frontier until its JATS is stored, and is never
requested again once it is in the ledger.  The date window goes into the query
(``FIRST_IDATE:[since TO until]``); the watermark is the newest
``firstIndexDate`` seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Request, Response

from matmine.crawlers.base import FailedItem, FetchedItem, MatmineSpider

PAGE_SIZE = 100


class EuropePmcSpider(MatmineSpider):
    name = "europepmc"
    source = "europepmc"
    endpoint_field = "europepmc_url"

    def search_query(self) -> str:
        query = self.options.query or "solid electrolyte"
        since = self.effective_since()
        until = self.options.until.isoformat() if self.options.until else None
        if since or until:
            query = (
                f"({query}) AND FIRST_IDATE:[{since or '1900-01-01'} TO {until or '3000-01-01'}]"
            )
        return f"({query}) AND OPEN_ACCESS:y"

    def search_url(self, cursor_mark: str) -> str:
        params = {
            "query": self.search_query(),
            "format": "json",
            "resultType": "lite",
            "pageSize": str(PAGE_SIZE),
            "cursorMark": cursor_mark,
        }
        if self.settings_.contact_email:
            params["email"] = self.settings_.contact_email
        return f"{self.base_url}/search?{urlencode(params)}"

    def first_requests(self) -> Iterable[Request]:
        yield self._search("*")

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        yield self._search(cursor["cursorMark"])

    def _search(self, mark: str) -> Request:
        url = self.search_url(mark)
        return self.make_request(
            url, self.parse_search, meta={"page_key": f"page:{url}", "cursor_mark": mark}
        )

    def parse_search(self, response: Response) -> Iterator[FetchedItem | FailedItem | Request]:
        try:
            page = json.loads(response.body)
            results = page["resultList"]["result"]
        except (ValueError, KeyError, TypeError) as exc:
            yield FailedItem(
                self.source,
                response.meta["page_key"],
                response.url,
                f"{response.url}: not a Europe PMC search response ({exc!r})",
                response.body,
                fatal=True,
            )
            return
        pending = []
        for result in results:
            pmcid = result.get("pmcid")
            if not pmcid or result.get("isOpenAccess", "N") != "Y":
                continue
            key = f"pmc:{pmcid}"
            if self.is_stored(key):
                continue
            pending.append(
                self.pending_entry(
                    key, f"{self.base_url}/{pmcid}/fullTextXML", "parse_fulltext", pmcid=pmcid
                )
            )
        next_mark = page.get("nextCursorMark")
        more = bool(results) and bool(next_mark) and next_mark != response.meta["cursor_mark"]
        stamps = [r["firstIndexDate"] for r in results if r.get("firstIndexDate")]
        yield FetchedItem(
            source=self.source,
            key=response.meta["page_key"],
            url=response.url,
            name=f"europepmc-search-{len(results)}.json",
            format="listing",
            parts={"body": response.body},
            cursor={"cursorMark": next_mark} if more else {"done": True},
            pending=pending,
            watermark=max(stamps) if stamps else None,
        )
        for entry in pending:
            yield self.request_from_pending(entry)
        if more and not self.max_reached():
            yield self._search(next_mark)

    def parse_fulltext(self, response: Response) -> Iterator[FetchedItem]:
        pmcid = response.meta["pmcid"]
        yield FetchedItem(
            source=self.source,
            key=response.meta["pending_key"],
            url=response.url,
            name=f"{pmcid}.xml",
            format="reader",
            parts={"body": response.body},
            resolves=response.meta["pending_key"],
        )
