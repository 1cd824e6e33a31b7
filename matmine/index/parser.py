"""Parse a filter string into the typed syntax tree, once.

Every problem is a :class:`~matmine.errors.QuerySyntaxError` whose ``column``
(1-based) points at it:

>>> parse_filter('elements HAS ALL "Li","S" AND ionic_conductivity >= 1 mS/cm')
And(items=(ElementsHas(mode='all', elements=('Li', 'S')), Comparison(field='ionic_conductivity', op='>=', value=0.001)))
>>> parse_filter("ionic_conductivity >= 1")
Traceback (most recent call last):
...
matmine.errors.QuerySyntaxError: bad filter at column 23: expected a unit after 1
"""

from __future__ import annotations

import functools
import re
from datetime import date

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from matmine.errors import QuerySyntaxError
from matmine.index import fields as F
from matmine.index.chemistry import canonical_symbol
from matmine.index.syntax import And, Comparison, ElementsHas, Node, Not, Or, Starts
from matmine.index.units import UnitError, to_canonical

MAX_FILTER_CHARS = 20_000
MAX_CONDITIONS = 256
MAX_NESTING = 32

_OPERATORS = {"==": "=", "<>": "!=", "≠": "!=", "≤": "<=", "≥": ">="}
_EXPECTED = {
    "FIELD": "a field name",
    "SYMBOL": "an element symbol",
    "OPERATOR": "a comparison operator (=, !=, <, <=, >, >=)",
    "STRING": "a quoted string",
    "WORD": "a word",
    "DATE": "a date (YYYY-MM-DD)",
    "NUMBER": "a number",
    "UNIT": "a unit",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "$END": "the end of the filter",
    "_OR": "OR",
    "_AND": "AND",
    "_NOT": "NOT",
    "_HAS": "HAS",
    "_ALL": "ALL",
    "_ANY": "ANY",
    "_ONLY": "ONLY",
    "_STARTS": "STARTS",
    "_WITH": "WITH",
}


@functools.lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark.open_from_package(
        "matmine.index", "filter.lark", parser="lalr", propagate_positions=True,
        maybe_placeholders=False,
    )


def grammar_text() -> str:
    """The shipped grammar (the language's documentation)."""
    from importlib.resources import files

    return (files("matmine.index") / "filter.lark").read_text(encoding="utf-8")


def parse_filter(text: str) -> Node:
    """Parse ``text``; raise :class:`QuerySyntaxError` pointing at the problem."""
    if not text or not text.strip():
        raise QuerySyntaxError("the filter is empty", column=1)
    if len(text) > MAX_FILTER_CHARS:
        raise QuerySyntaxError(
            f"the filter is {len(text)} characters long; the limit is {MAX_FILTER_CHARS}",
            column=MAX_FILTER_CHARS + 1,
        )
    _check_nesting(text)
    try:
        tree = _lark().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text) from None
    builder = _Builder(text)
    try:
        return builder.build(tree.children[0])
    except RecursionError:
        raise QuerySyntaxError("the filter is nested too deeply", column=1) from None


def _check_nesting(text: str) -> None:
    depth = 0
    in_string: str | None = None
    escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == in_string:
                in_string = None
            continue
        if ch in "\"'":
            in_string = ch
        elif ch == "(":
            depth += 1
            if depth > MAX_NESTING:
                raise QuerySyntaxError(
                    f"parentheses nested deeper than {MAX_NESTING}", column=i + 1
                )
        elif ch == ")":
            depth -= 1
    nots = [m for m in re.finditer(r"(?i)(?<![A-Za-z0-9_\"'])not(?![A-Za-z0-9_])", text)]
    if len(nots) > MAX_CONDITIONS:
        raise QuerySyntaxError(
            f"more than {MAX_CONDITIONS} NOTs", column=nots[MAX_CONDITIONS].start() + 1
        )


