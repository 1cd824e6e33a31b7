"""Watch lists and digests: what competitors disclosed since the last look.

A :class:`WatchList` names harmonised assignees, CPC prefixes (default
``H01M10/0562``, sulfide solid electrolytes), a filter in the query language and
free text.  It lives as TOML in ``MATMINE_HOME/watch/NAME.toml`` (or any path):

    name = "competitors"
    assignees = ["Toyota", "Samsung Electronics"]
    cpc = ["H01M10/0562"]
    where = 'elements HAS "S"'
    text = ""

:func:`digest` lists the matching documents not reported before, grouped by
assignee, each with its best records (highest conductivity, lowest activation
energy …).  A state file next to the list (``NAME.state.json``) keeps the
watermark — the newest publication date reported — and the ids reported, so a
second digest without new documents is empty and a newly indexed document
appears alone, even one published before the watermark (flagged ``late``).

A document is grouped under its first organisation that is watched.  Replacing
a watch list (``watch add`` again) keeps its state file.

Matching: a document matches when one of its organisations (harmonised) is a
watched assignee (any, if none are listed), a patent has a CPC class starting
with a watched prefix (papers have no CPC and are not held to it), and the
filter and text select it (document level, through the index).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from matmine.errors import ConfigurationError, MatmineError
from matmine.index.api import IndexBackend
from matmine.models import Document, ExtractionResult, PropertyRecord
from matmine.settings import Settings
from matmine.tracking.assignees import harmonise_organisation
from matmine.tracking.disclosures import matching_documents, organisation_names, public_date

DEFAULT_CPC = ("H01M10/0562",)
WATCH_DIR = "watch"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
HIGHER_IS_BETTER = {"ionic_conductivity": True, "conductivity": True,
                    "electronic_conductivity": False, "activation_energy": False}


class WatchListNotFoundError(MatmineError):
    """No watch list with that name or path."""


@dataclass(frozen=True)
class WatchList:
    """What to watch (see the module docstring)."""

    name: str
    assignees: tuple[str, ...] = ()
    cpc: tuple[str, ...] = DEFAULT_CPC
    where: str = ""
    text: str = ""
    path: Path | None = None

    def to_toml(self) -> str:
        def strings(items: tuple[str, ...]) -> str:
            return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"

        return (f"name = {json.dumps(self.name, ensure_ascii=False)}\n"
                f"assignees = {strings(self.assignees)}\n"
                f"cpc = {strings(self.cpc)}\n"
                f"where = {json.dumps(self.where, ensure_ascii=False)}\n"
                f"text = {json.dumps(self.text, ensure_ascii=False)}\n")

    @property
    def state_path(self) -> Path:
        assert self.path is not None
        return self.path.with_suffix(".state.json")


def watch_dir(settings: Settings) -> Path:
    return settings.home / WATCH_DIR


def make_watch_list(name: str, assignees: list[str] | tuple[str, ...] = (),
                    cpc: list[str] | tuple[str, ...] | None = None, where: str = "",
                    text: str = "") -> WatchList:
    """A validated watch list: assignees harmonised, CPC spaces removed, the filter parsed."""
    if not _NAME.match(name):
        raise ConfigurationError(f"watch list name {name!r}: letters, digits, '.', '_', '-' only")
    if where.strip():
        from matmine.index.parser import parse_filter

        parse_filter(where)  # a bad filter fails now, not at the first digest
    names = tuple(dict.fromkeys(harmonise_organisation(a) for a in assignees if a.strip()))
    classes = tuple(dict.fromkeys(c.replace(" ", "").upper() for c in (cpc if cpc is not None else DEFAULT_CPC)
                                  if c.strip()))
    return WatchList(name, names, classes, where.strip(), text.strip())


def save_watch_list(settings: Settings, watch: WatchList, path: Path | None = None) -> WatchList:
    """Write the list as TOML (``MATMINE_HOME/watch/NAME.toml`` unless ``path``)."""
    target = path or watch_dir(settings) / f"{watch.name}.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(target, watch.to_toml())
    return WatchList(watch.name, watch.assignees, watch.cpc, watch.where, watch.text, target)


def load_watch_list(settings: Settings, name_or_path: str) -> WatchList:
    """A watch list by name (in ``MATMINE_HOME/watch``) or by the path of a TOML file."""
    candidate = Path(name_or_path)
    is_path = candidate.suffix == ".toml" or "/" in name_or_path or os.sep in name_or_path
    path = candidate if is_path else watch_dir(settings) / f"{name_or_path}.toml"
    if not path.is_file():
        known = ", ".join(w.name for w in list_watch_lists(settings)) or "none yet"
        raise WatchListNotFoundError(f"no watch list {name_or_path!r} (known: {known}); "
                                     "create one with `matmine watch add NAME`")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"watch list {path}: {exc}") from None
    watch = make_watch_list(str(data.get("name", path.stem)), list(data.get("assignees", [])),
                            list(data.get("cpc", DEFAULT_CPC)), str(data.get("where", "")),
                            str(data.get("text", "")))
    return WatchList(watch.name, watch.assignees, watch.cpc, watch.where, watch.text, path)


def list_watch_lists(settings: Settings) -> list[WatchList]:
    folder = watch_dir(settings)
    return [load_watch_list(settings, str(p)) for p in sorted(folder.glob("*.toml"))] \
        if folder.is_dir() else []


# ------------------------------------------------------------------------ digests


@dataclass(frozen=True)
class DigestEntry:
    """One newly disclosed document with its best records."""

    document_id: str
    kind: str
    title: str
    published: date | None
    organisations: tuple[str, ...]
    cpc: tuple[str, ...]
    best: tuple[str, ...]
    late: bool = False  # published before the previous watermark, indexed since

    def as_json(self) -> dict:
        return {"id": self.document_id, "kind": self.kind, "title": self.title,
                "published": self.published.isoformat() if self.published else None,
                "organisations": list(self.organisations), "cpc": list(self.cpc),
                "best": list(self.best), "late": self.late}


@dataclass
class Digest:
    """What a watch list found since the last digest, grouped by assignee."""

    watch: WatchList
    groups: dict[str, list[DigestEntry]] = field(default_factory=dict)
    previous_watermark: date | None = None
    watermark: date | None = None
    since: date | None = None

    @property
    def entries(self) -> list[DigestEntry]:
        return [e for group in self.groups.values() for e in group]

    def as_json(self) -> dict:
        return {"watch": self.watch.name,
                "since": self.since.isoformat() if self.since else None,
                "previous_watermark": self.previous_watermark.isoformat() if self.previous_watermark else None,
                "watermark": self.watermark.isoformat() if self.watermark else None,
                "count": len(self.entries),
                "groups": {k: [e.as_json() for e in v] for k, v in self.groups.items()}}


def watch_filter(watch: WatchList) -> str:
    """The CPC prefixes and filter of a watch list as one filter (document level).

    Assignees are matched afterwards on harmonised names (:func:`organisation_names`),
    which also reads affiliation lines ("…, Toyota Motor Corporation, Japan").
    """
    parts = []
    if watch.cpc:
        parts.append('(kind = "paper" OR ' + " OR ".join(f"cpc STARTS {json.dumps(c)}" for c in watch.cpc) + ")")
    if watch.where:
        parts.append(f"({watch.where})")
    return " AND ".join(parts) or 'kind = "paper" OR kind = "patent"'


def digest(index: IndexBackend, watch: WatchList, since: date | None = None, *,
           commit: bool = True) -> Digest:
    """The documents the watch list matches that no earlier digest reported.

    With ``since`` every match published on or after that date is listed, reported
    before or not.  ``commit`` records the result in the state file.
    """
    state = _read_state(watch)
    seen: set[str] = set(state.get("seen", []))
    previous = date.fromisoformat(state["watermark"]) if state.get("watermark") else None
    result = Digest(watch, previous_watermark=previous, watermark=previous, since=since)
    for summary in matching_documents(index, watch_filter(watch), watch.text):
        names = organisation_names(summary.kind, summary.organisations)
        if watch.assignees and not set(names) & set(watch.assignees):
            continue
        stored = index.get(summary.id)
        if stored is None:
            continue
        document, extraction = stored
        published, _ = public_date(document.kind, document.dates)
        if since is not None:
            if published is None or published < since:
                continue
        elif document.id in seen:
            continue
        entry = _entry(document, extraction, published,
                       late=since is None and previous is not None and published is not None
                       and published < previous)
        result.groups.setdefault(_group(watch, entry), []).append(entry)
        if published is not None and (result.watermark is None or published > result.watermark):
            result.watermark = published
    for group in result.groups.values():
        group.sort(key=lambda e: (e.published or date.min, e.document_id), reverse=True)
    result.groups = dict(sorted(result.groups.items()))
    if commit:
        seen.update(e.document_id for e in result.entries)
        _write_state(watch, {"watermark": result.watermark.isoformat() if result.watermark else None,
                             "seen": sorted(seen),
                             "last_digest": datetime.now(UTC).isoformat(timespec="seconds")})
    return result


def _entry(document: Document, extraction: ExtractionResult, published: date | None,
           late: bool) -> DigestEntry:
    return DigestEntry(document.id, document.kind, document.title, published,
                       organisation_names(document.kind, document.organisations),
                       document.cpc, best_records(extraction), late)


def _group(watch: WatchList, entry: DigestEntry) -> str:
    for name in entry.organisations:
        if not watch.assignees or name in watch.assignees:
            return name
    return entry.organisations[0] if entry.organisations else "(no organisation)"


def best_records(extraction: ExtractionResult, limit: int = 3) -> tuple[str, ...]:
    """The best value per property (highest conductivity, lowest activation energy), as text."""
    best: dict[str, PropertyRecord] = {}
    for record in extraction.records:
        if record.value is None or record.property not in HIGHER_IS_BETTER:
            continue
        current = best.get(record.property)
        sign = 1.0 if HIGHER_IS_BETTER[record.property] else -1.0
        # records linked to a material first, then the best value
        key = (record.material is not None, sign * record.value)
        if current is None or key > (current.material is not None, sign * current.value):  # type: ignore[operator]
            best[record.property] = record
    out = []
    for prop, record in sorted(best.items()):
        material = (record.material.reduced_formula or record.material.text) if record.material else "?"
        temperature = f" at {record.temperature_K:.0f} K" if record.temperature_K is not None else ""
        out.append(f"{material}: {prop} {record.display_value()}{temperature} "
                   f"({record.provenance.part_id})")
    return tuple(out[:limit])


def _read_state(watch: WatchList) -> dict:
    if watch.path is None or not watch.state_path.is_file():
        return {}
    try:
        return json.loads(watch.state_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"watch state {watch.state_path} is damaged ({exc}); "
                                 "delete it to start over") from None


def _write_state(watch: WatchList, state: dict) -> None:
    if watch.path is not None:
        _write_atomic(watch.state_path, json.dumps(state, indent=1) + "\n")


def _write_atomic(path: Path, text: str) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(tmp, path)


__all__ = [
    "DEFAULT_CPC",
    "Digest",
    "DigestEntry",
    "WatchList",
    "WatchListNotFoundError",
    "best_records",
    "digest",
    "list_watch_lists",
    "load_watch_list",
    "make_watch_list",
    "save_watch_list",
    "watch_filter",
]
