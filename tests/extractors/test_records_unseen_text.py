"""Records from sentences of the kind found when probing unseen papers: targets that
are no measurements, materials named in brackets after a value, lists paired without
"respectively", comparisons that open a sentence, scopes and atmospheres.

Expected values are worked out by hand (1 mS/cm = 0.001 S/cm; T/K = t/°C + 273.15).
"""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text


def rows(text: str, nlp) -> list[tuple]:
    return [(r.property, r.value, r.material.formula if r.material else None)
            for r in extract_text(text, nlp=nlp).records]


# ------------------------------------------------------------ targets and forecasts


@pytest.mark.parametrize("text", [
    "The target conductivity for an SOFC electrolyte is 0.1 S/cm.",
    "For Li3PS4, an ionic conductivity at 25 °C at the level of 0.1 mS cm−1 would not suffice.",
    "A conductivity of 1 mS/cm is sufficient for thin-film batteries.",
])
def test_targets_and_forecasts_are_no_records(nlp, text: str) -> None:
    assert rows(text, nlp) == []


def test_a_prediction_is_a_value_not_a_target(nlp) -> None:
    # computed values are the story of the project: Li10SiP2S12 was first reached by simulation
    assert rows("Li10SiP2S12 and Li10SnP2S12 are predicted to have room-temperature "
                "conductivities of 23 and 6 mS cm−1, respectively.", nlp) == [
        ("conductivity", 0.023, "Li10SiP2S12"), ("conductivity", 0.006, "Li10SnP2S12")]


def test_a_target_beside_a_measurement_keeps_the_measurement(nlp) -> None:
    assert rows("The target conductivity for practical solid electrolytes is >1 mS cm−1, "
                "which our Li3PS4 (0.16 mS cm−1) does not reach.", nlp) == [
        ("conductivity", 0.00016, "Li3PS4")]
    assert rows("The conductivity of Li6PS5Cl is 1.2 mS cm−1, well above the 0.1 mS cm−1 "
                "required for practical cells.", nlp) == [("conductivity", 0.0012, "Li6PS5Cl")]


# ------------------------------------------------------------ which material


def test_a_material_alone_in_brackets_after_a_value_is_its_material(nlp) -> None:
    assert rows("Ionic conductivities of 1.1 mS cm−1 (Li6PS5Cl) and 0.9 mS cm−1 (Li6PS5Br) "
                "were obtained.", nlp) == [("ionic_conductivity", 0.0011, "Li6PS5Cl"),
                                           ("ionic_conductivity", 0.0009, "Li6PS5Br")]


def test_lists_of_materials_and_values_pair_without_respectively(nlp) -> None:
    assert rows("Li6PS5Cl and Li6PS5Br have activation energies of 0.38 eV and 0.30 eV.",
                nlp) == [("activation_energy", 0.38, "Li6PS5Cl"),
                         ("activation_energy", 0.3, "Li6PS5Br")]


def test_values_at_a_list_of_temperatures_are_not_paired_with_materials(nlp) -> None:
    got = rows("LLZO and LATP pellets were pressed; the LATP pellet shows 0.5 and 0.9 mS/cm "
               "at 25 and 50 °C.", nlp)
    assert [m for _, _, m in got] == ["Li1.3Al0.3Ti1.7(PO4)3"] * 2


def test_a_comparison_opening_the_sentence_ends_at_its_comma(nlp) -> None:
    assert rows("Compared with YSZ (0.04 S cm-1 at 800 °C), ScSZ shows 0.12 S cm-1.", nlp) == [
        ("conductivity", 0.04, "(ZrO2)0.92(Y2O3)0.08"),
        ("conductivity", 0.12, "(ZrO2)0.9(Sc2O3)0.1")]
    # inside a sentence the list goes on comparing
    got = rows("LSGM shows 0.1 S/cm, higher than that of GDC (0.04 S/cm), YSZ (0.006 S/cm).", nlp)
    assert got[0][2] == "La0.9Sr0.1Ga0.8Mg0.2O2.85"


def test_a_unit_is_no_sample_label(nlp) -> None:
    assert rows("A bulk conductivity of 1.5 × 10−2 S cm−1 was measured up to 3 GHz for NZSP.",
                nlp) == [("conductivity", 0.015, "Na3Zr2Si2PO12")]


# ------------------------------------------------------------ kind and scope


