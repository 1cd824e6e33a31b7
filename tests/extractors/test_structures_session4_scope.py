"""Structure facts said of a material, and only those: crystal-system words that name
no crystal's system, transitions, comparisons and classes, lattice constants in words,
the material of a refinement, and the structure-type vocabulary.

Every expected fact below is worked out by hand from the sentence.
"""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text
from matmine.extractors.structures import structure_type_of


def facts(text: str, nlp, kind: str) -> list:
    return [s for s in extract_text(text, nlp=nlp).structures if s.kind == kind]


def linked(text: str, nlp, kind: str) -> list[tuple]:
    """(value, material text) of each fact of one kind."""
    out = []
    for f in facts(text, nlp, kind):
        value = {"crystal_system": f.crystal_system, "structure_type": f.structure_type,
                 "space_group": f.space_group_symbol}.get(kind)
        if kind == "lattice_parameter":
            value = (f.parameter, f.value, f.unit)
        out.append((value, f.material.text if f.material else None))
    return out


# ---- 1. crystal-system words that are no crystal system of the material ----

@pytest.mark.parametrize("text", [
    # pseudo-cubic: close to cubic, lower in symmetry; a crystallographer records no system
    "The lattice of LSCF is pseudo-cubic.",
    # a sublattice, a packing of anions: part of the structure, not the crystal
    "Na3SbS4 has distorted cubic sulphur sublattices.",
    "The structure of Li3YCl6 is based on a hexagonal close-packing of anions, while "
    "Li3InCl6 has a cubic closed packing (ccp) of anions.",
    # both ends of a transition at a stated temperature
    "The Y-doped BaZrO3 shows a tetragonal to cubic phase transition at 600 °C.",
    "At around 300 °C a weight gain is related to the phase transition from tetragonal to cubic.",
    # the symmetry of mesopores
    "LaCoO3 was made using ordered mesoporous cubic (Ia3d) vinyl silica as the template.",
])
def test_no_crystal_system_of_the_material(nlp, text: str) -> None:
    assert facts(text, nlp, "crystal_system") == []


def test_pseudo_cubic_keeps_the_structure_type(nlp) -> None:
    text = "All reflexes of La0.6Sr0.4CoO3 could be attributed to a pseudo-cubic perovskite phase."
    assert facts(text, nlp, "crystal_system") == []
    assert [t.structure_type for t in facts(text, nlp, "structure_type")] == ["perovskite"]


def test_a_reference_structure_is_not_the_materials(nlp) -> None:
    text = ("SrFeO3 is distorted from the ideal cubic simple perovskite, instead belonging to "
            "the orthorhombic space group Pnma.")
    assert linked(text, nlp, "crystal_system") == [("orthorhombic", "SrFeO3")]
    assert linked(text, nlp, "space_group") == [("Pnma", "SrFeO3")]
    assert facts(text, nlp, "structure_type") == []  # the ideal perovskite is the reference


def test_a_system_reached_at_a_stated_temperature_is_dropped(nlp) -> None:
    text = ("La0.8Sr0.2MnO3 adopts a rhombohedral structure (R-3c) at room temperature and "
            "transforms to cubic at 800 °C.")
    assert linked(text, nlp, "crystal_system") == [("trigonal", "La0.8Sr0.2MnO3")]
    assert linked(text, nlp, "space_group") == [("R-3c", "La0.8Sr0.2MnO3")]
    text = ("The structure of SrCo0.9Re0.1O3−δ has been refined at RT in the tetragonal P4/mmm "
            "space group, and from 400 to 950 °C in the cubic Pm-3m space group.")
    assert [f.crystal_system for f in facts(text, nlp, "crystal_system")] == ["tetragonal"]
    assert [f.space_group_symbol for f in facts(text, nlp, "space_group")] == ["P4/mmm"]


def test_a_transition_with_no_stated_condition_keeps_its_end(nlp) -> None:
    text = "Li7La3Zr2O12 changes to cubic upon Al doping."
    assert linked(text, nlp, "crystal_system") == [("cubic", "Li7La3Zr2O12")]


def test_a_sintering_temperature_is_no_condition_of_the_structure(nlp) -> None:
    text = "The pellet of Li7La3Zr2O12 was sintered at 1200 °C into the cubic garnet phase."
    assert [f.crystal_system for f in facts(text, nlp, "crystal_system")] == ["cubic"]
    # the same words with a measurement: the structure at 950 °C is not kept
    text = "The pellet of Li7La3Zr2O12 was measured at 950 °C in the cubic garnet phase."
    assert facts(text, nlp, "crystal_system") == []


# ---- 2. missed facts ----

def test_a_lattice_constant_in_words(nlp) -> None:
    text = "The Ta-doped garnet (Li6.5La3Zr1.5Ta0.5O12) has a lattice constant of 12.94 Å."
    assert linked(text, nlp, "lattice_parameter") == [
        (("a", 12.94, "Å"), "Li6.5La3Zr1.5Ta0.5O12")]
    assert linked(text, nlp, "structure_type") == [("garnet", "Li6.5La3Zr1.5Ta0.5O12")]
    [p] = facts("The lattice parameter c of Li10GeP2S12 is 12.63(2) Å.", nlp, "lattice_parameter")
    assert (p.parameter, p.value, p.error, p.material.text) == (
        "c", 12.63, pytest.approx(0.02), "Li10GeP2S12")


