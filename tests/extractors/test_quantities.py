"""Numbers and units in every typographic form, with hand-computed values."""

from __future__ import annotations

import pytest

from matmine.extractors.quantities import find_quantities
from matmine.extractors.units import parse_unit


def first(text: str, kind: str | None = None):
    qs = [q for q in find_quantities(text) if kind is None or q.kind == kind]
    assert qs, f"no quantity in {text!r}"
    return qs[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2 × 10−3 S cm−1", 1.2e-3),
        ("1.2×10^-3 S/cm", 1.2e-3),
        ("1.2E-3 S/cm", 1.2e-3),
        ("1.2e−3 S/cm", 1.2e-3),
        ("1.2 x 10-3 S cm-1", 1.2e-3),  # PDF lost the superscript
        ("1.2 /C2 10/C03 S cm/C01", 1.2e-3),  # PDF glyph names for × and minus
        ("10−3 S/cm", 1e-3),
        ("1.2×10⁻³ S cm⁻¹", 1.2e-3),
        ("12 mS/cm", 0.012),
        ("12 mS cm-1", 0.012),
        ("12 mS cm−1", 0.012),
        ("5 μS/cm", 5e-6),
        ("5 µS/cm", 5e-6),
        ("3 S/m", 0.03),
        ("2 S·cm−1", 2.0),
        ("2 S∙cm−1", 2.0),
        ("4 Ω−1 cm−1", 4.0),
        ("4 (Ω cm)−1", 4.0),
        ("63 Scm -1", 63.0),
        ("63 Scm−1", 63.0),
        ("7 S cm -1", 7.0),
        ("0.054 S cm–1", 0.054),  # en dash as a minus sign in the unit
        ("3 mScm−1", 0.003),
    ],
)
def test_conductivity_notations(text: str, value: float) -> None:
    q = first(text, "conductivity")
    assert q.value == pytest.approx(value, rel=1e-9)
    assert q.unit is not None and q.unit.canonical == "S/cm"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.25 eV", 0.25),
        ("250 meV", 0.25),
        ("35 kJ/mol", 35 * 0.010364269656262175),
        ("35 kJ mol−1", 35 * 0.010364269656262175),
    ],
)
def test_energy_notations(text: str, value: float) -> None:
    q = first(text, "energy")
    assert q.value == pytest.approx(value, rel=1e-9)
    assert q.unit.canonical == "eV"


@pytest.mark.parametrize(
    ("text", "kelvin", "assumed"),
    [
        ("27 °C", 300.15, False),
        ("27 oC", 300.15, False),
        ("27 ℃", 300.15, False),
        ("300 K", 300.0, False),
        ("−20 °C", 253.15, False),
        ("room temperature", 298.15, True),
        ("at RT", 298.15, True),
    ],
)
def test_temperatures(text: str, kelvin: float, assumed: bool) -> None:
    q = first(text, "temperature")
    assert q.value == pytest.approx(kelvin)
    assert q.assumed is assumed


def test_ranges() -> None:
    q = first("10−4 to 10−3 S/cm", "conductivity")
    assert (q.value_min, q.value_max) == (pytest.approx(1e-4), pytest.approx(1e-3))
    q = first("10−4–10−3 S cm−1", "conductivity")
    assert (q.value_min, q.value_max) == (pytest.approx(1e-4), pytest.approx(1e-3))
    q = first("2–5 × 10−4 S/cm", "conductivity")  # the exponent applies to both ends
    assert (q.value_min, q.value_max) == (pytest.approx(2e-4), pytest.approx(5e-4))
    q = first("from 2400 to 1300 S/cm", "conductivity")
    assert (q.value_min, q.value_max) == (1300.0, 2400.0)
    q = first("between 1 and 2 mS/cm", "conductivity")
    assert (q.value_min, q.value_max) == (pytest.approx(1e-3), pytest.approx(2e-3))
    q = first("at 600–800 °C", "temperature")
    assert (q.value_min, q.value_max) == (pytest.approx(873.15), pytest.approx(1073.15))


def test_qualifiers_and_errors() -> None:
    assert first("~1 mS/cm").qualifier == "~"
    assert first("≈ 2 mS/cm").qualifier == "~"
    assert first("> 1 mS/cm").qualifier == ">"
    assert first("above 120 S·cm−1").qualifier == ">"
    assert first("ca. 3 mS/cm").qualifier == "~"
    q = first("1.2 ± 0.1 mS/cm")
    assert q.value == pytest.approx(1.2e-3) and q.error == pytest.approx(1e-4)
    q = first("(1.2 ± 0.1) × 10−3 S/cm")
    assert q.value == pytest.approx(1.2e-3) and q.error == pytest.approx(1e-4)
    q = first("a = 4.14(5) Å")
    assert q.value == pytest.approx(4.14) and q.error == pytest.approx(0.05)


def test_list_shares_the_unit() -> None:
    qs = find_quantities("0.01, 0.025, and 0.054 S cm–1 at 500, 600, and 700 °C")
    cond = [q for q in qs if q.kind == "conductivity"]
    temps = [q for q in qs if q.kind == "temperature"]
    assert [q.value for q in cond] == [0.01, 0.025, 0.054]
    assert [round(q.value, 2) for q in temps] == [773.15, 873.15, 973.15]
    qs = find_quantities("63 Scm−1and 60 Scm−1 at 415 °C")
    assert [q.value for q in qs if q.kind == "conductivity"] == [63.0, 60.0]


