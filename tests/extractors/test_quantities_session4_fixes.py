"""Quantities, units and measuring temperatures read from real text: the session-4
fixes.  Every expected value is worked out by hand in the comment next to it."""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text
from matmine.extractors.quantities import find_quantities
from matmine.extractors.text_normalise import expand_markup, normalise_with_offsets


def records(text: str) -> list:
    return extract_text(text).records


def values_and_temperatures(text: str) -> list[tuple[float | None, float | None]]:
    return [(r.value, r.temperature_K) for r in records(text)]


def of_kind(text: str, kind: str) -> list:
    return [q for q in find_quantities(text) if q.kind == kind]


# ------------------------------------------------ 1. a variable's value starts no range

def test_the_value_of_a_variable_is_no_range_start() -> None:
    text = ("The activation energy of conduction decreased from 0.98 eV for x = 0 to "
            "0.71 eV for x = 0.2.")
    energies = of_kind(text, "energy")
    assert [(q.value, q.value_min, q.value_max) for q in energies] == [
        (0.98, None, None), (0.71, None, None)]
    assert [(r.value, r.value_min) for r in records(text)] == [(0.98, None), (0.71, None)]


@pytest.mark.parametrize("text", ["Ea ranges from 0.4 to 0.7 eV.", "Ea = 0.4–0.7 eV"])
def test_ordinary_ranges_stay_ranges(text: str) -> None:
    q = of_kind(text, "energy")[0]
    assert (q.value_min, q.value_max) == (0.4, 0.7)


# --------------------------------------------- 2. a temperature subscript without unit

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 800 °C = 800 + 273.15 K
        ("σ800 of the LSM cathode was 200 S cm-1.", [(200.0, 1073.15)]),
        # both listed values share the symbol's 700 °C = 973.15 K
        ("The σ700 values of LSCF and LSC were 250 and 1200 S cm-1, respectively.",
         [(250.0, 973.15), (1200.0, 973.15)]),
        ("σ25 = 1 mS/cm", [(0.001, 298.15)]),  # 25 °C; 1 mS/cm = 0.001 S/cm
        ("σ_{800} = 100 S/cm", [(100.0, 1073.15)]),
        # an explicit kelvin wins over the Celsius reading
        ("σ300K = 2 S/cm", [(2.0, 300.0)]),
        ("σ 1179 K of LSM was 200 S/cm.", [(200.0, 1179.0)]),
        # formula digits in the gap are no number: σRT = 298.15 K (assumed)
        ("σRT of the Li6PS5Cl electrolyte was 2 mS/cm.", [(0.002, 298.15)]),
    ],
)
def test_temperature_on_the_symbol(text: str, expected: list) -> None:
    assert values_and_temperatures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The conductivity σ11 of the crystal is 2 S/cm.",  # a tensor component
        "σ800 of the LSM sample with x = 0.2 was 200 S/cm.",  # a number in the gap
    ],
)
def test_no_temperature_on_the_symbol(text: str) -> None:
    assert values_and_temperatures(text) == [(2.0 if "σ11" in text else 200.0, None)]


def test_pre_exponential_factor_is_no_temperature() -> None:
    assert not of_kind("σ0 of 10 S/cm", "temperature")


# ------------------------------------------------ 3. a Celsius temperature lost its °

def test_two_digit_celsius_right_after_a_conductivity() -> None:
    text = "The LLZO pellet showed bulk conductivity of the order of 10-6S/cm at 25C."
    [r] = records(text)
    assert (r.value, r.qualifier, r.temperature_K) == (1e-6, "~", 298.15)  # 25 + 273.15


def test_a_c_rate_stays_a_number() -> None:
    assert not of_kind("a capacity of 100 mAh/g at 20C.", "temperature")


@pytest.mark.parametrize(("text", "kelvin"), [("at 750C", 1023.15), ("at 1500C", 1773.15)])
def test_whole_hundreds_still_celsius(text: str, kelvin: float) -> None:
    assert of_kind(text, "temperature")[0].value == kelvin


def test_2000C_is_no_temperature() -> None:
    # "200 0C" (a degree sign read as 0) that lost its space; not 2273.15 K
    assert not of_kind("The conductivity at 2000C it reached 0.1 S/cm.", "temperature")


# ----------------------------------------------- 4. which temperature governs a value

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 0.81 mS/cm = 8.1e-4 S/cm; 4.5 mS/cm = 4.5e-3 S/cm
        ("At 298 K, the conductivity of Li2ZrCl6 is 0.81 mS cm−1; it rises to 4.5 mS cm−1 "
         "at 353 K.", [(0.00081, 298.0), (0.0045, 353.0)]),
        # 25 °C = 298.15 K, 80 °C = 353.15 K
        ("At 25 °C, Li6PS5Cl shows 1.9 mS cm−1, and at 80 °C it shows 9 mS cm−1.",
         [(0.0019, 298.15), (0.009, 353.15)]),
        # a value's own "at T" after it still wins over the clause opener
        ("At 800 °C, LSM shows 0.1 S/cm in air and 0.2 S/cm at 700 °C.",
         [(0.1, 1073.15), (0.2, 973.15)]),
        # 50 °C = 323.15 K, 900 °C = 1173.15 K; "sintered at" is the first one's only
        ("The electrical conductivities of the Ni-YSZ cermets sintered at 1400 °C were "
         "2263S∙cm−1 at 50 °C and 382 S∙cm−1 at 900 °C.", [(2263.0, 323.15), (382.0, 1173.15)]),
        # the processing temperature 1400 °C does not reach past the value: 800 °C
        ("The electronic conductivity of La0.2Sr0.8TiO3 (LST) reduced at 1400 °C reached "
         "64 S cm-1 at 800 °C under pO2 = 10-19 atm.", [(64.0, 1073.15)]),
        # no temperature across a semicolon for the first value
        ("The conductivity of Li2ZrCl6 is 0.81 mS cm−1; it rises to 4.5 mS cm−1 at 353 K.",
         [(0.00081, None), (0.0045, 353.0)]),
    ],
)
def test_temperature_pairing(text: str, expected: list) -> None:
    assert values_and_temperatures(text) == expected


