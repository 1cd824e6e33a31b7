"""Elasticsearch index templates, mappings and documents (pure functions).

Two indices, each behind an alias so ``reindex`` can build a new generation
and switch atomically:

* ``<prefix>-records``: one document per record row (what the SQLite
  ``records`` table holds), carrying the document fields it is filtered by
  and the full record JSON (not indexed) for hits;
* ``<prefix>-documents``: one per document, its text fields, the stored
  Document and ExtractionResult JSON, and its record rows as ``nested``
  objects so document-level filters mean "some record of the document".

Field names match the filter language's fields (see :data:`ES_FIELDS`).
"""

from __future__ import annotations

import json
from typing import Any

from matmine.index.rows import DocumentRow, RecordRow

DATE_FORMAT = "basic_date||strict_date"

# filter fields shared by records and the nested records of documents
FILTER_PROPERTIES: dict[str, dict[str, Any]] = {
    "id": {"type": "keyword"},
    "doc_id": {"type": "keyword"},
    "ordinal": {"type": "integer"},
    "rtype": {"type": "keyword"},
    "property": {"type": "keyword"},
    "value": {"type": "double"},
    "lo": {"type": "double"},
    "hi": {"type": "double"},
    "temperature_min": {"type": "double"},
    "temperature_max": {"type": "double"},
    "scope": {"type": "keyword"},
    "atmosphere": {"type": "keyword"},  # fields.atmosphere_key of the label
    "method": {"type": "keyword"},  # measured, computed
    "confidence": {"type": "float"},
    "elements": {"type": "keyword"},
    "nelements": {"type": "integer"},
    "chemsys": {"type": "keyword"},
    "formula": {"type": "keyword"},
    "structure_type": {"type": "keyword"},
    "space_group": {"type": "integer"},
    "space_group_symbol": {"type": "keyword"},
    "crystal_system": {"type": "keyword"},
    "kind": {"type": "keyword"},
    "published": {"type": "date", "format": DATE_FORMAT},
    "filed": {"type": "date", "format": DATE_FORMAT},
    "priority": {"type": "date", "format": DATE_FORMAT},
    "granted": {"type": "date", "format": DATE_FORMAT},
    "year": {"type": "integer"},
    "doc_ids": {"type": "keyword"},
    "assignees": {"type": "keyword"},
    "assignee_names": {"type": "keyword"},
    "organisations": {"type": "keyword"},
    "cpc": {"type": "keyword"},
    "ipc": {"type": "keyword"},
}

ES_FIELDS: dict[str, str] = {
    "assignee": "assignees", "organisation": "organisations", "id": "doc_ids",
}
"""Filter fields whose Elasticsearch field has another name (the rest keep theirs)."""

INDEX_SETTINGS: dict[str, Any] = {
    "number_of_shards": 1,
    "refresh_interval": "1s",
    "analysis": {"analyzer": {"default": {"type": "standard"}}},
}


def records_mapping() -> dict[str, Any]:
    properties = dict(FILTER_PROPERTIES)
    properties["context"] = {"type": "text"}
    properties["source_hash"] = {"type": "keyword"}
    properties["record"] = {"type": "object", "enabled": False}
    properties["summary"] = {"type": "object", "enabled": False}
    return {"dynamic": "strict", "properties": properties}


def documents_mapping() -> dict[str, Any]:
    top = {k: FILTER_PROPERTIES[k] for k in (
        "kind", "published", "filed", "priority", "granted", "year", "doc_ids", "assignees",
        "assignee_names", "organisations", "cpc", "ipc")}
    properties: dict[str, Any] = {
        "id": {"type": "keyword"},
        "title": {"type": "text"},
        "abstract": {"type": "text"},
        "claims": {"type": "text"},
        "body": {"type": "text"},
        "source_hash": {"type": "keyword"},
        "content_hash": {"type": "keyword"},
        "n_records": {"type": "integer"},
        "summary": {"type": "object", "enabled": False},
        "document": {"type": "object", "enabled": False},
        "extraction": {"type": "object", "enabled": False},
        "records": {"type": "nested", "properties": dict(FILTER_PROPERTIES)},
        **top,
    }
    return {"dynamic": "strict", "properties": properties}


