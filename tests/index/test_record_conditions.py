"""Temperature ranges and conductivity scope in the index: stored, searched, exported."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from matmine.extractors.pipeline import extract_document
from matmine.index import SearchRequest
from matmine.index.export import hit_rows, to_text
from matmine.index.rows import record_rows
from matmine.index.sqlite_backend import SQLiteIndex
from matmine.models import Document, Paragraph, Section

TEXT = ("Li6PS5Cl shows a bulk ionic conductivity of 2.4 mS/cm at 25 °C. "
        "Its activation energy between 25 and 100 °C is 0.38 eV.")


@pytest.fixture()
def stored(tmp_path: Path):  # noqa: ANN201 - (index, document)
    doc = Document(id="DEMO-RANGE-1", kind="paper", title="Argyrodite",
                   sections=(Section(id="s", paragraphs=(Paragraph(id="p1", text=TEXT),)),))
    result = extract_document(doc)
    index = SQLiteIndex(tmp_path / "index.sqlite")
    index.upsert([(doc, result)])
    yield index, doc, result
    index.close()


def _properties(index: SQLiteIndex, flt: str) -> list[str]:
    hits = index.search(SearchRequest(filter=flt, limit=50)).hits
    return sorted(getattr(h.record, "property", "structure") for h in hits)


def test_extracted_fields(stored) -> None:
    _, _, result = stored
    sigma, ea = result.records
    assert (sigma.property, sigma.scope, sigma.temperature_K) == (
        "ionic_conductivity", "bulk", pytest.approx(298.15))
    assert ea.temperature_K is None
    assert (ea.temperature_min_K, ea.temperature_max_K) == (pytest.approx(298.15),
                                                            pytest.approx(373.15))


def test_a_range_record_is_a_temperature_interval_in_the_index(stored) -> None:
    index, doc, result = stored
    rows = [r for r in record_rows(doc, result) if r.rtype == "property"]
    assert [(r.temperature_min, r.temperature_max, r.scope) for r in rows] == [
        (pytest.approx(298.15), pytest.approx(298.15), "bulk"),
        (pytest.approx(298.15), pytest.approx(373.15), None)]
    # documented in docs/query-language.md: temperature compares as an interval
    assert _properties(index, "temperature <= 310 K") == ["activation_energy",
                                                          "ionic_conductivity"]
    assert _properties(index, "temperature >= 300 K") == ["activation_energy"]
    assert _properties(index, "NOT temperature > 310 K") == ["ionic_conductivity", "structure"]
    assert _properties(index, "temperature_max <= 310 K") == ["ionic_conductivity"]
    assert _properties(index, "scope = bulk") == ["ionic_conductivity"]


def test_search_hits_carry_range_and_scope(stored) -> None:
    index, _, _ = stored
    hits = index.search(SearchRequest(filter='property = "activation_energy"')).hits
    (row,) = [json.loads(json.dumps(r)) for r in hit_rows(hits)]
    assert row["temperature_min_K"] == pytest.approx(298.15)
    assert row["temperature_max_K"] == pytest.approx(373.15)
    assert row["temperature_K"] is None
    (hit,) = hits
    assert hit.record.display_temperature() == "298–373 K"
    hits = index.search(SearchRequest(filter="ionic_conductivity >= 1 mS/cm")).hits
    (row,) = list(hit_rows(hits))
    assert row["scope"] == "bulk"
    (flat,) = csv.DictReader(io.StringIO(to_text(hit_rows(hits), "csv")))
    assert flat["scope"] == "bulk" and flat["temperature_min_K"] == ""
