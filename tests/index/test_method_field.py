"""``method`` (measured or computed) from extracted text to the index: stored,
filtered, exported; and the schema-5 bump that added its column."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from index_corpus import extracted_index, one_paragraph_paper
from matmine.errors import IndexUnavailableError, QuerySyntaxError
from matmine.extractors.pipeline import extract_document
from matmine.index import SearchRequest
from matmine.index import sqlite_schema as S
from matmine.index.es_compiler import compile_query
from matmine.index.es_mapping import FILTER_PROPERTIES, missing_fields, record_document
from matmine.index.export import export_records, hit_rows, to_text
from matmine.index.parser import parse_filter
from matmine.index.rows import document_row, record_rows
from matmine.index.sqlite_backend import SQLiteIndex
from matmine.index.syntax import Comparison, Not
from matmine.models import Document

# computed: 0.025 S/cm (AIMD), 0.21 eV (NEB); measured: 0.004 S/cm (impedance), 0.012 S/cm
# (calculated from the impedance spectra: a measurement); not said: 0.0004 S/cm
TEXT = ("The Li-ion conductivity of Li10SiP2S12 was calculated by AIMD to be 25 mS cm−1 at 300 K."
        " NEB calculations give an activation energy of 0.21 eV for Li10SnP2S12."
        " The ionic conductivity of Li10SnP2S12 measured by impedance spectroscopy is 4 mS cm−1"
        " at 27 °C. The conductivity of Li10GeP2S12 was calculated from the impedance spectra"
        " to be 12 mS/cm at 27 °C. Li7La3Zr2O12 shows 0.4 mS/cm at 25 °C.")

V4_INDEX = Path(__file__).resolve().parent / "files" / "index-v4.sqlite"


def _document() -> Document:
    return one_paragraph_paper("DEMO-METHOD-1", "Predicted and measured LGPS analogues", TEXT)


@pytest.fixture()
def stored(tmp_path: Path):  # noqa: ANN201 - (index, result)
    with extracted_index(tmp_path / "index.sqlite", _document()) as got:
        yield got


def _values(index: SQLiteIndex, flt: str) -> list[tuple[float | None, str | None]]:
    hits = index.search(SearchRequest(filter=flt, limit=50)).hits
    return sorted((h.record.value, h.record.method) for h in hits if hasattr(h.record, "method"))


def test_extracted_methods(stored) -> None:  # noqa: ANN001
    _, result = stored
    assert [(r.value, r.method) for r in result.records] == [
        (pytest.approx(0.025), "computed"), (pytest.approx(0.21), "computed"),
        (pytest.approx(0.004), "measured"), (pytest.approx(0.012), "measured"),
        (pytest.approx(0.0004), None)]


def test_method_filters(stored) -> None:  # noqa: ANN001
    index, _ = stored
    assert _values(index, "method = computed") == [(0.025, "computed"), (0.21, "computed")]
    assert _values(index, 'method = "Computed"') == [(0.025, "computed"), (0.21, "computed")]
    assert _values(index, "method = measured") == [(0.004, "measured"), (0.012, "measured")]
    # != keeps the records that say the other method; NOT also those that do not say
    assert _values(index, "method != computed") == [(0.004, "measured"), (0.012, "measured")]
    assert _values(index, "NOT method = computed") == [
        (0.0004, None), (0.004, "measured"), (0.012, "measured")]
    assert _values(index, "method = computed AND conductivity >= 10 mS/cm") == [
        (0.025, "computed")]


def test_method_values_are_checked() -> None:
    assert parse_filter("method = computed") == Comparison("method", "=", "computed")
    assert parse_filter("NOT method = 'Measured'") == Not(Comparison("method", "=", "measured"))
    with pytest.raises(QuerySyntaxError) as excinfo:
        parse_filter("method = simulated")
    assert str(excinfo.value).startswith(
        'bad filter at column 10: method is "measured" or "computed", not \'simulated\'')


def test_elasticsearch_maps_and_compiles_method() -> None:
    assert FILTER_PROPERTIES["method"] == {"type": "keyword"}
    assert compile_query(parse_filter("method = computed")) == {"term": {"method": "computed"}}
    doc = _document()
    result = extract_document(doc)
    drow = document_row(doc, result)
    bodies = [record_document(drow, row, None, {}) for row in record_rows(doc, result)]
    assert [b["method"] for b in bodies] == ["computed", "computed", "measured", "measured",
                                             None]
    # an index created before the field existed (strict mapping) must be rebuilt
    old = {"mm-records-1": {"mappings": {"properties": {
        k: v for k, v in FILTER_PROPERTIES.items() if k != "method"}}}}
    assert missing_fields(old, {}) == ["method"]


def test_exports_have_a_method_column_after_atmosphere(stored, tmp_path: Path) -> None:  # noqa: ANN001
    index, _ = stored
    hits = index.search(SearchRequest(filter="conductivity > 0 S/cm", sort="value")).hits
    rows = list(hit_rows(hits))
    assert [r["method"] for r in rows] == ["computed", "measured", "measured", None]
    assert json.loads(to_text(rows, "jsonl").splitlines()[0])["method"] == "computed"
    table = list(csv.reader(io.StringIO(to_text(rows, "csv"))))
    header = table[0]
    assert header[header.index("atmosphere") + 1] == "method"
    assert [line[header.index("method")] for line in table[1:]] == [
        "computed", "measured", "measured", ""]

    import pyarrow as pa
    import pyarrow.parquet as pq

    target = tmp_path / "computed.parquet"
    assert export_records(index, "method = computed", "", target) == 2
    parquet = pq.read_table(target)
    names = parquet.schema.names
    assert names[names.index("atmosphere") + 1] == "method"
    assert parquet.schema.field("method").type == pa.string()
    assert parquet.column("method").to_pylist() == ["computed", "computed"]


def test_the_fallback_row_has_the_method_too(stored, monkeypatch) -> None:  # noqa: ANN001
    """Without matmine.extractors.serialise, export builds the row itself."""
    from matmine.index import export

    index, _ = stored
    monkeypatch.setattr(export, "_extractor_row_functions", lambda: None)
    hits = index.search(SearchRequest(filter="method = computed AND conductivity > 0 S/cm")).hits
    (row,) = list(hit_rows(hits))
    assert row["method"] == "computed"


# ------------------------------------------------------------------ schema version 5


def test_the_schema_is_version_5_with_a_method_column(tmp_path: Path) -> None:
    index = SQLiteIndex(tmp_path / "index.sqlite")
    assert S.SCHEMA_VERSION == "5" and index.stats()["schema_version"] == "5"
    columns = {row[1] for row in index.conn.execute("PRAGMA table_info(records)")}
    assert "method" in columns
    index.close()


def test_a_version_4_index_asks_for_reindex(tmp_path: Path) -> None:
    """A real schema-4 file (see files/README.md): one clear error, then a full rebuild
    from its stored documents (whose extractions predate ``method``: none is set)."""
    path = tmp_path / "index.sqlite"
    shutil.copy(V4_INDEX, path)
    old = SQLiteIndex(path)
    message = (f"the index at {path} has schema version 4, this matmine uses version 5: run"
               " `matmine reindex` to rebuild it from its stored documents")
    for attempt in (lambda: old.search(SearchRequest(filter="method = computed")),
                    lambda: old.search(SearchRequest(filter="atmosphere = air")),
                    lambda: old.upsert([(_document(), extract_document(_document()))]),
                    old.count_records):
        with pytest.raises(IndexUnavailableError) as excinfo:
            attempt()
        assert str(excinfo.value) == message
    summary = old.reindex()
    assert (summary["documents"], summary["records"]) == (2, 11)
    columns = {row[1] for row in old.conn.execute("PRAGMA table_info(records)")}
    assert "method" in columns
    assert old.conn.execute("SELECT count(*) FROM records WHERE method IS NOT NULL"
                            ).fetchone()[0] == 0
    old.close()
    again = SQLiteIndex(path)
    assert again.stats()["schema_version"] == "5"
    hits = again.search(SearchRequest(filter="atmosphere = air", limit=50)).hits
    assert sorted(h.record.id for h in hits) == ["g1", "h1"]
    assert again.search(SearchRequest(filter="method = computed")).hits == []
    again.close()


def test_a_version_4_stamp_is_enough_for_the_reindex_error(tmp_path: Path) -> None:
    """Whatever else the file holds, the stored version decides."""
    path = tmp_path / "index.sqlite"
    index = SQLiteIndex(path)
    index.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    reopened = SQLiteIndex(path)
    with pytest.raises(IndexUnavailableError,
                       match=r"has schema version 4, this matmine uses version 5: run"
                             r" `matmine reindex`"):
        reopened.search(SearchRequest(filter="method = computed"))
    reopened.close()


def test_a_version_5_file_without_the_method_column_asks_for_reindex(tmp_path: Path) -> None:
    """A file stamped 5 but lacking the column (a development build) gets the reindex
    message, not an SQL error."""
    path = tmp_path / "index.sqlite"
    early = SQLiteIndex(path)
    early.upsert([(_document(), extract_document(_document()))])
    early.conn.execute("ALTER TABLE records DROP COLUMN method")
    early.close()
    reopened = SQLiteIndex(path)
    with pytest.raises(IndexUnavailableError) as excinfo:
        reopened.search(SearchRequest(filter="method = computed"))
    assert str(excinfo.value) == (
        f"the index at {path} has schema version 5 (an early build without method), this"
        " matmine uses version 5: run `matmine reindex` to rebuild it from its stored"
        " documents")
    assert reopened.reindex()["records"] == 5
    assert _values(reopened, "method = computed") == [(0.025, "computed"), (0.21, "computed")]
    reopened.close()
