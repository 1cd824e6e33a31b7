"""The embedded index: idempotent transactional upserts, lookups, rebuilds, copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index_corpus import atmospheres_corpus, conditions_corpus, corpus
from matmine.errors import ConfigurationError, IndexUnavailableError
from matmine.index import SearchRequest, open_index
from matmine.index import sqlite_schema as S
from matmine.index.options import copy_index
from matmine.index.sqlite_backend import SQLiteIndex
from matmine.settings import Settings


@pytest.fixture()
def index(tmp_path: Path) -> SQLiteIndex:
    backend = SQLiteIndex(tmp_path / "index.sqlite")
    backend.upsert(corpus())
    yield backend
    backend.close()


def _ids(index: SQLiteIndex, flt: str) -> list[str]:
    return sorted(h.record.id for h in index.search(SearchRequest(filter=flt, limit=100)).hits)


def test_reupsert_is_unchanged_and_changes_nothing(index: SQLiteIndex) -> None:
    before = index.table_counts()
    assert index.upsert(corpus()) == ["unchanged"] * 8
    assert index.table_counts() == before
    assert before["records"] == 15 + 1  # one placeholder for the document without records
    assert before["record_fts"] == 15 and before["doc_fts"] == 8


def test_changed_document_replaces_its_records(index: SQLiteIndex) -> None:
    doc, result = corpus()[3]  # DEMO-A-0004: r4a, r4b, s4
    changed = result.model_copy(update={"records": result.records[:1]})
    before = index.table_counts()
    assert index.upsert([(doc, changed)]) == ["indexed"]
    after = index.table_counts()
    assert after["records"] == before["records"] - 1
    assert after["record_fts"] == before["record_fts"] - 1
    assert after["element_sets"] == before["element_sets"]  # sets are shared, never removed
    assert "r4b" not in _ids(index, 'elements HAS ALL "Li","P","S","Br"')
    assert _ids(index, 'formula = "Li6PS5Br"') == ["s4"]
    assert index.get("DEMO-A-0004")[1] == changed


def test_same_id_twice_in_one_batch_keeps_the_last(index: SQLiteIndex) -> None:
    doc, result = corpus()[5]  # DEMO-P-0006: r6a
    first = result.model_copy(update={"records": ()})
    assert index.upsert([(doc, first), (doc, result)]) == ["indexed", "indexed"]
    assert _ids(index, 'id = "DEMO-P-0006"') == ["r6a"]
    assert index.count_records() == 15


def test_a_failing_batch_rolls_back(index: SQLiteIndex) -> None:
    before = index.table_counts()
    doc, result = corpus()[0]
    changed = result.model_copy(update={"records": ()})
    with pytest.raises(AttributeError):
        index.upsert([(doc, changed), (doc, None)])  # type: ignore[list-item]
    assert index.table_counts() == before
    assert len(index.get(doc.id)[1].records) == 2


def test_lookups(index: SQLiteIndex) -> None:
    assert index.get("US8926509")[0].id == "US8926509B2"
    assert index.get("https://doi.org/10.1038/NMAT3066")[0].id == "10.1038/nmat3066"
    assert index.get_content_hash("US8926509B2") == corpus()[0][0].content_hash
    assert index.get_content_hash("nope") is None
    stats = index.stats()
    assert stats["documents"] == 8 and stats["records"] == 15
    assert stats["documents_by_kind"] == {"paper": 4, "patent": 4}


def test_reindex_rebuilds_the_same_index(index: SQLiteIndex) -> None:
    before = index.table_counts()
    summary = index.reindex()
    assert summary["documents"] == 8 and summary["records"] == 15
    assert index.table_counts() == before
    assert _ids(index, 'structure_type = "argyrodite"') == ["r4a", "r4b", "s4"]
    assert not list(index.path.parent.glob("*.rebuild-*"))


def test_scan_streams_every_match_in_document_order(index: SQLiteIndex) -> None:
    hits = list(index.scan('elements HAS "Li"'))
    assert len(hits) == 14
    assert [h.record.id for h in hits][:4] == ["r1a", "r1b", "s1", "s1b"]


def test_copy_into_another_index(index: SQLiteIndex, tmp_path: Path) -> None:
    target = SQLiteIndex(tmp_path / "copy.sqlite")
    assert copy_index(index, target) == 8
    assert target.table_counts() == index.table_counts()
    target.close()


def test_bulk_load_matches_upsert(tmp_path: Path, index: SQLiteIndex) -> None:
    bulk = SQLiteIndex(tmp_path / "bulk.sqlite")
    assert bulk.bulk_load(iter(corpus()), batch=3) == 8
    assert bulk.table_counts() == index.table_counts()
    assert _ids(bulk, "conductivity >= 1 mS/cm") == _ids(index, "conductivity >= 1 mS/cm")
    bulk.close()


def _contents(index: SQLiteIndex) -> list:
    tables = ("documents", "document_sources", "document_ids", "organisations", "classes",
              "records", "element_sets", "assignee_sets")
    rows = [index.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables]
    rows.append(index.conn.execute("SELECT rowid, context FROM record_fts ORDER BY 1").fetchall())
    return rows


def test_bulk_load_prepares_in_a_child_process_with_the_same_rows(tmp_path: Path) -> None:
    there = SQLiteIndex(tmp_path / "child.sqlite")
    here = SQLiteIndex(tmp_path / "here.sqlite")
    assert there.bulk_load(iter(corpus() + corpus()[:3]), batch=2) == 11
    assert here.bulk_load(iter(corpus() + corpus()[:3]), batch=2, prepare_in_child=False) == 11
    assert _contents(there) == _contents(here)
    assert there.bulk_load(iter(corpus())) == 8  # into a non-empty index: all unchanged
    assert _contents(there) == _contents(here)
    there.close()
    here.close()


@pytest.mark.parametrize("in_child", [True, False])
def test_bulk_load_raises_an_error_of_the_items_after_committing_earlier_batches(
        tmp_path: Path, in_child: bool) -> None:
    def items():
        yield from corpus()[:4]
        raise ValueError("a broken document")

    bulk = SQLiteIndex(tmp_path / "bulk.sqlite")
    with pytest.raises(ValueError, match="a broken document"):
        bulk.bulk_load(items(), batch=2, prepare_in_child=in_child)
    assert bulk.count_documents() == 4
    assert bulk.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert bulk.conn.execute(  # the record indexes are back
        "SELECT count(*) FROM sqlite_master WHERE name = 'records_eset'").fetchone()[0] == 1
    bulk.close()


def test_open_index_selects_the_backend(tmp_path: Path) -> None:
    for value in ("", "sqlite"):
        backend = open_index(Settings(home=tmp_path, index=value))
        assert isinstance(backend, SQLiteIndex) and backend.path == tmp_path / "index.sqlite"
        assert backend.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        backend.close()
    with pytest.raises(ConfigurationError):
        open_index(Settings(home=tmp_path, index="ftp://example.org"))


def test_unreachable_elasticsearch_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match=r"cannot reach Elasticsearch at http://127\.0\.0\.1:9"):
        open_index(Settings(home=tmp_path, index="http://127.0.0.1:9"))


def test_an_index_of_another_schema_version_is_rebuilt_by_reindex(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = SQLiteIndex(path)
    old.upsert(corpus())
    # what an older version left: its own derived tables, the same stored documents
    old.conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    old.conn.execute("DROP TABLE records")
    old.conn.execute("DROP TABLE element_sets")
    old.close()
    reopened = SQLiteIndex(path)
    with pytest.raises(IndexUnavailableError, match=r"schema version 2.*run `matmine reindex`"):
        reopened.search(SearchRequest(filter='elements HAS "Li"'))
    with pytest.raises(IndexUnavailableError, match="matmine reindex"):
        reopened.upsert(corpus())
    assert reopened.reindex()["documents"] == 8
    assert len(reopened.search(SearchRequest(filter='elements HAS "Li"', limit=100)).hits) == 14
    reopened.close()
    again = SQLiteIndex(path)
    assert again.stats()["schema_version"] == S.SCHEMA_VERSION and again.count_records() == 15
    again.close()


V3_INDEX = Path(__file__).resolve().parent / "files" / "index-v3.sqlite"


def test_a_version_3_index_asks_for_reindex_which_fills_scope_and_temperatures(
        tmp_path: Path) -> None:
    """A real schema-3 file (see files/README.md): one clear error, then a full rebuild."""
    path = tmp_path / "index.sqlite"
    shutil.copy(V3_INDEX, path)
    old = SQLiteIndex(path)
    message = (f"the index at {path} has schema version 3, this matmine uses version 5: run"
               " `matmine reindex` to rebuild it from its stored documents")
    for attempt in (lambda: old.search(SearchRequest(filter="scope = bulk")),
                    lambda: old.upsert(conditions_corpus()),
                    old.count_records):
        with pytest.raises(IndexUnavailableError) as excinfo:
            attempt()
        assert str(excinfo.value) == message
    summary = old.reindex()
    assert (summary["documents"], summary["records"]) == (2, 9)
    columns = {row[1] for row in old.conn.execute("PRAGMA table_info(records)")}
    assert {"scope", "atmosphere", "temperature_min", "temperature_max"} <= columns
    assert "temperature" not in columns
    stored = dict(((rid, (lo, hi, scope)) for rid, lo, hi, scope in old.conn.execute(
        "SELECT id, temperature_min, temperature_max, scope FROM records")))
    assert stored["t1"] == (298.15, 298.15, "bulk")
    assert stored["t4"] == (298.15, 373.15, None)
    assert stored["us1"] == (None, None, None)
    assert _ids(old, "scope = bulk") == ["t1", "u1"]
    assert _ids(old, "temperature >= 290 K AND temperature <= 310 K") == ["t1", "t2", "t4", "u1"]
    old.close()
    again = SQLiteIndex(path)
    assert again.stats()["schema_version"] == "5"
    # the rebuilt file answers like one written by this version
    fresh = SQLiteIndex(tmp_path / "fresh.sqlite")
    fresh.upsert(conditions_corpus())
    for flt in ("scope != grain_boundary", "temperature_max >= 350 K", "NOT temperature > 310 K"):
        assert _ids(again, flt) == _ids(fresh, flt)
    again.close()
    fresh.close()



def test_an_early_version_4_index_without_atmosphere_asks_for_reindex(tmp_path: Path) -> None:
    """``atmosphere`` joined schema 4 before its release: a file of the first v4 build
    (same version number, no column) gets the reindex message, not an SQL error."""
    path = tmp_path / "index.sqlite"
    early = SQLiteIndex(path)
    early.upsert(atmospheres_corpus())
    early.conn.execute("ALTER TABLE records DROP COLUMN atmosphere")
    early.conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    early.close()
    reopened = SQLiteIndex(path)
    message = (f"the index at {path} has schema version 4, this matmine uses version 5: run"
               " `matmine reindex` to rebuild it from its stored documents")
    for attempt in (lambda: reopened.search(SearchRequest(filter="atmosphere = air")),
                    lambda: reopened.upsert(atmospheres_corpus()),
                    reopened.count_records):
        with pytest.raises(IndexUnavailableError) as excinfo:
            attempt()
        assert str(excinfo.value) == message
    assert reopened.reindex() == {"documents": 2, "records": 11,
                                  "seconds": pytest.approx(0, abs=60)}
    assert _ids(reopened, "atmosphere = air") == ["g1", "h1"]
    reopened.close()
    again = SQLiteIndex(path)
    stored = dict(again.conn.execute("SELECT id, atmosphere FROM records"))
    assert (stored["g3"], stored["h2"], stored["g6"]) == ("weth2", "5%h2/ar", None)
    again.close()