def test_offsets_point_at_the_text() -> None:
    text = "σ = 1.2 × 10−3 S cm−1 at 25 °C"
    q = first(text, "conductivity")
    assert text[q.start:q.end] == "1.2 × 10−3 S cm−1"


def test_non_property_units_are_classified() -> None:
    assert parse_unit("V").kind == "other"
    assert parse_unit("Ω cm2").kind == "other"
    assert parse_unit("μm").kind == "length"
    assert parse_unit("mA cm-2").kind == "other"


@pytest.mark.parametrize(
    "text",
    ["", "×××", "10^^^", "1e999999 S/cm", "S/cm S/cm", "((((", "1" * 5000, "/C0/C2/C0",
     "1.2.3.4 mS/cm", "− − 1", "10−−3 S/cm", "\x00\x01", "😀 12 mS/cm 😀"],
)
def test_garbage_never_crashes(text: str) -> None:
    find_quantities(text)


def test_regressions_from_the_sofc_texts() -> None:
    # thermal expansion coefficients are not temperatures
    assert [q.kind for q in find_quantities("TEC of 12.6 × 10−6 K−1")] == ["other"]
    # "15 Sm1–xSrxCoO3" is a citation number before a samarium formula, not S/m
    assert all(q.kind != "conductivity" for q in find_quantities("(LSF),15 Sm1–xSrxCoO3−δ"))
    # a slip: eV per mole written for eV
    assert first("0.54 eV·mol−1", "energy").value == pytest.approx(0.54)
    # "S cm" without the exponent is a PDF that lost the minus sign
    assert first("12 S cm at 800 °C", "conductivity").value == pytest.approx(12.0)
    # "10–2" with an en dash is a lost superscript; "10–12" is a range
    assert first("10–2 S cm–1", "conductivity").value == pytest.approx(0.01)
    assert first("10–12 S/cm", "conductivity").value_min == pytest.approx(10.0)
    # thousands separators
    assert first("800–1,000 °C", "temperature").value_max == pytest.approx(1273.15)
    # a range written with the unit twice
    q = first("in the range of 0.4 eV to 0.7 eV", "energy")
    assert (q.value_min, q.value_max) == (pytest.approx(0.4), pytest.approx(0.7))


def test_qualifier_inside_brackets() -> None:
    assert first("(approximately 2 mS/cm)").qualifier == "~"
    assert first("the value (ca. 3 mS/cm)").qualifier == "~"
    assert first("is ∼1000 S/cm").qualifier == "~"
    assert first("reached more than 1 mS/cm").qualifier == ">"


def test_ohm_sign_and_angstrom_sign_code_points() -> None:
    # U+2126 OHM SIGN and U+212B ANGSTROM SIGN are other characters than Ω (U+03A9)
    # and Å (U+00C5); both spellings occur in publishers' text
    from matmine.extractors.quantities import find_quantities

    (q,) = find_quantities("0.1 \u2126\u22121 cm\u22121")
    assert q.unit is not None and q.unit.canonical == "S/cm" and q.value == 0.1
    (a,) = find_quantities("8.71 \u212b")
    assert a.unit is not None and a.unit.kind == "length"


def test_a_fractional_power_of_ten_is_one_value_not_a_range() -> None:
    [q] = find_quantities("10−6.5 S cm−1")
    assert q.value == pytest.approx(10 ** -6.5)
    assert q.value_min is None and q.value_max is None


@pytest.mark.parametrize(("text", "qualifier"), [
    ("surpassing 1 mS cm-1", ">"), ("of the order of 0.0002 S/cm", "~"), ("close to 50 S/cm", "~"),
])
def test_more_qualifier_words(text: str, qualifier: str) -> None:
    [q] = find_quantities(text)
    assert q.qualifier == qualifier and q.raw == text


@pytest.mark.parametrize(("text", "values"), [
    ("8.8 and 7.4 × 10−2 S/cm", [0.088, 0.074]),  # the power of ten is shared
    ("3.2, 4.5 and 6.1 × 10−3 S cm−1", [0.0032, 0.0045, 0.0061]),
    ("43.5 and 51.6 S/cm", [43.5, 51.6]),
    ("0,1 S/cm", [0.1]),  # decimal commas before a unit or a times sign
    ("2,5 × 10-2 S cm-1", [0.025]),
    ("1,000 S/cm", [1000.0]),
])
def test_lists_sharing_a_power_of_ten_and_decimal_commas(text: str, values: list[float]) -> None:
    found = [q for q in find_quantities(text) if q.unit is not None]
    assert [q.value for q in found] == pytest.approx(values)


def test_a_plus_after_a_number_means_more_than() -> None:
    [q] = [q for q in find_quantities("electronic conductivity (200+ S/cm)") if q.unit]
    assert (q.value, q.qualifier, q.raw) == (200.0, ">", "200+ S/cm")
