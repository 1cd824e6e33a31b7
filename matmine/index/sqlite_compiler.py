"""Compile the filter syntax tree to an SQLite WHERE clause over ``records r``.

Every value is a bound parameter; the SQL text only ever contains column
names and operators chosen here.  Logic is two-valued: a comparison on a
missing (NULL) column is false, and ``NOT`` is compiled as
``NOT COALESCE(…, 0)`` so ``NOT`` of a false comparison is true, exactly like
the Elasticsearch ``must_not``.  Interval fields (property values, the
measuring temperature) are two columns, compared by
:meth:`SQLiteCompiler._interval`.

>>> from matmine.index.parser import parse_filter
>>> sql, params = compile_where(parse_filter('kind = "patent" AND nelements >= 4'))
>>> sql, params
('(r.kind = ? AND r.nelements >= ?)', ['patent', 4])
"""

from __future__ import annotations

from collections.abc import Callable

from matmine.errors import UnsupportedQueryError
from matmine.index import fields as F
from matmine.index.chemistry import mask_bit
from matmine.index.syntax import And, Comparison, ElementsHas, Node, Not, Or, Starts

RELATIVE_TOLERANCE = 1e-9
"""Numbers from unit conversion compare within this relative tolerance (1 mS/cm == 0.001 S/cm)."""

