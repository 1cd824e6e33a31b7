"""The filter parser: normalised values, precise errors."""

from __future__ import annotations

import pytest

from matmine.errors import QuerySyntaxError
from matmine.index.parser import parse_filter
from matmine.index.syntax import And, Comparison, ElementsHas, Not, Or, Starts


@pytest.mark.parametrize(("text", "expected"), [
    ('elements HAS ALL "Li","P","S"', ElementsHas("all", ("Li", "P", "S"))),
    ("elements has any Li, Ge", ElementsHas("any", ("Li", "Ge"))),
    ('elements HAS ONLY "O"', ElementsHas("only", ("O",))),
    ('elements HAS "Al"', ElementsHas("all", ("Al",))),
    ("ionic_conductivity >= 1 mS/cm", Comparison("ionic_conductivity", ">=", 0.001)),
    ("conductivity > 1e-4 S/cm", Comparison("conductivity", ">", 1e-4)),
    ("conductivity ≥ 10 S/m", Comparison("conductivity", ">=", 0.1)),
    ("activation_energy < 300 meV", Comparison("activation_energy", "<", 0.3)),
    ("temperature <= 330 K", Comparison("temperature", "<=", 330.0)),
    ('chemsys = "S-P-Li-Ge"', Comparison("chemsys", "=", "Ge-Li-P-S")),
    ('formula = "Li10GeP2S12"', Comparison("formula", "=", "Ge1Li10P2S12")),
    ('kind = "PATENT"', Comparison("kind", "=", "patent")),
    ('cpc STARTS WITH "H01M 10/056"', Starts("cpc", "H01M10/056")),
    ("published >= 2011-01-01", Comparison("published", ">=", 20110101)),
    ("published > 2011", Comparison("published", ">", 20111231)),
    ("space_group = 137", Comparison("space_group", "=", 137)),
    ('structure_type = "LGPS-type"', Comparison("structure_type", "=", "lgps")),
    ("nelements != 3", Comparison("nelements", "!=", 3)),
    ("scope = bulk", Comparison("scope", "=", "bulk")),
    ('scope != "Grain boundary"', Comparison("scope", "!=", "grain_boundary")),
    ("kind = PATENT", Comparison("kind", "=", "patent")),
    ("temperature_max < 400 K", Comparison("temperature_max", "<", 400.0)),
    # atmosphere: the label without case or spaces; one word may go unquoted
    ("atmosphere = air", Comparison("atmosphere", "=", "air")),
    ("atmosphere = H2", Comparison("atmosphere", "=", "h2")),
    ('atmosphere = "Wet H2"', Comparison("atmosphere", "=", "weth2")),
    ("atmosphere != 'dry  Air'", Comparison("atmosphere", "!=", "dryair")),
    ('atmosphere = "5 % H2/Ar"', Comparison("atmosphere", "=", "5%h2/ar")),
    ('atmosphere = "H2/N2 (5%/95%)"', Comparison("atmosphere", "=", "h2/n2(5%/95%)")),
    ("NOT atmosphere = air", Not(Comparison("atmosphere", "=", "air"))),
])
def test_values_are_normalised(text: str, expected: object) -> None:
    assert parse_filter(text) == expected


def test_temperature_in_celsius() -> None:
    node = parse_filter("temperature <= 60 °C")
    assert isinstance(node, Comparison) and node.value == pytest.approx(333.15)


def test_temperature_ends_convert_units_like_temperature() -> None:
    for field in ("temperature", "temperature_min", "temperature_max"):
        node = parse_filter(f"{field} >= 25 °C")
        assert isinstance(node, Comparison) and node.field == field
        assert node.value == pytest.approx(298.15)


def test_precedence_and_grouping() -> None:
    node = parse_filter('kind = "paper" OR kind = "patent" AND NOT elements HAS "O"')
    assert isinstance(node, Or) and isinstance(node.items[1], And)
    assert isinstance(node.items[1].items[1], Not)
    grouped = parse_filter('(kind = "paper" OR kind = "patent") AND year = 2011')
    assert isinstance(grouped, And) and isinstance(grouped.items[0], Or)