def _syntax_error(exc: UnexpectedInput, text: str) -> QuerySyntaxError:
    column = getattr(exc, "column", None)
    if isinstance(exc, UnexpectedEOF) or column in (None, -1):
        column = len(text.rstrip()) + 1
    expected: set[str] = set()
    got = ""
    if isinstance(exc, UnexpectedToken):
        expected = set(exc.accepts or exc.expected)
        got = "the end of the filter" if exc.token.type == "$END" else repr(str(exc.token))
        if exc.token.type == "$END":
            column = len(text.rstrip()) + 1
    elif isinstance(exc, UnexpectedCharacters):
        expected = set(exc.allowed or ())
        ch = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
        got = "an unterminated string" if ch in "\"'" else repr(ch)
    elif isinstance(exc, UnexpectedEOF):
        expected = set(exc.expected)
        got = "the end of the filter"
    names = sorted({_EXPECTED.get(t, t) for t in expected})
    if len(names) > 1:
        wanted = ", ".join(names[:-1]) + " or " + names[-1]
    else:
        wanted = names[0] if names else "something else"
    return QuerySyntaxError(f"expected {wanted}, got {got}{_quote_hint(text, column)}",
                            column=column)


_BARE_VALUE_BEFORE_RE = re.compile(
    r"(?P<field>[a-z_][a-z0-9_]*)\s*(?:!=|<>|==|=|≠)\s*[a-z_][a-z0-9_]*\s*$", re.IGNORECASE)


def _quote_hint(text: str, column: int) -> str:
    """``atmosphere = wet H2``, ``atmosphere = H2/N2``: a label that is not one word, unquoted."""
    if text[column - 1:column] in ("", "(", ")"):  # the end, or a misplaced parenthesis
        return ""
    before = _BARE_VALUE_BEFORE_RE.search(text[:column - 1])
    spec = F.FIELDS.get(before.group("field").lower()) if before else None
    if spec is None or not spec.bare_words:
        return ""
    return f" (quote a label that is not a single word: {spec.example})"


