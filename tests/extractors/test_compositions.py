"""parse_material on every notation issue 3 lists.

Expected compositions are worked out by hand from the formula as written
(e.g. (La0.8Sr0.2)0.97 → La 0.776, Sr 0.194), never copied from the parser.
"""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material, reduced_formula


def approx(expected: dict[str, float]) -> dict[str, object]:
    return {el: pytest.approx(v, abs=1e-9) for el, v in expected.items()}


def comp(text: str, variables: dict | None = None) -> dict[str, float]:
    material = parse_material(text, variables)
    assert material.error is None, material.error
    return material.composition


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain, decimals, fractions
        ("Li10GeP2S12", {"Li": 10, "Ge": 1, "P": 2, "S": 12}),
        ("Li6.4La3Zr1.4Ta0.6O12", {"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}),
        ("Ag1/8Pr5/8MoO4", {"Ag": 0.125, "Pr": 0.625, "Mo": 1, "O": 4}),
        ("Na2/3Ni1/3Mn2/3O2", {"Na": 2 / 3, "Ni": 1 / 3, "Mn": 2 / 3, "O": 2}),
        # parentheses, brackets, nesting
        ("Li1.3Al0.3Ti1.7(PO4)3", {"Li": 1.3, "Al": 0.3, "Ti": 1.7, "P": 3, "O": 12}),
        ("(La0.8Sr0.2)0.97MnO3", {"La": 0.776, "Sr": 0.194, "Mn": 1, "O": 3}),
        ("Li0.6[Li0.2Sn0.8S2]", {"Li": 0.8, "Sn": 0.8, "S": 2}),
        ("Ti(OCH(CH3)2)4", {"Ti": 1, "O": 4, "C": 12, "H": 28}),
        ("[Na3Zr2Si2PO12]", {"Na": 3, "Zr": 2, "Si": 2, "P": 1, "O": 12}),
        ("(NH4)2HPO4", {"N": 2, "H": 9, "P": 1, "O": 4}),
        # hydrates with every dot people type
        ("CuSO4·5H2O", {"Cu": 1, "S": 1, "O": 9, "H": 10}),
        ("Mn(NO3)2×4H2O", {"Mn": 1, "N": 2, "O": 10, "H": 8}),
        ("(NH4)6Mo7O24⋅4H2O", {"N": 6, "H": 32, "Mo": 7, "O": 28}),
        ("(NH4)6Mo7O24.4H2O", {"N": 6, "H": 32, "Mo": 7, "O": 28}),
        ("CdCl2·2.5H2O", {"Cd": 1, "Cl": 2, "H": 5, "O": 2.5}),
        # oxygen non-stoichiometry is nominal 0 without a value
        ("La0.6Sr0.4Co0.2Fe0.8O3-δ", {"La": 0.6, "Sr": 0.4, "Co": 0.2, "Fe": 0.8, "O": 3}),
        ("Re0.2Ce0.8O2-d", {"Re": 0.2, "Ce": 0.8, "O": 2}),
        ("(La0.2Sr0.8)0.9Ti0.9Fe0.1O3±δ", {"La": 0.18, "Sr": 0.72, "Ti": 0.9, "Fe": 0.1, "O": 3}),
        ("YBa2Cu3O7-y", {"Y": 1, "Ba": 2, "Cu": 3, "O": 7}),
        # vacancies are kept in the formula, not in the composition
        ("Cd0.25Pr0.50□0.25WO4", {"Cd": 0.25, "Pr": 0.5, "W": 1, "O": 4}),
        # crystallographic uncertainties in brackets are not groups
        ("Ba0.5Sr0.5Co0.539(8)O2.81(3)", {"Ba": 0.5, "Sr": 0.5, "Co": 0.539, "O": 2.81}),
    ],
)
def test_formula_notations(text: str, expected: dict[str, float]) -> None:
    assert comp(text) == approx(expected)


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("Li10+xGe1+xP2-xS12", {"x": 0.5}, {"Li": 10.5, "Ge": 1.5, "P": 1.5, "S": 12}),
        ("Li7-xLa3Zr2-xTaxO12", {"x": 0.25}, {"Li": 6.75, "La": 3, "Zr": 1.75, "Ta": 0.25, "O": 12}),
        ("Li2SrTa2(1-x)Nb2xO7", {"x": 0.1}, {"Li": 2, "Sr": 1, "Ta": 1.8, "Nb": 0.2, "O": 7}),
        ("Ba[Mg(1-x)/3SnxTa2(1-x)/3]O3", {"x": 0.4}, {"Ba": 1, "Mg": 0.2, "Sn": 0.4, "Ta": 0.4, "O": 3}),
        ("Li1+xMn2-xO4-zFz", {"x": 0.1, "z": 0.2}, {"Li": 1.1, "Mn": 1.9, "O": 3.8, "F": 0.2}),
        ("SrCo1−xNbxO3−δ", {"x": 0.1, "δ": 0.25}, {"Sr": 1, "Co": 0.9, "Nb": 0.1, "O": 2.75}),
    ],
)
def test_variables_substituted(text: str, variables: dict, expected: dict[str, float]) -> None:
    material = parse_material(text, variables)
    assert material.error is None
    assert material.composition == approx(expected)
    assert material.variables == {k: v for k, v in variables.items()}


