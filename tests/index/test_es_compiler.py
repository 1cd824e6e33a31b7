"""The Elasticsearch query compiler and mappings (pure functions; no server needed).

The same filters run against a live server in test_contract.py when
MATMINE_TEST_ES_URL is set.
"""

from __future__ import annotations

import pytest

from matmine.index.es_compiler import (
    compile_query,
    document_aggregations,
    document_sort,
    record_aggregations,
    record_sort,
    text_query,
)
from matmine.index.es_mapping import (
    document_document,
    documents_mapping,
    index_templates,
    missing_fields,
    record_document,
    records_mapping,
)
from matmine.index.parser import parse_filter
from matmine.index.rows import document_row, record_rows
from matmine.index.syntax import predicates
from test_contract import ATMOSPHERE_CASES, CONDITION_CASES, DOCUMENT_CASES, RECORD_CASES

TOL = 1e-9


def test_element_sets() -> None:
    assert compile_query(parse_filter('elements HAS ALL "Li","S"')) == {
        "bool": {"filter": [{"term": {"elements": "Li"}}, {"term": {"elements": "S"}}]}}
    assert compile_query(parse_filter('elements HAS ANY "Cl","Br"')) == {
        "terms": {"elements": ["Cl", "Br"]}}
    assert compile_query(parse_filter('elements HAS ONLY "Li","P","S"')) == {"bool": {"filter": [
        {"range": {"nelements": {"gt": 0}}},
        {"terms_set": {"elements": {"terms": ["Li", "P", "S"],
                                    "minimum_should_match_field": "nelements"}}}]}}


def test_property_intervals() -> None:
    q = compile_query(parse_filter("conductivity >= 1 mS/cm"))
    head, test = q["bool"]["filter"]
    assert head == {"terms": {"property": ["ionic_conductivity", "conductivity"]}}
    assert test["range"]["hi"]["gte"] == pytest.approx(1e-3 * (1 - TOL), rel=1e-12)
    q = compile_query(parse_filter("activation_energy < 0.3 eV"))
    assert q["bool"]["filter"][1] == {"range": {"lo": {"lt": pytest.approx(0.3)}}}
    q = compile_query(parse_filter("ionic_conductivity != 1 mS/cm"))
    assert q["bool"]["filter"][1]["bool"]["filter"] == [{"exists": {"field": "lo"}}]
    assert "must_not" in q["bool"]["filter"][1]["bool"]


def test_temperature_is_an_interval() -> None:
    """The SQLite compiler's interval test on [temperature_min, temperature_max]."""
    assert compile_query(parse_filter("temperature >= 290 K")) == {
        "range": {"temperature_max": {"gte": pytest.approx(290 * (1 - TOL), rel=1e-12)}}}
    assert compile_query(parse_filter("temperature < 310 K")) == {
        "range": {"temperature_min": {"lt": pytest.approx(310 * (1 - TOL), rel=1e-12)}}}
    inside = [{"range": {"temperature_min": {"lte": pytest.approx(350 * (1 + TOL), rel=1e-12)}}},
              {"range": {"temperature_max": {"gte": pytest.approx(350 * (1 - TOL), rel=1e-12)}}}]
    assert compile_query(parse_filter("temperature = 350 K")) == {"bool": {"filter": inside}}
    assert compile_query(parse_filter("temperature != 350 K")) == {"bool": {
        "filter": [{"exists": {"field": "temperature_min"}}],
        "must_not": [{"bool": {"filter": inside}}]}}
    window = compile_query(parse_filter("temperature >= 290 K AND temperature <= 310 K"),
                           prefix="records.")
    assert [next(iter(q["range"])) for q in window["bool"]["filter"]] == [
        "records.temperature_max", "records.temperature_min"]


def test_temperature_ends_and_scope_are_plain_fields() -> None:
    assert compile_query(parse_filter("temperature_min <= 25 °C")) == {
        "range": {"temperature_min": {"lte": pytest.approx(298.15 * (1 + TOL), rel=1e-12)}}}
    assert compile_query(parse_filter("temperature_max > 100 °C")) == {
        "range": {"temperature_max": {"gt": pytest.approx(373.15 * (1 + TOL), rel=1e-12)}}}
    assert compile_query(parse_filter("scope = bulk")) == {"term": {"scope": "bulk"}}
    assert compile_query(parse_filter('scope != "grain boundary"')) == {"bool": {
        "filter": [{"exists": {"field": "scope"}}],
        "must_not": [{"term": {"scope": "grain_boundary"}}]}}


