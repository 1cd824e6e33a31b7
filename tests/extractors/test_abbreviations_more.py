"""Abbreviations added to the lexicon, and those whose digits carry the composition.

Expected compositions worked out by hand from the usual literature meaning:
8YSZ is 8 mol% Y2O3 in ZrO2, so Zr 0.92, Y 0.16, O 0.92·2 + 0.08·3 = 2.08;
GDC10 is Ce0.9Gd0.1O1.95 (O = 2 − x/2); 10Sc1CeSZ is (ZrO2)0.89(Sc2O3)0.10(CeO2)0.01,
O = 1.78 + 0.30 + 0.02 = 2.10; NCM digits are Ni, Co, Mn (NMC: Ni, Mn, Co).
"""

from __future__ import annotations

import pytest

from matmine.extractors.abbreviations import AbbreviationCodeError, lookup_abbreviation
from matmine.extractors.compositions import parse_material
from matmine.extractors.material_mentions import find_material_mentions

THIRD = 1 / 3


def _ysz(mol_percent: float) -> dict[str, float]:
    x = mol_percent / 100
    return {"Zr": 1 - x, "Y": 2 * x, "O": 2 * (1 - x) + 3 * x}


def _ceria(dopant: str, x: float) -> dict[str, float]:
    return {"Ce": 1 - x, dopant: x, "O": 2 - x / 2}


def _layered(ni: float, co: float, mn: float) -> dict[str, float]:
    return {"Li": 1, "Ni": ni, "Co": co, "Mn": mn, "O": 2}


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        # proton conductors
        ("BZCYYb", {"Ba": 1, "Zr": 0.1, "Ce": 0.7, "Y": 0.1, "Yb": 0.1, "O": 3}),
        ("BZCYYb1711", {"Ba": 1, "Zr": 0.1, "Ce": 0.7, "Y": 0.1, "Yb": 0.1, "O": 3}),
        ("BZCY", {"Ba": 1, "Zr": 0.1, "Ce": 0.7, "Y": 0.2, "O": 3}),
        ("BZCY7", {"Ba": 1, "Zr": 0.1, "Ce": 0.7, "Y": 0.2, "O": 3}),
        ("BZY", {"Ba": 1, "Zr": 0.8, "Y": 0.2, "O": 3}),
        ("BZY20", {"Ba": 1, "Zr": 0.8, "Y": 0.2, "O": 3}),
        ("BZY10", {"Ba": 1, "Zr": 0.9, "Y": 0.1, "O": 3}),
        ("BCY", {"Ba": 1, "Ce": 0.9, "Y": 0.1, "O": 3}),
        ("BCY20", {"Ba": 1, "Ce": 0.8, "Y": 0.2, "O": 3}),
        # perovskites, double perovskites, Ruddlesden-Popper, NASICON
        ("BFO", {"Bi": 1, "Fe": 1, "O": 3}),
        ("NVP", {"Na": 3, "V": 2, "P": 3, "O": 12}),
        ("SSC", {"Sm": 0.5, "Sr": 0.5, "Co": 1, "O": 3}),
        ("BNT", {"Bi": 0.5, "Na": 0.5, "Ti": 1, "O": 3}),
        ("KNN", {"K": 0.5, "Na": 0.5, "Nb": 1, "O": 3}),
        ("LSC", {"La": 0.6, "Sr": 0.4, "Co": 1, "O": 3}),
        ("LSM", {"La": 0.8, "Sr": 0.2, "Mn": 1, "O": 3}),
        ("SFM", {"Sr": 2, "Fe": 1.5, "Mo": 0.5, "O": 6}),
        ("LNO", {"La": 2, "Ni": 1, "O": 4}),
        ("LSCF6428", {"La": 0.6, "Sr": 0.4, "Co": 0.2, "Fe": 0.8, "O": 3}),
        ("LSCF-6428", {"La": 0.6, "Sr": 0.4, "Co": 0.2, "Fe": 0.8, "O": 3}),
        ("LSCF 6428", {"La": 0.6, "Sr": 0.4, "Co": 0.2, "Fe": 0.8, "O": 3}),
        ("BSCF5582", {"Ba": 0.5, "Sr": 0.5, "Co": 0.8, "Fe": 0.2, "O": 3}),
        # doped ceria and stabilised zirconia, numbered
        ("GDC10", _ceria("Gd", 0.1)),
        ("GDC-10", _ceria("Gd", 0.1)),
        ("10GDC", _ceria("Gd", 0.1)),
        ("GDC20", _ceria("Gd", 0.2)),
        ("20GDC", _ceria("Gd", 0.2)),
        ("SDC20", _ceria("Sm", 0.2)),
        ("20SDC", _ceria("Sm", 0.2)),
        ("SDC15", _ceria("Sm", 0.15)),
        ("8YSZ", _ysz(8)),
        ("8-YSZ", _ysz(8)),
        ("3YSZ", _ysz(3)),
        ("3Y-TZP", _ysz(3)),
        ("10Sc1CeSZ", {"Zr": 0.89, "Sc": 0.2, "Ce": 0.01, "O": 2.1}),
        ("ScSZ", {"Zr": 0.9, "Sc": 0.2, "O": 2.1}),
        # battery electrodes
        ("LFP", {"Li": 1, "Fe": 1, "P": 1, "O": 4}),
        ("LCO", {"Li": 1, "Co": 1, "O": 2}),
        ("LMO", {"Li": 1, "Mn": 2, "O": 4}),
        ("LNMO", {"Li": 1, "Ni": 0.5, "Mn": 1.5, "O": 4}),
        ("NCA", {"Li": 1, "Ni": 0.8, "Co": 0.15, "Al": 0.05, "O": 2}),
        ("LTO", {"Li": 4, "Ti": 5, "O": 12}),
    ],
)
def test_abbreviation_gives_its_usual_composition(text: str, composition: dict[str, float]) -> None:
    m = parse_material(text)
    assert m.error is None
    assert m.composition == pytest.approx(composition)


