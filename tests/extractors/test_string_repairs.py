"""Material strings written in ways the formula grammar alone does not read."""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material
from matmine.extractors.string_repairs import repair_material_string


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        # a full stop as the adduct dot, between two neutral compounds
        ("La2O3.2ZrO2", {"La": 2, "Zr": 2, "O": 7}),
        ("Na2O.2SiO2", {"Na": 2, "Si": 2, "O": 5}),
        ("Al2O3.2SiO2.2H2O", {"Al": 2, "Si": 2, "O": 9, "H": 4}),
        ("Li2S.P2S5", {"Li": 2, "P": 2, "S": 6}),
        # … but a decimal stays a decimal
        ("Li6.4La3Zr1.4Ta0.6O12", {"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}),
        ("Ce0.8Gd0.2O1.9", {"Ce": 0.8, "Gd": 0.2, "O": 1.9}),
        # a system and its ratio: 0.75 Li2S + 0.25 P2S5 per 100 → Li1.5 P0.5 S2 per 1
        ("Li₂S–P₂S₅ (75:25)", {"Li": 1.5, "P": 0.5, "S": 2}),
        ("Li2S:P2S5 = 75:25", {"Li": 1.5, "P": 0.5, "S": 2}),
        ("Li2S-P2S5 glass (70:30 mol%)", {"Li": 1.4, "P": 0.6, "S": 2.2}),
        ("Li2S-P2S5-LiI (3:1:1)", {"Li": 7, "P": 2, "S": 8, "I": 1}),
        # PDF damage, decimal commas, vulgar fractions, full width
        ("Ce0,9Gd0,1O1,95", {"Ce": 0.9, "Gd": 0.1, "O": 1.95}),
        ("Li7-xLa3Zr2-xTaxO12 (x ¼ 0.25)", {"Li": 6.75, "La": 3, "Zr": 1.75, "Ta": 0.25, "O": 12}),
        ("Li1þxAlxTi2−x(PO4)3 (x = 0.3)", {"Li": 1.3, "Al": 0.3, "Ti": 1.7, "P": 3, "O": 12}),
        ("LiNi⅓Co⅓Mn⅓O2", {"Li": 1, "Ni": 1 / 3, "Co": 1 / 3, "Mn": 1 / 3, "O": 2}),
        ("Ｌｉ２Ｓ", {"Li": 2, "S": 1}),
        # purity and supplier notes
        ("Li2S (99.9%, Sigma-Aldrich)", {"Li": 2, "S": 1}),
        ("P2S5 (99%)", {"P": 2, "S": 5}),
        ("Li2(PO2N)", {"Li": 2, "P": 1, "O": 2, "N": 1}),  # "2N" here is no purity grade
        # an amount of dopant on the cation site of a binary oxide, oxygen to the charges
        ("10 mol% Gd-doped CeO2", {"Ce": 0.9, "Gd": 0.1, "O": 1.95}),
        ("20 mol% Sm-doped ceria", {"Ce": 0.8, "Sm": 0.2, "O": 1.9}),
        # the form of a sample after its formula, a graphitic phase prefix
        ("Li3PS4 glass", {"Li": 3, "P": 1, "S": 4}),
        ("g-C3N4", {"C": 3, "N": 4}),
    ],
)
def test_repaired_strings_parse(text: str, composition: dict[str, float]) -> None:
    material = parse_material(text)
    assert material.error is None
    assert material.composition == pytest.approx(composition)


def test_dopant_written_first_or_its_amount_last() -> None:
    assert repair_material_string("Al:LLZO") == "LLZO:Al"
    assert parse_material("Al:LLZO").dopants == ("Al",)
    assert repair_material_string("Y2O3:Eu3+ 5 mol%") == "Y2O3:5 mol% Eu3+"
    assert parse_material("Y2O3:Eu3+ 5 mol%").dopants == ("Eu",)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("SOFCs", "plural of an abbreviation"),  # never S, O, F, Cs
        ("SSEs", "plural of an abbreviation"),
        ("(Li2S)0.7(P2S5", "unbalanced brackets"),
        ("Li2S)3", "unbalanced brackets"),
    ],
)
def test_strings_that_are_not_formulas(text: str, error: str) -> None:
    material = parse_material(text)
    assert material.composition == {} and error in (material.error or "")


def test_a_list_of_values_is_not_a_decimal_comma() -> None:
    assert repair_material_string("x = 0.1,0.2") == "x = 0.1,0.2"


@pytest.mark.parametrize(("text", "composition"), [
    ("8 mol% yttria-stabilized zirconia", {"Zr": 0.92, "Y": 0.16, "O": 2.08}),
    ("3 mol.% Y2O3-stabilized ZrO2", {"Zr": 0.97, "Y": 0.06, "O": 2.03}),
    ("10 mol% scandia-stabilized zirconia", {"Zr": 0.9, "Sc": 0.2, "O": 2.1}),
])
def test_stabilised_zirconia_by_name_and_mol_percent(text: str, composition: dict) -> None:
    assert parse_material(text).composition == pytest.approx(composition)


@pytest.mark.parametrize(("text", "composition"), [
    ("“Li7La3Zr2O12”", {"Li": 7, "La": 3, "Zr": 2, "O": 12}),  # quotes and a full stop
    ("Li7La3Zr2O12.", {"Li": 7, "La": 3, "Zr": 2, "O": 12}),
    ("Li(s)", {"Li": 1}),  # a state of matter
    ("Li 7−x La 3 Zr 2−x Ta x O 12 (x = 0.25)", {"Li": 6.75, "La": 3, "Zr": 1.75, "Ta": 0.25, "O": 12}),
    ("Li7-xLa3Zr2-xTaxO12 (x = 1/4)", {"Li": 6.75, "La": 3, "Zr": 1.75, "Ta": 0.25, "O": 12}),
    ("Super P", {"C": 1}),
    ("CO", {"C": 1, "O": 1}),  # a real two-capital molecule
])
def test_more_written_forms(text: str, composition: dict) -> None:
    assert parse_material(text).composition == pytest.approx(composition)


@pytest.mark.parametrize("text", ["CV", "UV", "SP", "ICP-MS", "IR"])
def test_capital_abbreviations_are_not_element_strings(text: str) -> None:
    material = parse_material(text)
    assert material.composition == {} and material.elements == () and material.error


def test_sialon_is_a_variable_formula_not_one_of_each() -> None:
    material = parse_material("β-SiAlON:Eu")
    assert material.composition == {}  # z is not given: Si6−zAlzOzN8−z
    assert set(material.elements) == {"Si", "Al", "O", "N"}