def test_atmosphere_is_a_keyword_of_normalised_labels() -> None:
    """Case and spaces are dropped from the query value, as from the stored label."""
    assert compile_query(parse_filter("atmosphere = air")) == {"term": {"atmosphere": "air"}}
    assert compile_query(parse_filter('atmosphere = "5 % H2/Ar"')) == {
        "term": {"atmosphere": "5%h2/ar"}}
    # two-valued like scope: != needs an atmosphere, NOT also matches records without one
    assert compile_query(parse_filter('atmosphere != "Wet H2"')) == {"bool": {
        "filter": [{"exists": {"field": "atmosphere"}}],
        "must_not": [{"term": {"atmosphere": "weth2"}}]}}
    assert compile_query(parse_filter("NOT atmosphere = H2")) == {
        "bool": {"must_not": [{"term": {"atmosphere": "h2"}}]}}
    assert compile_query(parse_filter("atmosphere = air AND kind = patent"),
                         prefix="records.") == {"bool": {"filter": [
                             {"term": {"records.atmosphere": "air"}},
                             {"term": {"records.kind": "patent"}}]}}


def test_document_fields_and_dates() -> None:
    assert compile_query(parse_filter('assignee = "Toyota"')) == {"term": {"assignees": "toyota"}}
    assert compile_query(parse_filter('assignee != "Toyota"')) == {
        "bool": {"must_not": [{"term": {"assignees": "toyota"}}]}}
    assert compile_query(parse_filter('cpc STARTS "H01M 10/056"')) == {
        "prefix": {"cpc": "H01M10/056"}}
    assert compile_query(parse_filter("published >= 2011-01-01")) == {
        "range": {"published": {"gte": "20110101"}}}
    assert compile_query(parse_filter('id = "US 8,926,509 B2"')) == {
        "term": {"doc_ids": "US8926509B2"}}


def test_missing_values_are_false_and_not_is_must_not() -> None:
    assert compile_query(parse_filter('chemsys != "Li-S"')) == {"bool": {
        "filter": [{"exists": {"field": "chemsys"}}],
        "must_not": [{"term": {"chemsys": "Li-S"}}]}}
    assert compile_query(parse_filter("NOT nelements = 4")) == {
        "bool": {"must_not": [{"term": {"nelements": 4}}]}}
    assert compile_query(parse_filter('kind = "paper" OR year = 2011')) == {"bool": {
        "should": [{"term": {"kind": "paper"}}, {"term": {"year": 2011}}],
        "minimum_should_match": 1}}


def test_nested_prefix_for_document_level() -> None:
    q = compile_query(parse_filter('elements HAS "O" AND kind = "paper"'), prefix="records.")
    assert q == {"bool": {"filter": [
        {"bool": {"filter": [{"term": {"records.elements": "O"}}]}},
        {"term": {"records.kind": "paper"}}]}}


def _fields(query: object, out: set[str]) -> set[str]:
    """Every field name a compiled query refers to."""
    if isinstance(query, dict):
        for key, value in query.items():
            if key in ("term", "terms", "range", "prefix", "terms_set") and isinstance(value, dict):
                out.update(value)
            elif key == "exists":
                out.add(value["field"])
            elif key == "minimum_should_match_field":
                out.add(value)
            _fields(value, out)
    elif isinstance(query, list):
        for item in query:
            _fields(item, out)
    return out


@pytest.mark.parametrize("flt", [c[0] for c in RECORD_CASES + CONDITION_CASES + ATMOSPHERE_CASES]
                         + [c[0] for c in DOCUMENT_CASES if c[0]])
def test_every_compiled_field_is_mapped(flt: str) -> None:
    node = parse_filter(flt)
    records = set(records_mapping()["properties"])
    assert _fields(compile_query(node), set()) <= records
    nested = {f"records.{k}" for k in documents_mapping()["properties"]["records"]["properties"]}
    assert _fields(compile_query(node, prefix="records."), set()) <= nested
    assert predicates(node)


def test_mappings_and_templates() -> None:
    templates = index_templates("mm")
    assert templates["mm-records"]["index_patterns"] == ["mm-records-*"]
    assert templates["mm-documents"]["template"]["mappings"]["properties"]["records"]["type"] == "nested"
    records = records_mapping()
    assert records["dynamic"] == "strict"
    assert records["properties"]["record"] == {"type": "object", "enabled": False}
    assert records["properties"]["context"]["type"] == "text"
    assert records["properties"]["published"]["type"] == "date"
    for text_field in ("title", "abstract", "claims", "body"):
        assert documents_mapping()["properties"][text_field]["type"] == "text"


