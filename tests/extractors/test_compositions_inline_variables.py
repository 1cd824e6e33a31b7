"""Variable values written in the material string itself, and variables left free.

Expected compositions are worked out by hand from the formula as written,
e.g. Li7-xLa3Zr2-xTaxO12 at x = 0.25 → Li 7 - 0.25 = 6.75, Zr 2 - 0.25 = 1.75.
"""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material, parse_material_report
from matmine.extractors.variable_definitions import split_variable_definitions

LLZTO_025 = {"Li": 6.75, "La": 3, "Zr": 1.75, "Ta": 0.25, "O": 12}


def approx(expected: dict[str, float]) -> dict[str, object]:
    return {el: pytest.approx(v, abs=1e-9) for el, v in expected.items()}


@pytest.mark.parametrize(
    ("text", "expected", "variables"),
    [
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.25)", LLZTO_025, {"x": 0.25}),
        ("Li7-xLa3Zr2-xTaxO12, x = 0.25", LLZTO_025, {"x": 0.25}),
        ("Li7−xLa3Zr2−xTaxO12 with x=0.25", LLZTO_025, {"x": 0.25}),
        ("Li7-xLa3Zr2-xTaxO12 [x = 0.25]", LLZTO_025, {"x": 0.25}),
        ("Li7-xLa3Zr2-xTaxO12 where x = 0.25", LLZTO_025, {"x": 0.25}),
        # 0.7 Li2S + 0.3 P2S5: Li 1.4, P 0.6, S 0.7 + 1.5
        ("xLi2S-(1-x)P2S5 (x=0.7)", {"Li": 1.4, "P": 0.6, "S": 2.2}, {"x": 0.7}),
        ("Li1+xAlxTi2-x(PO4)3 (x = 0.3)", {"Li": 1.3, "Al": 0.3, "Ti": 1.7, "P": 3, "O": 12}, {"x": 0.3}),
        # two variables: Li 1 + 0.1, Mn 2 - 0.1, O 4 - 0.2, F 0.2
        ("Li1+xMn2-xO4-zFz (x = 0.1, z = 0.2)", {"Li": 1.1, "Mn": 1.9, "O": 3.8, "F": 0.2},
         {"x": 0.1, "z": 0.2}),
    ],
)
def test_inline_value_is_substituted(text: str, expected: dict[str, float], variables: dict) -> None:
    material = parse_material(text)
    assert material.error is None, material.error
    assert material.composition == approx(expected)
    assert material.variables == variables


def test_inline_range_is_kept_and_composition_left_empty() -> None:
    report = parse_material_report("Li6+xP1−xGexS5I (0 ≤ x ≤ 0.6)")
    material = report.material
    assert material.error is None
    assert material.variables == {"x": (0.0, 0.6)}
    assert material.composition == {}
    assert material.elements == ("Ge", "I", "Li", "P", "S")
    assert report.free_variables == ()


def test_inline_range_written_with_a_dash() -> None:
    material = parse_material("Li7-xLa3Zr2-xTaxO12 (x = 0.2-0.6)")
    assert material.variables == {"x": (0.2, 0.6)}
    assert material.composition == {}


def test_several_values_are_a_series_not_a_composition() -> None:
    report = parse_material_report("Li7-xLa3Zr2-xTaxO12 (x = 0.1, 0.2)")
    assert report.material.error is None
    assert report.material.composition == {}
    assert report.material.elements == ("La", "Li", "O", "Ta", "Zr")
    assert report.several_values == {"x": (0.1, 0.2)}
    assert report.material.variables == {}
    assert report.free_variables == ()


def test_given_variables_win_over_inline_values() -> None:
    material = parse_material("Li7-xLa3Zr2-xTaxO12 (x = 0.25)", {"x": 0.5})
    assert material.composition == approx({"Li": 6.5, "La": 3, "Zr": 1.5, "Ta": 0.5, "O": 12})
    assert material.variables == {"x": 0.5}


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("Li10+xGe1+xP2-xS12", ("x",)),
        ("Li1+xMn2-xO4-zFz", ("x", "z")),
        ("Y0.8Ca0.2Ba2Cu3Oy", ("y",)),  # no constant next to y: not a small deficiency
        # oxygen non-stoichiometry needs no value
        ("Ba0.5Sr0.5Co0.8Fe0.2O3-δ", ()),
        ("SrCo1−xNbxO3−δ", ("x",)),
        ("Li10GeP2S12", ()),
    ],
)
def test_free_variables_are_listed(text: str, free: tuple[str, ...]) -> None:
    assert parse_material_report(text).free_variables == free


def test_nonstoichiometry_stays_nominal() -> None:
    material = parse_material("Ba0.5Sr0.5Co0.8Fe0.2O3-δ")
    assert material.composition == approx({"Ba": 0.5, "Sr": 0.5, "Co": 0.8, "Fe": 0.2, "O": 3})


@pytest.mark.parametrize(
    ("text", "formula", "definitions"),
    [
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.25)", "Li7-xLa3Zr2-xTaxO12", {"x": 0.25}),
        ("xLi2S-(1-x)P2S5; 0 < x < 1", "xLi2S-(1-x)P2S5", {"x": (0.0, 1.0)}),
        ("Li7-xLa3Zr2-xTaxO12 (x = 0.1, 0.2 and 0.3)", "Li7-xLa3Zr2-xTaxO12", {"x": [0.1, 0.2, 0.3]}),
        # not definitions: left alone
        ("Li10GeP2S12 (LGPS)", "Li10GeP2S12 (LGPS)", {}),
        ("Ba(Zr0.1Ce0.7Y0.2)O3", "Ba(Zr0.1Ce0.7Y0.2)O3", {}),
        ("lithium sulfide (Li2S)", "lithium sulfide (Li2S)", {}),
    ],
)
def test_split_variable_definitions(text: str, formula: str, definitions: dict) -> None:
    assert split_variable_definitions(text) == (formula, definitions)


def test_abbreviation_pairs_still_read() -> None:
    material = parse_material("Li10GeP2S12 (LGPS)")
    assert material.abbreviation == "LGPS"
    assert material.composition == approx({"Li": 10, "Ge": 1, "P": 2, "S": 12})