def test_variable_without_value_leaves_composition_empty_but_elements_known() -> None:
    material = parse_material("Li7-xLa3Zr2-xTaxO12")
    assert material.error is None
    assert material.composition == {}
    assert material.elements == ("La", "Li", "O", "Ta", "Zr")
    assert material.chemsys == "La-Li-O-Ta-Zr"
    assert material.formula == "Li7-xLa3Zr2-xTaxO12"


def test_variable_range_is_kept_and_composition_left_empty() -> None:
    material = parse_material("Li7-xLa3Zr2-xTaxO12", {"x": (0.0, 1.0)})
    assert material.variables == {"x": (0.0, 1.0)}
    assert material.composition == {}


def test_variable_at_zero_drops_the_element() -> None:
    material = parse_material("Li7-xLa3Zr2-xTaxO12", {"x": 0})
    assert material.composition == approx({"Li": 7, "La": 3, "Zr": 2, "O": 12})
    assert "Ta" not in material.elements


def test_negative_amount_is_an_error() -> None:
    material = parse_material("Li7-xLa3Zr2-xTaxO12", {"x": 3})
    assert material.error is not None and "negative" in material.error
    assert material.composition == {}


@pytest.mark.parametrize(
    ("text", "expected", "dopants"),
    [
        ("SrAl2O4:Eu0.01", {"Sr": 1, "Al": 2, "O": 4}, ("Eu",)),
        ("NaSrBO3:Tb3+", {"Na": 1, "Sr": 1, "B": 1, "O": 3}, ("Tb",)),
        ("Ca2BO3Cl:Sm3+, Eu3+", {"Ca": 2, "B": 1, "O": 3, "Cl": 1}, ("Sm", "Eu")),
        # the dopant fills the Ca site: 0.90 + 0.10 = 1
        ("Ca0.90Sr2Al2O6:0.10Eu3+", {"Ca": 0.9, "Eu": 0.1, "Sr": 2, "Al": 2, "O": 6}, ("Eu",)),
        ("LLZO:Ta", {"Li": 7, "La": 3, "Zr": 2, "O": 12}, ("Ta",)),
        ("Ga-doped LLZO", {"Li": 7, "La": 3, "Zr": 2, "O": 12}, ("Ga",)),
        ("Al, Ga co-doped Li7La3Zr2O12", {"Li": 7, "La": 3, "Zr": 2, "O": 12}, ("Al", "Ga")),
        ("tantalum-doped LLZO", {"Li": 7, "La": 3, "Zr": 2, "O": 12}, ("Ta",)),
    ],
)
def test_dopants(text: str, expected: dict[str, float], dopants: tuple[str, ...]) -> None:
    material = parse_material(text)
    assert material.error is None
    assert material.composition == approx(expected)
    assert material.dopants == dopants


