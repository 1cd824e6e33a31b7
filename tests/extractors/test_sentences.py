"""The rule-based sentence segmenter."""

from __future__ import annotations

import spacy

from matmine.extractors.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_decimals_and_formulas() -> None:
    text = ("See Fig. 2. The value is ca. 1.2 mS/cm. Smith et al. (2010) reported Li3PS4. "
            "The U.S. patent, e.g. Li10GeP2S12 (LGPS), shows 12 mS/cm at 27 °C. "
            "J. Smith measured it! Was it? Yes.\n\nNew paragraph")
    assert sentences(text) == [
        "See Fig. 2.", "The value is ca. 1.2 mS/cm.", "Smith et al. (2010) reported Li3PS4.",
        "The U.S. patent, e.g. Li10GeP2S12 (LGPS), shows 12 mS/cm at 27 °C.",
        "J. Smith measured it!", "Was it?", "Yes.", "New paragraph"]


def test_component_sets_sentence_starts() -> None:
    import matmine.extractors.sentences  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("matmine_sentences")
    doc = nlp("Li3PS4 is cubic. Its conductivity is 0.2 mS/cm (Fig. 3).")
    assert [s.text for s in doc.sents] == ["Li3PS4 is cubic.",
                                          "Its conductivity is 0.2 mS/cm (Fig. 3)."]
    assert nlp("").text == ""


def test_a_blank_line_ends_a_sentence_even_after_a_capital_letter() -> None:
    text = "LiBH4 conducts above 390 K.\n\nLGPS shows 12 mS/cm.\n"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "LiBH4 conducts above 390 K.", "LGPS shows 12 mS/cm."]


def test_a_unit_letter_after_a_number_is_not_an_initial() -> None:
    text = "The value was measured at 300 K. Li3N shows 1 mS/cm."
    assert [s for s, _ in split_sentences(text)] == [0, 33]
    # an initial still does not end a sentence
    assert len(split_sentences("Data from J. Smith and A. Jones were used.")) == 1