@pytest.mark.parametrize("text", ["8 mol% YSZ", "8mol%YSZ", "8 mol.% YSZ", "8 m/o YSZ"])
def test_mole_percent_before_ysz_is_the_yttria_content(text: str) -> None:
    m = parse_material(text)
    assert m.error is None
    assert m.composition == pytest.approx(_ysz(8))  # not 0.08 × 8YSZ


def test_three_mole_percent_ysz() -> None:
    assert parse_material("3 mol% YSZ").composition == pytest.approx(_ysz(3))


def test_mole_percent_ysz_in_a_cermet_is_the_stabiliser_content() -> None:
    m = parse_material("NiO-8 mol% YSZ")
    assert m.composition == pytest.approx({"Ni": 1, **_ysz(8), "O": 1 + _ysz(8)["O"]})


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        ("NCM811", _layered(0.8, 0.1, 0.1)),
        ("NCM622", _layered(0.6, 0.2, 0.2)),
        ("NCM712", _layered(0.7, 0.1, 0.2)),
        ("NCM523", _layered(0.5, 0.2, 0.3)),
        # the commercial "532" material: Ni0.5 Mn0.3 Co0.2 whichever order is written
        ("NCM532", _layered(0.5, 0.2, 0.3)),
        ("NCM111", _layered(THIRD, THIRD, THIRD)),
        ("NCM9055", _layered(0.9, 0.05, 0.05)),
        ("NCM955", _layered(0.9, 0.05, 0.05)),
        ("NCM9.5.5", _layered(0.9, 0.05, 0.05)),
        ("NCM851005", _layered(0.85, 0.1, 0.05)),
        ("NCM-811", _layered(0.8, 0.1, 0.1)),
        ("NCM 811", _layered(0.8, 0.1, 0.1)),
        # NMC: Ni, Mn, Co
        ("NMC622", _layered(0.6, 0.2, 0.2)),
        ("NMC532", _layered(0.5, 0.2, 0.3)),
        ("NMC-532", _layered(0.5, 0.2, 0.3)),
        ("NMC111", _layered(THIRD, THIRD, THIRD)),
        ("NMC811", _layered(0.8, 0.1, 0.1)),
        ("NMC 721", _layered(0.7, 0.1, 0.2)),
    ],
)
def test_layered_oxide_code(text: str, composition: dict[str, float]) -> None:
    m = parse_material(text)
    assert m.error is None
    assert m.composition == pytest.approx(composition)
    assert m.family == "layered"


@pytest.mark.parametrize("text", ["NCM734", "NMC-734", "NCM12", "NCM9056", "LSCF6427", "BSCF1"])
def test_code_without_a_composition_is_an_error_not_a_guess(text: str) -> None:
    m = parse_material(text)
    assert m.error is not None
    assert m.composition == {}
    assert not {"N", "C", "M", "B", "S", "F"} & set(m.elements)  # no letters read as elements


def test_code_error_names_the_digits() -> None:
    with pytest.raises(AbbreviationCodeError, match="'734'"):
        lookup_abbreviation("NCM734")


def test_numbered_form_keeps_the_text_as_its_abbreviation() -> None:
    entry = lookup_abbreviation("GDC-10")
    assert entry is not None
    assert (entry.abbreviation, entry.formula) == ("GDC-10", "Ce0.9Gd0.1O1.95")


@pytest.mark.parametrize("text", ["YSZ60", "BZY", "NCM", "XRD"])
def test_not_a_numbered_form(text: str) -> None:
    entry = lookup_abbreviation(text)
    assert entry is None or entry.abbreviation == text  # BZY itself is a plain entry


def test_mentions_in_text() -> None:
    text = "The NCM811 cathode and BZCYYb electrolyte, SDC20 and LSCF6428."
    mentions = find_material_mentions(text)
    assert [m.text for m in mentions] == ["NCM811", "BZCYYb", "SDC20", "LSCF6428"]
    assert mentions[0].composition == pytest.approx(_layered(0.8, 0.1, 0.1))


def test_invalid_code_is_not_a_mention() -> None:
    assert find_material_mentions("The NCM734 sample was cycled.") == []


@pytest.mark.parametrize(("text", "composition"), [
    ("LSM20", {"La": 0.8, "Sr": 0.2, "Mn": 1, "O": 3}),  # 20 % Sr
    ("LSM82", {"La": 0.8, "Sr": 0.2, "Mn": 1, "O": 3}),  # A-site tenths
    ("LSF64", {"La": 0.6, "Sr": 0.4, "Fe": 1, "O": 3}),
    ("LSCr20", {"La": 0.8, "Sr": 0.2, "Cr": 1, "O": 3}),
    ("LSM-20", {"La": 0.8, "Sr": 0.2, "Mn": 1, "O": 3}),
])
def test_lanthanum_strontium_perovskites_with_their_sr_content(text: str, composition: dict) -> None:
    assert parse_material(text).composition == pytest.approx(composition)
