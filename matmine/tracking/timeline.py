"""Who disclosed a composition first: :func:`first_disclosures`.

Every stored document that discloses the composition is listed with the date
that decides priority (patents: priority, then filing, then publication date;
papers: online, then publication date), the date it became public, its
harmonised organisations and *where* it discloses it:

* ``record`` / ``structure`` — a property record or structure fact about the
  material, with its provenance (claim, paragraph, table cell; sentence);
* ``mention`` — the material named without a record.  The index keeps each
  document's material mentions (``ExtractionResult.materials``) but not their
  place, so the place is found again as the first part containing the text;
* ``claim`` — a claimed composition family (variables, ranges, placeholders)
  that covers the composition, read by :mod:`matmine.tracking.claims` and
  decided by :func:`matmine.tracking.coverage.covers`.

The target is a formula (order-free, compared normalised), a chemical system
(``Ge-Li-P-S``: materials with exactly these elements) or a filter in the query
language (documents with a matching record).  "First by priority" and "first
public" are called out separately: the demo's Li10SiP2S12 was first *filed* by
Toyota (priority 2012-02-06) but first *published* by MIT + Samsung (online
2012-10-26).

>>> timeline = first_disclosures(index, "Li10SiP2S12")  # doctest: +SKIP
>>> timeline.first_by_priority.document_id, timeline.first_public.document_id  # doctest: +SKIP
('DEMO-P0002', 'DEMO-A0002')
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

from matmine.errors import ConfigurationError, QuerySyntaxError
from matmine.extractors.compositions import parse_material
from matmine.extractors.periodic_table import ELEMENTS
from matmine.index.api import IndexBackend
from matmine.index.parser import parse_filter
from matmine.models import Document, ExtractionResult, Material, PropertyRecord, StructureFact
from matmine.tracking.claims import claim_families
from matmine.tracking.coverage import (
    CompositionFamily,
    Range,
    UnsupportedFamilyError,
    covers,
    covers_chemsys,
    same_composition,
)
from matmine.tracking.disclosures import (
    effective_date,
    iter_scope,
    locate,
    matching_ids,
    organisation_names,
    public_date,
)

TargetKind = Literal["formula", "chemsys", "filter"]
How = Literal["record", "structure", "mention", "claim"]
_CHEMSYS = re.compile(r"^[A-Z][a-z]?(?:-[A-Z][a-z]?)+$")
FAR_FUTURE = date.max


class TargetError(ConfigurationError):
    """The timeline target is neither a formula, a chemical system nor a filter."""


@dataclass(frozen=True)
class Target:
    """What the timeline is about."""

    text: str
    kind: TargetKind
    composition: dict[str, float] = field(default_factory=dict)
    elements: frozenset[str] = frozenset()

    def describe(self) -> str:
        return {"formula": "formula", "chemsys": "chemical system", "filter": "filter"}[self.kind] + \
            f" {self.text}"


def parse_target(text: str) -> Target:
    """Formula, chemical system or filter, told apart by their shape.

    >>> parse_target("Ge-Li-P-S").kind, parse_target("Li10SiP2S12").kind
    ('chemsys', 'formula')
    """
    text = (text or "").strip()
    if not text:
        raise TargetError("give a formula, a chemical system (Ge-Li-P-S) or a filter")
    if _CHEMSYS.match(text):
        elements = frozenset(text.split("-"))
        unknown = sorted(elements - ELEMENTS)
        if unknown:
            raise TargetError(f"unknown element {unknown[0]!r} in chemical system {text!r}")
        return Target(text, "chemsys", elements=elements)
    if not re.search(r"\s|[=<>\"']", text):
        material = parse_material(text)
        if material.error is None and material.composition:
            return Target(text, "formula", dict(material.composition), frozenset(material.elements))
        if material.error is None:
            raise TargetError(f"{text!r} has variables; give one composition (e.g. x = 0 written out)")
        raise TargetError(f"cannot read {text!r} as a formula: {material.error}")
    try:
        parse_filter(text)
    except QuerySyntaxError as exc:
        raise TargetError(f"{text!r} is no formula, chemical system or valid filter ({exc})") from None
    return Target(text, "filter")


@dataclass(frozen=True)
class Disclosure:
    """One place where a document discloses the target."""

    how: How
    part_id: str
    part_kind: str
    sentence: str
    material: str
    detail: str = ""
    claim: int | None = None
    independent: bool | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """A document that discloses the target, with its dates and organisations."""

    document_id: str
    kind: str
    title: str
    date: date | None
    date_kind: str
    public: date | None
    public_kind: str
    organisations: tuple[str, ...]
    disclosures: tuple[Disclosure, ...]

    def as_json(self) -> dict:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        out["public"] = self.public.isoformat() if self.public else None
        return out


@dataclass
class Timeline:
    """Documents disclosing a target, in order of their priority-deciding date."""

    target: Target
    entries: list[TimelineEntry]
    notes: list[str] = field(default_factory=list)

    @property
    def first_by_priority(self) -> TimelineEntry | None:
        dated = [e for e in self.entries if e.date is not None]
        return min(dated, key=lambda e: (e.date, e.document_id)) if dated else None

    @property
    def first_public(self) -> TimelineEntry | None:
        dated = [e for e in self.entries if e.public is not None]
        return min(dated, key=lambda e: (e.public, e.document_id)) if dated else None

    def as_json(self) -> dict:
        first, public = self.first_by_priority, self.first_public
        return {
            "target": self.target.text,
            "target_kind": self.target.kind,
            "first_by_priority": first.document_id if first else None,
            "first_by_priority_date": first.date.isoformat() if first and first.date else None,
            "first_public": public.document_id if public else None,
            "first_public_date": public.public.isoformat() if public and public.public else None,
            "entries": [e.as_json() for e in self.entries],
            "notes": self.notes,
        }


def first_disclosures(index: IndexBackend, formula_or_filter: str, *, where: str | None = None,
                      include_claims: bool = True) -> Timeline:
    """Every stored document disclosing a composition, earliest first (see the module docstring).

    ``where`` (query language, document level) narrows the documents considered.
    """
    target = parse_target(formula_or_filter)
    notes: list[str] = []
    entries: list[TimelineEntry] = []
    if target.kind == "filter":
        scope = None if not where else set(matching_ids(index, where))
        found: dict[str, list[Disclosure]] = {}
        for hit in index.scan(filter=target.text):
            if hit.record is None or (scope is not None and hit.document.id not in scope):
                continue
            found.setdefault(hit.document.id, []).append(hit.record)
        for document_id, records in found.items():
            stored = index.get(document_id)
            if stored is not None:
                entries.append(_entry(stored[0], [_record_disclosure(r, stored[0]) for r in records]))
        notes.append("a filter selects property records and structure facts only; material "
                     "mentions and claimed families need a formula or chemical system")
    else:
        for document, result in iter_scope(index, where):
            disclosures = document_disclosures(document, result, target, notes,
                                               include_claims=include_claims)
            if disclosures:
                entries.append(_entry(document, disclosures))
    entries.sort(key=lambda e: (e.date or FAR_FUTURE, e.public or FAR_FUTURE, e.document_id))
    return Timeline(target, entries, list(dict.fromkeys(notes)))


HOW_ORDER = {"claim": 0, "record": 1, "structure": 2, "mention": 3}


def document_disclosures(document: Document, result: ExtractionResult, target: Target,
                         notes: list[str] | None = None, *, include_claims: bool = True
                         ) -> list[Disclosure]:
    """Where one document discloses a formula or chemical-system target (claims first)."""
    out: list[Disclosure] = []
    if include_claims and document.kind == "patent":
        out.extend(claim_disclosures(document, target, notes))
    record_parts: set[str] = set()
    for record in (*result.records, *result.structures):
        if record.material is not None and material_matches(record.material, target):
            out.append(_record_disclosure(record, document))
            record_parts.add(record.provenance.part_id)
    for material in result.materials:
        if not material_matches(material, target):
            continue
        where = locate(document, material.text)
        if where is None or where.part_id in record_parts:
            continue  # a record in the same part already says so
        record_parts.add(where.part_id)
        sentence = _cell_context(document, where.part_id) or where.sentence
        out.append(Disclosure("mention", where.part_id, where.part_kind, sentence,
                              material.text, _material_detail(material)))
    out.sort(key=lambda d: HOW_ORDER[d.how])
    return out


def _cell_context(document: Document, part_id: str) -> str:
    """For a table cell: "caption | row header | column header: cell" (a cell alone says little)."""
    if not part_id.startswith("table:"):
        return ""
    part = document.part(part_id)
    if part is None:
        return ""
    table = next((t for t in document.tables if t.id == part.table_id), None)
    label = (table.label or table.caption or table.id) if table is not None else part.table_id or ""
    row = " / ".join(part.row_headers)
    column = " / ".join(part.column_headers)
    return clip(" | ".join(x for x in (label, row, f"{column}: {part.text}" if column else part.text) if x))


def claim_disclosures(document: Document, target: Target, notes: list[str] | None = None
                      ) -> list[Disclosure]:
    """Claims whose composition family covers the target (one per claim)."""
    out: list[Disclosure] = []
    done: set[int] = set()
    for claimed in claim_families(document):
        if claimed.claim in done:
            continue
        try:
            proof = covers(claimed.family, target.composition) if target.kind == "formula" \
                else covers_chemsys(claimed.family, target.elements)
        except UnsupportedFamilyError as exc:
            if notes is not None:
                notes.append(f"{document.id} claim {claimed.claim}: {claimed.family.formula} "
                             f"not checked ({exc})")
            continue
        if proof is None:
            continue
        done.add(claimed.claim)
        how = proof.describe()
        detail = f"{claimed.family.formula}" + (f" with {how}" if how else "")
        if claimed.inherited_from is not None:
            detail += f" (formula of claim {claimed.inherited_from})"
        out.append(Disclosure("claim", claimed.part_id, "claim", clip(claimed.text),
                              claimed.family.formula, detail, claimed.claim, claimed.independent))
    return out


def material_matches(material: Material, target: Target) -> bool:
    """A mention or record material is the target (formula: same normalised composition;
    chemical system: same element set).  A family mention with every variable's range
    given counts when it covers a formula target."""
    if material.error is not None or len(material.elements) < 2:
        return False
    if target.kind == "chemsys":
        return frozenset(material.elements) == target.elements
    if material.composition:
        return same_composition(material.composition, target.composition)
    if material.variables and material.formula and all(
            isinstance(v, tuple) for v in material.variables.values()):
        ranges = {k: Range(v[0], v[1]) for k, v in material.variables.items()}  # type: ignore[index]
        family = CompositionFamily(material.formula, ranges)
        try:
            if set(family.variables) <= set(ranges):
                return covers(family, target.composition) is not None
        except UnsupportedFamilyError:
            return False
    return False


def _record_disclosure(record: PropertyRecord | StructureFact,
                       document: Document | None = None) -> Disclosure:
    p = record.provenance
    context = _cell_context(document, p.part_id) if document is not None else ""
    material = (record.material.formula or record.material.text) if record.material else ""
    if isinstance(record, PropertyRecord):
        detail = f"{record.property} {record.display_value()}"
        if record.temperature_K is not None:
            detail += f" at {record.temperature_K:.0f} K"
        return Disclosure("record", p.part_id, p.part_kind,
                          context or clip(p.sentence or record.raw), material, detail)
    detail = f"{record.kind} {record.space_group_symbol or record.structure_type or record.raw}"
    return Disclosure("structure", p.part_id, p.part_kind,
                      context or clip(p.sentence or record.raw), material, detail)


def _material_detail(material: Material) -> str:
    text = material.reduced_formula or material.formula or ""
    return f"named ({text})" if text else "named"


def _entry(document: Document, disclosures: list[Disclosure]) -> TimelineEntry:
    first, first_kind = effective_date(document.kind, document.dates)
    public, public_kind = public_date(document.kind, document.dates)
    return TimelineEntry(document.id, document.kind, document.title, first, first_kind, public,
                         public_kind, organisation_names(document.kind, document.organisations),
                         tuple(disclosures))


def clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "Disclosure",
    "Target",
    "TargetError",
    "Timeline",
    "TimelineEntry",
    "clip",
    "document_disclosures",
    "first_disclosures",
    "material_matches",
    "parse_target",
]
