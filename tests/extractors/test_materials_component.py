"""The matmine_materials spaCy component on sentences (spacy.blank("en"), no models)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import matmine.extractors.materials_component  # noqa: F401  (registers the factory)
from matmine.extractors.material_mentions import find_material_mentions


@pytest.fixture(scope="session")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("matmine_materials")
    return nlp


def mentions(nlp: Language, text: str) -> list[tuple[str, dict[str, float]]]:
    doc = nlp(text)
    out = []
    for span in doc.spans["materials"]:
        material = span._.material
        assert doc.text[material.start : material.end] == material.text
        out.append((material.text, material.composition))
    return out


def texts(nlp: Language, text: str) -> list[str]:
    return [t for t, _ in mentions(nlp, text)]


def test_factory_is_registered_and_declares_what_it_assigns(nlp: Language) -> None:
    assert Language.has_factory("matmine_materials")
    meta = Language.get_factory_meta("matmine_materials")
    assert "doc.spans" in meta.assigns


def test_formula_with_variable_defined_in_the_sentence(nlp: Language) -> None:
    found = mentions(nlp, "The garnet Li7-xLa3Zr2-xTaxO12 with x = 0.25 shows 1 mS/cm.")
    assert found == [
        ("Li7-xLa3Zr2-xTaxO12", pytest.approx({"Li": 6.75, "La": 3, "Zr": 1.75, "Ta": 0.25, "O": 12}))
    ]


def test_variable_range_in_the_sentence_is_kept() -> None:
    [material] = find_material_mentions("Glasses xLi2S-(1-x)P2S5 (0 ≤ x ≤ 1) were made.")
    assert material.variables == {"x": (0.0, 1.0)}
    assert material.composition == {}


def test_value_in_another_sentence_is_not_used() -> None:
    [first, _] = find_material_mentions("We made Li10+xGe1+xP2-xS12. Then x = 0.5 for Li3PS4.")
    assert first.composition == {}


def test_abbreviation_defined_in_text_is_found_later(nlp: Language) -> None:
    doc = nlp("Li6.5La3Zr1.5Ta0.5O12 (LLZTO) was sintered. LLZTO pellets were dense.")
    spans = doc.spans["materials"]
    assert [s.text for s in spans] == ["Li6.5La3Zr1.5Ta0.5O12", "LLZTO", "LLZTO"]
    # the definition in the text wins over the lexicon's LLZTO (Li6.4…)
    assert spans[2]._.material.composition["Ta"] == pytest.approx(0.5)
    assert spans[2]._.material.abbreviation == "LLZTO"


def test_lexicon_abbreviations_and_families(nlp: Language) -> None:
    doc = nlp("LGPS-type and LPSCl electrolytes outperform LATP.")
    assert [(s.text, s._.material.formula) for s in doc.spans["materials"]] == [
        ("LGPS", "Li10GeP2S12"), ("LPSCl", "Li6PS5Cl"), ("LATP", "Li1.3Al0.3Ti1.7(PO4)3"),
    ]


def test_formulas_broken_by_pdf_spaces(nlp: Language) -> None:
    found = mentions(nlp, "Argyrodite Li 6 PS 5 Cl and Li 10 GeP 2 S 12 were compared.")
    assert found == [
        ("Li 6 PS 5 Cl", pytest.approx({"Li": 6, "P": 1, "S": 5, "Cl": 1})),
        ("Li 10 GeP 2 S 12", pytest.approx({"Li": 10, "Ge": 1, "P": 2, "S": 12})),
    ]


def test_dopants_and_mixtures(nlp: Language) -> None:
    found = texts(
        nlp,
        "Ga-doped LLZO, LLZO:Ta, SrAl2O4:Eu0.01, NaSrBO3:Tb3+, 0.75Li2S–0.25P2S5, 75Li2S·25P2S5 "
        "and (1-x)Pb(Zr0.52Ti0.48)O3-xBaTiO3 were studied.",
    )
    assert found == [
        "Ga-doped LLZO", "LLZO:Ta", "SrAl2O4:Eu0.01", "NaSrBO3:Tb3+", "0.75Li2S–0.25P2S5",
        "75Li2S·25P2S5", "(1-x)Pb(Zr0.52Ti0.48)O3-xBaTiO3",
    ]


def test_chemical_names(nlp: Language) -> None:
    found = mentions(nlp, "Lithium sulfide, lanthanum oxide and manganese (II) nitrate were mixed.")
    assert found == [
        ("Lithium sulfide", {"Li": 2.0, "S": 1.0}),
        ("lanthanum oxide", {"La": 2.0, "O": 3.0}),
        ("manganese (II) nitrate", {"Mn": 1.0, "N": 2.0, "O": 6.0}),
    ]


def test_words_units_and_lab_abbreviations_are_not_materials(nlp: Language) -> None:
    text = (
        "In this work, XRD and SEM show that I think As grown films at 300 K and 10 Pa reach "
        "1.2 S cm-1. CO oxidation, CV, UV and ICP data; see Fig. S1 and compound C2. "
        "Solid oxide fuel cells (SOFCs) and PCFCs12 work. Six of them. Li:La = 7:3."
    )
    assert texts(nlp, text) == []


def test_gases_and_electrode_metals_are_materials(nlp: Language) -> None:
    assert texts(nlp, "H2 and O2 flow over a Ni anode with Pt paste.") == ["H2", "O2", "Ni", "Pt"]


def test_offsets_survive_pdf_glyph_names(nlp: Language) -> None:
    text = "σ = 1.2 /C2 10/C03 S cm/C01 for Li7/C0xLa3Zr2O12 at x = 0.5."
    doc = nlp(text)
    [span] = doc.spans["materials"]
    material = span._.material
    assert material.text == "Li7/C0xLa3Zr2O12"
    assert text[material.start : material.end] == "Li7/C0xLa3Zr2O12"
    assert material.composition == pytest.approx({"Li": 6.5, "La": 3, "Zr": 2, "O": 12})


def test_a_composite_is_one_mention(nlp: Language) -> None:
    assert texts(nlp, "A Ni/8YSZ cermet and an LSM/YSZ cathode.") == ["Ni/8YSZ", "LSM/YSZ"]
    assert texts(nlp, "The standard NiO-YSZ composites and the Ni–GDC anode.") == ["NiO-YSZ", "Ni–GDC"]


def test_a_composite_with_an_unknown_acronym_keeps_the_known_elements(nlp: Language) -> None:
    doc = nlp("The conductivity of the LSTN-YSZ increased.")
    [span] = doc.spans["materials"]
    material = span._.material
    assert material.text == "LSTN-YSZ"
    assert material.elements == ("O", "Y", "Zr")  # from YSZ; LSTN is not guessed
    assert material.composition == {}
    assert "LSTN" in material.error


def test_element_systems_and_gas_pairs_are_not_composites(nlp: Language) -> None:
    # the gases are still named one by one (the linker never takes them as the sample)
    assert texts(nlp, "Sr-Fe-Mo oxides were fed with H2/O2.") == ["H2", "O2"]


def test_empty_and_plain_text(nlp: Language) -> None:
    assert texts(nlp, "") == []
    assert texts(nlp, "The results are discussed below.") == []


# --- a value given later in the paragraph (issue: "same sentence, caption or table") ---

LLZTO_06 = {"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}


def test_value_later_in_the_paragraph_is_used() -> None:
    [material] = find_material_mentions(
        "Li7−xLa3Zr2−xTaxO12 garnets were prepared by solid-state reaction. "
        "The sample with x = 0.6 showed the highest conductivity of 1 mS/cm.")
    assert material.composition == pytest.approx(LLZTO_06)
    assert material.variables == {"x": 0.6}


def test_value_later_in_the_paragraph_for_an_argyrodite() -> None:
    # Li 6 - 0.5, S 5 - 0.5, Cl 1 + 0.5
    [material] = find_material_mentions(
        "Li6−xPS5−xCl1+x argyrodites were ball milled. Then x = 0.5 was chosen for the cell tests.")
    assert material.composition == pytest.approx({"Li": 5.5, "P": 1, "S": 4.5, "Cl": 1.5})


def test_value_in_the_next_paragraph_is_not_used() -> None:
    [material] = find_material_mentions(
        "Li7−xLa3Zr2−xTaxO12 garnets were prepared.\n\nThe sample with x = 0.6 was dense.")
    assert material.composition == {}


def test_different_values_later_are_a_series() -> None:
    [material] = find_material_mentions(
        "Li7−xLa3Zr2−xTaxO12 garnets were prepared. The sample with x = 0.2 was porous. "
        "The sample with x = 0.6 was dense.")
    assert material.composition == {}


def test_a_list_of_values_in_the_sentence_is_a_series() -> None:
    [material, _] = find_material_mentions(
        "Li7−xLa3Zr2−xTaxO12 (x = 0.2, 0.4 and 0.6) garnets were prepared. "
        "For x = 0.6 the Li7La3Zr2O12 phase was cubic.")
    assert material.composition == {}


def test_a_later_formula_with_the_same_variable_takes_the_value() -> None:
    first, second = find_material_mentions(
        "Li7−xLa3Zr2−xTaxO12 garnets were prepared. Li7−xLa3Zr2−xNbxO12 garnets were "
        "prepared too. The sample with x = 0.6 was dense.")
    assert first.composition == {}
    assert second.composition == pytest.approx({"Li": 6.4, "La": 3, "Zr": 1.4, "Nb": 0.6, "O": 12})


def test_later_delta_value_is_not_the_nominal_composition() -> None:
    # x comes from the later sentence; δ there is a measurement at 800 °C, not nominal
    [material] = find_material_mentions(
        "SrCo1−xNbxO3−δ was prepared. At 800 °C we found δ = 0.35 for x = 0.1 by TGA.")
    assert material.composition == pytest.approx({"Sr": 1, "Co": 0.9, "Nb": 0.1, "O": 3})


def test_element_hyphenated_to_a_conductor_is_a_doped_mention(nlp: Language) -> None:
    text = "The Ga-LLZO pellet beat Al-Li7La3Zr2O12, and a Ni-YSZ anode was used."
    found = {m.text: m for m in find_material_mentions(text)}
    assert list(found) == ["Ga-LLZO", "Al-Li7La3Zr2O12", "Ni-YSZ"]
    assert found["Ga-LLZO"].dopants == ("Ga",)
    assert found["Ga-LLZO"].composition == pytest.approx({"Li": 7, "La": 3, "Zr": 2, "O": 12})
    assert (found["Ga-LLZO"].start, found["Ga-LLZO"].end) == (4, 11)
    # a cermet is one mention of a mixture, with no dopant
    assert found["Ni-YSZ"].dopants == ()
    assert found["Ni-YSZ"].composition == pytest.approx(
        {"Ni": 1, "Zr": 0.92, "Y": 0.16, "O": 2.08})


def test_sample_code_beside_its_series_is_not_a_formula(nlp: Language) -> None:
    text = ("In the S50Cy ferrites co-doped with cobalt, S50C20 shows the best electrical "
            "conductivity of 5.4 S·cm−1 at 800 °C.")
    assert "S50C20" not in texts(nlp, text)


def test_sample_code_rule_needs_the_variable_form(nlp: Language) -> None:
    # alone, nothing says S10C20 is a code: the formula reading stays
    assert texts(nlp, "S10C20 was sintered.") == ["S10C20"]
    assert texts(nlp, "SxC20 and S10C20 were sintered.") == ["SxC20"]
    assert "Li10GeP2S12" in texts(nlp, "Li10+xGe1+xP2-xS12 and Li10GeP2S12 were made.")


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("S50C20", "the S50Cy series: S50C20", True),
        ("S50C20", "the SxC20 series: S50C20", True),
        ("S50C20", "S50C20 alone", False),
        ("S10C5", "S10Cy and S10C5", False),  # a count below 10: could be a formula
        ("Li10GeP2S12", "Li10GeP2S12 and Li10GeP2Sx", False),  # counts 1 and 2
    ],
)
def test_is_sample_code(code: str, text: str, expected: bool) -> None:
    from matmine.extractors.material_mentions import is_sample_code

    assert is_sample_code(code, text) is expected


def test_a_system_with_its_molar_ratio_is_that_mixture() -> None:
    found = find_material_mentions("The Li2S–P2S5 (75:25) glass and a 70:30 Li2S–P2S5 "
                                   "glass-ceramic beside a Ni-YSZ (60:40) anode.")
    assert [m.text for m in found] == ["Li2S–P2S5 (75:25)", "70:30 Li2S–P2S5", "Ni-YSZ"]
    assert found[0].composition == pytest.approx({"Li": 1.5, "P": 0.5, "S": 2})
    assert found[1].composition == pytest.approx({"Li": 1.4, "P": 0.6, "S": 2.2})
    # a cermet's ratio is usually by weight: not read as moles
    assert found[2].composition == pytest.approx({"Ni": 1, "Zr": 0.92, "Y": 0.16, "O": 2.08})


def test_numbered_electrolyte_abbreviations_in_text() -> None:
    found = find_material_mentions("The 3 mol% YSZ, 8-YSZ and 20 mol% GDC layers.")
    assert [m.text for m in found] == ["3 mol% YSZ", "8-YSZ", "20 mol% GDC"]
    assert [m.composition.get("Y", m.composition.get("Gd")) for m in found] == pytest.approx(
        [0.06, 0.16, 0.2])


def test_the_plural_of_a_lexicon_abbreviation_is_that_material() -> None:
    found = find_material_mentions("The conductivity of LLTOs and LLZOs exceeds that of SOFCs.")
    assert [(m.text, m.formula) for m in found] == [
        ("LLTOs", "Li0.33La0.56TiO3"), ("LLZOs", "Li7La3Zr2O12")]
