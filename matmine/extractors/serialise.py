"""Records as flat JSON rows (``matmine extract``, ``matmine search --format json``).

Spans are offsets into the source file when the part knows where it sits in it
(plain-text files), otherwise offsets into the part's text; ``span_in`` says
which (``"file"`` or ``"part"``).

>>> from matmine.extractors.pipeline import extract_text
>>> row = record_row(extract_text("LLZO shows 1 mS/cm.").records[0])
>>> (row["property"], row["value"], row["unit"], row["span"])
('conductivity', 0.001, 'S/cm', [11, 18])
"""

from __future__ import annotations

from typing import Any

from matmine.models import ExtractionResult, Material, PropertyRecord, Provenance, StructureFact


def _span(p: Provenance, start: int | None, end: int | None) -> list[int] | None:
    if start is None or end is None:
        return None
    offset = p.source_offset or 0
    return [offset + start, offset + end]


def material_row(material: Material | None, p: Provenance) -> dict[str, Any] | None:
    """The linked material: text, span (``None`` when named in another part), formula …"""
    if material is None:
        return None
    return {
        "text": material.text,
        "span": _span(p, material.start, material.end),
        "formula": material.formula,
        "reduced_formula": material.reduced_formula,
        "composition": dict(material.composition),
        "elements": list(material.elements),
        "family": material.family,
    }


def _common(p: Provenance) -> dict[str, Any]:
    return {
        "doc": p.document_id,
        "part": p.part_id,
        "span": _span(p, p.start, p.end),
        "span_in": "file" if p.source_offset is not None else "part",
        "sentence": p.sentence,
        "sentence_start": (p.source_offset or 0) + p.sentence_start,
        "context": p.context,
    }


def record_row(record: PropertyRecord) -> dict[str, Any]:
    """One property record as a JSON-ready dict."""
    p = record.provenance
    return {
        "id": record.id,
        "kind": "property",
        "property": record.property,
        "value": record.value,
        "value_min": record.value_min,
        "value_max": record.value_max,
        "error": record.error,
        "qualifier": record.qualifier,
        "unit": record.unit,
        "raw": record.raw,
        **_common(p),
        "temperature_K": record.temperature_K,
        "temperature_min_K": record.temperature_min_K,
        "temperature_max_K": record.temperature_max_K,
        "temperature_raw": record.temperature_raw,
        "temperature_assumed": record.temperature_assumed,
        "scope": record.scope,
        "atmosphere": record.atmosphere,
        "method": record.method,
        "material": material_row(record.material, p),
        "confidence": record.confidence,
    }


def structure_row(fact: StructureFact) -> dict[str, Any]:
    """One structure fact as a JSON-ready dict (``kind: "structure"``)."""
    p = fact.provenance
    return {
        "id": fact.id,
        "kind": "structure",
        "fact": fact.kind,
        "raw": fact.raw,
        "space_group_symbol": fact.space_group_symbol,
        "space_group_number": fact.space_group_number,
        "crystal_system": fact.crystal_system,
        "structure_type": fact.structure_type,
        "parameter": fact.parameter,
        "value": fact.value,
        "error": fact.error,
        "unit": fact.unit,
        **_common(p),
        "material": material_row(fact.material, p),
        "confidence": fact.confidence,
    }


def result_rows(result: ExtractionResult) -> list[dict[str, Any]]:
    """Every record, then every structure fact, of one document."""
    return [record_row(r) for r in result.records] + [structure_row(s) for s in result.structures]


__all__ = ["material_row", "record_row", "result_rows", "structure_row"]
