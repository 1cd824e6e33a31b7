"""``matmine run``: the main job.

Ingests every source listed in a run configuration (TOML) into the configured
index and returns one report per source.  Without a configuration it ingests
the bundled demo corpus (``corpus/demo``).

A configuration file (``matmine.toml``, or the path in ``MATMINE_SOURCES_CONFIG``)::

    [[sources]]
    type = "files"                  # local files, folders, zip/tar archives
    paths = ["corpus/demo", "~/papers"]

    [[sources]]
    type = "crawl"                  # any crawler source: arxiv, crossref, europepmc, uspto, epo
    source = "arxiv"
    query = "solid electrolyte"
    since = "2024-01-01"
    max = 500

Relative paths are resolved against the configuration file's folder.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matmine
from matmine.errors import ConfigurationError, InputNotFoundError
from matmine.pipelines.ingest import IngestReport, ProgressCallback, ingest
from matmine.settings import Settings

DEFAULT_CONFIG_NAME = "matmine.toml"


def demo_corpus_path() -> Path:
    """The bundled demo corpus (next to the package in a source checkout)."""
    return Path(matmine.__file__).resolve().parent.parent / "corpus" / "demo"


@dataclass(frozen=True)
class SourceSpec:
    """One entry of ``[[sources]]``."""

    type: str
    paths: tuple[Path, ...] = ()
    source: str = ""
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def label(self) -> str:
        if self.type == "files":
            return "files: " + ", ".join(str(p) for p in self.paths)
        return f"crawl: {self.source}"


def load_run_config(path: Path | None) -> list[SourceSpec]:
    """Parse a run configuration; ``None`` means the demo corpus."""
    if path is None:
        corpus = demo_corpus_path()
        if not corpus.is_dir():
            raise InputNotFoundError(
                f"no run configuration given and the demo corpus is missing ({corpus})"
            )
        return [SourceSpec(type="files", paths=(corpus,))]
    if not path.is_file():
        raise InputNotFoundError(f"no such run configuration: {path}")
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{path}: not valid TOML: {exc}") from None
    entries = config.get("sources")
    if not isinstance(entries, list) or not entries:
        raise ConfigurationError(f"{path}: needs at least one [[sources]] entry")
    return [_parse_entry(entry, path.parent, number) for number, entry in enumerate(entries, 1)]


def _parse_entry(entry: Any, base: Path, number: int) -> SourceSpec:
    if not isinstance(entry, dict) or "type" not in entry:
        raise ConfigurationError(f"sources entry {number}: needs a 'type' (files or crawl)")
    kind = entry["type"]
    if kind == "files":
        raw_paths = entry.get("paths")
        if not isinstance(raw_paths, list) or not raw_paths:
            raise ConfigurationError(f"sources entry {number}: 'files' needs a list of 'paths'")
        paths = tuple((base / Path(p).expanduser()).resolve() for p in raw_paths)
        return SourceSpec(type="files", paths=paths)
    if kind == "crawl":
        source = entry.get("source")
        if not isinstance(source, str) or not source:
            raise ConfigurationError(f"sources entry {number}: 'crawl' needs a 'source' name")
        options = tuple(sorted((k, v) for k, v in entry.items() if k not in ("type", "source")))
        return SourceSpec(type="crawl", source=source, options=options)
    raise ConfigurationError(f"sources entry {number}: unknown type {kind!r} (files or crawl)")


def find_run_config(settings: Settings, explicit: Path | None = None) -> Path | None:
    """The configuration to use: explicit, then MATMINE_SOURCES_CONFIG, then ./matmine.toml."""
    if explicit is not None:
        return explicit
    if settings.sources_config is not None:
        return settings.sources_config
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.is_file() else None


CrawlRunner = Callable[[SourceSpec, Settings], IngestReport]


def run(
    settings: Settings,
    config_path: Path | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    crawl_runner: CrawlRunner | None = None,
) -> list[tuple[SourceSpec, IngestReport]]:
    """Ingest every configured source; returns (source, report) pairs."""
    specs = load_run_config(find_run_config(settings, config_path))
    reports = []
    for spec in specs:
        if spec.type == "files":
            report = ingest(spec.paths, settings, on_progress=on_progress)
        else:
            if crawl_runner is None:
                from matmine.pipelines.crawl import run_crawl_source as crawl_runner  # noqa: PLC0415
            report = crawl_runner(spec, settings)
        reports.append((spec, report))
    return reports
