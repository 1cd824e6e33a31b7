"""Markup and PDF damage in plain text: HTML entities and tags, pandoc scripts, glyph names.

Values by hand: 1.7 × 10^-2 S/cm = 0.017 S/cm; 25 °C = 298.15 K; 1 mS/cm = 1e-3 S/cm.
"""

from __future__ import annotations

import pytest

from matmine.extractors.text_normalise import expand_markup, normalise_with_offsets


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("1.7 &times; 10&minus;2 S cm&minus;1", "1.7 × 10−2 S cm−1"),
        ("3.0 × 10<sup>−4</sup> S cm<sup>−1</sup>", "3.0 × 10^−4 S cm−1"),
        ("1.6 &times; 10<sup>&minus;4</sup>", "1.6 × 10^−4"),
        ("10^−2^ S cm^−1^", "10^−2 S cm−1"),
        ("25 &deg;C and &gt; 1 mS/cm", "25 °C and > 1 mS/cm"),
        ("25 /C14C, 10/C02, 1.7 /C2 10", "25 °C, 10-2, 1.7 × 10"),
        ("/uniFB01lm", "film"),
        # a superscript after a formula's count is a charge, not a power of ten
        ("Li10<sup>+</sup>", "Li10+"),
        ("10<sup>4</sup> and 2.10<sup>3</sup>", "10^4 and 2.103"),
        # pandoc subscripts; "~" before a number is "about"
        ("Li~2~S at ~10 mS", "Li2S at ~10 mS"),
        # an en dash is a range to a number scanner: kept, unlike a minus sign
        ("10&ndash;12 and 10&minus;12", "10–12 and 10−12"),
    ],
)
def test_expand_markup(raw: str, clean: str) -> None:
    assert expand_markup(raw).text == clean


def test_expand_markup_leaves_single_characters_alone() -> None:
    text = "Li₁₀GeP₂S₁₂ – 10−3"
    n = expand_markup(text)
    assert n.text == text and n.starts is None


def test_full_normalisation_maps_entities_to_ascii() -> None:
    assert normalise_with_offsets("Li7&minus;xLa3Zr2O12").text == "Li7-xLa3Zr2O12"


@pytest.mark.parametrize(
    ("raw", "clean_part", "original_part"),
    [
        ("3.0 × 10<sup>−4</sup> S cm<sup>−1</sup> at 25 °C", "S cm−1", "S cm<sup>−1</sup>"),
        ("1.7 &times; 10&minus;2 S", "1.7 × 10−2", "1.7 &times; 10&minus;2"),
        ("at 25 /C14C.", "25 °C", "25 /C14C"),
        ("Li<sub>2</sub>S powder", "Li2S", "Li<sub>2</sub>S"),
    ],
)
def test_spans_map_back_to_the_original(raw: str, clean_part: str, original_part: str) -> None:
    n = expand_markup(raw)
    start = n.text.index(clean_part)
    o_start, o_end = n.to_original(start, start + len(clean_part))
    assert raw[o_start:o_end] == original_part


# The number scanner reads the expanded text (``find_quantities`` → ``expand_markup``
# and back); spans still point at the original characters.


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "raw"),
    [
        ("Li7P3S11 exhibits a conductivity of 1.7 &times; 10&minus;2 S cm&minus;1 at room "
         "temperature.", 0.017, None, "1.7 &times; 10&minus;2 S cm&minus;1"),
        ("Li7P3S11 exhibits a conductivity of 3.0 × 10<sup>−4</sup> S cm<sup>−1</sup> at "
         "25 °C.", 3.0e-4, None, "3.0 × 10<sup>−4</sup> S cm<sup>−1</sup>"),
        ("Li7P3S11 exhibits a conductivity of 1.6 &times; 10<sup>&minus;4</sup> S "
         "cm<sup>&minus;1</sup> at 25 &deg;C.", 1.6e-4, None,
         "1.6 &times; 10<sup>&minus;4</sup> S cm<sup>&minus;1</sup>"),
        ("Li7P3S11 exhibits a conductivity of &gt; 1 mS/cm at 25 &deg;C.", 1e-3, ">",
         "&gt; 1 mS/cm"),
        ("Li7P3S11 exhibits a conductivity of 1.7 × 10^−2^ S cm^−1^ at 25 /C14C.", 0.017, None,
         "1.7 × 10^−2^ S cm^−1^"),
    ],
)
def test_conductivity_in_marked_up_text(text: str, value: float, qualifier: str | None,
                                        raw: str) -> None:
    from matmine.extractors.pipeline import extract_text

    [record] = extract_text(text).records
    assert record.value == pytest.approx(value)
    assert record.unit == "S/cm"
    assert record.qualifier == qualifier
    assert record.temperature_K == pytest.approx(298.15)
    assert record.material is not None and record.material.formula == "Li7P3S11"
    span = record.provenance
    assert text[span.start:span.end] == raw == record.raw


def test_pdf_glyphs_already_read_in_place() -> None:
    from matmine.extractors.pipeline import extract_text

    text = "Li7P3S11 exhibits a conductivity of 1.7 /C2 10/C02 S cm/C01."
    [record] = extract_text(text).records
    assert record.value == pytest.approx(0.017)
    assert text[record.provenance.start:record.provenance.end] == "1.7 /C2 10/C02 S cm/C01"


def test_degree_sign_read_as_8_by_a_pdf_converter() -> None:
    from matmine.extractors.pipeline import extract_text

    text = "The conductivity of LSGM is 0.1 S/cm at 800 8C and 0.01 S/cm at 600 8C."
    records = extract_text(text).records
    assert [r.temperature_K for r in records] == pytest.approx([1073.15, 873.15])
    assert [r.temperature_raw for r in records] == ["800 8C", "600 8C"]


def test_a_c_rate_is_not_a_temperature() -> None:
    from matmine.extractors.pipeline import extract_text

    [record] = extract_text("Cells were cycled at 8C; LiCoO2 showed 1.2 mS/cm at 25 °C.").records
    assert record.temperature_K == pytest.approx(298.15)


@pytest.mark.parametrize(
    ("text", "kelvin"),
    [
        ("Yb-doped LaGaO3 showed 0.0002 S/cm at 750C.", 1023.15),  # degree sign lost
        ("Yb-doped LaGaO3 showed 0.0002 S/cm at 750 C.", 1023.15),
        ("Yb-doped LaGaO3 showed 0.0002 S/cm at 600 degrees C.", 873.15),
        ("Yb-doped LaGaO3 showed 0.0002 S/cm at 1000 degreesC.", 1273.15),
    ],
)
def test_celsius_without_a_degree_sign(text: str, kelvin: float) -> None:
    from matmine.extractors.pipeline import extract_text

    [record] = extract_text(text).records
    assert record.temperature_K == pytest.approx(kelvin)


def test_a_c_rate_is_not_read_as_celsius() -> None:
    from matmine.extractors.quantities import find_quantities

    found = find_quantities("cycled at 1 C, 2C and 100C-rate")
    assert all(q.unit is None for q in found)


def test_runs_of_spaces_from_ocr_text() -> None:
    from matmine.extractors.pipeline import extract_text

    text = "The  ionic  conductivity  of  Li6PS5Cl  is  1.9  mS  cm−1  at  25  °C."
    [record] = extract_text(text).records
    assert (record.property, record.value) == ("ionic_conductivity", pytest.approx(1.9e-3))
    assert record.temperature_K == pytest.approx(298.15)
    assert record.raw == "1.9  mS  cm−1"  # the span still points at the original text
