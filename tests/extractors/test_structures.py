"""Structure facts: space groups, crystal systems, lattice parameters, types, XRD peaks."""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text
from matmine.extractors.spacegroups import lookup_space_group


def facts(text: str, nlp, kind: str):
    return [s for s in extract_text(text, nlp=nlp).structures if s.kind == kind]


@pytest.mark.parametrize("symbol", ["P42/nmc", "P4_2/nmc", "P 42/n m c", "P4<sub>2</sub>/nmc"])
def test_space_group_spellings_are_one(symbol: str) -> None:
    assert lookup_space_group(symbol.replace("<sub>", "").replace("</sub>", "")) == (
        137, "P4_2/nmc", "tetragonal")


def test_cubic_symbols_with_a_lost_bar() -> None:
    assert lookup_space_group("Ia-3d")[0] == 230
    assert lookup_space_group("Ia3d")[0] == 230
    assert lookup_space_group("Fm3m")[0] == 225
    assert lookup_space_group("Li2") is None


def test_space_group_in_text(nlp) -> None:
    (sg,) = facts("Li10GeP2S12 crystallises in the space group P4_2/nmc.", nlp, "space_group")
    assert (sg.space_group_symbol, sg.space_group_number, sg.crystal_system) == (
        "P4_2/nmc", 137, "tetragonal")
    assert sg.material.text == "Li10GeP2S12"
    (sg,) = facts("Cubic Li7La3Zr2O12 (space group Ia-3d, No. 230) forms.", nlp, "space_group")
    assert sg.space_group_number == 230 and sg.raw == "Ia-3d, No. 230"


def test_lattice_parameters(nlp) -> None:
    ps = facts("Refined lattice parameters of Li10GeP2S12: a = 8.71(1) Å and c = 1.26 nm.",
               nlp, "lattice_parameter")
    assert [(p.parameter, p.value, p.error, p.unit) for p in ps] == [
        ("a", 8.71, pytest.approx(0.01), "Å"), ("c", pytest.approx(12.6), None, "Å")]
    assert all(p.material.text == "Li10GeP2S12" for p in ps)


def test_structure_types_and_crystal_system(nlp) -> None:
    text = ("Li6PS5Cl is a cubic argyrodite, Li10GeP2S12 is the LGPS-type parent and "
            "LiFePO4 an olivine.")
    types = facts(text, nlp, "structure_type")
    assert [(t.structure_type, t.material.text) for t in types] == [
        ("argyrodite", "Li6PS5Cl"), ("LGPS", "Li10GeP2S12"), ("olivine", "LiFePO4")]
    (cs,) = facts(text, nlp, "crystal_system")
    assert cs.crystal_system == "cubic"


def test_xrd_peaks_in_a_claim(nlp) -> None:
    text = ("A sulfide solid electrolyte material comprising Li, Ge, P and S, having peaks at "
            "2θ = 17.38°, 20.18°, 29.07° and 29.58° ± 0.50° in X-ray diffraction measurement "
            "using CuKα line.")
    peaks = facts(text, nlp, "xrd_peak")
    assert [p.value for p in peaks] == [17.38, 20.18, 29.07, 29.58]
    assert peaks[-1].error == pytest.approx(0.5)
    assert facts("Data were collected from 2θ = 10 to 80° in steps of 0.02°.", nlp,
                 "xrd_peak") == []


def test_a_type_used_as_adjective_describes_the_material_after_it(nlp) -> None:
    text = "The spinel LiMn2O4 (Fd3m) and olivine LiFePO4 (Pnma) cathodes were used."
    types = facts(text, nlp, "structure_type")
    assert [(t.structure_type, t.material.text) for t in types] == [
        ("spinel", "LiMn2O4"), ("olivine", "LiFePO4")]
    groups = facts(text, nlp, "space_group")
    assert [(g.space_group_number, g.material.text) for g in groups] == [
        (227, "LiMn2O4"), (62, "LiFePO4")]
    (system,) = facts("We made the cubic garnet Li7La3Zr2O12 after LiCoO2.", nlp, "crystal_system")
    assert system.material.text == "Li7La3Zr2O12"


def test_a_prototype_formula_is_a_structure_type_not_the_material(nlp) -> None:
    text = "LiCoO2 has a layered α-NaFeO2 structure (R3̅m)."
    (sg,) = facts(text, nlp, "space_group")
    assert (sg.space_group_number, sg.material.text) == (166, "LiCoO2")
    types = facts(text, nlp, "structure_type")
    assert [t.material.text for t in types] == ["LiCoO2"]
    assert "NaFeO2" in types[0].structure_type


def test_unit_cell_volume_in_words(nlp) -> None:
    (v,) = facts("Li3YCl6 has lattice parameters a = 11.2 Å and a unit cell volume of "
                 "655.3(2) Å3.", nlp, "lattice_parameter")[1:]
    assert (v.parameter, v.value, v.error, v.unit) == ("V", 655.3, pytest.approx(0.2), "Å³")
    assert v.material.text == "Li3YCl6"
    (v,) = facts("The cell volume is 1.2345 nm^3 for Li7La3Zr2O12.", nlp, "lattice_parameter")
    assert (v.parameter, v.value, v.unit) == ("V", pytest.approx(1234.5), "Å³")
    # written once with "V =" as well: still one fact
    ps = facts("The refined cell volume V = 2203.6 Å3 of Li7La3Zr2O12.", nlp, "lattice_parameter")
    assert [(p.parameter, p.value) for p in ps] == [("V", 2203.6)]


