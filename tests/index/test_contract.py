"""The index contract: one table of (filter, expected ids), every backend.

SQLite always runs; Elasticsearch runs when MATMINE_TEST_ES_URL points at a
server and is reported as SKIPPED (loudly, see ``-ra``) otherwise.
Expected ids were worked out by hand from tests/index/index_corpus.py (``corpus()``
for the main tables, ``conditions_corpus()`` for scope and temperature ranges,
``atmospheres_corpus()`` for the measuring atmosphere).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from index_corpus import (
    ALL_RECORDS,
    ATMOSPHERE_RECORDS,
    CONDITION_RECORDS,
    atmospheres_corpus,
    conditions_corpus,
    corpus,
)
from matmine.errors import QuerySyntaxError
from matmine.index import SearchRequest
from matmine.index.sqlite_backend import SQLiteIndex

LGPS = ["r1a", "r1b", "s1", "s1b", "r2a", "r2b"]
D1 = ["r1a", "r1b", "s1", "s1b"]

RECORD_CASES: list[tuple[str, list[str]]] = [
    ('elements HAS ALL "Li","P","S"', LGPS + ["r3a", "r3b", "r4a", "r4b", "s4", "r6a"]),
    ('elements HAS ALL "Li","P","S" AND NOT elements HAS "O"',
     LGPS + ["r3a", "r3b", "r4a", "r4b", "s4", "r6a"]),
    ('elements HAS "O"', ["r5a", "r5b"]),
    ('NOT elements HAS "O"', [r for r in ALL_RECORDS if r not in ("r5a", "r5b")]),
    ('elements HAS ANY "Si","Sn"', ["r3a", "r3b"]),
    ('elements HAS ONLY "Li","P","S"', ["r6a"]),
    ('elements HAS ONLY "Li","P","S","Ge","Cl"', LGPS + ["r4a", "r6a"]),
    ('chemsys = "S-P-Li-Ge"', LGPS),
    ("nelements = 4", LGPS + ["r3a", "r3b", "r4a", "r4b", "s4", "r5a", "r5b"]),
    ('formula = "GeLi10S12P2"', LGPS),
    ("ionic_conductivity >= 1 mS/cm", ["r1a", "r3a", "r3b", "r4a", "r8a"]),
    ("conductivity >= 1 mS/cm", ["r1a", "r2a", "r3a", "r3b", "r4a", "r8a"]),
    ("conductivity > 1e-4 S/cm", ["r1a", "r2a", "r3a", "r3b", "r4a", "r4b", "r5a", "r6a", "r8a"]),
    ("electronic_conductivity < 1e-6 S/cm", ["r2b"]),
    ("activation_energy < 0.3 eV", ["r1b"]),
    ("activation_energy < 30 kJ/mol", ["r1b"]),
    ("temperature <= 330 K", ["r1a", "r2a", "r3a", "r4a", "r4b", "r5a", "r6a", "r8a"]),
    ("temperature <= 60 °C", ["r1a", "r2a", "r3a", "r3b", "r4a", "r4b", "r5a", "r6a", "r8a"]),
    ("ionic_conductivity >= 1 mS/cm AND temperature <= 330 K", ["r1a", "r3a", "r4a", "r8a"]),
    ("ionic_conductivity = 1 mS/cm", ["r3b", "r4a"]),
    ("ionic_conductivity != 1 mS/cm", ["r1a", "r3a", "r4b", "r5a", "r6a", "r8a"]),
    ('kind = "patent"', D1 + ["r3a", "r3b", "r6a", "r8a"]),
    ('assignee = "Toyota"', D1 + ["r6a"]),
    ('assignee = "TOYOTA"', D1 + ["r6a"]),
    ('assignee != "Toyota"', ["r2a", "r2b", "r3a", "r3b", "r4a", "r4b", "s4", "r5a", "r5b", "r8a"]),
    ('organisation = "Tokyo Institute of Technology"', ["r2a", "r2b"]),
    ('cpc STARTS "H01M10/056"', D1 + ["r3a", "r3b"]),
    ('cpc = "H01M 10/0562"', D1 + ["r3a", "r3b"]),
    ("published >= 2011-01-01", D1 + ["r2a", "r2b", "r3a", "r3b", "r8a"]),
    ("published < 2011", ["r4a", "r4b", "s4", "r5a", "r5b", "r6a"]),
    ("priority <= 2011-12-31", D1),
    ("filed = 2012", D1),
    ("year = 2011", ["r2a", "r2b"]),
    ('structure_type = "argyrodite"', ["r4a", "r4b", "s4"]),
    ('structure_type = "LGPS"', D1),
    ("space_group = 137", D1),
    ('space_group = "P4_2/nmc"', D1),
    ('crystal_system = "tetragonal"', D1),
    ('elements HAS ALL "Li","S" AND (elements HAS "Ge" OR elements HAS "Si")', LGPS + ["r3a"]),
    ('kind = "paper" AND NOT elements HAS "P"', ["r5a", "r5b"]),
    ('id = "US 8,926,509 B2"', D1),
    ('id = "US20140134483A1"', D1),
    ("confidence >= 0.9", ["r1a", "r4a"]),
    ('property = "activation_energy"', ["r1b", "r5b"]),
    ('NOT (kind = "patent" OR kind = "paper")', []),
    ('assignee = "x\'; DROP TABLE records; --"', []),
]

DOCUMENT_CASES: list[tuple[str, str, list[str]]] = [
    ('kind = "paper"', "", ["10.1038/nmat3066", "DEMO-A-0004", "DEMO-A-0005", "DEMO-A-0007"]),
    ('elements HAS "O"', "", ["DEMO-A-0005"]),
    ('NOT elements HAS "O"', "", ["10.1038/nmat3066", "DEMO-A-0004", "DEMO-A-0007",
                                 "DEMO-P-0003", "DEMO-P-0006", "DEMO-P-0008", "US8926509B2"]),
    ('organisation = "MIT"', "", ["DEMO-A-0007"]),
    ("published >= 2020-01-01", "", ["DEMO-A-0007"]),
    ("ionic_conductivity >= 1 mS/cm", "", ["DEMO-A-0004", "DEMO-P-0003", "DEMO-P-0008",
                                           "US8926509B2"]),
    ("", "review", ["DEMO-A-0007"]),
    ("ionic_conductivity >= 0.5 mS/cm", "argyrodite", ["DEMO-A-0004"]),
    ("", '"glass ceramic"', ["DEMO-P-0006"]),
    ("", "ceramic glass", ["DEMO-P-0006"]),
    ("", '"ceramic glass"', []),
]

# conditions_corpus(): t1, t2, u1 at 298.15 K; t3 at 333.15 K; t4 over 298.15–373.15 K;
# t5 at 600 K; t7 over 200.15–250.15 K; t6 and the structure fact us1 have no temperature.
# Scopes: t1, u1 bulk; t2 grain_boundary; t3 total; the rest none.
CONDITION_CASES: list[tuple[str, list[str]]] = [
    ("scope = bulk", ["t1", "u1"]),
    ('scope = "Bulk"', ["t1", "u1"]),
    ('scope = "grain boundary"', ["t2"]),
    ("scope != grain_boundary", ["t1", "t3", "u1"]),
    ("NOT scope = grain_boundary", [r for r in CONDITION_RECORDS if r != "t2"]),
    ("scope = total OR scope = grain_boundary", ["t2", "t3"]),
    ("ionic_conductivity >= 5 mS/cm AND scope = bulk", ["u1"]),
    ("conductivity >= 1 mS/cm AND NOT scope = grain_boundary", ["t1", "t3", "t5", "u1"]),
    # temperature is an interval: a range overlapping the window matches
    ("temperature >= 290 K AND temperature <= 310 K", ["t1", "t2", "t4", "u1"]),
    ("temperature = 350 K", ["t4"]),
    ("temperature = 25 °C", ["t1", "t2", "t4", "u1"]),
    ("temperature > 100 °C", ["t5"]),
    ("temperature >= 100 °C", ["t4", "t5"]),
    ("temperature <= 0 °C", ["t7"]),
    ("temperature != 300 K", ["t1", "t2", "t3", "t5", "t7", "u1"]),
    ("NOT temperature > 310 K", ["t1", "t2", "t6", "t7", "u1", "us1"]),
    ("activation_energy < 0.4 eV AND temperature <= 310 K", ["t4"]),
    ("temperature_min <= 300 K", ["t1", "t2", "t4", "t7", "u1"]),
    ("temperature_max >= 350 K", ["t4", "t5"]),
    ("temperature_min >= 25 °C AND temperature_max <= 100 °C", ["t1", "t2", "t3", "t4", "u1"]),
    ("temperature_max < 0 °C", ["t7"]),
    ("temperature_min = 298.15 K", ["t1", "t2", "t4", "u1"]),
    ("temperature_max != 373.15 K", ["t1", "t2", "t3", "t5", "t7", "u1"]),
]

CONDITION_DOCUMENT_CASES: list[tuple[str, list[str]]] = [
    ("scope = grain_boundary", ["DEMO-T-0001"]),
    ("scope = bulk AND kind = patent", ["DEMO-T-0002"]),
    ("temperature > 500 K", ["DEMO-T-0001"]),
    ("temperature >= 290 K AND temperature <= 310 K", ["DEMO-T-0001", "DEMO-T-0002"]),
]

# atmospheres_corpus(): g1, h1 air; g2 H2; g3 wet H2; g4 dry air; g5 5% H2/Ar and h2 "5 % H2/Ar";
# g7 reducing; g8 H2/N2 (5%/95%); g6 and the structure fact hs1 none.  Conductivities (S/cm):
# g1 550, g2 310, g3 0.01, g4 0.001, g5 5, g7 2, g8 3, h1 120, h2 8.  g3, g4 (BaZr0.8Y0.2O3, the
# only material with Y) at 873.15 K, the others at 1073.15 K.  h1, h2, hs1 are in the patent.
ATMOSPHERE_CASES: list[tuple[str, list[str]]] = [
    ("atmosphere = air", ["g1", "h1"]),  # the whole label: not "dry air"
    ("atmosphere = AIR", ["g1", "h1"]),
    ('atmosphere = "Air"', ["g1", "h1"]),
    ("atmosphere = H2", ["g2"]),  # not wet H2, 5% H2/Ar or H2/N2 (5%/95%)
    ('atmosphere = "wet H2"', ["g3"]),
    ('atmosphere = "WET  h2"', ["g3"]),
    ('atmosphere = "dry air"', ["g4"]),
    ('atmosphere = "5% H2/Ar"', ["g5", "h2"]),
    ('atmosphere = "5 % h2 / ar"', ["g5", "h2"]),
    ('atmosphere = "H2/N2 (5%/95%)"', ["g8"]),
    ("atmosphere = reducing", ["g7"]),
    ("atmosphere = hydrogen", ["g2"]),  # gas names are tidied to formulas, as extracted
    ('atmosphere = "wet hydrogen"', ["g3"]),
    ("atmosphere != air", ["g2", "g3", "g4", "g5", "g7", "g8", "h2"]),
    ("NOT atmosphere = air", [r for r in ATMOSPHERE_RECORDS if r not in ("g1", "h1")]),
    ("NOT atmosphere != air", ["g1", "g6", "h1", "hs1"]),
    ('atmosphere = H2 OR atmosphere = "wet H2"', ["g2", "g3"]),
    ("atmosphere = air AND atmosphere = H2", []),
    ("conductivity >= 200 S/cm AND atmosphere = air", ["g1"]),
    ("conductivity >= 200 S/cm AND NOT atmosphere = air", ["g2"]),
    ("atmosphere = air AND kind = patent", ["h1"]),
    ('ionic_conductivity >= 1 mS/cm AND temperature <= 900 K AND atmosphere = "wet H2"', ["g3"]),
    ('elements HAS "Y" AND NOT atmosphere = "wet H2"', ["g4"]),
]

ATMOSPHERE_DOCUMENT_CASES: list[tuple[str, list[str]]] = [
    ("atmosphere = air", ["DEMO-G-0001", "DEMO-G-0002"]),
    ('atmosphere = "wet H2"', ["DEMO-G-0001"]),
    ('atmosphere = "5% H2/Ar" AND kind = patent', ["DEMO-G-0002"]),
    ("atmosphere = hydrogen", ["DEMO-G-0001"]),
]

TEXT_CASES: list[tuple[str, str, list[str]]] = [
    ("", "superionic", ["r1a"]),
    ('elements HAS "Li"', "mS/cm", ["r1a", "r3a", "r3b", "r4a", "r4b", "r6a"]),
    ("", "NEAR( superionic", []),
    ("", "'; DROP TABLE records; --", []),
    ("", "superionic*", ["r1a"]),
]


def _es_backend(url: str):  # noqa: ANN202
    from matmine.index.es_backend import ElasticsearchIndex
    from matmine.settings import Settings

    prefix = f"matmine-test-{uuid.uuid4().hex[:8]}"
    settings = Settings(index=url, es_index_prefix=prefix, home=Path("/tmp") / prefix)
    return ElasticsearchIndex.from_settings(settings, refresh=True)


def _backend(kind: str, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN202
    if kind == "sqlite":
        return SQLiteIndex(tmp_path_factory.mktemp("contract") / "index.sqlite")
    url = os.environ.get("MATMINE_TEST_ES_URL")
    if not url:
        pytest.skip("Elasticsearch contract tests SKIPPED: MATMINE_TEST_ES_URL not set")
    return _es_backend(url)


def _indexed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             documents: list):  # noqa: ANN202 - a fixture body: yields the backend
    backend = _backend(request.param, tmp_path_factory)
    assert backend.upsert(documents) == ["indexed"] * len(documents)
    yield backend
    if request.param == "elasticsearch":
        backend.drop()  # type: ignore[attr-defined]
    backend.close()


@pytest.fixture(scope="module", params=["sqlite", "elasticsearch"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    documents = corpus()
    assert len(documents) == 8
    yield from _indexed(request, tmp_path_factory, documents)


@pytest.fixture(scope="module", params=["sqlite", "elasticsearch"])
def conditions_index(request: pytest.FixtureRequest,
                     tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    documents = conditions_corpus()
    assert len(documents) == 2
    yield from _indexed(request, tmp_path_factory, documents)


@pytest.fixture(scope="module", params=["sqlite", "elasticsearch"])
def atmospheres_index(request: pytest.FixtureRequest,
                      tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    documents = atmospheres_corpus()
    assert len(documents) == 2
    yield from _indexed(request, tmp_path_factory, documents)


def _record_ids(index, filter: str, text: str = "") -> list[str]:  # noqa: ANN001
    results = index.search(SearchRequest(filter=filter or None, text=text, limit=100))
    assert results.total == len(results.hits)
    return sorted(h.record.id for h in results.hits)


@pytest.mark.parametrize(("filter", "expected"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES])
def test_record_filters(index, filter: str, expected: list[str]) -> None:  # noqa: ANN001
    assert _record_ids(index, filter) == sorted(expected)


@pytest.mark.parametrize(("filter", "expected"), CONDITION_CASES,
                         ids=[c[0] for c in CONDITION_CASES])
def test_scope_and_temperature_filters(conditions_index, filter: str,  # noqa: ANN001
                                       expected: list[str]) -> None:
    assert _record_ids(conditions_index, filter) == sorted(expected)


@pytest.mark.parametrize(("filter", "expected"), CONDITION_DOCUMENT_CASES,
                         ids=[c[0] for c in CONDITION_DOCUMENT_CASES])
def test_scope_and_temperature_document_filters(conditions_index, filter: str,  # noqa: ANN001
                                                expected: list[str]) -> None:
    results = conditions_index.search(SearchRequest(filter=filter, level="document", limit=100))
    assert sorted(h.document.id for h in results.hits) == sorted(expected)


@pytest.mark.parametrize(("filter", "expected"), ATMOSPHERE_CASES,
                         ids=[c[0] for c in ATMOSPHERE_CASES])
def test_atmosphere_filters(atmospheres_index, filter: str,  # noqa: ANN001
                            expected: list[str]) -> None:
    assert _record_ids(atmospheres_index, filter) == sorted(expected)


@pytest.mark.parametrize(("filter", "expected"), ATMOSPHERE_DOCUMENT_CASES,
                         ids=[c[0] for c in ATMOSPHERE_DOCUMENT_CASES])
def test_atmosphere_document_filters(atmospheres_index, filter: str,  # noqa: ANN001
                                     expected: list[str]) -> None:
    results = atmospheres_index.search(SearchRequest(filter=filter, level="document", limit=100))
    assert sorted(h.document.id for h in results.hits) == sorted(expected)


def test_hits_carry_the_atmosphere_as_written(atmospheres_index) -> None:  # noqa: ANN001
    """The filter compares keys; hits (record and document level) keep the extracted label."""
    hits = atmospheres_index.search(SearchRequest(filter='atmosphere = "5% H2/Ar"')).hits
    assert sorted((h.record.id, h.record.atmosphere) for h in hits) == [
        ("g5", "5% H2/Ar"), ("h2", "5 % H2/Ar")]
    (doc_hit,) = atmospheres_index.search(SearchRequest(
        filter='atmosphere = "wet H2"', level="document")).hits
    assert [(r.id, r.atmosphere) for r in doc_hit.records] == [("g3", "wet H2")]
    scanned = {h.record.id: getattr(h.record, "atmosphere", None)
               for h in atmospheres_index.scan("kind = patent")}
    assert scanned == {"h1": "air", "h2": "5 % H2/Ar", "hs1": None}


@pytest.mark.parametrize(("filter", "text", "expected"), DOCUMENT_CASES,
                         ids=[f"{c[0]}|{c[1]}" for c in DOCUMENT_CASES])
def test_document_filters(index, filter: str, text: str, expected: list[str]) -> None:  # noqa: ANN001
    results = index.search(SearchRequest(filter=filter or None, text=text, level="document",
                                         limit=100))
    assert sorted(h.document.id for h in results.hits) == sorted(expected)
    assert results.total == len(expected)


@pytest.mark.parametrize(("filter", "text", "expected"), TEXT_CASES,
                         ids=[f"{c[0]}|{c[1]}" for c in TEXT_CASES])
def test_record_text(index, filter: str, text: str, expected: list[str]) -> None:  # noqa: ANN001
    assert _record_ids(index, filter, text) == sorted(expected)


def test_counts_and_get(index) -> None:  # noqa: ANN001
    assert index.count_documents() == 8
    assert index.count_records() == 15
    doc, result = index.get("US 8,926,509 B2")
    assert doc.id == "US8926509B2" and len(result.records) == 2
    assert index.get("US20140134483A1")[0].id == "US8926509B2"
    assert index.get("DEMO-NOPE") is None


def test_sort_and_paging(index) -> None:  # noqa: ANN001
    by_value = index.search(SearchRequest(filter="conductivity >= 1 mS/cm", sort="value", limit=3))
    assert [h.record.id for h in by_value.hits] == ["r2a", "r1a", "r3a"]  # tie: id descending
    page2 = index.search(SearchRequest(filter="conductivity >= 1 mS/cm", sort="value", limit=3,
                                       offset=3))
    assert [h.record.id for h in page2.hits] == ["r8a", "r3b", "r4a"]
    assert page2.total == 6
    by_date = index.search(SearchRequest(filter='elements HAS "Li"', sort="date", limit=2,
                                         level="document"))
    assert [h.document.id for h in by_date.hits] == ["US8926509B2", "DEMO-P-0003"]


def test_facets(index) -> None:  # noqa: ANN001
    results = index.search(SearchRequest(filter='elements HAS ALL "Li","P","S"', limit=0,
                                         facets=("year", "assignee", "kind", "element",
                                                 "structure_type")))
    facets = results.facets
    assert dict(facets["kind"]) == {"patent": 7, "paper": 5}
    assert dict(facets["year"]) == {"2015": 4, "2011": 2, "2014": 2, "2008": 3, "2010": 1}
    assert dict(facets["assignee"]) == {"Toyota": 5, "Samsung": 2}
    assert dict(facets["element"])["Ge"] == 6 and dict(facets["element"])["Li"] == 12
    assert dict(facets["structure_type"]) == {"lgps": 4, "argyrodite": 3}
    docs = index.search(SearchRequest(filter='kind = "patent"', level="document", limit=0,
                                      facets=("assignee", "element")))
    assert dict(docs.facets["assignee"]) == {"Toyota": 2, "Samsung": 1, "Hyundai": 1}
    assert dict(docs.facets["element"])["Li"] == 3


def test_hits_carry_provenance_and_snippets(index) -> None:  # noqa: ANN001
    hit = index.search(SearchRequest(filter='formula = "Li6PS5Cl"')).hits[0]
    assert hit.record.id == "r4a" and hit.document.id == "DEMO-A-0004"
    assert hit.snippet == "Li6PS5Cl shows «1 mS/cm»."
    text_hit = index.search(SearchRequest(text="superionic")).hits[0]
    assert "«superionic»" in text_hit.snippet
    doc_hit = index.search(SearchRequest(filter='formula = "Li6PS5Cl"', level="document")).hits[0]
    assert [r.id for r in doc_hit.records] == ["r4a"]


BAD_FILTERS = [
    "'; DROP TABLE records; --",
    'kind = "patent',
    'kind = "x\'; DROP TABLE records; --"',
    "ionic_conductivity >= 1",
    "(" * 10_000,
    "x" * 10_000,
    " OR ".join(['kind = "paper"'] * 600),
    'formula = "Li10GeP2S12) OR 1=1 --"',
    "elements HAS ALL \"Li\" NEAR(",
    "*",
    "^",
    '"',
]


@pytest.mark.parametrize("bad", BAD_FILTERS, ids=lambda s: s[:30])
def test_bad_filters_are_clear_errors(index, bad: str) -> None:  # noqa: ANN001
    before = _counts(index)
    with pytest.raises(QuerySyntaxError) as excinfo:
        index.search(SearchRequest(filter=bad))
    assert str(excinfo.value).startswith("bad filter at column ")
    assert _counts(index) == before


@pytest.mark.parametrize("text", ["*", "^", '"', "NEAR(", "a" * 10_000, '"unbalanced', "AND OR NOT"])
def test_hostile_text_never_crashes(index, text: str) -> None:  # noqa: ANN001
    before = _counts(index)
    try:
        results = index.search(SearchRequest(text=text))
        assert results.total == 0
    except QuerySyntaxError as exc:
        assert "text" in str(exc)
    assert _counts(index) == before


def test_long_valid_filter(index) -> None:  # noqa: ANN001
    long_filter = 'elements HAS ANY "O"' + ',"O"' * 2600
    assert len(long_filter) > 10_000
    assert _record_ids(index, long_filter) == ["r5a", "r5b"]


def _counts(index) -> dict:  # noqa: ANN001
    if hasattr(index, "table_counts"):
        return index.table_counts()
    return {"documents": index.count_documents(), "records": index.count_records()}
