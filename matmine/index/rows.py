"""Flatten a (Document, ExtractionResult) into the rows both backends index.

One :class:`DocumentRow` per document and one :class:`RecordRow` per
PropertyRecord and StructureFact.  A document without any record gets one
*placeholder* row (``rtype = "document"``) so document-level filters on
document fields find it; record-level searches never return placeholders.

Material-level facts are shared inside a document: a record whose material has
no structure type or space group of its own borrows them from a structure fact
about the same reduced formula in the same document.

Numeric values become an interval ``[lo, hi]``: a point value is ``[v, v]``, a
range ``[min, max]``, ``< v`` is ``[-inf, v]`` and ``> v`` is ``[v, inf]``.  The
measuring temperature becomes ``[temperature_min, temperature_max]`` the same
way: ``[T, T]`` for a single temperature, ``[min, max]`` for a range.  The
measuring atmosphere is stored as its filter key (:func:`fields.atmosphere_key`:
``"wet H2"`` → ``"weth2"``); hits show the label as extracted.  ``method`` is
``"measured"``, ``"computed"`` or None, as extracted.
"""

from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass, field
from typing import Literal

from matmine.index import fields as F
from matmine.index.chemistry import (
    ATOMIC_NUMBER,
    chemsys_key,
    element_masks,
    formula_key,
)
from matmine.models import Document, ExtractionResult, Material, PropertyRecord, StructureFact

RecordType = Literal["property", "structure", "document"]
_UPPER = {"<", "≤", "<=", "≲", "below", "up to"}
_LOWER = {">", "≥", ">=", "≳", "above", "over"}


@dataclass(slots=True)
class DocumentRow:
    id: str
    kind: str
    title: str
    published: int | None
    filed: int | None
    priority: int | None
    granted: int | None
    year: int | None
    content_hash: str
    source_hash: str  # content hash + extraction: "unchanged" means both are equal
    id_keys: list[str]
    assignees: list[str]  # harmonised keys
    organisations: list[str]  # harmonised and raw keys of every organisation
    organisation_names: list[tuple[str, str, str]]  # (role, harmonised display, key)
    cpc: list[str]
    ipc: list[str]
    text_title: str
    text_abstract: str
    text_claims: str
    text_body: str


@dataclass(slots=True)
class RecordRow:
    id: str
    ordinal: int  # position in the ExtractionResult: records, then structures
    rtype: RecordType
    property: str | None = None
    value: float | None = None
    lo: float | None = None
    hi: float | None = None
    temperature_min: float | None = None  # [min, max]: [T, T] for a single temperature
    temperature_max: float | None = None
    scope: str | None = None
    atmosphere: str | None = None  # atmosphere_key of the label: "air", "weth2", "5%h2/ar"
    method: str | None = None  # "measured", "computed"
    confidence: float | None = None
    elements: list[str] = field(default_factory=list)
    mask_lo: int = 0
    mask_hi: int = 0
    nelements: int | None = None
    chemsys: str | None = None
    formula: str | None = None
    structure_type: str | None = None
    space_group: int | None = None
    space_group_symbol: str | None = None
    crystal_system: str | None = None
    context: str = ""  # sentence, or table cell with its headers and caption
    part_id: str = ""


def source_hash(doc: Document, result: ExtractionResult,
                extraction_json: str | bytes | None = None) -> str:
    content = doc.content_hash or doc.compute_content_hash()
    extraction = extraction_json or result.model_dump_json()
    if isinstance(extraction, str):
        extraction = extraction.encode("utf-8")
    return content + ":" + hashlib.sha256(extraction).hexdigest()[:16]


def _day(value) -> int | None:  # noqa: ANN001 - date | None
    return F.date_int(value) if value else None


def document_row(doc: Document, result: ExtractionResult,
                 extraction_json: str | bytes | None = None) -> DocumentRow:
    dates = doc.dates
    published = dates.published or dates.online or dates.granted
    assignees, organisations, names = [], [], []
    for org in doc.organisations:
        display = org.harmonised or org.raw
        key = F.organisation_key(display)
        names.append((org.role, display, key))
        organisations.extend([key, F.raw_organisation_key(org.raw)])
        if org.role in ("assignee", "applicant"):
            assignees.append(key)
    paragraphs = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        paragraphs.append(" ".join([table.label, table.caption, *table.footnotes]))
        paragraphs.extend(c.text for c in table.cells if c.text)
    id_keys: list[str] = []
    for ident in (doc.id, *doc.alternate_ids):
        id_keys.extend(F.document_id_keys(ident))
    return DocumentRow(
        id=doc.id,
        kind=doc.kind,
        title=doc.title,
        published=_day(published),
        filed=_day(dates.filed),
        priority=_day(dates.priority),
        granted=_day(dates.granted),
        year=published.year if published else None,
        content_hash=doc.content_hash or doc.compute_content_hash(),
        source_hash=source_hash(doc, result, extraction_json),
        id_keys=list(dict.fromkeys(id_keys)),
        assignees=list(dict.fromkeys(assignees)),
        organisations=list(dict.fromkeys(organisations)),
        organisation_names=names,
        cpc=list(dict.fromkeys(F.class_key(c) for c in doc.cpc)),
        ipc=list(dict.fromkeys(F.class_key(c) for c in doc.ipc)),
        text_title=doc.title,
        text_abstract=doc.abstract,
        text_claims="\n".join(c.text for c in doc.claims),
        text_body="\n".join(paragraphs),
    )


def _material_keys(
    material: Material | None,
) -> tuple[tuple[str, ...], str | None, str | None, int, int]:
    """Elements (by atomic number), chemsys key, formula key and the two bitmask words."""
    if material is None:
        return (), None, None, 0, 0
    return _keys_of(material.elements, tuple(sorted(material.composition.items())),
                    material.reduced_formula, material.formula)


