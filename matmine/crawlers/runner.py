"""Run one crawl in this process (Scrapy + Twisted) or in a child process.

The Twisted reactor cannot be restarted in a process, so anything that runs
several crawls (tests, ``matmine run``) uses :func:`crawl_in_subprocess`, which
runs ``python -m matmine.crawlers.runner SOURCE … --json`` and reads back the
report.

>>> report = crawl(Settings.from_env(), CrawlOptions("arxiv", max_items=10))  # doctest: +SKIP
>>> print(report.summary())                                                   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import fcntl
import importlib
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from matmine.crawlers.base import CONTEXTS, CrawlContext, CrawlOptions, CrawlReport
from matmine.crawlers.rawstore import RawStore
from matmine.crawlers.settings import scrapy_settings
from matmine.crawlers.sources import SOURCES, SPIDERS
from matmine.crawlers.state import CrawlState
from matmine.errors import CrawlError, MatmineError
from matmine.pipelines.ingest import IngestReport
from matmine.settings import Settings


ProgressCallback = Callable[[CrawlReport], None]


def spider_class(source: str) -> Any:
    try:
        module, name = SPIDERS[source].split(":")
    except KeyError:
        raise CrawlError(f"unknown source {source!r}; choose from {', '.join(SOURCES)}") from None
    return getattr(importlib.import_module(module), name)


def check_options(settings: Settings, options: CrawlOptions) -> None:
    """Raise :class:`CrawlError` for anything that would make the crawl fail at once."""
    if options.source == "files":
        if not options.paths:
            raise CrawlError("crawl files needs at least one --path")
        missing = [p for p in options.paths if not p.exists()]
        if missing:
            raise CrawlError(f"no such file or folder: {missing[0]}")
        return
    cls = spider_class(options.source)
    absent = [f for f in cls.required_settings if not getattr(settings, f)]
    if absent:
        names = " and ".join(f"MATMINE_{f.upper()}" for f in absent)
        raise CrawlError(f"crawl {options.source} needs credentials: set {names}")
    if options.endpoint and not options.endpoint.startswith(("http://", "https://", "file:")):
        raise CrawlError(f"--endpoint must be an http(s):// or file: URL, not {options.endpoint!r}")
    for path in options.paths:
        if not path.exists():
            raise CrawlError(f"no such file or folder: {path}")
    if options.since and options.until and options.since > options.until:
        raise CrawlError("--since is after --until")


def crawl(
    settings: Settings, options: CrawlOptions, on_progress: ProgressCallback | None = None
) -> CrawlReport:
    """Run one crawl to its end in this process and return its report."""
    check_options(settings, options)
    settings.home.mkdir(parents=True, exist_ok=True)
    with source_lock(settings, options.source):
        return _crawl(settings, options, on_progress)


@contextmanager
def source_lock(settings: Settings, source: str) -> Iterator[None]:
    """One crawl per source at a time (an OS lock: a killed crawl releases it)."""
    folder = settings.home / "crawl"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{source}.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CrawlError(f"another crawl of {source} is running on {settings.home}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _crawl(
    settings: Settings, options: CrawlOptions, on_progress: ProgressCallback | None
) -> CrawlReport:
    state = CrawlState.open(settings)
    context = CrawlContext(
        settings=settings,
        options=options,
        state=state,
        raw=RawStore.open(settings),
        report=CrawlReport(source=options.source),
        on_progress=on_progress,
    )
    try:
        if options.source == "files":
            from matmine.crawlers.files import crawl_files

            crawl_files(context)
        else:
            _run_scrapy(context)
    finally:
        if context.report.finished is None:
            context.report.finished = time.monotonic()
        state.close()
    if context.crawl_error:
        raise CrawlError(context.crawl_error)
    return context.report


def _run_scrapy(context: CrawlContext) -> None:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    key = uuid.uuid4().hex
    CONTEXTS[key] = context
    source = context.options.source
    process = CrawlerProcess(scrapy_settings(context.settings, source, key))
    crawler = process.create_crawler(spider_class(source))

    def on_response(response: Any, request: Any, spider: Any) -> None:
        context.report.responses += 1
        if context.on_progress is not None:
            context.on_progress(context.report)

    crawler.signals.connect(on_response, signal=signals.response_received)
    try:
        process.crawl(crawler)
        process.start()
    finally:
        CONTEXTS.pop(key, None)
    context.report.finished = time.monotonic()


# -- child-process use ------------------------------------------------------------------
def options_to_args(options: CrawlOptions) -> list[str]:
    args = [options.source]
    if options.query:
        args += ["--query", options.query]
    if options.since:
        args += ["--since", options.since.isoformat()]
    if options.until:
        args += ["--until", options.until.isoformat()]
    if options.max_items is not None:
        args += ["--max", str(options.max_items)]
    if options.endpoint:
        args += ["--endpoint", options.endpoint]
    for path in options.paths:
        args += ["--path", str(path)]
    for code in options.cpc:
        args += ["--cpc", code]
    return args


def options_from_mapping(source: str, values: Mapping[str, Any]) -> CrawlOptions:
    """Options from a ``[[sources]]`` entry of a run configuration."""

    def day(value: Any) -> date | None:
        return value if isinstance(value, date) else date.fromisoformat(value) if value else None

    paths = values.get("paths") or ([values["path"]] if values.get("path") else [])
    cpc = values.get("cpc") or ()
    return CrawlOptions(
        source=source,
        query=values.get("query"),
        since=day(values.get("since")),
        until=day(values.get("until")),
        max_items=values.get("max"),
        endpoint=values.get("endpoint"),
        paths=tuple(Path(p) for p in paths),
        cpc=tuple([cpc] if isinstance(cpc, str) else cpc),
    )


def crawl_in_subprocess(
    options: CrawlOptions, settings: Settings, env: Mapping[str, str] | None = None
) -> CrawlReport:
    """Run :func:`crawl` in a child process (a fresh Twisted reactor) and return its report."""
    child_env = dict(os.environ if env is None else env)
    child_env["MATMINE_HOME"] = str(settings.home)
    if settings.index:
        child_env["MATMINE_INDEX"] = settings.index
    proc = subprocess.run(
        [sys.executable, "-m", "matmine.crawlers.runner", *options_to_args(options), "--json"],
        env=child_env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        message = (proc.stderr.strip().splitlines() or ["crawl failed"])[-1]
        raise CrawlError(message.removeprefix("matmine: "))
    return report_from_json(json.loads(proc.stdout.strip().splitlines()[-1]))


def report_from_json(values: Mapping[str, Any]) -> CrawlReport:
    ingest = IngestReport(
        read=values["read"],
        indexed=values["new"],
        unchanged=values["unchanged"],
        quarantined=values["quarantined"],
    )
    return CrawlReport(
        source=values["source"],
        status=values["status"],
        responses=values["fetched"],
        stored=values["stored"],
        skipped=values["skipped"],
        resumed=values["resumed"],
        watermark=values["watermark"],
        ingest=ingest,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matmine.crawlers.runner")
    parser.add_argument("source")
    parser.add_argument("--query")
    parser.add_argument("--since", type=date.fromisoformat)
    parser.add_argument("--until", type=date.fromisoformat)
    parser.add_argument("--max", type=int, dest="max_items")
    parser.add_argument("--endpoint")
    parser.add_argument("--path", action="append", type=Path, default=[])
    parser.add_argument("--cpc", action="append", default=[])
    parser.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    options = CrawlOptions(
        source=args.source,
        query=args.query,
        since=args.since,
        until=args.until,
        max_items=args.max_items,
        endpoint=args.endpoint,
        paths=tuple(args.path),
        cpc=tuple(args.cpc),
    )
    try:
        report = crawl(Settings.from_env(), options)
    except MatmineError as exc:
        print(f"matmine: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(report.as_dict()) if args.json else report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
