"""arXiv: OAI-PMH ``ListRecords`` (``metadataPrefix=arXiv``), one set after another.

arXiv asks for one connection and at least 3 s between requests
(``MATMINE_ARXIV_DELAY``, default 3.0).  OAI-PMH has no keyword search, so
``--query`` filters the harvested records (every word must occur in the title
or abstract) in the pipeline.  The metadata → Document mapping lives in
:mod:`matmine.crawlers.formats.arxiv_oai`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Request, Response

from matmine.crawlers.base import FailedItem, FetchedItem, MatmineSpider
from matmine.crawlers.formats.arxiv_oai import read_page
from matmine.errors import DocumentParseError


class ArxivSpider(MatmineSpider):
    name = "arxiv"
    source = "arxiv"
    endpoint_field = "arxiv_url"

    @property
    def sets(self) -> list[str]:
        return [s.strip() for s in self.settings_.arxiv_sets.split(",") if s.strip()] or [""]

    def run_params(self) -> dict[str, Any]:
        return {**super().run_params(), "sets": self.sets}

    def list_url(self, set_index: int) -> str:
        params = {"verb": "ListRecords", "metadataPrefix": "arXiv"}
        if self.sets[set_index]:
            params["set"] = self.sets[set_index]
        since = self.effective_since()
        if since:
            params["from"] = since
        if self.options.until:
            params["until"] = self.options.until.isoformat()
        return f"{self.base_url}?{urlencode(params)}"

    def token_url(self, token: str) -> str:
        return f"{self.base_url}?{urlencode({'verb': 'ListRecords', 'resumptionToken': token})}"

    def first_requests(self) -> Iterable[Request]:
        yield self._page(self.list_url(0), 0)

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        index = int(cursor.get("set_index", 0))
        token = cursor.get("token")
        yield self._page(self.token_url(token) if token else self.list_url(index), index)

    def _page(self, url: str, set_index: int) -> Request:
        return self.make_request(
            url, self.parse_page, meta={"set_index": set_index, "page_key": f"page:{url}"}
        )

    def parse_page(self, response: Response) -> Iterator[FetchedItem | FailedItem | Request]:
        set_index = response.meta["set_index"]
        try:
            page = read_page(response.body)
        except DocumentParseError as exc:
            yield self.unreadable_page(response, exc)
            return
        if page.token:
            cursor: dict[str, Any] = {"set_index": set_index, "token": page.token}
            following = self._page(self.token_url(page.token), set_index)
        elif set_index + 1 < len(self.sets):
            cursor = {"set_index": set_index + 1}
            following = self._page(self.list_url(set_index + 1), set_index + 1)
        else:
            cursor = {"done": True}
            following = None
        stamps = page.datestamps
        yield FetchedItem(
            source=self.source,
            key=response.meta["page_key"],
            url=response.url,
            name=f"arxiv-oai-{len(page.records)}-records.xml",
            format="arxiv-oai",
            parts={"body": response.body},
            cursor=cursor,
            watermark=max(stamps) if stamps else None,
        )
        if following is not None and not self.max_reached():
            yield following
