"""Scrapy settings built from :class:`matmine.settings.Settings` (one place for every default)."""

from __future__ import annotations

from typing import Any

from matmine.settings import Settings

SOURCE_DELAY_FIELD = {
    "arxiv": "arxiv_delay",
    "crossref": "crossref_delay",
    "europepmc": "europepmc_delay",
    "uspto": "uspto_delay",
    "uspto-search": "uspto_delay",
    "epo": "epo_delay",
}


def source_delay(settings: Settings, source: str) -> float:
    """Seconds between two requests to one host of ``source``."""
    field = SOURCE_DELAY_FIELD.get(source)
    return float(getattr(settings, field)) if field else settings.download_delay


def user_agent(settings: Settings) -> str:
    return settings.user_agent.format(contact=settings.contact_email)


def scrapy_settings(settings: Settings, source: str, context_key: str) -> dict[str, Any]:
    """The Scrapy settings of one crawl of ``source``.

    Credentials never go in here (Scrapy logs its overridden settings): spiders
    read them from the crawl context registered under ``context_key``.
    """
    delay = source_delay(settings, source)
    log_dir = settings.home / "crawl" / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    return {
        "BOT_NAME": "matmine",
        "USER_AGENT": user_agent(settings),
        "ROBOTSTXT_OBEY": settings.crawl_obey_robots,
        "DOWNLOAD_DELAY": delay,
        # no jitter: "at least N seconds between requests" must hold for each request
        "DOWNLOAD_DELAY_JITTER": 0.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.concurrent_requests_per_domain,
        "CONCURRENT_REQUESTS": max(8, settings.concurrent_requests_per_domain),
        "AUTOTHROTTLE_ENABLED": settings.crawl_autothrottle,
        "AUTOTHROTTLE_START_DELAY": delay,
        "AUTOTHROTTLE_MAX_DELAY": max(60.0, delay),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(settings.concurrent_requests_per_domain),
        "RETRY_ENABLED": True,
        "RETRY_TIMES": settings.retry_times,
        "MATMINE_RETRY_BACKOFF": settings.retry_backoff,
        "MATMINE_MAX_RETRY_AFTER": settings.max_retry_after,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "matmine.crawlers.middlewares.PolitenessMiddleware": 550,
        },
        "ITEM_PIPELINES": {"matmine.pipelines.crawl.CrawlPipeline": 300},
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_MAXSIZE": settings.max_archive_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DOWNLOAD_TIMEOUT": 120,
        "LOG_LEVEL": "INFO",
        "LOG_FILE": str(log_dir / f"{source}.log"),
        "LOG_FILE_APPEND": True,
        "LOGSTATS_INTERVAL": 60.0,
        "MATMINE_CONTEXT": context_key,
    }