def test_variable_dopant_enters_the_composition() -> None:
    material = parse_material("Ba3-xSiO5:Eux2+", {"x": 0.1})
    assert material.composition == approx({"Ba": 2.9, "Eu": 0.1, "Si": 1, "O": 5})


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("0.75Li2S–0.25P2S5", None, {"Li": 1.5, "S": 2.0, "P": 0.5}),
        ("75Li2S·25P2S5", None, {"Li": 1.5, "S": 2.0, "P": 0.5}),
        ("70Li2S-30P2S5", None, {"Li": 1.4, "S": 2.2, "P": 0.6}),
        ("(Li2S)0.7(P2S5)0.3", None, {"Li": 1.4, "S": 2.2, "P": 0.6}),
        ("xLi2S-(1-x)P2S5", {"x": 0.75}, {"Li": 1.5, "S": 2.0, "P": 0.5}),
        (
            "(1-x)Pb(Zr0.52Ti0.48)O3-xBaTiO3",
            {"x": 0.1},
            {"Pb": 0.9, "Zr": 0.468, "Ti": 0.432 + 0.1, "O": 3, "Ba": 0.1},
        ),
        ("0.8BiSmxFe1-xO3-0.2PbTiO3", {"x": 0.5},
         {"Bi": 0.8, "Sm": 0.4, "Fe": 0.4, "O": 3, "Pb": 0.2, "Ti": 0.2}),
        ("K2O·3Al2O3·6SiO2·2H2O", None, {"K": 2, "Al": 6, "Si": 6, "O": 24, "H": 4}),
        ("(1 - x)KNN-xBT", {"x": 0.2},
         {"K": 0.4, "Na": 0.4, "Nb": 0.8, "O": 3, "Ba": 0.2, "Ti": 0.2}),
        ("(Na0.5K0.5)NbO3 + 2 mol% CuF2", None,
         {"Na": 0.49, "K": 0.49, "Nb": 0.98, "O": 2.94, "Cu": 0.02, "F": 0.04}),
    ],
)
def test_mixtures_and_glasses(text: str, variables: dict | None, expected: dict[str, float]) -> None:
    assert comp(text, variables) == approx(expected)


@pytest.mark.parametrize(
    ("text", "formula", "family"),
    [
        ("LGPS", "Li10GeP2S12", "LGPS-type"),
        ("LLZO", "Li7La3Zr2O12", "garnet"),
        ("LLZTO", "Li6.4La3Zr1.4Ta0.6O12", "garnet"),
        ("LATP", "Li1.3Al0.3Ti1.7(PO4)3", "NASICON"),
        ("LAGP", "Li1.5Al0.5Ge1.5(PO4)3", "NASICON"),
        ("LiPON", "Li2.9PO3.3N0.46", "LiPON"),
        ("LPSCl", "Li6PS5Cl", "argyrodite"),
        ("LSPS", "Li10SiP2S12", "LGPS-type"),
        ("LYC", "Li3YCl6", "halide"),
        ("LIC", "Li3InCl6", "halide"),
        ("YSZ", "(ZrO2)0.92(Y2O3)0.08", "fluorite"),
        ("GDC", "Ce0.9Gd0.1O1.95", "fluorite"),
        ("LSCF", "La0.6Sr0.4Co0.2Fe0.8O3", "perovskite"),
        ("LSM", "La0.8Sr0.2MnO3", "perovskite"),
    ],
)
def test_lexicon_abbreviations(text: str, formula: str, family: str) -> None:
    material = parse_material(text)
    assert (material.formula, material.family, material.abbreviation) == (formula, family, text)


def test_numbered_stabilised_zirconia() -> None:
    # 3 mol% Y2O3 in ZrO2: Zr 0.97, Y 2 × 0.03, O 0.97 × 2 + 0.03 × 3
    assert comp("3YSZ") == approx({"Zr": 0.97, "Y": 0.06, "O": 2.03})
    assert comp("Ni-8YSZ")["Y"] == pytest.approx(0.16)


def test_lgps_is_not_l_g_p_s() -> None:
    material = parse_material("LGPS")
    assert material.elements == ("Ge", "Li", "P", "S")