def test_a_symbol_takes_its_kind_from_the_noun_phrase_before_it(nlp) -> None:
    (r,) = extract_text("The highest total ionic conductivity of LLTO was equal to "
                        "σtot = 1.1 x 10-4 Scm-1.", nlp=nlp).records
    assert (r.property, r.scope, r.value) == ("ionic_conductivity", "total", 0.00011)


def test_an_ionic_cue_of_another_clause_does_not_make_1500_S_cm_ionic(nlp) -> None:
    got = rows("The LSGM electrolyte showed an oxide ion conductivity of 0.1 S/cm at 800 oC, "
               "while the La0.6Sr0.4CoO3-δ cathode showed 1500 S/cm.", nlp)
    assert [(p, v) for p, v, _ in got] == [("ionic_conductivity", 0.1), ("conductivity", 1500.0)]


@pytest.mark.parametrize(("text", "scope"), [
    ("A  high  total  conductivity  of  0.059  S  cm-1 was found for GDC.", "total"),
    ("The total (bulk plus grain boundary) conductivity of LATP is 7.9 × 10−3 S/cm.", "total"),
    ("The grain boundary conductivity is two orders of magnitude lower than the bulk value "
     "(3 × 10-3 S cm-1) in GDC.", "bulk"),
])
def test_scope_words(nlp, text: str, scope: str) -> None:
    (r,) = extract_text(text, nlp=nlp).records
    assert r.scope == scope


# ------------------------------------------------------------ atmospheres


def test_a_list_of_atmospheres_with_the_preposition_repeated(nlp) -> None:
    rs = extract_text("At 650 °C, the conductivities of PrBaCo2O5+δ in air and in N2 were 480 "
                      "and 210 S cm-1, respectively.", nlp=nlp).records
    assert [(r.value, r.atmosphere, r.temperature_K) for r in rs] == [
        (480.0, "air", pytest.approx(923.15)), (210.0, "N2", pytest.approx(923.15))]


def test_an_oxygen_pressure_written_before_the_gas(nlp) -> None:
    (r,) = extract_text("LSC reaches 2.5 × 103 S cm−1 at 800 °C in 0.2 bar O2.", nlp=nlp).records
    assert (r.value, r.atmosphere) == (2500.0, "pO2 = 0.2 bar")


def test_a_material_in_apposition_after_a_comparison_is_compared(nlp) -> None:
    (r,) = extract_text("The metastable Li5GaS4 sample shows a structure similar to that of another "
                        "solid electrolyte, Li5AlS4. The conductivity of the metastable phase was "
                        "2.1 × 10−5 S cm−1 at 25 °C.", nlp=nlp).records
    assert (r.value, r.material.formula) == (2.1e-05, "Li5GaS4")


def test_a_formula_in_brackets_after_a_name_says_what_the_name_means(nlp) -> None:
    assert rows("Lithium indium chloride (Li3InCl6) shows an ionic conductivity of 1.5 mS cm−1.",
                nlp) == [("ionic_conductivity", 0.0015, "Li3InCl6")]
    # an abbreviation in brackets still stands for the formula before it
    assert rows("Li10GeP2S12 (LGPS) shows 12 mS/cm.", nlp) == [
        ("conductivity", 0.012, "Li10GeP2S12")]


def test_up_to_x_is_a_range_of_the_series_not_a_member(nlp) -> None:
    (r,) = extract_text("Na3−xZn1−xAl1+xS4 formed a solid solution up to x = 0.2. Its conductivity "
                        "was 0.1 mS/cm at 25 °C.", nlp=nlp).records
    assert (r.material.variables, r.material.composition) == ({"x": (0.0, 0.2)}, {})
    (r,) = extract_text("Na3−xZn1−xAl1+xS4 with x = 0.2 shows 0.1 mS/cm at 25 °C.", nlp=nlp).records
    assert r.material.composition == {"Na": 2.8, "Zn": 0.8, "Al": 1.2, "S": 4.0}


def test_a_fit_range_belongs_to_the_activation_energy_not_the_conductivity(nlp) -> None:
    rs = extract_text("Li3PS4 has an activation energy of 0.36 eV, measured between 25 and 100 °C, "
                      "and a conductivity of 0.16 mS/cm.", nlp=nlp).records
    assert [(r.property, r.temperature_min_K, r.temperature_max_K, r.temperature_K) for r in rs] == [
        ("activation_energy", pytest.approx(298.15), pytest.approx(373.15), None),
        ("conductivity", None, None, None)]


