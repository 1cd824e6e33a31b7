"""The index: one filter language, one backend per engine.

>>> from matmine.settings import Settings
>>> index = open_index(Settings(home="/tmp/matmine-doctest"))  # doctest: +SKIP
>>> index.search(SearchRequest(filter='elements HAS ALL "Li","S"', text="argyrodite"))  # doctest: +SKIP

``open_index(settings)`` returns the embedded SQLite index when
``settings.index`` is empty or ``"sqlite"``, and the Elasticsearch backend
when it is an ``http(s)://`` URL.  See docs/query-language.md.
"""

from __future__ import annotations

from matmine.errors import ConfigurationError
from matmine.index.api import (
    FACETS,
    DocumentSummary,
    Hit,
    IndexBackend,
    SearchRequest,
    SearchResults,
)
from matmine.index.parser import parse_filter
from matmine.settings import Settings


def open_index(settings: Settings) -> IndexBackend:
    """The configured index backend (created if missing)."""
    target = settings.index.strip()
    if target in ("", "sqlite"):
        from matmine.index.sqlite_backend import SQLiteIndex

        return SQLiteIndex(settings.sqlite_path)
    if settings.uses_elasticsearch:
        from matmine.index.es_backend import ElasticsearchIndex

        return ElasticsearchIndex.from_settings(settings)
    raise ConfigurationError(
        f"MATMINE_INDEX must be empty, 'sqlite' or an http(s):// URL, not {settings.index!r}"
    )


__all__ = [
    "FACETS",
    "DocumentSummary",
    "Hit",
    "IndexBackend",
    "SearchRequest",
    "SearchResults",
    "open_index",
    "parse_filter",
]