def test_abbreviation_defined_with_its_formula() -> None:
    material = parse_material("Li10GeP2S12 (LGPS)")
    assert material.abbreviation == "LGPS"
    assert material.composition == approx({"Li": 10, "Ge": 1, "P": 2, "S": 12})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lithium sulfide", {"Li": 2, "S": 1}),
        ("lanthanum oxide", {"La": 2, "O": 3}),
        ("manganese (II) nitrate", {"Mn": 1, "N": 2, "O": 6}),
        ("europium(III) nitrate pentahydrate", {"Eu": 1, "N": 3, "O": 14, "H": 10}),
        ("zinc (II) acetate dihydrate", {"Zn": 1, "C": 4, "H": 10, "O": 6}),
        ("ferric perchlorate", {"Fe": 1, "Cl": 3, "O": 12}),
        ("antimony pentoxide", {"Sb": 2, "O": 5}),
        ("manganese di-oxide", {"Mn": 1, "O": 2}),
        ("Ammonium heptamolybdate", {"N": 6, "H": 24, "Mo": 7, "O": 24}),
        ("titanium(IV) oxide nanopowder", {"Ti": 1, "O": 2}),
        ("Er chlorides", {"Er": 1, "Cl": 3}),
        ("yttria-stabilized zirconia", {"Zr": 0.92, "Y": 0.16, "O": 2.08}),
        ("lithium metal", {"Li": 1}),
    ],
)
def test_chemical_names(text: str, expected: dict[str, float]) -> None:
    material = parse_material(text)
    assert material.error is None
    assert material.composition == approx(expected)
    assert material.name


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("manganese (II) nitrate Mn(NO3)2×4H2O", "manganese (II) nitrate", {"Mn": 1, "N": 2, "O": 10, "H": 8}),
        ("lutetium oxide Lu2O3(99.9", "lutetium oxide", {"Lu": 2, "O": 3}),
        ("ammonium molybdate [(NH4)6Mo7O24⋅4H2O]", "ammonium molybdate", {"N": 6, "H": 32, "Mo": 7, "O": 28}),
        ("lithium sulfide (Li2S)", "lithium sulfide", {"Li": 2, "S": 1}),
    ],
)
def test_name_and_formula_pairs(text: str, name: str, expected: dict[str, float]) -> None:
    material = parse_material(text)
    assert material.name == name
    assert material.composition == approx(expected)


def test_unstated_water_count_is_not_guessed() -> None:
    material = parse_material("Al-nitrate hydrate")
    assert material.error is None
    assert material.composition == {}
    assert set(material.elements) == {"Al", "N", "O", "H"}


def test_lists_of_materials_are_reported() -> None:
    material = parse_material("nickel (II) and manganese (II) acetates")
    assert material.error is not None and "several materials" in material.error


@pytest.mark.parametrize(
    "text",
    [
        "Li₁₀GeP₂S₁₂",  # subscript digits
        "Li 10 GeP 2 S 12",  # spaces a PDF put inside
        "Li10GeP2S12 ",
    ],
)
def test_unicode_and_pdf_damage(text: str) -> None:
    assert comp(text) == approx({"Li": 10, "Ge": 1, "P": 2, "S": 12})


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("Li7−xLa3Zr2–xTaxO12", {"x": 0.5}, {"Li": 6.5, "La": 3, "Zr": 1.5, "Ta": 0.5, "O": 12}),
        ("Li7/C0xLa3Zr2/C0xTaxO12", {"x": 0.5}, {"Li": 6.5, "La": 3, "Zr": 1.5, "Ta": 0.5, "O": 12}),
        ("CuSO4/C15H2O", None, {"Cu": 1, "S": 1, "O": 9, "H": 10}),
        ("Mn(NO3)2/C24H2O", None, {"Mn": 1, "N": 2, "O": 10, "H": 8}),
        ("Li 6 PS 5 Cl", None, {"Li": 6, "P": 1, "S": 5, "Cl": 1}),
        ("Li<sub>2</sub>S", None, {"Li": 2, "S": 1}),
        ("Li&#8322;S", None, {"Li": 2, "S": 1}),
    ],
)
def test_glyph_names_entities_and_dashes(text: str, variables: dict | None, expected: dict[str, float]) -> None:
    assert comp(text, variables) == approx(expected)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "XRD", "SEM", "Li2Xq3", "LiMO2", "(Y,In)BaCo3ZnO7", "hello world",
     "Li7La3Zr2O12:Qq", "((((((Li))))))" * 50, "x" * 1000, "S cm"],
)
def test_bad_strings_give_an_error_not_an_exception(text: str) -> None:
    material = parse_material(text)
    assert material.error, text
    assert material.composition == {}
    assert material.text == text