@pytest.mark.parametrize("text", [
    "The lattice parameter of Li6PS5Cl decreases from 9.86 to 9.82 Å.",
    "The lattice constant of the doped samples is 12.94–12.97 Å.",
    "The lattice constant is between 9.8 and 9.9 Å.",
])
def test_a_change_or_range_of_lattice_constants_is_no_value(nlp, text: str) -> None:
    assert facts(text, nlp, "lattice_parameter") == []


def test_antifluorite_type_said_of_the_sample(nlp) -> None:
    text = "The Li5GaS4 sample was found to have an antifluorite-type crystal structure."
    assert linked(text, nlp, "structure_type") == [("antifluorite", "Li5GaS4")]


@pytest.mark.parametrize(("text", "label"), [
    ("antifluorite", "antifluorite"), ("anti-fluorite structure", "antifluorite"),
    ("fluorite", "fluorite"), ("rock salt", "rock-salt"), ("wurtzite", "wurtzite"),
    ("zinc blende", "zinc blende"), ("pyrochlore", "pyrochlore"),
    ("Ruddlesden–Popper", "Ruddlesden-Popper"), ("double perovskite", "double perovskite"),
    ("layered perovskite", "layered perovskite"), ("brownmillerite", "brownmillerite"),
    ("K2NiF4-type", "K2NiF4"), ("scheelite", "scheelite"), ("apatite-type", "apatite"),
    ("β-alumina", "β-alumina"), ("beta-alumina", "β-alumina"), ("β″-alumina", "β-alumina"),
    ("LISICON", "LISICON"), ("thio-LISICON", "thio-LISICON"), ("halospinel", "halospinel"),
    # the mineral or biomaterial without a structure word is no structure type
    ("apatite", None),
])
def test_structure_type_vocabulary(text: str, label: str | None) -> None:
    assert structure_type_of(text) == label


def test_a_refinement_refers_to_the_material_of_the_structure_just_named(nlp) -> None:
    text = ("X-ray diffraction confirmed the monoclinic crystal structure (space group C2/m) "
            "of LYCB. Rietveld refinement revealed lattice parameters of a = 6.809 Å, "
            "b = 11.79 Å and c = 6.834 Å.")
    assert linked(text, nlp, "space_group") == [("C2/m", "LYCB")]
    assert linked(text, nlp, "crystal_system") == [("monoclinic", "LYCB")]
    assert linked(text, nlp, "lattice_parameter") == [
        (("a", 6.809, "Å"), "LYCB"), (("b", 11.79, "Å"), "LYCB"), (("c", 6.834, "Å"), "LYCB")]


def test_a_system_written_with_its_space_group_shares_its_material(nlp) -> None:
    text = ("Rietveld refinement showed the orthorhombic space group Pnma with a composition "
            "of Sr(2)Fe(1.5)Mo(0.5)O(5.90(2)).")
    assert linked(text, nlp, "space_group") == [("Pnma", "Sr(2)Fe(1.5)Mo(0.5)O(5.90(2))")]
    assert linked(text, nlp, "crystal_system") == [
        ("orthorhombic", "Sr(2)Fe(1.5)Mo(0.5)O(5.90(2))")]


def test_no_shared_material_across_a_contrast(nlp) -> None:
    text = ("Pristine SrCoO3−δ is indexed in the 2H hexagonal phase, while the x = 0.05 oxides "
            "may be indexed in cubic Pm-3m symmetry.")
    cubic = [m for s, m in linked(text, nlp, "crystal_system") if s == "cubic"]
    assert cubic == [None]


# ---- 3. wrong material ----

TITLE = "Li3ScCl6 under pressure\n\n"


def test_a_spinel_analog_is_not_the_compound(nlp) -> None:
    text = (TITLE + "We studied Li3ScCl6. The high-pressure phase is trigonal, unlike the "
            "ambient-pressure α-Li3ScCl6 and its spinel analog Li2Sc2/3Cl4.")
    assert linked(text, nlp, "structure_type") == [("spinel", None)]


def test_a_class_named_for_comparison_is_no_fact_about_the_sample(nlp) -> None:
    text = (TITLE + "Its ionic conductivity is comparable to that of other fast ionic "
            "conductors, such as lithium titanate and NASICONs.")
    assert linked(text, nlp, "structure_type") == [("NASICON", None)]
    text = TITLE + "Such values are typical of Co-based perovskites."
    assert linked(text, nlp, "structure_type") == [("perovskite", None)]


def test_isostructural_to_names_a_reference_not_the_subject(nlp) -> None:
    text = ("We prepared LiGaCl4, LiGaBr4 and LiGaI4. All three phases crystallise in a "
            "monoclinic unit cell (P21/c), isostructural to LiAlX4 analogues.")
    [(group, material)] = linked(text, nlp, "space_group")
    assert group == "P2_1/c" and material != "LiAlX4"
    assert linked(text, nlp, "crystal_system") == [("monoclinic", material)]


def test_a_label_after_than_that_of_is_a_comparison(nlp) -> None:
    text = ("No NiO was detected in the as-synthesized BZCYN sample. Instead, a cubic perovskite "
            "structure with a lattice parameter of 4.292 Å, which is slightly smaller than that "
            "of Ni-free BZCY (4.302 Å), was observed.")
    assert linked(text, nlp, "lattice_parameter") == [(("a", 4.292, "Å"), "BZCYN")]
