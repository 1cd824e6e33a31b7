"""Bounds written the way patent claims write them: "… or more", "… or less",
"not less than …", "A or more and B or less".  Expected values by hand."""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text


@pytest.mark.parametrize(("text", "expected"), [
    ("A solid electrolyte having an ionic conductivity of 1.0 × 10−3 S/cm or more at 25 °C.",
     [(0.001, None, None, "≥", "1.0 × 10−3 S/cm or more")]),
    ("The activation energy of lithium ion conduction is 0.35 eV or less.",
     [(0.35, None, None, "≤", "0.35 eV or less")]),
    ("The ionic conductivity is preferably 4.0 mS/cm or more, more preferably 5.0 mS/cm or more.",
     [(0.004, None, None, "≥", "4.0 mS/cm or more"), (0.005, None, None, "≥", "5.0 mS/cm or more")]),
    ("A sulfide with an ionic conductivity of not less than 1.0 × 10−3 S/cm.",
     [(0.001, None, None, "≥", "not less than 1.0 × 10−3 S/cm")]),
    ("The electronic conductivity is not more than 1 × 10−8 S/cm.",
     [(1e-8, None, None, "≤", "not more than 1 × 10−8 S/cm")]),
    ("The ionic conductivity is 1 mS/cm or more and 10 mS/cm or less.",
     [(None, 0.001, 0.01, None, "1 mS/cm or more and 10 mS/cm or less")]),
    # "or more than" compares; it is no bound
    ("Li6PS5Cl shows 2 mS/cm or more than LLZO.", [(0.002, None, None, None, "2 mS/cm")]),
])
def test_bounds_after_values(nlp, text: str, expected) -> None:
    got = [(r.value, r.value_min, r.value_max, r.qualifier, r.raw)
           for r in extract_text(text, nlp=nlp).records]
    assert got == expected
