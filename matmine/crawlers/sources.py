"""The crawl sources by name (a light module: importing it loads no spider)."""

from __future__ import annotations

SPIDERS: dict[str, str] = {
    "arxiv": "matmine.crawlers.arxiv:ArxivSpider",
    "crossref": "matmine.crawlers.crossref:CrossrefSpider",
    "europepmc": "matmine.crawlers.europepmc:EuropePmcSpider",
    "uspto": "matmine.crawlers.uspto:UsptoBulkSpider",
    "uspto-search": "matmine.crawlers.uspto:UsptoSearchSpider",
    "epo": "matmine.crawlers.epo:EpoSpider",
}
SOURCES = (*SPIDERS, "files")
