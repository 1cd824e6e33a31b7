"""Property records: property names, temperatures, material links."""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_document, extract_text
from matmine.models import Document, Paragraph, Section


def records(text: str, nlp, prop: str | None = None):
    result = extract_text(text, nlp=nlp)
    return [r for r in result.records if prop is None or r.property == prop]


def test_lgps_sentence(nlp) -> None:
    (r,) = records("Li10GeP2S12 shows an ionic conductivity of 12 mS/cm at 27 °C.", nlp)
    assert r.property == "ionic_conductivity"
    assert r.value == pytest.approx(0.012)
    assert r.unit == "S/cm"
    assert r.temperature_K == pytest.approx(300.15)
    assert r.temperature_raw == "27 °C"
    assert r.material is not None and r.material.text == "Li10GeP2S12"
    assert r.id and r.provenance.sentence.startswith("Li10GeP2S12")


def test_scientific_notation_and_room_temperature(nlp) -> None:
    (r,) = records("The ionic conductivity of Li7La3Zr2O12 is 1.2 × 10−3 S cm−1 at room "
                   "temperature.", nlp)
    assert r.value == pytest.approx(1.2e-3)
    assert r.temperature_K == pytest.approx(298.15)
    assert r.temperature_assumed is True
    assert r.material.composition == {"Li": 7.0, "La": 3.0, "Zr": 2.0, "O": 12.0}


def test_respectively(nlp) -> None:
    rs = records("Li3PS4, Li7P3S11 and Li6PS5Cl show 1, 2 and 3 mS/cm, respectively.", nlp)
    assert [(r.material.text, r.value) for r in rs] == [
        ("Li3PS4", pytest.approx(0.001)), ("Li7P3S11", pytest.approx(0.002)),
        ("Li6PS5Cl", pytest.approx(0.003))]


def test_respectively_with_temperatures(nlp) -> None:
    rs = records("The oxygen ionic conductivity of Ce0.9Gd0.1O1.95 is 0.01, 0.025, and "
                 "0.054 S cm–1 at 500, 600, and 700 °C, respectively.", nlp)
    assert [round(r.temperature_K, 2) for r in rs] == [773.15, 873.15, 973.15]
    assert {r.material.text for r in rs} == {"Ce0.9Gd0.1O1.95"}
    assert all(r.property == "ionic_conductivity" for r in rs)


def test_several_temperatures_in_one_sentence(nlp) -> None:
    rs = records("Li3PS4 reaches 1.2 mS/cm at 25 °C and 5 mS/cm at 100 °C.", nlp)
    assert [(r.value, r.temperature_K) for r in rs] == [
        (pytest.approx(0.0012), pytest.approx(298.15)), (pytest.approx(0.005), pytest.approx(373.15))]
    (r,) = records("At 800 °C, Li3PS4 showed a conductivity of 59.2 S cm−1 in 5% H2.", nlp)
    assert r.temperature_K == pytest.approx(1073.15)
    assert r.material.text == "Li3PS4"  # not the H2 atmosphere
    (r,) = records("Li3PS4 conducts with 8–60 S cm−1 at 600–800 °C.", nlp)
    assert r.temperature_raw == "600–800 °C"
    assert (r.value_min, r.value_max) == (8.0, 60.0)


def test_value_before_the_material(nlp) -> None:
    rs = records("Conductivities of 175 and 160 S cm−1 were reported for Li3PS4 and Li7P3S11.",
                 nlp)
    assert [(r.value, r.material.text) for r in rs] == [(175.0, "Li3PS4"), (160.0, "Li7P3S11")]
    (r,) = records("Good proton conduction (0.1 S cm−1 at 500 °C) was found in LiAlO2.", nlp)
    assert r.material.text == "LiAlO2"