@functools.lru_cache(maxsize=65536)
def _keys_of(
    elements: tuple[str, ...], composition: tuple[tuple[str, float], ...],
    reduced_formula: str | None, formula: str | None,
) -> tuple[tuple[str, ...], str | None, str | None, int, int]:
    """Element list, chemsys and formula keys, masks (cached: the same materials recur a lot)."""
    symbols = [e for e in (elements or tuple(k for k, _ in composition)) if e in ATOMIC_NUMBER]
    ordered = tuple(sorted(set(symbols), key=ATOMIC_NUMBER.__getitem__))
    key = None
    for source in (dict(composition), reduced_formula, formula):
        if not source:
            continue
        try:
            key = formula_key(source)
            break
        except (ValueError, ZeroDivisionError):
            continue
    return (ordered, (chemsys_key(ordered) if ordered else None), key, *element_masks(ordered))


def _interval(record: PropertyRecord) -> tuple[float | None, float | None, float | None]:
    value, lo, hi = record.value, record.value_min, record.value_max
    qualifier = (record.qualifier or "").strip()
    if value is not None:
        if qualifier in _UPPER:
            return value, -math.inf, value
        if qualifier in _LOWER:
            return value, value, math.inf
        return value, value, value
    if lo is not None or hi is not None:
        lo = -math.inf if lo is None else lo
        hi = math.inf if hi is None else hi
        point = (lo + hi) / 2 if math.isfinite(lo) and math.isfinite(hi) else (
            lo if math.isfinite(lo) else hi)
        return point, lo, hi
    return None, None, None


def _temperatures(record: PropertyRecord) -> tuple[float | None, float | None]:
    """The measuring temperatures as an interval: ``[T, T]``, ``[min, max]`` or no interval.

    A range with only one end written is open on the other: it starts at 0 K or has
    no upper end (like ``< v`` and ``> v`` values).
    """
    if record.temperature_K is not None:
        return record.temperature_K, record.temperature_K
    lo, hi = record.temperature_min_K, record.temperature_max_K
    if lo is None and hi is None:
        return None, None
    return (0.0 if lo is None else lo), (math.inf if hi is None else hi)


def _context(doc: Document, part_id: str, sentence: str) -> str:
    if not part_id.startswith("table:"):
        return sentence
    part = doc.part(part_id)
    if part is None:
        return sentence
    table = next((t for t in doc.tables if t.id == part.table_id), None)
    caption = table.caption if table else ""
    return " | ".join(x for x in (caption, *part.row_headers, *part.column_headers, part.text,
                                   sentence if sentence != part.text else "") if x)


def record_rows(doc: Document, result: ExtractionResult) -> list[RecordRow]:
    """One row per record and structure fact, in ExtractionResult order."""
    rows: list[RecordRow] = []
    by_formula: dict[str, dict[str, object]] = {}
    for fact in result.structures:
        formula = _material_keys(fact.material)[2]
        if formula is None:
            continue
        shared = by_formula.setdefault(formula, {})
        if fact.structure_type:
            shared.setdefault("structure_type", F.structure_type_key(fact.structure_type))
        if fact.space_group_number:
            shared.setdefault("space_group", fact.space_group_number)
        if fact.space_group_symbol:
            shared.setdefault("space_group_symbol", F.symbol_key(fact.space_group_symbol))
        if fact.crystal_system:
            shared.setdefault("crystal_system", fact.crystal_system.casefold())
    items: list[PropertyRecord | StructureFact] = [*result.records, *result.structures]
    for ordinal, item in enumerate(items):
        elements, chemsys, formula, lo_mask, hi_mask = _material_keys(item.material)
        shared = by_formula.get(formula or "", {})
        row = RecordRow(
            id=item.id or item.with_id().id,
            ordinal=ordinal,
            rtype="property" if isinstance(item, PropertyRecord) else "structure",
            confidence=item.confidence,
            elements=list(elements),
            mask_lo=lo_mask,
            mask_hi=hi_mask,
            nelements=len(elements) if elements else None,
            chemsys=chemsys,
            formula=formula,
            context=_context(doc, item.provenance.part_id, item.provenance.sentence),
            part_id=item.provenance.part_id,
        )
        family = item.material.family if item.material else None
        if isinstance(item, PropertyRecord):
            row.property = item.property
            row.value, row.lo, row.hi = _interval(item)
            row.temperature_min, row.temperature_max = _temperatures(item)
            row.scope = item.scope
            row.atmosphere = F.atmosphere_key(item.atmosphere) if item.atmosphere else None
            row.method = item.method
        else:
            row.property = item.kind
            row.value = item.value
            row.lo = row.hi = item.value
            family = item.structure_type or family
            row.space_group = item.space_group_number
            row.space_group_symbol = F.symbol_key(item.space_group_symbol) if item.space_group_symbol else None
            row.crystal_system = item.crystal_system.casefold() if item.crystal_system else None
        row.structure_type = F.structure_type_key(family) if family else shared.get("structure_type")  # type: ignore[assignment]
        row.space_group = row.space_group or shared.get("space_group")  # type: ignore[assignment]
        row.space_group_symbol = row.space_group_symbol or shared.get("space_group_symbol")  # type: ignore[assignment]
        row.crystal_system = row.crystal_system or shared.get("crystal_system")  # type: ignore[assignment]
        rows.append(row)
    if not rows:
        rows.append(RecordRow(id=f"{doc.id}#document", ordinal=-1, rtype="document"))
    return rows
