"""Mixed sites and placeholders: elements listed, composition left empty, never invented."""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material, parse_material_report
from matmine.extractors.formula_grammar import is_formula
from matmine.extractors.periodic_table import ELEMENTS


@pytest.mark.parametrize(
    ("text", "elements", "site"),
    [
        ("(Ba,Sr)(Co,Fe)O3", ("Ba", "Co", "Fe", "O", "Sr"), "(Ba,Sr) and (Co,Fe)"),
        ("(La,Sr)MnO3", ("La", "Mn", "O", "Sr"), "(La,Sr)"),
        ("BaCo1-x(Sm/Ce)xO3-δ", ("Ba", "Ce", "Co", "O", "Sm"), "(Sm/Ce)"),
        ("(Li,Na)3PS4", ("Li", "Na", "P", "S"), "(Li,Na)"),
        ("(Y,In)BaCo3ZnO7+δ", ("Ba", "Co", "In", "O", "Y", "Zn"), "(Y,In)"),
        ("(Ba, Sr)(Co, Fe)O3", ("Ba", "Co", "Fe", "O", "Sr"), "(Ba,Sr) and (Co,Fe)"),
    ],
)
def test_mixed_sites_list_elements_without_a_composition(text: str, elements: tuple, site: str) -> None:
    material = parse_material(text)
    assert material.elements == elements
    assert material.composition == {}
    assert material.error is not None
    assert material.error.startswith("site occupancies not given: " + site)


def test_one_mixed_site_reads_as_a_sentence() -> None:
    assert parse_material("(La,Sr)MnO3").error == "site occupancies not given: (La,Sr) shares a site"


@pytest.mark.parametrize(
    ("text", "elements", "placeholder"),
    [
        ("SrFe1-xMxO3", ("Fe", "O", "Sr"), "'M'"),
        ("SrFe1-xMxO3-z", ("Fe", "O", "Sr"), "'M'"),
        ("LnBaCo2O5+δ", ("Ba", "Co", "O"), "'Ln'"),
        ("La0.4Ba0.6Ti0.6RE0.4O3", ("Ba", "La", "O", "Ti"), "'RE'"),
        ("(Ni1-x M x)Mn2O4", ("Mn", "Ni", "O"), "'M'"),
        ("LiMO2", ("Li", "O"), "'M'"),
        # A and B are the perovskite site letters, not boron
        ("ABO3", ("O",), "'A' and 'B'"),
    ],
)
def test_placeholders_are_named_not_invented(text: str, elements: tuple, placeholder: str) -> None:
    material = parse_material(text)
    assert material.elements == elements
    assert material.composition == {}
    assert material.error is not None and placeholder in material.error
    assert "unspecified element" in material.error


def test_placeholder_formula_still_lists_its_free_variables() -> None:
    assert parse_material_report("SrFe1-xMxO3").free_variables == ("x",)


@pytest.mark.parametrize("text", ["Li2Xq3", "(Ba,Qq)MnO3", "Mq2O3"])
def test_unknown_symbols_stay_errors(text: str) -> None:
    material = parse_material(text)
    assert material.error is not None and "unknown element symbol" in material.error
    assert material.elements == ()


def test_formula_with_its_abbreviation_is_not_read_as_a_placeholder() -> None:
    # "(PBFM)" right after the formula is its name, not a group P, B, F, M
    material = parse_material("(PrBa)0.95(Fe0.9Mo0.1)2O5+δ(PBFM)")
    assert material.error is None
    assert material.abbreviation == "PBFM"
    assert material.composition == pytest.approx({"Pr": 0.95, "Ba": 0.95, "Fe": 1.8, "Mo": 0.2, "O": 5})


def test_elements_are_real_elements_only() -> None:
    for text in ("(Ba,Sr)(Co,Fe)O3", "SrFe1-xMxO3", "LnBaCo2O5+δ", "REBa2Cu3O7", "MeO", "TM2O3"):
        material = parse_material(text)
        assert set(material.elements) <= ELEMENTS, text
        assert material.composition == {}, text


def test_is_formula_refuses_placeholders() -> None:
    assert is_formula("(Ba,Sr)MnO3")
    assert not is_formula("LiMO2")