def missing_fields(records_mappings: dict[str, Any],
                   documents_mappings: dict[str, Any]) -> list[str]:
    """Filter fields this version writes that existing indices do not map.

    The arguments are ``indices.get_mapping`` answers (index name -> ``{"mappings": …}``)
    for the records and documents aliases.  The mappings are strict, so an index
    created by an older matmine refuses documents with such fields: it must be rebuilt.

    >>> old = {"mm-records-1": {"mappings": {"properties": {"id": {"type": "keyword"}}}}}
    >>> "scope" in missing_fields(old, {})
    True
    """
    wanted = set(FILTER_PROPERTIES)
    missing: set[str] = set()
    for body in records_mappings.values():
        missing |= wanted - set(body.get("mappings", {}).get("properties", {}))
    for body in documents_mappings.values():
        nested = body.get("mappings", {}).get("properties", {}).get("records", {})
        missing |= wanted - set(nested.get("properties", {}))
    return sorted(missing)


def index_templates(prefix: str) -> dict[str, dict[str, Any]]:
    """Composable index templates by name; each generation's index matches its pattern."""
    return {
        f"{prefix}-records": {
            "index_patterns": [f"{prefix}-records-*"],
            "template": {"settings": INDEX_SETTINGS, "mappings": records_mapping()},
            "priority": 200,
        },
        f"{prefix}-documents": {
            "index_patterns": [f"{prefix}-documents-*"],
            "template": {"settings": INDEX_SETTINGS, "mappings": documents_mapping()},
            "priority": 200,
        },
    }


def _row_fields(drow: DocumentRow, row: RecordRow) -> dict[str, Any]:
    return {
        "id": row.id, "doc_id": drow.id, "ordinal": row.ordinal, "rtype": row.rtype,
        "property": row.property, "value": _finite(row.value), "lo": _bound(row.lo),
        "hi": _bound(row.hi), "temperature_min": _bound(row.temperature_min),
        "temperature_max": _bound(row.temperature_max), "scope": row.scope,
        "atmosphere": row.atmosphere, "method": row.method, "confidence": row.confidence,
        "elements": row.elements, "nelements": row.nelements, "chemsys": row.chemsys,
        "formula": row.formula, "structure_type": row.structure_type,
        "space_group": row.space_group, "space_group_symbol": row.space_group_symbol,
        "crystal_system": row.crystal_system, "kind": drow.kind,
        "published": _date(drow.published), "filed": _date(drow.filed),
        "priority": _date(drow.priority), "granted": _date(drow.granted), "year": drow.year,
        "doc_ids": drow.id_keys, "assignees": drow.assignees,
        "assignee_names": [d for role, d, _k in drow.organisation_names
                           if role in ("assignee", "applicant")],
        "organisations": drow.organisations, "cpc": drow.cpc, "ipc": drow.ipc,
    }


def _finite(value: float | None) -> float | None:
    return None if value is None or value != value or abs(value) == float("inf") else value


def _bound(value: float | None) -> float | None:
    """JSON has no infinity; open bounds become the largest doubles."""
    if value is None:
        return None
    if value == float("inf"):
        return 1.7976931348623157e308
    if value == float("-inf"):
        return -1.7976931348623157e308
    return value


def _date(day: int | None) -> str | None:
    return None if day is None else f"{day:08d}"


def record_id(drow: DocumentRow, row: RecordRow) -> str:
    """Deterministic ``_id`` of a record document."""
    return f"{drow.id}|{row.id}"


def record_document(drow: DocumentRow, row: RecordRow, record_json: str | None,
                    summary: dict[str, Any]) -> dict[str, Any]:
    body = _row_fields(drow, row)
    body["context"] = row.context
    body["source_hash"] = drow.source_hash
    body["record"] = json.loads(record_json) if record_json else None
    body["summary"] = summary
    return body


def document_document(drow: DocumentRow, rows: list[RecordRow], document_json: str,
                      extraction_json: str, summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": drow.id, "title": drow.text_title, "abstract": drow.text_abstract,
        "claims": drow.text_claims, "body": drow.text_body, "source_hash": drow.source_hash,
        "content_hash": drow.content_hash, "n_records": sum(r.rtype != "document" for r in rows),
        "summary": summary, "document": json.loads(document_json),
        "extraction": json.loads(extraction_json),
        "records": [_row_fields(drow, r) for r in rows],
        **{k: v for k, v in _row_fields(drow, rows[0]).items() if k in (
            "kind", "published", "filed", "priority", "granted", "year", "doc_ids", "assignees",
            "assignee_names", "organisations", "cpc", "ipc")},
    }