def test_processing_temperature_before_no_value_stays_processing() -> None:
    text = "LSM sintered at 1200 °C and 1300 °C showed 200 S/cm."
    assert values_and_temperatures(text) == [(200.0, None)]


# --------------------------------------------------------- 5. units and PDF damage

def test_web_of_science_unit() -> None:
    text = "The conductivity of LiPON was 4.89 x 10(-4) S . cm(-1) at 45 degrees C."
    [r] = records(text)
    # 4.89 × 10^-4 S/cm; 45 °C = 318.15 K
    assert (r.value, r.temperature_K, r.raw) == (0.000489, 318.15, "4.89 x 10(-4) S . cm(-1)")


def test_web_of_science_molar_energy() -> None:
    # 35 kJ/mol = 35 × 0.0103642697 eV = 0.36275 eV
    assert of_kind("35 kJ . mol(-1)", "energy")[0].value == pytest.approx(0.362749, rel=1e-5)


def test_a_full_stop_after_a_unit_ends_the_sentence() -> None:
    [q] = find_quantities("measured at 300 K . A new cell")
    assert (q.raw, q.kind, q.value) == ("300 K", "temperature", 300.0)


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        # both minus signs lost: 4.6 × 10^-4 S/cm, not 4.6 × 10^4
        ("was 4.6 x 10 4 S cm 1 at RT", 4.6e-4, "4.6 x 10 4 S cm 1"),
        ("was 2.1 x 104 S cm 1 at RT", 2.1e-4, "2.1 x 104 S cm 1"),
        # only the unit's minus lost: the value stays
        ("was 0.5 S cm 1.", 0.5, "0.5 S cm 1"),
        ("was 3 mS cm 1 at", 0.003, "3 mS cm 1"),
    ],
)
def test_lost_minus_of_unit_and_power(text: str, value: float, raw: str) -> None:
    [q] = of_kind(text, "conductivity")
    assert (q.value, q.raw) == (value, raw)


def test_lost_minus_power_shared_by_a_list() -> None:
    qs = of_kind("8.8 and 7.4 x 10 4 S cm 1", "conductivity")
    assert [q.value for q in qs] == [8.8e-4, 7.4e-4]  # × 10^-4 for both


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2–5 x 10 4 S cm 1", 2e-4, 5e-4),  # one power for both ends: × 10^-4
        ("2 x 10 3–5 x 10 4 S cm 1", 2e3, 5e4),  # two powers: no guess, as written
    ],
)
def test_lost_minus_of_a_range(text: str, low: float, high: float) -> None:
    [q] = of_kind(text, "conductivity")
    assert (q.value_min, q.value_max) == (low, high)


def test_a_slash_unit_takes_no_lost_minus() -> None:
    [q] = of_kind("0.5 S/cm 1 h after", "conductivity")
    assert (q.value, q.raw) == (0.5, "0.5 S/cm")


def test_a_signed_power_with_a_lost_unit_minus_stays() -> None:
    [q] = of_kind("4.6 × 10−4 S cm 1", "conductivity")
    assert q.value == 4.6e-4


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("was 6 3 10 24 S cm 21 at room temperature", 6e-4, "6 3 10 24 S cm 21"),  # 6 × 10^-4
        ("of 1.2 3 10 23 mS cm 21.", 1.2e-6, "1.2 3 10 23 mS cm 21"),  # 1.2e-3 mS = 1.2e-6 S
        ("of 0.05 S cm 21.", 0.05, "0.05 S cm 21"),
    ],
)
def test_elsevier_lost_minus(text: str, value: float, raw: str) -> None:
    [q] = of_kind(text, "conductivity")
    assert (q.value, q.raw) == (pytest.approx(value, rel=1e-12), raw)
    assert text[q.start:q.end] == raw


def test_elsevier_damage_needs_its_unit() -> None:
    # no "S cm 21": ordinary numbers
    assert [q.value for q in find_quantities("samples 6 3 10 24 in total")] == [6, 3, 10, 24]


def test_elsevier_damage_offsets() -> None:
    text = "was 6 3 10 24 S cm 21 at RT"
    n = expand_markup(text)
    assert n.text == "was 6 × 10−4 S cm −1 at RT"
    assert n.original[slice(*n.to_original(4, 20))] == "6 3 10 24 S cm 21"
    assert normalise_with_offsets(text).text == "was 6 × 10-4 S cm -1 at RT"


def test_curly_quote_for_a_minus() -> None:
    [q] = of_kind("The conductivity of LLZO was over 10 “4 S cm-1 at room temperature.",
                  "conductivity")
    assert (q.value, q.qualifier) == (1e-4, ">")


def test_a_curly_quote_elsewhere_is_kept() -> None:
    assert expand_markup("He said “4 S” and 10 “4 things”").text == \
        "He said “4 S” and 10 “4 things”"


def test_approximate_to() -> None:
    [q] = of_kind("E-A approximate to 0.22 eV", "energy")
    assert (q.value, q.qualifier) == (0.22, "~")


# ------------------------------------------------------- 6. a lost superscript on 10

def test_a_lost_superscript_on_ten_is_left_alone() -> None:
    # "10³" or 103: no safe rule tells them apart, so the number is read as written
    [q] = of_kind("a conductivity of nearly 103S/cm at 800 °C", "conductivity")
    assert (q.value, q.qualifier) == (103.0, "~")
