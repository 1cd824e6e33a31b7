"""The measuring atmosphere from extracted text to the index: stored, filtered, exported."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from index_corpus import extracted_index, one_paragraph_paper
from matmine.index import SearchRequest
from matmine.index.export import export_records, hit_rows, to_text
from matmine.index.sqlite_backend import SQLiteIndex

TEXT = ("La0.8Sr0.2CrO3 shows an electrical conductivity of 550 S/cm in air and 310 S/cm in H2"
        " at 800 °C. BaZr0.8Y0.2O3 has a proton conductivity of 10 mS/cm in wet H2 at 600 °C."
        " Li6PS5Cl shows 2 mS/cm.")


@pytest.fixture()
def stored(tmp_path: Path):  # noqa: ANN201 - (index, result)
    doc = one_paragraph_paper("DEMO-GAS-1", "Anodes in air and hydrogen", TEXT)
    with extracted_index(tmp_path / "index.sqlite", doc) as got:
        yield got


def _values(index: SQLiteIndex, flt: str) -> list[tuple[float | None, str | None]]:
    hits = index.search(SearchRequest(filter=flt, limit=50)).hits
    return sorted((getattr(h.record, "value", None), getattr(h.record, "atmosphere", None))
                  for h in hits if hasattr(h.record, "property"))


def test_extracted_atmospheres(stored) -> None:  # noqa: ANN001
    _, result = stored
    assert [(r.value, r.atmosphere) for r in result.records] == [
        (550.0, "air"), (310.0, "H2"), (0.01, "wet H2"), (0.002, None)]


def test_filters_on_extracted_atmospheres(stored) -> None:  # noqa: ANN001
    index, _ = stored
    assert _values(index, "atmosphere = air") == [(550.0, "air")]
    assert _values(index, "atmosphere = h2") == [(310.0, "H2")]
    assert _values(index, 'atmosphere = "wet h2"') == [(0.01, "wet H2")]
    assert _values(index, "atmosphere != air") == [(0.01, "wet H2"), (310.0, "H2")]
    assert _values(index, "NOT atmosphere = air AND conductivity > 0 S/cm") == [
        (0.002, None), (0.01, "wet H2"), (310.0, "H2")]
    assert _values(index, "conductivity >= 100 S/cm AND atmosphere = H2") == [(310.0, "H2")]


def test_exports_have_an_atmosphere_column_next_to_scope(stored, tmp_path: Path) -> None:  # noqa: ANN001
    index, _ = stored
    hits = index.search(SearchRequest(filter="conductivity > 0 S/cm", sort="value")).hits
    rows = list(hit_rows(hits))
    assert [r["atmosphere"] for r in rows] == ["air", "H2", "wet H2", None]
    assert json.loads(to_text(rows, "jsonl").splitlines()[2])["atmosphere"] == "wet H2"
    table = list(csv.reader(io.StringIO(to_text(rows, "csv"))))
    header = table[0]
    assert header[header.index("scope") + 1] == "atmosphere"
    assert [line[header.index("atmosphere")] for line in table[1:]] == ["air", "H2", "wet H2", ""]

    import pyarrow as pa
    import pyarrow.parquet as pq

    target = tmp_path / "gas.parquet"
    assert export_records(index, "atmosphere = air OR atmosphere = \"wet H2\"", "", target) == 2
    parquet = pq.read_table(target)
    names = parquet.schema.names
    assert names[names.index("scope") + 1] == "atmosphere"
    assert parquet.schema.field("atmosphere").type == pa.string()
    assert sorted(parquet.column("atmosphere").to_pylist()) == ["air", "wet H2"]


def test_the_fallback_row_has_the_atmosphere_too(stored, monkeypatch) -> None:  # noqa: ANN001
    """Without matmine.extractors.serialise, export builds the row itself."""
    from matmine.index import export

    index, _ = stored
    monkeypatch.setattr(export, "_extractor_row_functions", lambda: None)
    hits = index.search(SearchRequest(filter='atmosphere = "wet H2"')).hits
    (row,) = list(hit_rows(hits))
    assert row["atmosphere"] == "wet H2" and row["scope"] is None
