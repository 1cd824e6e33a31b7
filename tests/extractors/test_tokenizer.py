"""The pipeline's lean tokenizer: where it splits, and that spans still land on words."""

from __future__ import annotations

import pytest
import spacy

from matmine.extractors.tokenizer import use_lean_tokenizer


@pytest.fixture(scope="module")
def lean():
    nlp = spacy.blank("en")
    use_lean_tokenizer(nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(Li6PS5Cl),", ["(", "Li6PS5Cl", ")", ","]),
        ("“LGPS”.", ["“", "LGPS", "”", "."]),
        ("Ni-YSZ", ["Ni", "-", "YSZ"]),
        ("0.5 S/cm", ["0.5", "S", "/", "cm"]),
        ("1.2×10−3 S", ["1.2×10−3", "S"]),
        ("10-3 x:", ["10-3", "x", ":"]),
        ("85%", ["85", "%"]),
        ("don't e.g.", ["don't", "e.g", "."]),  # no English special cases
        ("[12]", ["[", "12", "]"]),
    ],
)
def test_lean_tokenizer_splits(lean, text: str, tokens: list[str]) -> None:
    assert [t.text for t in lean(text)] == tokens


def test_pipeline_uses_the_lean_tokenizer_and_material_spans_are_words(nlp) -> None:
    doc = nlp("The electrolyte (Li6PS5Cl) shows 3 mS/cm.")
    assert [t.text for t in doc[2:5]] == ["(", "Li6PS5Cl", ")"]
    assert [s.text for s in doc.spans["materials"]] == ["Li6PS5Cl"]