def test_the_sample_refers_back(nlp) -> None:
    text = ("We prepared Li6PS5Cl by ball milling. The pellets were pressed at 300 MPa and "
            "annealed. Impedance spectra were recorded between 25 and 100 °C in argon. "
            "The sample shows an ionic conductivity of 2.4 mS/cm at 25 °C.")
    (r,) = records(text, nlp, "ionic_conductivity")
    # the record's material is the phrase that names it in the value's sentence,
    # resolved to the compound it stands for
    assert r.material is not None and r.material.formula == "Li6PS5Cl"
    assert r.material.text == "The sample" and r.material.name == "Li6PS5Cl"
    assert r.temperature_K == pytest.approx(298.15)


def test_title_compound_is_the_default(nlp) -> None:
    doc = Document(
        id="T1", kind="paper", title="Lithium superionic conductor Li10GeP2S12",
        sections=(Section(id="s1", paragraphs=(
            Paragraph(id="p1", text="Impedance was measured with blocking electrodes."),
            Paragraph(id="p2", text="A conductivity of 12 mS/cm was obtained at 27 °C."),
        )),),
    )
    (r,) = extract_document(doc, nlp).records
    assert r.material is not None and r.material.formula == "Li10GeP2S12"
    assert r.material.start is None  # named in another part
    assert r.provenance.part_id == "para:p2"


def test_activation_energy(nlp) -> None:
    (r,) = records("The activation energy of Li3PS4 is 0.25 eV.", nlp, "activation_energy")
    assert r.value == pytest.approx(0.25) and r.unit == "eV"
    (r,) = records("Li3PS4 has Ea = 35 kJ mol−1.", nlp, "activation_energy")
    assert r.value == pytest.approx(0.36275, rel=1e-4)
    (r,) = records("An activation energy of 250 meV was found for Li3PS4.", nlp)
    assert r.value == pytest.approx(0.25)


@pytest.mark.parametrize(
    "text",
    [
        "The cell was operated at 800 °C.",
        "The open circuit voltage of the Li3PS4 cell was 1.1 V.",
        "The Li3PS4 film is 2 μm thick.",
        "The band gap of Li3PS4 is 3.2 eV.",
        "The Li 1s peak appears at a binding energy of 55.6 eV.",
        "The area specific resistance was 0.5 Ω cm2 at 600 °C.",
        "A peak power density of 1.72 W cm−2 was reached at 800 °C.",
    ],
)
def test_no_records_for_non_property_values(nlp, text: str) -> None:
    assert records(text, nlp) == []


def test_provenance_points_at_the_value(nlp) -> None:
    text = "Intro line.\n\nLi3PS4 shows 0.2 mS/cm at 25 °C."
    (r,) = records(text, nlp)
    start, end = r.provenance.file_span
    assert text[start:end] == "0.2 mS/cm"
    s0 = r.provenance.source_offset + r.provenance.sentence_start
    assert text[s0:s0 + len(r.provenance.sentence)] == r.provenance.sentence


def test_respectively_picks_the_subject_list(nlp) -> None:
    rs = records("Cold-pressed Li3YCl6 and Li3YBr6 show 0.51 and 1.7 mS cm−1 at 25 °C, "
                 "respectively, and a cell with LiCoO2 and Li3YCl6 runs well.", nlp)
    assert [(r.material.text, r.value) for r in rs] == [
        ("Li3YCl6", pytest.approx(5.1e-4)), ("Li3YBr6", pytest.approx(1.7e-3))]


def test_series_named_by_their_variable(nlp) -> None:
    text = ("We studied SrCo1−xRexO3−δ. The electrical conductivity gave maximum values of "
            "43.5 S·cm−1 and 51.6 S·cm−1 for x = 0.05 and x = 0.10, respectively, at 850 °C.")
    rs = records(text, nlp)
    assert [r.material.text for r in rs] == ["x = 0.05", "x = 0.10"]
    assert rs[0].material.composition["Re"] == pytest.approx(0.05)
    assert rs[1].material.composition["Co"] == pytest.approx(0.90)
    assert text[rs[0].material.start:rs[0].material.end] == "x = 0.05"


