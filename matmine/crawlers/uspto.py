"""USPTO: weekly bulk full-text files (``uspto``) and the Open Data Portal search API (``uspto-search``).

Bulk: grants come out on Tuesdays as ``ipgYYMMDD.zip``, applications on
Thursdays as ``ipaYYMMDD.zip``, each a zip of concatenated XML documents, under
``{MATMINE_USPTO_URL}/data/patent/{grant|application}/redbook/fulltext/YYYY/``.
A run asks for every weekly file from the watermark (or ``--since``) to
``--until`` (default today); files already in the ledger are not fetched again;
``--path`` takes local files instead.  Each file is split, filtered by CPC
(``--cpc`` or ``MATMINE_USPTO_CPC``) and ``--query`` keywords *before* full
parsing, in :mod:`matmine.crawlers.formats.reader`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Request, Response

from matmine.crawlers.base import FailedItem, FetchedItem, MatmineSpider
from matmine.crawlers.formats.reader import normalise_cpc
from matmine.crawlers.formats.uspto_api import read_page
from matmine.errors import DocumentParseError

KINDS = (("grant", "ipg", 1), ("application", "ipa", 3))  # weekday: Tuesday, Thursday
DEFAULT_LOOKBACK_DAYS = 7


def weekly_files(since: date, until: date) -> list[tuple[date, str, str]]:
    """(date, kind, file name) of every weekly bulk file published in [since, until]."""
    out = []
    day = since
    while day <= until:
        for kind, prefix, weekday in KINDS:
            if day.weekday() == weekday:
                out.append((day, kind, f"{prefix}{day:%y%m%d}.zip"))
        day += timedelta(days=1)
    return out


class UsptoBulkSpider(MatmineSpider):
    name = "uspto"
    source = "uspto"
    endpoint_field = "uspto_url"

    def cpc_filter(self) -> list[str]:
        codes = self.options.cpc or tuple(self.settings_.uspto_cpc.split(","))
        return [normalise_cpc(c) for c in codes if c.strip()]

    def filter_part(self) -> bytes:
        keywords = self.options.query.split() if self.options.query else []
        return json.dumps(
            {
                "cpc": self.cpc_filter(),
                "keywords": keywords,
                "max_bytes": self.settings_.max_archive_bytes,
            }
        ).encode()

    def run_params(self) -> dict[str, Any]:
        return {
            **super().run_params(),
            "cpc": self.cpc_filter(),
            "paths": [str(p) for p in self.options.paths],
        }

    def targets(self) -> list[tuple[str, str, str | None]]:
        """(ledger key, url, date) of every file this run covers."""
        if self.options.paths:
            files: list[Path] = []
            for path in self.options.paths:
                files += (
                    sorted(path.glob("*.zip")) + sorted(path.glob("*.xml"))
                    if path.is_dir()
                    else [path]
                )
            return [(f"bulk:{p.name}", p.resolve().as_uri(), None) for p in files]
        since_text = self.effective_since()
        until = self.options.until or date.today()
        if since_text:
            since = date.fromisoformat(since_text) + (
                timedelta(0) if self.options.since else timedelta(days=1)
            )
        else:
            since = until - timedelta(days=DEFAULT_LOOKBACK_DAYS)
        return [
            (
                f"bulk:{name}",
                f"{self.base_url}/data/patent/{kind}/redbook/fulltext/{day.year}/{name}",
                day.isoformat(),
            )
            for day, kind, name in weekly_files(since, until)
        ]

    def first_requests(self) -> Iterable[Request]:
        # every file is one detail request in the durable frontier
        pending = [
            self.pending_entry(key, url, "parse_bulk", day=day)
            for key, url, day in self.targets()
            if not self.is_stored(key)
        ]
        self.state.commit_step(self.run, add_pending=pending, cursor={"done": True})
        for entry in pending:
            if self.max_reached():
                break
            yield self.request_from_pending(entry)

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        return ()

    def request_from_pending(self, entry: dict[str, Any]) -> Request:
        request = super().request_from_pending(entry)
        request.meta["handle_httpstatus_list"] = [404]
        return request

    def parse_bulk(self, response: Response) -> Iterator[FetchedItem | FailedItem]:
        key = response.meta["pending_key"]
        name = key.removeprefix("bulk:")
        if response.status == 404:  # no file that week (holiday) or not yet published
            yield FetchedItem(
                self.source,
                key,
                response.url,
                name,
                "listing",
                {"body": b""},
                resolves=key,
                watermark=None,
            )
            return
        yield FetchedItem(
            source=self.source,
            key=key,
            url=response.url,
            name=name,
            format="uspto-bulk",
            parts={"body": response.body, "filter": self.filter_part()},
            resolves=key,
            watermark=response.meta.get("day"),
        )


class UsptoSearchSpider(MatmineSpider):
    """Open Data Portal patent search, with ``X-API-KEY`` from ``MATMINE_USPTO_API_KEY``."""

    name = "uspto-search"
    source = "uspto-search"
    endpoint_field = "uspto_search_url"
    required_settings = ("uspto_api_key",)
    limit = 25

    def search_url(self, offset: int) -> str:
        terms = [self.options.query] if self.options.query else []
        terms += [f'applicationMetaData.cpcClassificationBag:"{c}"' for c in self.options.cpc]
        params = {"q": " AND ".join(terms) or "*", "offset": str(offset), "limit": str(self.limit)}
        since = self.effective_since()
        if since or self.options.until:
            until = self.options.until.isoformat() if self.options.until else "3000-01-01"
            params["rangeFilters"] = (
                f"applicationMetaData.filingDate {since or '1790-01-01'}:{until}"
            )
        return f"{self.base_url}/api/v1/patent/applications/search?{urlencode(params)}"

    def first_requests(self) -> Iterable[Request]:
        yield self._page(0)

    def requests_from_cursor(self, cursor: dict[str, Any]) -> Iterable[Request]:
        yield self._page(int(cursor["offset"]))

    def _page(self, offset: int) -> Request:
        url = self.search_url(offset)
        headers = {"X-API-KEY": self.settings_.uspto_api_key or "", "Accept": "application/json"}
        return self.make_request(
            url,
            self.parse_page,
            headers=headers,
            meta={"page_key": f"page:{url}", "offset": offset},
        )

    def parse_page(self, response: Response) -> Iterator[FetchedItem | FailedItem | Request]:
        try:
            page = read_page(response.body)
        except DocumentParseError as exc:
            yield self.unreadable_page(response, exc)
            return
        entries = page["patentFileWrapperDataBag"]
        offset = response.meta["offset"] + len(entries)
        more = bool(entries) and offset < int(page.get("count") or 0)
        stamps = [e.get("applicationMetaData", {}).get("filingDate") for e in entries]
        yield FetchedItem(
            self.source,
            response.meta["page_key"],
            response.url,
            f"uspto-search-{offset}.json",
            "uspto-search",
            {"body": response.body},
            cursor={"offset": offset} if more else {"done": True},
            watermark=max((s for s in stamps if s), default=None),
        )
        if more and not self.max_reached():
            yield self._page(offset)