def test_one_fact_per_type_and_sentence(nlp) -> None:
    text = ("When LiF is added, a garnet crystal structure is stabilised and a composition "
            "of a garnet crystal structure forms easily.")
    assert [t.structure_type for t in facts(text, nlp, "structure_type")] == ["garnet"]


def test_a_processing_aid_is_not_what_has_the_structure(nlp) -> None:
    text = "When barium fluoride is used as the flux, a garnet crystal structure is stabilized."
    [fact] = extract_text(text, nlp=nlp).structures
    assert fact.structure_type == "garnet"
    assert fact.material is None


def test_a_patents_numbered_part_is_not_an_anaphor(nlp) -> None:
    text = ("The phosphor contains silicon nitride.\n\n"
            "In this case, the second fluorescent material 72 has a composition constituting a "
            "garnet structure.")
    [fact] = extract_text(text, nlp=nlp).structures
    assert fact.material is None
    # without the numeral, "the fluorescent material" does refer back
    text = text.replace("material 72", "material")
    [fact] = extract_text(text, nlp=nlp).structures
    assert fact.material is not None and fact.material.text == "silicon nitride"


@pytest.mark.parametrize(
    ("text", "material"),
    [
        ("The perovskite structure of Ba0.5Sr0.5Co0.8Fe0.2O3 is shown in Figure 1.",
         "Ba0.5Sr0.5Co0.8Fe0.2O3"),
        ("Ni reacts with Cr by producing spinels like NiCr2O4 at 800 °C.", "NiCr2O4"),
        ("Li7La3Zr2O12 crystallizes in the cubic garnet structure.", "Li7La3Zr2O12"),
        ("LiMn2O4 was found to adopt the spinel structure.", "LiMn2O4"),
        ("CeO2, a fluorite, was added.", "CeO2"),
        # a formula elsewhere in the sentence does not have the structure
        ("The activity decreased after adding BaO to the perovskite-based electrode.", None),
        ("Dopants such as Al2O3, MgO or spinel compounds were added.", None),
        ("A Pt film was deposited on the NASICON electrolyte.", None),
    ],
)
def test_what_a_structure_type_is_said_of(nlp, text: str, material: str | None) -> None:
    [fact] = [f for f in extract_text(text, nlp=nlp).structures if f.kind == "structure_type"]
    assert (fact.material.text if fact.material else None) == material


def test_a_type_in_a_later_sentence_refers_back_only_through_the_sample_or_a_measurement(nlp) -> None:
    made = "Li7La3Zr2O12 was prepared by a solid-state reaction. "
    [fact] = extract_text(made + "XRD shows a single cubic garnet phase.", nlp=nlp).structures[-1:]
    assert fact.material is not None and fact.material.text == "Li7La3Zr2O12"
    [fact] = extract_text(made + "The sample has a garnet structure.", nlp=nlp).structures
    assert fact.material is not None and fact.material.text == "Li7La3Zr2O12"
    # a general statement is not about the compound just named
    [fact] = extract_text(made + "Garnets are stable against lithium metal.", nlp=nlp).structures
    assert fact.material is None


@pytest.mark.parametrize(
    ("text", "kind", "material"),
    [
        ("Li3YBr6 crystallizes in the monoclinic space group C2/m.", "crystal_system", "Li3YBr6"),
        ("Pure LLZO, however, orders into a tetragonal structure (I41/acd).", "crystal_system",
         "LLZO"),
        ("Li6PS5Cl and Li6PS5Br share the cubic space group F-43m.", "crystal_system", "Li6PS5Br"),
        ("The crystal phase A of Li10GeP2S12 (tetragonal, space group P42/nmc) is retained.",
         "crystal_system", "Li10GeP2S12"),
        ("LiTi2(PO4)3 has the NASICON structure (rhombohedral, space group R-3c).",
         "crystal_system", "LiTi2(PO4)3"),
        ("Li7La3Zr2O12 conducts 0.3 mS/cm at room temperature in its cubic form.",
         "crystal_system", "Li7La3Zr2O12"),
        ("A known family is the thio-LISICON system Li4GeS4.", "structure_type", "Li4GeS4"),
        ("An argyrodite-type sulfide electrolyte is represented by Li6PS5Cl.", "structure_type",
         "Li6PS5Cl"),
        ("The main crystal phase is Li1.3Al0.3Ti1.7(PO4)3 of the NASICON type.", "structure_type",
         "Li1.3Al0.3Ti1.7(PO4)3"),
        # the same type twice in a sentence: the mention that names its material is kept
        ("A garnet ceramic made for cells has the cubic garnet structure, as Li7La3Zr2O12 does.",
         "structure_type", None),
        ("A garnet ceramic of formula Li7La3Zr2O12 has the cubic garnet structure.",
         "structure_type", "Li7La3Zr2O12"),
    ],
)
def test_more_ways_a_structure_is_said_of_a_material(nlp, text: str, kind: str,
                                                      material: str | None) -> None:
    [fact] = [f for f in extract_text(text, nlp=nlp).structures if f.kind == kind]
    assert (fact.material.text if fact.material else None) == material


def test_two_crystal_systems_in_one_sentence(nlp) -> None:
    text = "Li3YCl6 is trigonal, and Li3YBr6 in the monoclinic space group C2/m."
    systems = [f for f in extract_text(text, nlp=nlp).structures if f.kind == "crystal_system"]
    assert [(f.crystal_system, f.material.text) for f in systems] == [
        ("trigonal", "Li3YCl6"), ("monoclinic", "Li3YBr6")]
