"""Search hits as rows, and streaming export to CSV, JSON Lines or Parquet.

A row is ``matmine extract``'s row for the record (built by
``matmine.extractors.serialise.record_row`` / ``structure_row`` when that
module is present, else by an equivalent here: ``doc``, ``property``,
``value``, ``unit``, ``raw``, ``span``, ``sentence``, ``temperature_K``,
``temperature_raw``, ``scope``, ``atmosphere``, ``method``,
``material{text,span,formula,composition}``, ``confidence``) plus
``record_id``, ``part`` (where in the document) and ``document`` (``id``,
``kind``, ``title``, ``dates``, ``organisations``).

>>> sorted(ROW_FIELDS)[:3]
['confidence', 'doc', 'document']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from matmine.errors import ConfigurationError
from matmine.index.api import DocumentSummary, Hit
from matmine.models import Material, PropertyRecord, StructureFact

ROW_FIELDS = (
    "doc", "record_id", "property", "value", "unit", "raw", "span", "sentence", "temperature_K",
    "temperature_raw", "material", "confidence", "part", "document",
)
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
           ".parquet": "parquet"}
PARQUET_BATCH = 10_000


def _extractor_row_functions() -> tuple[Callable[[Any], dict[str, Any]], Callable[[Any], dict[str, Any]]] | None:
    """``matmine extract``'s row functions (``matmine.extractors.serialise``), when present."""
    try:
        from matmine.extractors import serialise
    except ImportError:
        return None
    record_fn = getattr(serialise, "record_row", None)
    structure_fn = getattr(serialise, "structure_row", None)
    if callable(record_fn) and callable(structure_fn):
        return record_fn, structure_fn
    return None


def _material(material: Material | None) -> dict[str, Any] | None:
    if material is None:
        return None
    span = [material.start, material.end] if material.start is not None else None
    return {"text": material.text, "span": span, "formula": material.formula,
            "composition": dict(material.composition)}


def record_row(record: PropertyRecord | StructureFact, document: DocumentSummary) -> dict[str, Any]:
    """One record as a JSON-ready row with its provenance and document."""
    p = record.provenance
    extractor_rows = _extractor_row_functions()
    if extractor_rows is not None:
        make = extractor_rows[0] if isinstance(record, PropertyRecord) else extractor_rows[1]
        row = dict(make(record))
    elif isinstance(record, PropertyRecord):
        row = {
            "doc": record.document_id, "property": record.property, "value": record.value,
            "unit": record.unit, "raw": record.raw, "span": [p.start, p.end],
            "sentence": p.sentence, "temperature_K": record.temperature_K,
            "temperature_min_K": record.temperature_min_K,
            "temperature_max_K": record.temperature_max_K,
            "temperature_raw": record.temperature_raw, "scope": record.scope,
            "atmosphere": record.atmosphere, "method": record.method,
            "material": _material(record.material), "confidence": record.confidence,
        }
        if record.value is None and (record.value_min is not None or record.value_max is not None):
            row["value_min"], row["value_max"] = record.value_min, record.value_max
        if record.qualifier:
            row["qualifier"] = record.qualifier
    else:
        value: Any = record.value
        if record.kind == "space_group":
            value = record.space_group_number
        elif record.kind == "structure_type":
            value = record.structure_type
        elif record.kind == "crystal_system":
            value = record.crystal_system
        row = {
            "doc": record.document_id, "property": record.kind, "value": value,
            "unit": record.unit or "", "raw": record.raw, "span": [p.start, p.end],
            "sentence": p.sentence, "temperature_K": None, "temperature_raw": None,
            "material": _material(record.material), "confidence": record.confidence,
        }
        if record.space_group_symbol:
            row["space_group_symbol"] = record.space_group_symbol
    row["record_id"] = record.id
    row["part"] = p.part_id
    row["document"] = document.as_json()
    return row


def hit_rows(hits: Iterable[Hit]) -> Iterator[dict[str, Any]]:
    """Rows of record hits, or of every matching record of document hits."""
    for hit in hits:
        records = (hit.record,) if hit.record is not None else hit.records
        for record in records:
            yield record_row(record, hit.document)


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for CSV / Parquet: nested values become columns or JSON strings."""
    material = row.get("material") or {}
    document = row["document"]
    dates = document.get("dates", {})
    span = row.get("span") or [None, None]
    return {
        "doc": row["doc"], "record_id": row.get("record_id"),
        "property": row.get("property") or row.get("fact"),
        "value": None if row.get("value") is None else str(row["value"]),
        "unit": row.get("unit"), "raw": row.get("raw"), "span_start": span[0],
        "span_end": span[1], "sentence": row.get("sentence"),
        "temperature_K": row.get("temperature_K"), "temperature_raw": row.get("temperature_raw"),
        "temperature_min_K": row.get("temperature_min_K"),
        "temperature_max_K": row.get("temperature_max_K"), "scope": row.get("scope"),
        "atmosphere": row.get("atmosphere"), "method": row.get("method"),
        "material_text": material.get("text"), "material_formula": material.get("formula"),
        "material_composition": json.dumps(material.get("composition")) if material else None,
        "confidence": row.get("confidence"), "part": row.get("part"),
        "kind": document["kind"], "title": document["title"],
        "published": dates.get("published"), "filed": dates.get("filed"),
        "priority": dates.get("priority"),
        "organisations": "; ".join(o["name"] for o in document.get("organisations", [])),
    }


def format_of(path: Path, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in ("csv", "jsonl", "json", "parquet"):
            raise ConfigurationError(f"unknown export format {explicit!r}; use csv, jsonl or parquet")
        return "jsonl" if explicit == "json" else explicit
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ConfigurationError(
            f"cannot tell the format of {path.name!r}; use .csv, .jsonl or .parquet"
        )
    return FORMATS[suffix]


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | Path) -> int:
    """Stream rows to ``out`` (a text stream, or a path for Parquet); returns the count."""
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigurationError("Parquet needs an output file (--output FILE.parquet)")
        return _write_parquet(rows, out)
    assert not isinstance(out, Path)
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer: csv.DictWriter | None = None
    for row in rows:
        flat = flat_row(row)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    if writer is None:  # header only, so the file is still a valid CSV
        out.write(",".join(flat_row(_EMPTY_ROW)) + "\n")
    return n


_EMPTY_ROW: dict[str, Any] = {"doc": "", "property": "", "document": {"kind": "", "title": ""}}


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    floats = ("temperature_K", "temperature_min_K", "temperature_max_K", "confidence")
    schema = pa.schema([(name, pa.float64() if name in floats else (
        pa.int64() if name in ("span_start", "span_end") else pa.string()))
        for name in flat_row(_EMPTY_ROW)])
    n = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema) as writer:
        for row in rows:
            batch.append(flat_row(row))
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def export_records(index: Any, filter: str | None, text: str, path: Path,
                   fmt: str | None = None) -> int:
    """Stream every record matching ``filter`` / ``text`` to ``path``; returns the count."""
    kind = format_of(path, fmt)
    rows = hit_rows(index.scan(filter or None, text))
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "parquet":
        return write_rows(rows, kind, path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        return write_rows(rows, kind, fh)


def to_text(rows: Iterable[dict[str, Any]], fmt: str) -> str:
    buffer = io.StringIO()
    write_rows(rows, fmt, buffer)
    return buffer.getvalue()
