"""One settings object; every default lives here.

Each setting can be overridden by an environment variable named
``MATMINE_<NAME>`` (e.g. ``MATMINE_HOME``, ``MATMINE_INDEX``,
``MATMINE_ARXIV_DELAY``).  Components build themselves from a
:class:`Settings` instance rather than reading the environment.

>>> Settings.from_env({"MATMINE_HOME": "/tmp/mm"}).home.as_posix()
'/tmp/mm'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from matmine.errors import ConfigurationError

ENV_PREFIX = "MATMINE_"


class Settings(BaseModel):
    """All of matmine's configuration."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # where everything lives
    home: Path = Path("./matmine-data")
    # "" or "sqlite" -> embedded SQLite in home; "http(s)://host:9200" -> Elasticsearch
    index: str = ""
    es_index_prefix: str = "matmine"
    es_username: str | None = None
    es_password: str | None = None
    es_api_key: str | None = None

    # ingestion limits (archives are checked before unpacking)
    max_file_bytes: int = 200 * 1024 * 1024
    max_archive_bytes: int = 2 * 1024 * 1024 * 1024
    max_archive_members: int = 100_000
    batch_size: int = 200
    workers: int = 1

    # crawling
    contact_email: str = "matmine@example.org"
    user_agent: str = "matmine/0.1 (+https://example.org/matmine; mailto:{contact})"
    download_delay: float = 1.0
    concurrent_requests_per_domain: int = 1
    retry_times: int = 5
    arxiv_url: str = "https://export.arxiv.org/oai2"
    arxiv_delay: float = 3.0
    crossref_url: str = "https://api.crossref.org"
    europepmc_url: str = "https://www.ebi.ac.uk/europepmc/webservices/rest"
    uspto_url: str = "https://bulkdata.uspto.gov"
    uspto_search_url: str = "https://api.uspto.gov"
    uspto_api_key: str | None = None
    epo_url: str = "https://ops.epo.org/3.2"
    epo_key: str | None = None
    epo_secret: str | None = None
    # crawl politeness and state (matmine.crawlers); delays in seconds
    crossref_delay: float = 1.0
    europepmc_delay: float = 1.0
    uspto_delay: float = 1.0
    epo_delay: float = 1.0
    crawl_autothrottle: bool = True
    crawl_obey_robots: bool = True
    retry_backoff: float = 2.0
    max_retry_after: float = 600.0
    arxiv_sets: str = "physics:cond-mat"
    uspto_cpc: str = "H01M10/0562,H01M10/056,H01B1/06,H01B1/10,C01B25/14"
    sources_config: Path | None = None

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @property
    def sqlite_path(self) -> Path:
        return self.home / "index.sqlite"

    @property
    def raw_store_dir(self) -> Path:
        return self.home / "raw"

    @property
    def uses_elasticsearch(self) -> bool:
        return self.index.startswith(("http://", "https://"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``MATMINE_*`` variables, then explicit overrides."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            key = ENV_PREFIX + name.upper()
            if key in environ and environ[key] != "":
                values[name] = environ[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise ConfigurationError(
                f"invalid setting {ENV_PREFIX}{field.upper()}: {first['msg']}"
            ) from None