def test_record_documents_fit_the_mapping() -> None:
    from index_corpus import atmospheres_corpus, conditions_corpus, corpus

    allowed = set(records_mapping()["properties"])
    for doc, result in corpus() + conditions_corpus() + atmospheres_corpus():
        drow = document_row(doc, result)
        for row in record_rows(doc, result):
            body = record_document(drow, row, None, {})
            assert set(body) <= allowed
            for bound in ("lo", "hi", "temperature_min", "temperature_max"):
                assert body[bound] is None or abs(body[bound]) < float("inf")


def test_record_documents_carry_scope_and_the_temperature_interval() -> None:
    from index_corpus import conditions_corpus

    doc, result = conditions_corpus()[0]
    drow = document_row(doc, result)
    bodies = {row.id: record_document(drow, row, None, {}) for row in record_rows(doc, result)}
    picked = {rid: (b["temperature_min"], b["temperature_max"], b["scope"])
              for rid, b in bodies.items() if rid in ("t1", "t4", "t6")}
    assert picked == {"t1": (298.15, 298.15, "bulk"), "t4": (298.15, 373.15, None),
                      "t6": (None, None, None)}
    # a range with only its start written has no upper end: the largest double in JSON
    half_open = result.records[3].model_copy(update={"temperature_max_K": None})
    (row,) = [r for r in record_rows(doc, result.model_copy(update={"records": (half_open,)}))
              if r.rtype == "property"]
    assert (row.temperature_min, row.temperature_max) == (298.15, float("inf"))
    assert record_document(drow, row, None, {})["temperature_max"] == 1.7976931348623157e308


def test_record_documents_carry_the_atmosphere_key() -> None:
    from index_corpus import atmospheres_corpus

    doc, result = atmospheres_corpus()[1]
    drow = document_row(doc, result)
    rows = record_rows(doc, result)
    bodies = {row.id: record_document(drow, row, None, {}) for row in rows}
    assert {rid: b["atmosphere"] for rid, b in bodies.items()} == {
        "h1": "air", "h2": "5%h2/ar", "hs1": None}
    nested = document_document(drow, rows, "{}", "{}", {})["records"]
    assert [r["atmosphere"] for r in nested] == ["air", "5%h2/ar", None]


def test_indices_of_an_older_mapping_are_detected() -> None:
    records = {"mm-records-1": {"mappings": records_mapping()}}
    documents = {"mm-documents-1": {"mappings": documents_mapping()}}
    assert missing_fields(records, documents) == []
    old_properties = {k: v for k, v in records_mapping()["properties"].items()
                      if k not in ("scope", "atmosphere", "temperature_min", "temperature_max")}
    old_properties["temperature"] = {"type": "double"}
    old = {"mm-records-1": {"mappings": {"dynamic": "strict", "properties": old_properties}}}
    assert missing_fields(old, documents) == [
        "atmosphere", "scope", "temperature_max", "temperature_min"]
    old_documents = {"mm-documents-1": {"mappings": {"properties": {
        "records": {"type": "nested", "properties": old_properties}}}}}
    assert missing_fields(records, old_documents) == [
        "atmosphere", "scope", "temperature_max", "temperature_min"]


def test_indices_of_the_first_version_4_mapping_are_detected() -> None:
    """Indices created with scope and temperature ranges but before atmosphere: reindex."""
    first = {k: v for k, v in records_mapping()["properties"].items() if k != "atmosphere"}
    records = {"mm-records-1": {"mappings": {"dynamic": "strict", "properties": first}}}
    documents = {"mm-documents-2": {"mappings": {"properties": {
        "records": {"type": "nested", "properties": first}}}}}
    assert missing_fields(records, {}) == ["atmosphere"]
    assert missing_fields({}, documents) == ["atmosphere"]


def test_text_sort_and_aggregations() -> None:
    assert text_query(["glass ceramic", "LGPS"], ["context"]) == [
        {"match_phrase": {"context": "glass ceramic"}}, {"match_phrase": {"context": "LGPS"}}]
    assert text_query(["x"], ["title", "body"]) == [
        {"multi_match": {"query": "x", "type": "phrase", "fields": ["title", "body"]}}]
    assert record_sort("value", False)[0] == {"value": {"order": "desc", "missing": "_last"}}
    assert record_sort("relevance", True)[0] == "_score"
    assert document_sort("value", False, {"match_all": {}})[0]["records.value"]["mode"] == "max"
    assert record_aggregations(("element",)) == {"element": {"terms": {"field": "elements", "size": 20}}}
    nested = document_aggregations(("element",))["element"]
    assert nested["nested"] == {"path": "records"}
    assert "reverse_nested" in nested["aggs"]["values"]["aggs"]["documents"]