def test_year_equality_is_a_range() -> None:
    assert parse_filter("published = 2011") == And((
        Comparison("published", ">=", 20110101), Comparison("published", "<=", 20111231)))


@pytest.mark.parametrize(("text", "column", "fragment"), [
    ("ionic_conductivity >= 1", 23, "expected a unit after 1"),
    ("ionic_conductivity >= 1 AND kind = \"patent\"", 23, "expected a unit after 1"),
    ("ionic_conductivity >= 1 eV", 25, "not a unit of conductivity"),
    ("temperature <= 330", 16, "expected a unit"),
    ('colour = "red"', 1, "unknown field 'colour'"),
    ('elements HAS "Xx"', 14, "unknown element 'Xx'"),
    ('kind = "patent', 8, "unterminated string"),
    ('(kind = "patent"', 17, "expected ')'"),
    ('kind = "book"', 8, 'kind is "paper" or "patent"'),
    ("published >= 2011-13-01", 14, "is not a date"),
    ('nelements >= "four"', 14, "takes a number"),
    ('chemsys < "Li-S"', 9, "compared with = or !="),
    ('formula = "Li10Xx"', 11, "cannot read formula"),
    ("space_group = 999", 15, "1 to 230"),
    ('kind STARTS "pat"', 1, "STARTS works on"),
    ("nelements HAS 4", 15, "expected ALL, ANY, ONLY"),
    ("nelements HAS \"Li\"", 1, "HAS works on elements only"),
    ("", 1, "empty"),
    ("scope = bulky", 9, 'scope is "bulk", "grain_boundary" or "total", not \'bulky\''),
    ("scope = 3", 9, 'scope is "bulk", "grain_boundary" or "total"'),
    ("scope > bulk", 7, "scope is compared with = or !=, not >"),
    ("scope = grain-boundary", 14, "expected ')', AND or OR, got '-'"),
    ("formula = Li3PS4", 11, "formula takes a quoted string"),
    ("temperature_min <= 300", 20, "expected a unit after 300"),
    ("temperature_max <= 3 eV", 22, "not a unit of temperature"),
    ("kind =", 7, "expected a date (YYYY-MM-DD), a number, a quoted string or a word"),
    ("atmosphere > air", 12, "atmosphere is compared with = or !=, not >"),
    ('atmosphere = ""', 14, 'atmosphere needs a gas label such as air, "wet H2"'),
    ("atmosphere = 5% H2/Ar", 14,
     'atmosphere takes one word or a quoted string, e.g. atmosphere = "wet H2"'),
    ("atmosphere = wet H2", 18,
     "got 'H2' (quote a label that is not a single word: atmosphere = \"wet H2\")"),
    ("atmosphere = H2/N2", 16, "got '/' (quote a label that is not a single word:"),
    ("atmosphere = air )", 18, "expected the end of the filter, got ')'"),
    ('atmosphere STARTS "wet"', 1, "STARTS works on"),
])
def test_errors_point_at_the_problem(text: str, column: int, fragment: str) -> None:
    with pytest.raises(QuerySyntaxError) as excinfo:
        parse_filter(text)
    assert excinfo.value.column == column
    message = str(excinfo.value)
    assert message.startswith(f"bad filter at column {column}: ")
    assert fragment in message


def test_limits() -> None:
    with pytest.raises(QuerySyntaxError, match="nested deeper"):
        parse_filter("(" * 40 + 'kind = "paper"' + ")" * 40)
    with pytest.raises(QuerySyntaxError, match="more than 256 conditions"):
        parse_filter(" AND ".join(["nelements = 3"] * 300))
    with pytest.raises(QuerySyntaxError, match="more than 256 NOTs"):
        parse_filter("NOT " * 300 + 'kind = "paper"')
    with pytest.raises(QuerySyntaxError, match="limit is"):
        parse_filter("x" * 30_000)
    assert parse_filter("NOT " * 20 + 'kind = "paper"') is not None
