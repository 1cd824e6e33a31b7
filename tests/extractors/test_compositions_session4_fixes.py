"""Session 4 fixes of the composition parser, found by probing with real text.

Every expected composition below is worked out by hand from the formula as
written (the arithmetic is in the comments), not copied from the parser.
"""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material
from matmine.extractors.dopants import Dopant, split_dopant_suffix
from matmine.extractors.string_repairs import is_neutral_compound, repair_material_string


def _composition(text: str) -> dict[str, float]:
    m = parse_material(text)
    assert m.error is None, m.error
    return m.composition


# ------------------------------------------------------------ 1. bracketed decimal amounts


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        # Bi 2×0.735, Er 2×0.21, W 0.055, O 3×0.735 + 3×0.21 + 3×0.055 = 2.205 + 0.63 + 0.165
        ("(Bi2O3)0.735(Er2O3)0.21(WO3)0.055", {"Bi": 1.47, "Er": 0.42, "W": 0.055, "O": 3.0}),
        # Li 2×0.7, P 2×0.3, S 0.7 + 5×0.3
        ("(Li2S)0.7(P2S5)0.3", {"Li": 1.4, "P": 0.6, "S": 2.2}),
        # Bi 2×1.5, Er 2×2.5, W 1, O 4.5 + 7.5 + 3
        ("(Bi2O3)1.5(Er2O3)2.5(WO3)", {"Bi": 3, "Er": 5, "W": 1, "O": 15}),
        # real adduct dots still read: O 3 + 2×2; hydrate O 6 + 6, H 6×2
        ("La2O3.2ZrO2", {"La": 2, "Zr": 2, "O": 7}),
        ("Mg(NO3)2.6H2O", {"Mg": 1, "N": 2, "O": 12, "H": 12}),
    ],
)
def test_decimal_amounts_of_bracketed_components(text: str, composition: dict[str, float]) -> None:
    assert _composition(text) == pytest.approx(composition)


def test_bracket_amount_decimal_is_not_an_adduct_dot() -> None:
    text = "(Bi2O3)0.735(Er2O3)0.21(WO3)0.055"
    assert repair_material_string(text) == text
    assert parse_material(text).formula == text


# ------------------------------------------------------------ 2. sample labels


@pytest.mark.parametrize("text", ["4Er8Ho4Tb", "5Yb2Er", "0.5Er1.5Yb"])
def test_amount_before_every_element_is_a_sample_label(text: str) -> None:
    m = parse_material(text)
    assert m.composition == {}
    assert m.error is not None and "sample label" in m.error


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        # Li 2×0.75, P 2×0.25, S 0.75 + 5×0.25
        ("75Li2S·25P2S5", {"Li": 1.5, "P": 0.5, "S": 2.0}),
        ("0.75Li2S-0.25P2S5", {"Li": 1.5, "P": 0.5, "S": 2.0}),
        # O 4 + 5, H 5×2
        ("CuSO4·5H2O", {"Cu": 1, "S": 1, "O": 9, "H": 10}),
        # a coefficient and a compound: 2 × Li2S
        ("2Li2S", {"Li": 4, "S": 2}),
    ],
)
def test_mixtures_and_hydrates_are_not_labels(text: str, composition: dict[str, float]) -> None:
    assert _composition(text) == pytest.approx(composition)


# ------------------------------------------------------------ 3. coded SOFC abbreviations


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        # Ce/Gd tenths; O = 2 − 0.1/2
        ("CGO91", {"Ce": 0.9, "Gd": 0.1, "O": 1.95}),
        # not tenths (2 + 0 ≠ 10): 20 mol% Gd, O = 2 − 0.2/2
        ("CGO20", {"Ce": 0.8, "Gd": 0.2, "O": 1.9}),
        # Zr 0.7, Ce 0.2, Y the rest 0.1 (letter order)
        ("BZCY72", {"Ba": 1, "Zr": 0.7, "Ce": 0.2, "Y": 0.1, "O": 3}),
        ("BZCY172", {"Ba": 1, "Zr": 0.1, "Ce": 0.7, "Y": 0.2, "O": 3}),
        ("BZCY7", {"Ba": 1, "Zr": 0.1, "Ce": 0.7, "Y": 0.2, "O": 3}),
        ("BZCYYb4411", {"Ba": 1, "Zr": 0.4, "Ce": 0.4, "Y": 0.1, "Yb": 0.1, "O": 3}),
        ("BCZYYb7111", {"Ba": 1, "Ce": 0.7, "Zr": 0.1, "Y": 0.1, "Yb": 0.1, "O": 3}),
        # O = 3 − 0.2/2 − 0.2/2
        ("LSGM8282", {"La": 0.8, "Sr": 0.2, "Ga": 0.8, "Mg": 0.2, "O": 2.8}),
        # O = 3 − 0.1/2 − 0.2/2
        ("LSGM9182", {"La": 0.9, "Sr": 0.1, "Ga": 0.8, "Mg": 0.2, "O": 2.85}),
        ("PBSCF", {"Pr": 1, "Ba": 0.5, "Sr": 0.5, "Co": 1.5, "Fe": 0.5, "O": 5}),
        ("PNO", {"Pr": 2, "Ni": 1, "O": 4}),
        ("SBCO", {"Sm": 1, "Ba": 1, "Co": 2, "O": 5}),
    ],
)
def test_coded_sofc_abbreviations(text: str, composition: dict[str, float]) -> None:
    assert _composition(text) == pytest.approx(composition)


