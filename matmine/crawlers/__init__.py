"""Crawlers: one Scrapy spider per source, polite, resumable, incremental, deduplicated.

* :mod:`~matmine.crawlers.arxiv`, :mod:`~matmine.crawlers.crossref`,
  :mod:`~matmine.crawlers.europepmc`, :mod:`~matmine.crawlers.uspto` (bulk files and
  search API), :mod:`~matmine.crawlers.epo` (OPS), :mod:`~matmine.crawlers.files`;
* :mod:`~matmine.crawlers.formats`: each source's response format → ``Document``;
* :mod:`~matmine.crawlers.middlewares`: retries with backoff / ``Retry-After``, rate headers;
* :mod:`~matmine.crawlers.settings`: Scrapy settings from :class:`matmine.settings.Settings`;
* :mod:`~matmine.crawlers.state` (runs, frontier, ledger, watermarks, aliases) and
  :mod:`~matmine.crawlers.rawstore` (bytes as fetched);
* :mod:`~matmine.crawlers.runner`: run a crawl in-process or in a child process;
* :mod:`~matmine.crawlers.replay`: the local replay server the tests and benchmark use.

Items go through :class:`matmine.pipelines.crawl.CrawlPipeline` into the
:class:`~matmine.pipelines.ingest.Ingestor`.  See ``docs/crawling.md``.
"""
