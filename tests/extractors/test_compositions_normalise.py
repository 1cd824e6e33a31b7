"""text_normalise: Unicode variety and PDF / markup damage, with offsets that stay true."""

from __future__ import annotations

import pytest

from matmine.extractors.text_normalise import normalise_text, normalise_with_offsets


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Li₁₀GeP₂S₁₂", "Li10GeP2S12"),
        ("10⁻³ S cm⁻¹", "10-3 S cm-1"),
        ("Li7–xLa3 — x−y ‐ z", "Li7-xLa3 - x-y - z"),
        ("CuSO4⋅5H2O CuSO4∙5H2O", "CuSO4·5H2O CuSO4·5H2O"),
        ("Cd0.25Pr0.50☐0.25WO4", "Cd0.25Pr0.50□0.25WO4"),
        ("a\u00a0b\u2009c", "a b c"),
    ],
)
def test_one_to_one_map_keeps_length(raw: str, clean: str) -> None:
    out = normalise_text(raw)
    assert out == clean
    assert len(out) == len(raw)


def test_ascii_text_is_returned_unchanged() -> None:
    text = "Li10GeP2S12 shows 12 mS/cm."
    assert normalise_text(text) is text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("1.2 /C2 10/C03 S cm/C01", "1.2 × 10-3 S cm-1"),
        ("0 /C20 x /C20 1", "0 ≤ x ≤ 1"),
        ("Mn(NO3)2/C24H2O", "Mn(NO3)2×4H2O"),
        ("speci/uniFB01c", "specific"),
        ("σ &gt; 1 mS &amp; more &#8722;3", "σ > 1 mS & more -3"),
        ("Li<sub>7</sub>La<sub>3</sub>Zr<sub>2</sub>O<sub>12</sub>", "Li7La3Zr2O12"),
        ("eﬃcient ﬁlm", "efficient film"),
        ("T /H11005 300 K", "T = 300 K"),
    ],
)
def test_multi_character_damage(raw: str, clean: str) -> None:
    assert normalise_with_offsets(raw).text == clean


def test_offsets_map_back_to_the_original_text() -> None:
    raw = "σ &gt; 1 for Li7/C0xLa3Zr2O12 and Li<sub>2</sub>S."
    norm = normalise_with_offsets(raw)
    for target, original in (("Li7-xLa3Zr2O12", "Li7/C0xLa3Zr2O12"), ("Li2S", "Li<sub>2</sub>S"), (">", "&gt;")):
        start = norm.text.index(target)
        o_start, o_end = norm.to_original(start, start + len(target))
        assert raw[o_start:o_end] == original


def test_identity_offsets_when_nothing_changes_length() -> None:
    norm = normalise_with_offsets("Li₂S at 25 °C")
    assert norm.starts is None
    assert norm.to_original(0, 4) == (0, 4)