@pytest.mark.parametrize("text", ["BZCY20", "PBCO", "LST"])
def test_abbreviations_without_one_composition_give_an_error(text: str) -> None:
    m = parse_material(text)
    assert m.composition == {} and m.error is not None


# ------------------------------------------------------------ 4. systems without a ratio


@pytest.mark.parametrize("text", ["Li2S–P2S5", "Li2S-P2S5", "Na3PS4–Na4SiS4", "Li2S–P2S5 glasses"])
def test_a_system_without_a_ratio_is_not_one_composition(text: str) -> None:
    m = parse_material(text)
    assert m.composition == {}
    assert m.error is not None and "system of compounds without a ratio" in m.error


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        # Li 2×0.75, P 2×0.25, S 0.75 + 5×0.25
        ("Li2S–P2S5 (75:25)", {"Li": 1.5, "P": 0.5, "S": 2.0}),
        ("0.75Li2S–0.25P2S5", {"Li": 1.5, "P": 0.5, "S": 2.0}),
        # the adduct Li2S·P2S5 is one compound, Li2P2S6
        ("Li2S·P2S5", {"Li": 2, "P": 2, "S": 6}),
        # composites: Ni + (ZrO2)0.92(Y2O3)0.08, O 0.92×2 + 0.08×3 = 2.08
        ("Ni-YSZ", {"Ni": 1, "Zr": 0.92, "Y": 0.16, "O": 2.08}),
        # NiO + Ce0.9Gd0.1O1.95: O 1 + 1.95
        ("NiO–GDC", {"Ni": 1, "Ce": 0.9, "Gd": 0.1, "O": 2.95}),
        # three components keep the count-once reading: Ba 1 + 1, O 1 + 3
        ("BaO-B2O3-BaF2", {"Ba": 2, "B": 2, "O": 4, "F": 2}),
    ],
)
def test_ratios_and_composites_still_read(text: str, composition: dict[str, float]) -> None:
    assert _composition(text) == pytest.approx(composition)


def test_is_neutral_compound() -> None:
    assert is_neutral_compound("Na3PS4") and is_neutral_compound("P2S5")
    assert not is_neutral_compound("(Bi2O3)0")  # a cut decimal amount, not a compound
    assert not is_neutral_compound("Ni")


# ------------------------------------------------------------ 5. dopant after the host

LLZO = {"Li": 7, "La": 3, "Zr": 2, "O": 12}


@pytest.mark.parametrize(
    ("text", "dopants"),
    [("LLZO-Al", ("Al",)), ("Li7La3Zr2O12-Al", ("Al",)), ("LLZO-Al,Ga", ("Al", "Ga")),
     ("LLZ:Al", ("Al",))],
)
def test_a_metal_after_a_conductor_is_its_dopant(text: str, dopants: tuple[str, ...]) -> None:
    m = parse_material(text)
    assert m.composition == pytest.approx(LLZO)
    assert m.dopants == dopants


def test_suffix_is_not_a_dopant_of_other_hosts_or_a_non_metal() -> None:
    # YSZ + Ni: O 0.92×2 + 0.08×3
    assert _composition("YSZ-Ni") == pytest.approx({"Zr": 0.92, "Y": 0.16, "O": 2.08, "Ni": 1})
    assert parse_material("YSZ-Ni").dopants == ()
    assert parse_material("LiFePO4-C").dopants == ()  # carbon-coated, not C-doped
    assert split_dopant_suffix("LLZO-Al") == ([Dopant("Al")], "LLZO")
    assert split_dopant_suffix("LiFePO4-C") is None
    assert split_dopant_suffix("Li2S-P2S5") is None


# ------------------------------------------------------------ 6. ternary halide names


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        ("lithium indium chloride", {"Li": 3, "In": 1, "Cl": 6}),
        ("Lithium yttrium chloride", {"Li": 3, "Y": 1, "Cl": 6}),
        ("lithium scandium chloride", {"Li": 3, "Sc": 1, "Cl": 6}),
        ("lithium zirconium chloride", {"Li": 2, "Zr": 1, "Cl": 6}),
        ("indium chloride", {"In": 1, "Cl": 3}),
    ],
)
def test_ternary_halide_names(text: str, composition: dict[str, float]) -> None:
    assert _composition(text) == pytest.approx(composition)


def test_ternary_name_without_a_listed_formula_is_an_error() -> None:
    m = parse_material("lithium holmium chloride")
    assert m.composition == {} and m.error is not None