def test_series_listed_after_its_formula_is_paired_with_respective_values(nlp) -> None:
    text = ("The maximum conductivity values at 850 °C for SrCo1−xNbxO3−δ (x = 0.05, 0.10 and "
            "0.15) are σ = 46.5, 48.8, and 19.7 S∙cm−1, respectively.")
    rs = records(text, nlp)
    assert [r.value for r in rs] == [46.5, 48.8, 19.7]
    # each value gets its member of the series: Co = 1 − x, Nb = x
    assert [r.material.composition["Nb"] for r in rs] == pytest.approx([0.05, 0.10, 0.15])
    assert [r.material.composition["Co"] for r in rs] == pytest.approx([0.95, 0.90, 0.85])
    assert [text[r.material.start:r.material.end] for r in rs] == ["x = 0.05", "0.10", "0.15"]


def test_a_variable_value_does_not_take_the_unit_of_a_list(nlp) -> None:
    rs = records("Li7−xLa3Zr2−xTaxO12 with x = 0.2 and 1.5 mS/cm at 25 °C.", nlp)
    assert [r.value for r in rs] == [pytest.approx(1.5e-3)]


def test_respectively_skips_materials_named_for_comparison(nlp) -> None:
    text = ("The Ea for ionic conduction of ZnO and ZnO-LCP at 475–550 °C are 0.7 and 0.51 eV, "
            "respectively, smaller than those of YSZ and LSGM.")
    rs = records(text, nlp)
    assert [(r.value, r.material.text) for r in rs] == [(0.7, "ZnO"), (0.51, "ZnO-LCP")]


def test_a_composite_electrode_is_the_material_not_one_of_its_phases(nlp) -> None:
    (r,) = records("The Ni-YSZ anode shows 500 S/cm at 800 °C.", nlp)
    assert r.material.text == "Ni-YSZ"
    assert set(r.material.elements) == {"Ni", "Zr", "Y", "O"}


def test_sample_labels_are_linked_but_not_parsed(nlp) -> None:
    (r,) = records("The ionic conductivity of S30 is 4 × 10−3 S·cm−1 at 800 °C.", nlp)
    assert r.material.text == "S30"
    assert r.material.composition == {} and r.material.error


def test_no_material_for_statements_about_a_class(nlp) -> None:
    text = "We made Li3YCl6. Sulfide electrolytes reach conductivities above 10−3 S cm−1."
    (r,) = records(text, nlp)
    assert r.material is None and r.qualifier == ">"


def test_reagents_are_not_the_measured_material(nlp) -> None:
    text = ("The sample was synthesized from Li2S, P2S5 and GeS2. It shows a conductivity of "
            "12 mS/cm at 27 °C.")
    (r,) = records(text, nlp)
    assert r.material is None or r.material.formula not in ("GeS2", "P2S5", "Li2S")


def test_a_value_restated_in_another_unit_is_one_record(nlp) -> None:
    rs = records("Li3PS4 has an activation energy of 24 kJ mol−1 (0.25 eV).", nlp)
    assert len(rs) == 1 and rs[0].value == pytest.approx(0.2487, rel=1e-3)


def test_pre_exponential_factor_is_not_a_conductivity(nlp) -> None:
    rs = records("For Li3PS4, σ0 = 3 × 10^4 S/cm and σ = 1 mS/cm at 25 °C.", nlp)
    assert [r.value for r in rs] == [pytest.approx(1e-3)]


def test_temperature_list_before_the_values(nlp) -> None:
    rs = records("At 700 and 800 °C, the conductivities of Li3PS4 are 0.1 and 0.2 S/cm.", nlp)
    assert [(r.value, round(r.temperature_K, 2)) for r in rs] == [(0.1, 973.15), (0.2, 1073.15)]


def test_process_temperatures_are_not_measuring_temperatures(nlp) -> None:
    (r,) = records("Li3PS4 sintered at 1300 °C shows 0.2 mS/cm at 25 °C.", nlp)
    assert r.temperature_K == pytest.approx(298.15)
    (r,) = records("After annealing at 550 °C, Li3PS4 reached 0.2 mS/cm.", nlp)
    assert r.temperature_K is None