def test_formulas_with_words_run_into_them(nlp) -> None:
    text = ("The highest ionic conductivity was observed for the singly doped "
            "Ce0.80Sm0.20O1.90(sigma(750 degrees C)= 3.86 x 10(-2)S/cm) electrolyte. "
            "sigma(750 degrees C)was found to be 3.82 x 10(-2), 1.73 x 10(-2), 0.61 x 10(-2)S/cm "
            "for Ce0.80Er0.05Sm0.15O1.90, Ce(0.80)Er(0.10)Sm(0.10)O(1.90)and Ce0.90Er0.10O1.95, "
            "respectively.")
    got = [(round(r.value, 4), r.material.composition) for r in extract_text(text, nlp=nlp).records]
    assert got == [(0.0386, {"Ce": 0.8, "Sm": 0.2, "O": 1.9}),
                   (0.0382, {"Ce": 0.8, "Er": 0.05, "Sm": 0.15, "O": 1.9}),
                   (0.0173, {"Ce": 0.8, "Er": 0.1, "Sm": 0.1, "O": 1.9}),
                   (0.0061, {"Ce": 0.9, "Er": 0.1, "O": 1.95})]


def test_an_abbreviation_with_d_for_doped_is_defined_by_its_formula(nlp) -> None:
    rs = extract_text("We made Ce0.81Nd0.095Sm0.095O2-δ (NSDC). The NSDC sample showed a "
                      "conductivity of 3.06×10-2 S/cm at 600 °C.", nlp=nlp).records
    assert [(r.value, r.material.text, r.material.formula) for r in rs] == [
        (0.0306, "NSDC", "Ce0.81Nd0.095Sm0.095O2-δ")]


@pytest.mark.parametrize(("text", "material"), [
    ("Superionic conductivities of the order 1 S/cm are observed at 500 oC for 58-nm-thick "
     "films on MgO.", None),
    ("YSZ films grown on (001) SrTiO3 show 0.01 S/cm at 500 °C.", "YSZ"),
])
def test_a_substrate_is_not_the_sample(nlp, text: str, material: str | None) -> None:
    (r,) = extract_text(text, nlp=nlp).records
    assert (r.material.text if r.material else None) == material


@pytest.mark.parametrize(("text", "expected"), [
    # a PDF lost the times sign: a decimal mantissa, a space, a power of ten, a unit
    ("The conductivity of Ce0.8Sm0.2O1.9 was 3.06 10-2 S/cm at 600 oC.",
     [("conductivity", 0.0306)]),
    # … and the minus too: an ionic conductivity cannot be 306 S/cm
    ("NSDC showed an ionic conductivity of 3.06 10 2 S/cm at 600 oC.",
     [("ionic_conductivity", 0.0306)]),
    # an electronic conductivity of 1200 S/cm is plausible: kept as written
    ("LSC shows 1.2 10 3 S/cm at 800 °C.", [("conductivity", 1200.0)]),
    # Web of Science abstracts write E-A for Ea
    ("Li3PS4 shows 0.16 mS/cm with E-A approximate to 0.22 eV.",
     [("conductivity", 0.00016), ("activation_energy", 0.22)]),
])
def test_lost_times_sign_and_abstract_notation(nlp, text: str, expected) -> None:
    assert [(r.property, r.value) for r in extract_text(text, nlp=nlp).records] == expected


def test_uspto_full_text_character_names(nlp) -> None:
    from matmine.extractors.text_normalise import expand_markup, normalise_with_offsets

    assert normalise_with_offsets("Li.sub.7-xPS.sub.6-xCl.sub.x, 0.2.ltoreq.x.ltoreq.1.8").text \
        == "Li7-xPS6-xClx, 0.2≤x≤1.8"
    assert expand_markup("2.1.times.10.sup.-3 S/cm at 25.degree. C.").text == "2.1×10-3 S/cm at 25° C."
    (r,) = extract_text("The ionic conductivity of Li.sub.10GeP.sub.2S.sub.12 was "
                        "1.2.times.10.sup.-2 S/cm at 25.degree. C.", nlp=nlp).records
    assert (r.value, r.material.formula, r.temperature_K) == (0.012, "Li10GeP2S12",
                                                              pytest.approx(298.15))
    (r,) = extract_text("A solid electrolyte represented by Li.sub.7-xPS.sub.6-xCl.sub.x, wherein "
                        "0.2.ltoreq.x.ltoreq.1.8, has 2 mS/cm.", nlp=nlp).records
    assert (r.material.formula, r.material.variables) == ("Li7-xPS6-xClx", {"x": (0.2, 1.8)})


