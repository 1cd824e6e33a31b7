"""EPO Open Patent Services: OAuth2 client credentials, CQL search, biblio + claims + description.

* Token: ``POST {MATMINE_EPO_URL}/auth/accesstoken`` with HTTP Basic
  ``key:secret`` (``MATMINE_EPO_KEY`` / ``MATMINE_EPO_SECRET``); the bearer token
  lives only in memory.  A 401 (expired token) fetches a new token once and
  replays the request.
* Search: ``/rest-services/published-data/search?q=<CQL>&Range=1-25``, paged in
  ranges of 25 up to OPS's 2000-result limit.  The CQL combines ``--query``
  (default ``cpc=H01M10/0562``) with ``pd within "since until"``.
* Each publication: ``…/publication/docdb/CC.NNN.K/biblio``, then ``…/claims``
  and ``…/description`` (404 = no full text for that office).
* ``X-Throttling-Control`` and 403 + ``Retry-After`` are handled by
  :class:`matmine.crawlers.middlewares.PolitenessMiddleware`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from scrapy.http import FormRequest, Request, Response

from matmine.crawlers.base import FailedItem, FetchedItem, MatmineSpider
from matmine.crawlers.formats.epo_ops import publication_date, search_results
from matmine.errors import DocumentParseError

RANGE = 25
OPS_MAX_RESULTS = 2000


class EpoSpider(MatmineSpider):
    name = "epo"
    source = "epo"
    endpoint_field = "epo_url"
    required_settings = ("epo_key", "epo_secret")

    token: str | None = None
    _waiting: list[Request]
    _refreshing = False

    # -- OAuth2 ---------------------------------------------------------------------
    def token_request(self) -> Request:
        key = self.settings_.epo_key or ""
        secret = self.settings_.epo_secret or ""
        basic = base64.b64encode(f"{key}:{secret}".encode()).decode()
        self._refreshing = True
        return FormRequest(
            f"{self.base_url}/auth/accesstoken",
            formdata={"grant_type": "client_credentials"},
            headers={"Authorization": f"Basic {basic}"},
            callback=self.parse_token,
            errback=self.on_error,
            dont_filter=True,
            meta={"page_key": "oauth-token", "dont_obey_robotstxt": True},
        )

    def parse_token(self, response: Response) -> Iterator[Request | FailedItem]:
        self._refreshing = False
        try:
            self.token = json.loads(response.body)["access_token"]
        except (ValueError, KeyError, TypeError):
            self.context.fatal = "EPO OPS token endpoint returned no access_token"
            yield FailedItem(
                self.source, "oauth-token", response.url, self.context.fatal, None, fatal=True
            )
            return
        waiting, self._waiting = self._waiting, []
        for request in waiting:
            yield self.authorised(request)

    def on_error(self, failure: Any) -> Iterator[FailedItem]:
        if failure.request.meta.get("page_key") == "oauth-token":
            self._refreshing = False
            self.context.crawl_error = (
                "EPO OPS refused the credentials in MATMINE_EPO_KEY / MATMINE_EPO_SECRET"
            )
        yield from super().on_error(failure)

    def authorised(self, request: Request) -> Request:
        headers = dict(request.headers.to_unicode_dict())
        headers["Authorization"] = f"Bearer {self.token}"
        return request.replace(headers=headers, dont_filter=True)

    def make_request(self, url: str, callback: Any, **kwargs: Any) -> Request:
        meta = kwargs.pop("meta", {})
        meta.setdefault("handle_httpstatus_list", [401])
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta=meta,
            headers={"Accept": "application/xml"},
            **kwargs,
        )

    def reauthorise(self, request: Request) -> Iterator[Request]:
        """401: the token expired; get a new one and replay ``request`` with it."""
        retried = request.meta.get("auth_retries", 0)
        if retried >= 2:
            self.context.fatal = "EPO OPS keeps rejecting fresh tokens (401)"
            return
        request.meta["auth_retries"] = retried + 1
        used = (request.headers.get("Authorization") or b"").decode()
        if self.token and used != f"Bearer {self.token}":
            yield self.authorised(request)  # sent before the last refresh: just replay it
            return
        self.token = None
        self._waiting.append(request)
        if not self._refreshing:
            yield self.token_request()

    # -- start ----------------------------------------------------------------------
    async def start(self) -> Any:
        self._waiting = []
        async for request in super().start():
            self._waiting.append(request)
        yield self.token_request()

    def cql(self) -> str:
        query = self.options.query or "cpc=H01M10/0562"
        since = self.effective_since()
        until = self.options.until.isoformat() if self.options.until else None
        if since or until:
            start = (since or "1900-01-01").replace("-", "")
            end = (until or "2999-12-31").replace("-", "")
            query = f'({query}) and pd within "{start} {end}"'
        return query

    def search_request(self, begin: int) -> Request:
        params = {"q": self.cql(), "Range": f"{begin}-{begin + RANGE - 1}"}
        url = f"{self.base_url}/rest-services/published-data/search?{urlencode(params)}"
        return self.make_request(
            url,
            self.parse_search,
            meta={"page_key": f"page:{url}", "begin": begin, "ops_service": "search"},
        )

    def first_requests(self) -> Iterable[Request]:
        yield self.search_request(1)

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        yield self.search_request(int(cursor["begin"]))

    def request_from_pending(self, entry: dict[str, Any]) -> Request:
        request = super().request_from_pending(entry)
        request.meta["ops_service"] = "retrieval"
        return self.authorised(request) if self.token else request

    # -- callbacks --------------------------------------------------------------------
    def parse_search(self, response: Response) -> Iterator[Any]:
        if response.status == 401:
            yield from self.reauthorise(response.request)
            return
        try:
            numbers, total = search_results(response.body)
        except DocumentParseError as exc:
            yield self.unreadable_page(response, exc)
            return
        begin = response.meta["begin"]
        pending = []
        for number in numbers:
            key = f"epo:{number.replace('.', '')}"
            if self.is_stored(key):
                continue
            url = f"{self.base_url}/rest-services/published-data/publication/docdb/{number}/biblio"
            pending.append(self.pending_entry(key, url, "parse_biblio", number=number))
        following = begin + RANGE
        more = bool(numbers) and following <= min(total, OPS_MAX_RESULTS)
        yield FetchedItem(
            self.source,
            response.meta["page_key"],
            response.url,
            f"epo-search-{begin}.xml",
            "listing",
            {"body": response.body},
            cursor={"begin": following} if more else {"done": True},
            pending=pending,
        )
        for entry in pending:
            yield self.request_from_pending(entry)
        if more and not self.max_reached():
            yield self.authorised(self.search_request(following))

    def _fulltext_url(self, number: str, part: str) -> str:
        epodoc = "".join(number.split(".")[:2])
        return f"{self.base_url}/rest-services/published-data/publication/epodoc/{epodoc}/{part}"

    def parse_biblio(self, response: Response) -> Iterator[Any]:
        if response.status == 401:
            yield from self.reauthorise(response.request)
            return
        meta = {**response.meta, "parts": {"biblio": response.body}}
        yield self._part_request(meta, "claims", self.parse_fulltext)

    def _part_request(self, meta: dict[str, Any], part: str, callback: Any) -> Request:
        keep = {k: meta[k] for k in ("pending_key", "number", "parts")}
        keep.update(ops_service="retrieval", part=part, handle_httpstatus_list=[401, 404])
        request = Request(
            self._fulltext_url(meta["number"], part),
            callback=callback,
            errback=self.on_error,
            meta=keep,
        )
        return self.authorised(request)

    def parse_fulltext(self, response: Response) -> Iterator[Any]:
        if response.status == 401:
            yield from self.reauthorise(response.request)
            return
        parts = dict(response.meta["parts"])
        if response.status == 200:
            parts[response.meta["part"]] = response.body
        if response.meta["part"] == "claims":
            yield self._part_request(
                {**response.meta, "parts": parts}, "description", self.parse_fulltext
            )
            return
        key = response.meta["pending_key"]
        yield FetchedItem(
            self.source,
            key,
            response.url.rsplit("/", 1)[0] + "/biblio",
            f"{key.removeprefix('epo:')}.xml",
            "epo-ops",
            parts,
            resolves=key,
            watermark=publication_date(parts["biblio"]),
        )
