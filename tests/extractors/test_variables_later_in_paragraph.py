"""Records through the whole pipeline: a variable value given later in the paragraph
substitutes into the material the record links to (worked out by hand)."""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text


def test_record_links_the_substituted_garnet() -> None:
    result = extract_text(
        "Li7−xLa3Zr2−xTaxO12 garnets were prepared by solid-state reaction. "
        "The sample with x = 0.6 showed the highest conductivity of 1 mS/cm.")
    [record] = result.records
    assert record.value == pytest.approx(1e-3)
    # Li 7 - 0.6, Zr 2 - 0.6, Ta 0.6
    assert record.material is not None
    assert record.material.composition == pytest.approx(
        {"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12})


def test_record_links_the_substituted_argyrodite() -> None:
    result = extract_text(
        "Li6−xPS5−xCl1+x argyrodites were prepared by ball milling. "
        "The composition with x = 0.5 reached 9.4 mS/cm at room temperature.")
    [record] = result.records
    assert record.material is not None
    assert record.material.composition == pytest.approx({"Li": 5.5, "P": 1, "S": 4.5, "Cl": 1.5})


def test_value_in_a_caption_part_does_not_reach_the_paragraph() -> None:
    result = extract_text(
        "Li7−xLa3Zr2−xTaxO12 garnets reach 1 mS/cm.\n\nFigure 2. The sample with x = 0.6.")
    [record] = result.records
    assert record.material is not None and record.material.composition == {}
