"""The ``files`` source: local folders, zip and tar archives through the crawl path.

Archives are size- and count-checked before unpacking
(:func:`matmine.pipelines.inputs.iter_inputs`).  Each file is keyed by its
SHA-256, so a file already crawled is skipped without being read again by the
readers, and stored in the raw store like any fetched response.
"""

from __future__ import annotations

import hashlib

from matmine.crawlers.base import CrawlContext, FetchedItem
from matmine.pipelines.crawl import CrawlPipeline
from matmine.pipelines.inputs import SkippedInput, iter_inputs


def crawl_files(context: CrawlContext) -> None:
    """Crawl ``context.options.paths`` into the index."""
    state = context.state
    context.run = state.open_run(
        "files", {"paths": sorted(str(p.resolve()) for p in context.options.paths)}
    )
    context.report.resumed = context.run.resumed
    pipeline = CrawlPipeline(context)
    pipeline.open_spider()
    try:
        for entry in iter_inputs(context.options.paths, context.settings):
            if (
                context.options.max_items is not None
                and context.report.ingest.read >= context.options.max_items
            ):
                context.stopped_early = True
                break
            context.report.ingest.files += 1
            if isinstance(entry, SkippedInput):
                assert pipeline.ingestor is not None
                pipeline.ingestor.quarantine(entry.name, entry.data, entry.reason)
                continue
            data = entry.read_bytes()
            context.report.responses += 1
            if len(data) > context.settings.max_file_bytes:
                assert pipeline.ingestor is not None
                pipeline.ingestor.quarantine(entry.name, None, "file larger than the limit")
                continue
            key = f"file:{hashlib.sha256(data).hexdigest()}"
            if state.has("files", key):
                context.report.skipped += 1
                continue
            pipeline.process_item(
                FetchedItem(
                    source="files",
                    key=key,
                    url=None,
                    name=entry.name,
                    format="reader",
                    parts={"body": data},
                )
            )
        if not context.stopped_early:
            state.commit_step(context.run, cursor={"done": True})
    finally:
        pipeline.close_spider()
