"""Compile the filter syntax tree to the Elasticsearch query DSL (pure functions).

Semantics are the SQLite compiler's: a comparison on a missing field is
false, ``NOT`` is ``must_not`` (so it is true there), property and
temperature comparisons test the record's interval (``[lo, hi]``,
``[temperature_min, temperature_max]``), multi-valued document fields
(assignee, organisation, cpc, ipc, id) compare as "has one equal to".
``prefix`` is ``"records."`` when compiling inside the documents index's
nested records.

>>> from matmine.index.parser import parse_filter
>>> compile_query(parse_filter('kind = "patent" AND NOT elements HAS "O"'))
{'bool': {'filter': [{'term': {'kind': 'patent'}}, {'bool': {'must_not': [{'bool': {'filter': [{'term': {'elements': 'O'}}]}}]}}]}}
"""

from __future__ import annotations

from typing import Any

from matmine.errors import UnsupportedQueryError
from matmine.index import fields as F
from matmine.index.es_mapping import ES_FIELDS
from matmine.index.sqlite_compiler import RELATIVE_TOLERANCE
from matmine.index.syntax import And, Comparison, ElementsHas, Node, Not, Or, Starts

Query = dict[str, Any]
_RANGE = {"<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}
_MULTI_VALUED = ("assignee", "organisation", "cpc", "ipc", "id")


def compile_query(node: Node, prefix: str = "") -> Query:
    """The filter as a query (used in filter context: no scoring)."""
    return ESCompiler(prefix).compile(node)


class ESCompiler:
    """One method per node type."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def f(self, field: str) -> str:
        return self.prefix + ES_FIELDS.get(field, field)

    def compile(self, node: Node) -> Query:
        if isinstance(node, And):
            return {"bool": {"filter": [self.compile(i) for i in node.items]}}
        if isinstance(node, Or):
            return {"bool": {"should": [self.compile(i) for i in node.items],
                             "minimum_should_match": 1}}
        if isinstance(node, Not):
            return {"bool": {"must_not": [self.compile(node.item)]}}
        if isinstance(node, ElementsHas):
            return self.elements(node)
        if isinstance(node, Starts):
            return {"prefix": {self.f(node.field): node.prefix}}
        if isinstance(node, Comparison):
            return self.comparison(node)
        raise UnsupportedQueryError(f"Elasticsearch cannot run {node!r}")  # pragma: no cover

    def elements(self, node: ElementsHas) -> Query:
        field = self.f("elements")
        if node.mode == "all":
            return {"bool": {"filter": [{"term": {field: e}} for e in node.elements]}}
        if node.mode == "any":
            return {"terms": {field: list(node.elements)}}
        # only: as many of the listed elements match as the material has elements
        return {"bool": {"filter": [
            {"range": {self.f("nelements"): {"gt": 0}}},
            {"terms_set": {field: {"terms": list(node.elements),
                                   "minimum_should_match_field": self.f("nelements")}}},
        ]}}

    def comparison(self, node: Comparison) -> Query:
        field, op, value = node.field, node.op, node.value
        spec = F.FIELDS[field]
        if field in _MULTI_VALUED:
            term = {"term": {self.f(field): value}}
            return term if op == "=" else {"bool": {"must_not": [term]}}
        if spec.type == "property":
            return self._property(spec, op, float(value))
        if spec.bounds:
            return self._interval(spec.bounds, op, float(value))
        if field == "space_group" and isinstance(value, str):
            field = "space_group_symbol"
        es_field = self.f(field)
        if spec.type == "date":
            value = f"{int(value):08d}"
            if op in ("=", "!="):
                inside: Query = {"range": {es_field: {"gte": value, "lte": value}}}
                return inside if op == "=" else self._exists_not(es_field, inside)
            return {"range": {es_field: {_RANGE[op]: value}}}
        if isinstance(value, float):
            tol = abs(value) * RELATIVE_TOLERANCE
            if op in ("=", "!="):
                inside = {"range": {es_field: {"gte": value - tol, "lte": value + tol}}}
                return inside if op == "=" else self._exists_not(es_field, inside)
            nudged = value - tol if op in (">=", "<") else value + tol
            return {"range": {es_field: {_RANGE[op]: nudged}}}
        if op == "=":
            return {"term": {es_field: value}}
        if op == "!=":
            return self._exists_not(es_field, {"term": {es_field: value}})
        return {"range": {es_field: {_RANGE[op]: value}}}

    @staticmethod
    def _exists_not(field: str, query: Query) -> Query:
        return {"bool": {"filter": [{"exists": {"field": field}}], "must_not": [query]}}

    def _property(self, spec: F.FieldSpec, op: str, value: float) -> Query:
        """The record's property is one of the field's, and its value interval reaches ``value``."""
        head = {"terms": {self.f("property"): list(spec.properties)}}
        assert spec.bounds is not None
        return {"bool": {"filter": [head, self._interval(spec.bounds, op, value)]}}

    def _interval(self, bounds: tuple[str, str], op: str, value: float) -> Query:
        """The SQLite compiler's interval test: ``[lo, hi]`` (two fields) must reach ``value``."""
        tol = abs(value) * RELATIVE_TOLERANCE
        lo, hi = (self.f(b) for b in bounds)
        if op in (">=", ">"):
            return {"range": {hi: {_RANGE[op]: value - tol if op == ">=" else value + tol}}}
        if op in ("<=", "<"):
            return {"range": {lo: {_RANGE[op]: value + tol if op == "<=" else value - tol}}}
        inside = [{"range": {lo: {"lte": value + tol}}}, {"range": {hi: {"gte": value - tol}}}]
        if op == "=":
            return {"bool": {"filter": inside}}
        return {"bool": {"filter": [{"exists": {"field": lo}}],
                         "must_not": [{"bool": {"filter": inside}}]}}


def text_query(terms: list[str], fields: list[str]) -> list[Query]:
    """Every term (a word or a phrase of words) must match one of ``fields`` literally."""
    if len(fields) == 1:
        return [{"match_phrase": {fields[0]: term}} for term in terms]
    return [{"multi_match": {"query": term, "type": "phrase", "fields": fields}} for term in terms]


def record_sort(sort: str, has_text: bool) -> list[Any]:
    """Same order as SQLite: value/date descending with id descending on ties; relevance
    is the text score, or index order (``_doc``) without text."""
    if sort == "value":
        return [{"value": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]
    if sort == "date":
        return [{"published": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]
    return ["_score", {"id": "desc"}] if has_text else ["_doc"]


def document_sort(sort: str, has_text: bool, nested_filter: Query | None) -> list[Any]:
    if sort == "value" and nested_filter is not None:
        return [{"records.value": {"order": "desc", "mode": "max", "missing": "_last",
                                   "nested": {"path": "records", "filter": nested_filter}}},
                {"id": "desc"}]
    if sort == "relevance":
        return ["_score", {"id": "desc"}] if has_text else ["_doc"]
    return [{"published": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]


FACET_SIZE = 20


def record_aggregations(facets: tuple[str, ...]) -> Query:
    fields = {"year": "year", "kind": "kind", "structure_type": "structure_type",
              "element": "elements", "assignee": "assignee_names"}
    return {f: {"terms": {"field": fields[f], "size": FACET_SIZE}} for f in facets}


def document_aggregations(facets: tuple[str, ...]) -> Query:
    aggs: Query = {}
    top = {"year": "year", "kind": "kind", "assignee": "assignee_names"}
    for facet in facets:
        if facet in top:
            aggs[facet] = {"terms": {"field": top[facet], "size": FACET_SIZE}}
        else:  # counted per document through the nested records
            field = "records.elements" if facet == "element" else "records.structure_type"
            aggs[facet] = {"nested": {"path": "records"}, "aggs": {"values": {
                "terms": {"field": field, "size": FACET_SIZE},
                "aggs": {"documents": {"reverse_nested": {}}}}}}
    return aggs