def test_never_invents_elements() -> None:
    for text in ("LGPS", "LLZO", "LPSCl", "YSZ", "SOFC", "MOF", "LiMO2"):
        material = parse_material(text)
        from matmine.extractors.periodic_table import ELEMENTS

        assert set(material.elements) <= ELEMENTS
        assert "L" not in material.composition and "G" not in material.composition


def test_non_string_input_does_not_raise() -> None:
    material = parse_material(None)  # type: ignore[arg-type]
    assert material.error


def test_material_fields() -> None:
    material = parse_material("Li10GeP2S12")
    assert material.elements == ("Ge", "Li", "P", "S")
    assert material.chemsys == "Ge-Li-P-S"
    assert material.reduced_formula == "Li10GeP2S12"
    assert material.formula == "Li10GeP2S12"


def test_reduced_formula_divides_by_gcd_and_orders_by_electronegativity() -> None:
    assert reduced_formula({"Li": 8.0, "P": 4.0, "O": 14.0}) == "Li4P2O7"
    assert reduced_formula({"S": 2.0, "Li": 1.5, "P": 0.5}) == "Li1.5P0.5S2"


# ---------------------------------------------------------------- robustness

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from matmine.extractors.periodic_table import ELEMENTS  # noqa: E402

_FORMULA_ALPHABET = "LiGePSOClaZrTxyδ()[]0123456789.+-·×/: □ΔMnCo"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_FORMULA_ALPHABET, max_size=40) | st.text(max_size=40))
def test_never_raises_and_never_invents(text: str) -> None:
    material = parse_material(text)
    assert set(material.elements) <= ELEMENTS
    assert set(material.composition) <= ELEMENTS
    assert all(v > 0 for v in material.composition.values())
    assert material.error or material.elements


def test_long_input_is_refused_quickly() -> None:
    import time

    started = time.perf_counter()
    material = parse_material("Li2(" * 90 + "S" + ")2" * 90)
    assert time.perf_counter() - started < 1.0
    assert material.error or material.composition


# --- lab codes and acronyms are no compositions (regression: "BSF" was B + S + F) ---

@pytest.mark.parametrize("text", ["BSF", "SOFC", "PBFM", "BCO", "(BSF)"])
def test_unknown_capital_acronyms_are_errors(text: str) -> None:
    m = parse_material(text)
    assert m.composition == {} and m.elements == ()
    assert m.error is not None and "unknown abbreviation" in m.error


@pytest.mark.parametrize("text", ["S30", "Si100", "C200"])
def test_single_element_with_a_large_count_is_a_label(text: str) -> None:
    m = parse_material(text)
    assert m.composition == {} and m.error is not None and "sample label" in m.error


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        ("C60", {"C": 60.0}),
        ("C70", {"C": 70.0}),
        ("S8", {"S": 8.0}),
        ("P4", {"P": 4.0}),
        ("B12", {"B": 12.0}),
        ("KOH", {"K": 1.0, "O": 1.0, "H": 1.0}),
        ("CO", {"C": 1.0, "O": 1.0}),
        ("LLZO", {"Li": 7.0, "La": 3.0, "Zr": 2.0, "O": 12.0}),
        ("LSCF", {"La": 0.6, "Sr": 0.4, "Co": 0.2, "Fe": 0.8, "O": 3.0}),
    ],
)
def test_real_molecules_and_lexicon_acronyms_still_parse(text: str, composition) -> None:
    m = parse_material(text)
    assert m.error is None
    assert m.composition == pytest.approx(composition)