class _Builder:
    """Tree -> typed nodes, normalising values and checking fields."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.conditions = 0

    def build(self, tree: Tree | Token) -> Node:
        assert isinstance(tree, Tree)
        rule = tree.data
        if rule == "disjunction":
            return Or(tuple(self.build(c) for c in tree.children))
        if rule == "conjunction":
            return And(tuple(self.build(c) for c in tree.children))
        if rule == "negate":
            return Not(self.build(tree.children[0]))
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise QuerySyntaxError(
                f"more than {MAX_CONDITIONS} conditions in one filter", column=tree.meta.column
            )
        if rule in ("has_all", "has_any", "has_only"):
            return self._has(rule[4:], tree)
        if rule == "comparison":
            return self._comparison(tree)
        if rule == "starts":
            return self._starts(tree)
        raise QuerySyntaxError(f"unexpected {rule}", column=tree.meta.column)  # pragma: no cover

    # ----------------------------------------------------------------- predicates

    def _field(self, token: Token) -> F.FieldSpec:
        name = str(token)
        spec = F.FIELDS.get(name) or F.FIELDS.get(name.lower())
        if spec is None:
            raise QuerySyntaxError(
                f"unknown field {name!r}; fields are: {', '.join(F.FIELDS)}", column=token.column
            )
        return spec

    def _has(self, mode: str, tree: Tree) -> ElementsHas:
        field_token, element_list = tree.children
        spec = self._field(field_token)
        if spec.type != "elements":
            raise QuerySyntaxError(
                f"HAS works on elements only, not on {spec.name}", column=field_token.column
            )
        symbols: list[str] = []
        for token in element_list.children:
            raw = _unquote(token) if token.type == "STRING" else str(token)
            symbol = canonical_symbol(raw) if raw.strip() else None
            if symbol is None:
                raise QuerySyntaxError(f"unknown element {raw!r}", column=token.column)
            if symbol not in symbols:
                symbols.append(symbol)
        return ElementsHas(mode, tuple(symbols))  # type: ignore[arg-type]

    def _starts(self, tree: Tree) -> Starts:
        field_token, string = tree.children
        spec = self._field(field_token)
        if not spec.starts:
            allowed = ", ".join(n for n, f in F.FIELDS.items() if f.starts)
            raise QuerySyntaxError(
                f"STARTS works on {allowed}, not on {spec.name}", column=field_token.column
            )
        prefix = _unquote(string)
        if not prefix.strip():
            raise QuerySyntaxError("STARTS needs a non-empty prefix", column=string.column)
        value = F.keyword_value(spec.name, prefix) if spec.name != "id" else prefix.strip()
        return Starts(spec.name, str(value))

    def _comparison(self, tree: Tree) -> Comparison:
        field_token, op_token, value = tree.children
        spec = self._field(field_token)
        op = _OPERATORS.get(str(op_token), str(op_token))
        column = _column(value)
        if spec.type == "elements":
            raise QuerySyntaxError(
                'elements is compared with HAS, e.g. elements HAS ALL "Li","S"',
                column=op_token.column,
            )
        if spec.type in ("property", "number", "integer"):
            return Comparison(spec.name, op, self._number(spec, value))  # type: ignore[arg-type]
        if spec.type == "date":
            return self._date(spec, op, value)
        # keyword fields
        if spec.name == "space_group" and isinstance(value, Tree):
            number = self._plain_number(spec, value)
            if number != int(number) or not 1 <= number <= 230:
                raise QuerySyntaxError("space group numbers run from 1 to 230", column=column)
            return Comparison(spec.name, op, int(number))  # type: ignore[arg-type]
        # a bare word only where the field says so: elsewhere quotes keep values whole
        accepted = ("STRING", "WORD") if spec.choices or spec.bare_words else ("STRING",)
        if not (isinstance(value, Token) and value.type in accepted):
            if spec.choices:
                raise QuerySyntaxError(f"{spec.name} is {F.listed_choices(spec.name)}",
                                       column=column)
            if spec.bare_words:
                raise QuerySyntaxError(f"{spec.name} takes one word or a quoted string,"
                                       f" e.g. {spec.example}", column=column)
            raise QuerySyntaxError(f"{spec.name} takes a quoted string", column=column)
        if op not in ("=", "!="):
            also = " (or STARTS)" if spec.starts else ""
            raise QuerySyntaxError(
                f"{spec.name} is compared with = or !={also}, not {op}", column=op_token.column
            )
        text = _unquote(value) if value.type == "STRING" else str(value)
        try:
            normalised = F.keyword_value(spec.name, text)
        except F.FieldValueError as exc:
            raise QuerySyntaxError(str(exc), column=column) from None
        return Comparison(spec.name, op, normalised)  # type: ignore[arg-type]

    def _number(self, spec: F.FieldSpec, value: Tree | Token) -> float:
        if not isinstance(value, Tree):
            raise QuerySyntaxError(f"{spec.name} takes a number", column=_column(value))
        number_token = value.children[0]
        number = float(number_token)
        unit_token = value.children[1] if len(value.children) > 1 else None
        if spec.dimension is None:
            if unit_token is not None:
                raise QuerySyntaxError(f"{spec.name} takes no unit", column=unit_token.column)
            return int(number) if spec.type == "integer" and number == int(number) else number
        if unit_token is None:
            raise QuerySyntaxError(
                f"expected a unit after {number_token}", column=number_token.column
            )
        try:
            return to_canonical(number, str(unit_token).strip(), spec.dimension)
        except UnitError as exc:
            raise QuerySyntaxError(str(exc), column=unit_token.column) from None

    def _plain_number(self, spec: F.FieldSpec, value: Tree) -> float:
        if len(value.children) > 1:
            raise QuerySyntaxError(f"{spec.name} takes no unit", column=value.children[1].column)
        return float(value.children[0])

    def _date(self, spec: F.FieldSpec, op: str, value: Tree | Token) -> Node:
        column = _column(value)
        if isinstance(value, Tree):  # a bare year
            year = self._plain_number(spec, value)
            if year != int(year) or not 1000 <= year <= 9999:
                raise QuerySyntaxError(f"{spec.name} takes a date YYYY-MM-DD or a year", column=column)
            first, last = int(year) * 10000 + 101, int(year) * 10000 + 1231
            by_op = {">=": first, ">": last, "<=": last, "<": first}
            if op in by_op:
                return Comparison(spec.name, op, by_op[op])  # type: ignore[arg-type]
            within = And((Comparison(spec.name, ">=", first), Comparison(spec.name, "<=", last)))
            return within if op == "=" else Not(within)
        text = _unquote(value) if value.type == "STRING" else str(value)
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            raise QuerySyntaxError(f"{text!r} is not a date (YYYY-MM-DD)", column=column) from None
        return Comparison(spec.name, op, F.date_int(day))  # type: ignore[arg-type]


def _column(value: Tree | Token) -> int:
    if isinstance(value, Token):
        return value.column or 1
    return value.meta.column if not value.meta.empty else 1


def _unquote(token: Token) -> str:
    body = str(token)[1:-1]
    return re.sub(r"\\(.)", r"\1", body)
