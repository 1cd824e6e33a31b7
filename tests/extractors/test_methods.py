"""Whether a value was measured or computed ("calculated by AIMD to be 25 mS cm−1")."""

from __future__ import annotations

import pytest

from matmine.extractors.methods import value_method
from matmine.extractors.pipeline import extract_text


def _method(sentence: str, value: str) -> str | None:
    start = sentence.index(value)
    return value_method(sentence, start, start + len(value))


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The Li-ion conductivity of Li10SiP2S12 was calculated by AIMD to be 25 mS cm−1.",
         "25 mS cm−1"),
        ("DFT predicts an activation energy of 0.21 eV for Li10SnP2S12.", "0.21 eV"),
        ("The computed migration barrier of 0.25 eV is the lowest of the series.", "0.25 eV"),
        ("From molecular dynamics simulations, σ = 12 mS/cm at 300 K.", "12 mS/cm"),
        ("NEB calculations give 0.3 eV for the vacancy hop.", "0.3 eV"),
        ("First-principles calculations yield a migration barrier of 0.18 eV.", "0.18 eV"),
        ("The ab initio conductivity of Li10SnP2S12 is 9 mS/cm at 300 K.", "9 mS/cm"),
        ("Li10SiP2S12 is predicted to reach 23 mS/cm at room temperature.", "23 mS/cm"),
        ("Bond-valence analysis gives a migration energy of 0.4 eV.", "0.4 eV"),
        # the method named right after the value, in brackets
        ("Li10SiP2S12 conducts 23 mS/cm at 300 K (AIMD).", "23 mS/cm"),
        # an Arrhenius fit of simulated diffusivities is a computation
        ("The activation energy from the Arrhenius fit of the AIMD diffusivities is 0.21 eV.",
         "0.21 eV"),
        # a bound on a computed value: the comparison word does not hide the cue
        ("AIMD predicts a conductivity higher than 10 mS/cm at 300 K.", "10 mS/cm"),
    ],
)
def test_computed(sentence: str, value: str) -> None:
    assert _method(sentence, value) == "computed"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The ionic conductivity measured by EIS is 4 mS/cm at 25 °C.", "4 mS/cm"),
        ("Experimentally, Li10SnP2S12 conducts 4 mS/cm at 27 °C.", "4 mS/cm"),
        ("Impedance spectroscopy gave a total conductivity of 1.1 mS/cm.", "1.1 mS/cm"),
        # data worked up into a value is a measurement, not a computation
        ("The ionic conductivity calculated from the impedance spectra is 1.2 mS/cm.",
         "1.2 mS/cm"),
        ("The conductivity was calculated from the resistance to be 3.1 × 10−4 S/cm.",
         "3.1 × 10−4 S/cm"),
        ("The ionic conductivity was calculated using σ = L/(R·A) to be 1 mS/cm.", "1 mS/cm"),
        ("Simulation of the impedance gives a bulk conductivity of 2 mS/cm.", "2 mS/cm"),
        ("Equivalent circuit fitting gives a grain-boundary conductivity of 0.2 mS/cm.",
         "0.2 mS/cm"),
        ("The activation energy from the Arrhenius fit is 0.35 eV.", "0.35 eV"),
        # a prediction confirmed is not a predicted value
        ("As predicted by the model, the measured conductivity is 5 mS/cm.", "5 mS/cm"),
    ],
)
def test_measured(sentence: str, value: str) -> None:
    assert _method(sentence, value) == "measured"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Li10GeP2S12 shows 12 mS/cm at 27 °C.", "12 mS/cm"),
        # the density, not the value, is theoretical
        ("Pellets of 95% theoretical density show 5 mS/cm at 25 °C.", "5 mS/cm"),
        # compared with DFT, not computed by it
        ("A conductivity of 5 mS/cm was obtained, in agreement with DFT calculations.",
         "5 mS/cm"),
        # the second value of a comparison has no cue of its own
        ("The AIMD value of 25 mS/cm is higher than the 4 mS/cm of the pellet.", "4 mS/cm"),
        # "respectively" with cues of both kinds: the pairing is not read
        ("The DFT and measured barriers are 0.21 and 0.25 eV, respectively.", "0.21"),
        ("Computed tomography shows dense pellets with 2 mS/cm at 25 °C.", "2 mS/cm"),
    ],
)
def test_not_said(sentence: str, value: str) -> None:
    assert _method(sentence, value) is None


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("DFT predicts an activation energy of 0.21 eV, in good agreement with the measured "
         "0.25 eV.", {"0.21 eV": "computed", "0.25 eV": "measured"}),
        ("AIMD gives 25 mS/cm, whereas impedance spectroscopy gave 4 mS/cm.",
         {"25 mS/cm": "computed", "4 mS/cm": "measured"}),
        ("The measured conductivity is 4 mS/cm, compared with 12 mS/cm from AIMD.",
         {"4 mS/cm": "measured", "12 mS/cm": "computed"}),
        ("The AIMD conductivity of 25 mS/cm is higher than the experimental 4 mS/cm.",
         {"25 mS/cm": "computed", "4 mS/cm": "measured"}),
    ],
)
def test_each_value_of_a_sentence_has_its_own_method(sentence: str,
                                                    values: dict[str, str]) -> None:
    assert {v: _method(sentence, v) for v in values} == values


def test_extracted_records_carry_the_method() -> None:
    text = ("The Li-ion conductivity of Li10SiP2S12 was calculated by AIMD to be 25 mS cm−1 "
            "at 300 K. NEB calculations give an activation energy of 0.21 eV for Li10SnP2S12. "
            "The ionic conductivity of Li10SnP2S12 measured by impedance spectroscopy is "
            "4 mS cm−1 at 27 °C. The conductivity of Li10GeP2S12 was calculated from the "
            "impedance spectra to be 12 mS/cm at 27 °C. Li7La3Zr2O12 shows 0.4 mS/cm at 25 °C.")
    records = extract_text(text).records
    assert [(r.value, r.method) for r in records] == [
        (pytest.approx(0.025), "computed"), (pytest.approx(0.21), "computed"),
        (pytest.approx(0.004), "measured"), (pytest.approx(0.012), "measured"),
        (pytest.approx(0.0004), None)]


def test_method_is_in_the_json_row_and_the_table_line() -> None:
    from matmine.cli.extract import _table_line
    from matmine.extractors.serialise import record_row

    [record] = extract_text("DFT predicts an activation energy of 0.21 eV for Li10SnP2S12.").records
    row = record_row(record)
    assert row["method"] == "computed"
    assert "[computed]" in _table_line(row)
    [record] = extract_text("Li10GeP2S12 shows 12 mS/cm at 27 °C.").records
    assert record_row(record)["method"] is None