def test_a_second_clause_with_its_own_subject(nlp) -> None:
    rs = extract_text("The sample exhibited an ionic conductivity of 25 mS cm−1 at 298 K, and the "
                      "activation energy calculated from the Arrhenius plot between 253 K and "
                      "373 K was 0.23 eV.", nlp=nlp).records
    assert [(r.property, r.method, r.temperature_K, r.temperature_min_K, r.temperature_max_K)
            for r in rs] == [("ionic_conductivity", None, 298.0, None, None),
                             ("activation_energy", "measured", None, 253.0, 373.0)]
    rs = extract_text("The ionic conductivity of Li6.4La3Zr1.4Ta0.6O12 at 25° C. was 0.81 mS/cm, "
                      "and that of Li7La3Zr2O12 without Ta was 2 × 10−6 S/cm.", nlp=nlp).records
    assert [(r.value, r.material.formula) for r in rs] == [
        (0.00081, "Li6.4La3Zr1.4Ta0.6O12"), (2e-06, "Li7La3Zr2O12")]


def test_respectively_pairs_with_the_list_of_the_sentence_before(nlp) -> None:
    rs = extract_text("The composition was changed to Li5.6PS4.6Cl1.4, Li5.4PS4.4Cl1.6 and "
                      "Li5.2PS4.2Cl1.8, respectively. The ionic conductivities were 4.1 mS/cm, "
                      "6.8 mS/cm and 5.3 mS/cm, respectively.", nlp=nlp).records
    assert [(r.value, r.material.formula) for r in rs] == [
        (0.0041, "Li5.6PS4.6Cl1.4"), (0.0068, "Li5.4PS4.4Cl1.6"), (0.0053, "Li5.2PS4.2Cl1.8")]
    # a list of temperatures in the sentence is what "respectively" pairs
    rs = extract_text("We made LLZO and LATP by two routes, respectively. The samples show 0.5 "
                      "and 0.1 mS/cm at 25 and 50 °C, respectively.", nlp=nlp).records
    assert [r.material for r in rs] == [None, None]


@pytest.mark.parametrize(("text", "formula"), [
    ("We studied BaCe0.7Zr0.15Y0.15O3. The conductivities of Yb-doped samples were of the "
     "order of 0.0002 S/cm at 750 °C.", None),  # Yb is not in the earlier formula
    ("We studied BaCe0.7Zr0.15Y0.15O3. The conductivities of Y-doped samples were 0.0002 S/cm "
     "at 750 °C.", "BaCe0.7Zr0.15Y0.15O3"),
    ("We studied Ga-doped LLZO. The Ga-doped samples show 1 mS/cm.", "Li7La3Zr2O12"),
])
def test_samples_doped_with_an_element_the_earlier_material_lacks(nlp, text: str, formula) -> None:
    (r,) = extract_text(text, nlp=nlp).records
    assert (r.material.formula if r.material else None) == formula


def test_over_after_a_gain_compares(nlp) -> None:
    rs = extract_text("We made Ce0.81Nd0.095Sm0.095O2-δ (NSDC). The NSDC sample showed improved "
                      "conductivity (3.06×10-2 S/cm at 600 °C) over SDC (2.16×10-2 S/cm at "
                      "600 °C) with lower activation energy (0.81 eV).", nlp=nlp).records
    assert [(r.value, r.material.text) for r in rs] == [
        (0.0306, "NSDC"), (0.0216, "SDC"), (0.81, "NSDC")]
    (r,) = extract_text("LSCF deposited over YSZ shows 300 S/cm.", nlp=nlp).records
    assert r.material.text == "LSCF"


@pytest.mark.parametrize(("text", "materials"), [
    ("The ionic conductivity of the solid electrolyte of Comparative Example 1 was 0.45 mS/cm.",
     [("Comparative Example 1", None)]),
    ("In Example 1, Li6PS5Cl was obtained. The ionic conductivity of Example 1 was 3.2 mS/cm, "
     "and that of Comparative Example 1 was 0.45 mS/cm.",
     [("Li6PS5Cl", "Li6PS5Cl"), ("Comparative Example 1", None)]),
    ("In Comparative Example 1, Li3PS4 was obtained. The ionic conductivity of Comparative "
     "Example 1 was 0.45 mS/cm.", [("Li3PS4", "Li3PS4")]),
])
def test_comparative_examples_are_samples_of_their_own(nlp, text: str, materials) -> None:
    got = [(r.material.text, r.material.formula) for r in extract_text(text, nlp=nlp).records]
    assert got == materials