_COLUMNS = {
    "nelements": "nelements", "chemsys": "chemsys", "formula": "formula",
    "temperature_min": "temperature_min", "temperature_max": "temperature_max", "scope": "scope",
    "atmosphere": "atmosphere", "method": "method",
    "property": "property", "confidence": "confidence", "structure_type": "structure_type",
    "crystal_system": "crystal_system", "kind": "kind", "published": "published", "filed": "filed",
    "priority": "priority", "granted": "granted", "year": "year",
}
_SQL_OPS = {"=": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class SQLiteCompiler:
    """One method per node type; ``alias`` is the records table alias."""

    def __init__(
        self, alias: str = "r", doc_column: str = "doc",
        element_sets: Callable[[str, list[int]], list[int] | None] | None = None,
    ) -> None:
        self.a = alias
        self.doc = f"{alias}.{doc_column}"
        self.element_sets = element_sets
        self.params: list[object] = []

    def compile(self, node: Node) -> str:
        if isinstance(node, And):
            return "(" + " AND ".join(self.compile(i) for i in node.items) + ")"
        if isinstance(node, Or):
            return "(" + " OR ".join(self.compile(i) for i in node.items) + ")"
        if isinstance(node, Not):
            return f"(NOT COALESCE({self.compile(node.item)}, 0))"
        if isinstance(node, ElementsHas):
            return self.elements(node)
        if isinstance(node, Starts):
            return self.starts(node)
        if isinstance(node, Comparison):
            return self.comparison(node)
        raise UnsupportedQueryError(f"the SQLite index cannot run {node!r}")  # pragma: no cover

    # ------------------------------------------------------------------ leaves

    def _p(self, *values: object) -> None:
        self.params.extend(values)

    def elements(self, node: ElementsHas) -> str:
        """Records whose element set is one of the sets satisfying the test.

        ``element_sets`` holds each distinct set once, so the bit tests run over a
        small table and the records are then found through the ``records_eset``
        index; a record without elements has ``eset = 0``, which no set matches.
        With ``element_sets`` (a look-up in the index) the matching set ids are
        bound as a list, so the planner can weigh how many records they cover.
        """
        words = [0, 0]
        for symbol in node.elements:
            word, bit = mask_bit(symbol)
            words[word] |= 1 << bit
        lo, hi = words
        if node.mode == "all":
            test = "(mask_lo & ?) = ? AND (mask_hi & ?) = ?"
            self._p(lo, lo, hi, hi)
        elif node.mode == "any":
            test = "((mask_lo & ?) != 0 OR (mask_hi & ?) != 0)"
            self._p(lo, hi)
        else:  # only: a non-empty subset of the listed elements
            test = "n > 0 AND (mask_lo & ~?) = 0 AND (mask_hi & ~?) = 0"
            self._p(lo, hi)
        if self.element_sets is not None:
            test_params = self.params[-(4 if node.mode == "all" else 2):]
            found = self.element_sets(test, list(test_params))
            if found is not None:
                del self.params[-len(test_params):]
                self._p(*found)
                return f"{self.a}.eset IN ({', '.join('?' * len(found))})"
        return f"{self.a}.eset IN (SELECT rowid FROM element_sets WHERE {test})"

    def starts(self, node: Starts) -> str:
        prefix = node.prefix
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        table, where = self._document_table(node.field)
        self._p(prefix, upper)
        return f"{self.doc} IN (SELECT doc FROM {table} WHERE {where}key >= ? AND key < ?)"

    def _document_table(self, field: str) -> tuple[str, str]:
        if field == "assignee":
            return "organisations", "assignee = 1 AND "
        if field == "organisation":
            return "organisations", ""
        if field in ("cpc", "ipc"):
            return "classes", f"scheme = '{field}' AND "
        if field == "id":
            return "document_ids", ""
        raise UnsupportedQueryError(f"{field} is not a multi-valued document field")

    def comparison(self, node: Comparison) -> str:
        a, field, op, value = self.a, node.field, node.op, node.value
        spec = F.FIELDS[field]
        if field in ("assignee", "organisation", "cpc", "ipc", "id"):
            table, where = self._document_table(field)
            self._p(value)
            inner = f"{self.doc} IN (SELECT doc FROM {table} WHERE {where}key = ?)"
            return inner if op == "=" else f"(NOT {inner})"
        if spec.type == "property":
            return self._property(spec, op, float(value))
        if spec.bounds:
            return self._interval(spec.bounds, op, float(value))
        if field == "space_group":
            column = "space_group" if isinstance(value, int) else "space_group_symbol"
            self._p(value)
            return f"{a}.{column} {_SQL_OPS[op]} ?"
        column = f"{a}.{_COLUMNS[field]}"
        if isinstance(value, float) and op in ("=", "!="):
            tol = abs(value) * RELATIVE_TOLERANCE
            self._p(value - tol, value + tol)
            inside = f"{column} BETWEEN ? AND ?"
            return inside if op == "=" else f"({column} IS NOT NULL AND NOT ({inside}))"
        if isinstance(value, float):
            value = _nudged(op, value)
        self._p(value)
        return f"{column} {_SQL_OPS[op]} ?"

    def _property(self, spec: F.FieldSpec, op: str, value: float) -> str:
        """The record's property is one of the field's, and its value interval reaches ``value``."""
        names = ", ".join("?" for _ in spec.properties)
        self._p(*spec.properties)
        head = (f"{self.a}.property IN ({names})" if len(spec.properties) > 1
                else f"{self.a}.property = ?")
        assert spec.bounds is not None
        return f"({head} AND {self._interval(spec.bounds, op, value)})"

    def _interval(self, bounds: tuple[str, str], op: str, value: float) -> str:
        """Interval semantics: the record's ``[lo, hi]`` (two columns) must reach ``value``.

        ``>``/``>=`` test the upper end, ``<``/``<=`` the lower end, ``=`` holds when the
        interval contains the value and ``!=`` when it does not; a record without the
        interval (NULL ends) satisfies none of them.
        """
        lo, hi = (f"{self.a}.{column}" for column in bounds)
        tol = abs(value) * RELATIVE_TOLERANCE
        if op in (">=", ">"):
            self._p(value - tol if op == ">=" else value + tol)
            return f"{hi} {op} ?"
        if op in ("<=", "<"):
            self._p(value + tol if op == "<=" else value - tol)
            return f"{lo} {op} ?"
        self._p(value + tol, value - tol)
        inside = f"{lo} <= ? AND {hi} >= ?"
        if op == "=":
            return f"({inside})"
        return f"({lo} IS NOT NULL AND NOT ({inside}))"


def _nudged(op: str, value: float) -> float:
    tol = abs(value) * RELATIVE_TOLERANCE
    return value - tol if op in (">=", "<") else value + tol


def compile_where(
    node: Node | None, alias: str = "r", doc_column: str = "doc",
    element_sets: Callable[[str, list[int]], list[int] | None] | None = None,
) -> tuple[str, list[object]]:
    """``(sql, params)`` for a WHERE clause; ``('1', [])`` when there is no filter.

    ``alias``/``doc_column`` name the table and its document key: ``r``/``doc`` for
    ``records``, ``d``/``rowid`` for ``documents`` (document-only filters).
    """
    if node is None:
        return "1", []
    compiler = SQLiteCompiler(alias, doc_column, element_sets)
    return compiler.compile(node), compiler.params