def test_the_property_registry_is_extensible(nlp) -> None:
    import re

    from matmine.extractors.properties import PROPERTY_REGISTRY, PropertySpec, register_property

    register_property(PropertySpec(name="band_gap", unit_kind="energy",
                                   cue=re.compile(r"band\s?gap", re.I), require_cue=True))
    try:
        (r,) = records("The band gap of Li3PS4 is 3.2 eV.", nlp)
        assert (r.property, r.value, r.material.text) == ("band_gap", 3.2, "Li3PS4")
    finally:
        del PROPERTY_REGISTRY["band_gap"]
    assert records("The band gap of Li3PS4 is 3.2 eV.", nlp) == []


def test_a_variable_right_after_the_first_element_is_one_formula(nlp) -> None:
    text = "In a later study, LaxSr1−xTiO3 with x = 0.3 reached a conductivity of 300 S/cm."
    (r,) = records(text, nlp)
    assert r.material.text == "LaxSr1−xTiO3"
    assert r.material.composition == pytest.approx({"La": 0.3, "Sr": 0.7, "Ti": 1, "O": 3})


def test_an_activation_energy_does_not_take_the_same_temperature(nlp) -> None:
    text = ("ZnO possessed an ionic conductivity of 0.09 S cm−1 at 550 °C along with an activation "
            "energy of 0.70 eV, while ZnO-LCP exhibited 0.156 S cm−1 at the same temperature.")
    rs = records(text, nlp)
    assert [(r.property, r.temperature_K) for r in rs] == [
        ("ionic_conductivity", pytest.approx(823.15)), ("activation_energy", None),
        ("ionic_conductivity", pytest.approx(823.15))]


def test_acronyms_of_ordinary_words_are_not_sample_labels(nlp) -> None:
    text = ("Conventional cells operate at 800 °C, while PCFCs retain high ionic conductivity at "
            "low temperatures (LTs) with a low activation energy (<0.5 eV).")
    (r,) = records(text, nlp)
    assert r.property == "activation_energy" and r.material is None


def test_log_sigma_is_the_logarithm_of_the_conductivity(nlp) -> None:
    (r,) = records("LSGM has log σ = −4.3 S cm−1 at 200 °C.", nlp)
    assert r.value == pytest.approx(10 ** -4.3, rel=1e-5)
    assert r.unit == "S/cm" and r.temperature_K == pytest.approx(473.15)


@pytest.mark.parametrize(("text", "value"), [
    ("At 600 °C, log σ = −1.8 (σ in S cm−1) for BZY.", 10 ** -1.8),
    ("The log σ of La0.8Sr0.2Ga0.8Mg0.2O3−δ reaches −1.9 at 800 °C.", 10 ** -1.9),
    ("log(σ/S cm−1) = −5.2 for Li3PS4 at 25 °C.", 10 ** -5.2),
    ("log(σ/mS cm−1) = 0.5 for Li6PS5Cl at 25 °C.", 10 ** 0.5 * 1e-3),  # the unit inside
])
def test_log_sigma_without_a_unit_after_the_number(nlp, text: str, value: float) -> None:
    (r,) = records(text, nlp)
    assert r.value == pytest.approx(value, rel=1e-6) and r.unit == "S/cm"


def test_numbers_about_a_log_sigma_plot_are_no_conductivity(nlp) -> None:
    assert records("The plot of log σ versus 1000/T for LSGM is linear with a slope of 2.", nlp) == []


@pytest.mark.parametrize(("text", "value"), [
    ("For BZY, σ = σ0 exp(−0.45 eV/kBT) between 400 and 700 °C.", 0.45),
    ("For LSGM, σp/S cm−1 = (98 ± 14) exp(−1.12 ± 0.12 eV/kT).", 1.12),
])
def test_the_energy_in_an_arrhenius_law_is_an_activation_energy(nlp, text: str, value) -> None:
    (r,) = [r for r in records(text, nlp) if r.property == "activation_energy"]
    assert r.value == pytest.approx(value)
