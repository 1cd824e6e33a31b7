"""The measuring atmosphere of a property value ("550 S/cm in air and 310 S/cm in H2")."""

from __future__ import annotations

import pytest

from matmine.extractors.atmospheres import find_atmospheres
from matmine.extractors.pipeline import extract_text


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("measured in air", [("air",)]),
        ("under wet hydrogen", [("wet H2",)]),
        ("in 5%H2/Ar", [("5% H2/Ar",)]),
        ("under H2/N2 (5%/95%) atmosphere", [("H2/N2 (5%/95%)",)]),
        ("in Ar–5% H2", [("Ar–5% H2",)]),
        ("in 3% H2O–H2", [("3% H2O–H2",)]),
        ("in a reducing atmosphere", [("reducing",)]),
        ("in flowing oxygen", [("flowing O2",)]),
        ("in Dry Air", [("dry air",)]),
        # a list, to be paired "respectively"
        ("in air and H2, respectively", [("air", "H2")]),
    ],
)
def test_atmosphere_phrases(text: str, labels: list[tuple[str, ...]]) -> None:
    assert [a.labels for a in find_atmospheres(text)] == labels


@pytest.mark.parametrize(
    "text",
    [
        "Pellets sintered in air were polished.",  # processing, not measuring
        "The powder was calcined at 1000 °C for 5 h in air.",
        "Samples reduced in 5% H2/Ar were cooled.",
        "an improvement in O2 reduction kinetics",  # a gas acted on, not an atmosphere
        "the increase in H2 production",
        "the drop in the air electrode",
        "embedded in Ag paste, modelled in COMSOL",  # not gases
    ],
)
def test_no_measuring_atmosphere(text: str) -> None:
    assert find_atmospheres(text) == []


def _pairs(text: str) -> list[tuple[float, str | None]]:
    return [(r.value, r.atmosphere) for r in extract_text(text).records]


def test_each_value_takes_the_phrase_right_after_it() -> None:
    text = "The conductivity of SFM is 550 S cm−1 in air and 310 S cm−1 in H2 at 780 °C."
    assert _pairs(text) == [(550, "air"), (310, "H2")]


def test_a_phrase_after_a_clause_break_belongs_to_the_next_value() -> None:
    text = ("In wet H2, the proton conductivity of BaZr0.8Y0.2O3−δ is 0.01 S cm−1 at 600 °C, "
            "while in dry air it drops to 0.001 S cm−1.")
    assert _pairs(text) == [(0.01, "wet H2"), (0.001, "dry air")]


def test_lists_are_paired_respectively() -> None:
    text = ("SrFe0.8Cu0.1Nb0.1O3−δ exhibits a conductivity of 63 S cm−1 and 60 S cm−1 at 415 °C "
            "in air and 5%H2/Ar respectively.")
    assert _pairs(text) == [(63, "air"), (60, "5% H2/Ar")]


def test_the_only_atmosphere_of_a_sentence_applies_to_all_its_values() -> None:
    text = "Measured in air, LSCF and LSC show 250 and 1000 S/cm at 800 °C, respectively."
    assert _pairs(text) == [(250, "air"), (1000, "air")]


def test_a_processing_atmosphere_is_not_the_measuring_one() -> None:
    text = "Li7La3Zr2O12 sintered in air at 1200 °C shows 0.4 mS/cm at 25 °C."
    [record] = extract_text(text).records
    assert record.atmosphere is None


def test_atmosphere_is_in_the_json_row() -> None:
    from matmine.extractors.serialise import record_row

    [record] = extract_text("LSCF shows 250 S/cm in air at 800 °C.").records
    assert record_row(record)["atmosphere"] == "air"


@pytest.mark.parametrize(
    ("headers", "atmosphere"),
    [
        (("Conductivity (S/cm)", "Air"), "air"),  # a sub-column per atmosphere
        (("Conductivity (S/cm)", "5% H2/Ar"), "5% H2/Ar"),
        (("σ in air (S cm−1)",), "air"),
        (("σair (S/cm)",), "air"),
        (("σ (S/cm)",), None),
        (("σ (S/cm)", "Air electrode"), None),
    ],
)
def test_table_headers_name_the_atmosphere(headers: tuple[str, ...], atmosphere: str | None) -> None:
    from matmine.extractors.tables import extract_table_cell
    from matmine.models import DocumentPart

    part = DocumentPart(part_id="table:t1:r1c1", kind="table_cell", text="12", table_id="t1",
                        row=1, column=1, column_headers=headers, row_headers=("LSCF",))
    [record] = extract_table_cell("d", part)
    assert record.value == pytest.approx(12)
    assert record.atmosphere == atmosphere


def test_respectively_pairs_atmospheres_not_the_materials_named_before() -> None:
    text = ("We investigated Cu-doped SrFe0.9Nb0.1O3−δ, finding that SrFe0.8Cu0.1Nb0.1O3−δ "
            "exhibits a conductivity of 63 S cm−1 and 60 S cm−1 at 415 °C in air and 5% H2/Ar, "
            "respectively.")
    records = extract_text(text).records
    assert [(r.value, r.atmosphere) for r in records] == [(63, "air"), (60, "5% H2/Ar")]
    assert {r.material.text for r in records} == {"SrFe0.8Cu0.1Nb0.1O3−δ"}


def test_modifiers_sharing_one_gas_are_a_list() -> None:
    text = ("The proton conductivities of BaZr0.8Y0.2O3−δ in dry and wet Ar at 600 °C are "
            "2.0 × 10−3 and 8.5 × 10−3 S cm−1, respectively.")
    assert [r.atmosphere for r in extract_text(text).records] == ["dry Ar", "wet Ar"]


def test_an_oxygen_partial_pressure_is_an_atmosphere() -> None:
    text = ("The electrical conductivity of LSF64 is 191 S cm−1 in air at 800 °C, decreasing to "
            "a value of 114 S cm−1 at a pO2 of 0.01 atm.")
    assert [r.atmosphere for r in extract_text(text).records] == ["air", "pO2 = 0.01 atm"]
    [record] = extract_text("SLT shows 100 S/cm at 1000 °C, p O 2 = 10-13 Pa.").records
    assert record.atmosphere == "pO2 = 10-13 Pa"
