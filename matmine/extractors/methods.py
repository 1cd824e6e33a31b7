"""Whether a property value was measured or computed, as its sentence says.

:func:`value_method` reads the clause a value is in and answers ``"computed"``
when the value comes from a calculation or simulation of the material ("was
calculated by AIMD to be 25 mS cm−1", "DFT predicts 0.21 eV", "NEB calculations
give 0.3 eV"), ``"measured"`` when the clause says it was measured ("measured by
EIS", "experimentally", "impedance spectroscopy gave"), and ``None`` when it
does not say.  The cue nearest to the value wins.

Three kinds of cue:

* method names — DFT, AIMD, MD, NEB, first-principles, ab initio, bond valence,
  "predicted", "theoretical" … — say *computed*;
* measurement words — "measured", "experimental(ly)", "impedance", EIS,
  "equivalent circuit", four-probe … — say *measured*;
* derivation words — "calculated", "computed", "simulation", "fit", "Arrhenius" —
  take their meaning from what is next to them: a method name (computed:
  "calculated from the AIMD trajectories", "the Arrhenius fit of the MD
  diffusivities"), else measured data (measured: "calculated from the impedance
  spectra", "the conductivity was calculated from the resistance", "simulation of
  the impedance"), else their own default ("calculated to be" and "the computed
  barrier" are computed; a bare "Arrhenius fit" is a measured one).

A cue inside a comparison ("in agreement with DFT", "than the measured 4 mS/cm",
"as predicted by the model") describes the thing compared with, not the value
outside it.  Clauses end at ";" and at "whereas", "while", "but", "although".
With "respectively" and cues of both kinds the pairing is not read: ``None``.
"theoretical density" and "computed tomography" are no cues.

>>> s = "The conductivity of Li10SiP2S12 was calculated by AIMD to be 25 mS cm−1."
>>> value_method(s, s.index("25"), s.index("25") + 10)
'computed'
>>> s = "The ionic conductivity calculated from the impedance spectra is 1.2 mS/cm."
>>> value_method(s, s.index("1.2"), s.index("1.2") + 8)
'measured'
>>> s = "Li10GeP2S12 shows 12 mS/cm at 27 °C."
>>> value_method(s, s.index("12 "), s.index("12 ") + 8) is None
True
"""

from __future__ import annotations

import re
from typing import Literal

Method = Literal["measured", "computed"]

# names of computations of a material (acronyms case-sensitive: "MD", not "md")
_METHOD_RE = re.compile(
    r"\b(?:AIMD|DFT|NEB|MD|BVSE|BVS|BV|GGA|PBE|VASP|kMC|KMC|MSD)\b"
    r"|(?i:\b(?:ab[\s-]+initio|first[\s-]+principles?|density[\s-]+functional|"
    r"molecular[\s-]+dynamics|nudged[\s-]+elastic[\s-]+band|bond[\s-]+valence|"
    r"monte[\s-]+carlo|machine[\s-]+learn\w*|in[\s-]+silico|computational(?:ly)?|"
    r"predict(?:s|ed|ion|ions)?|mean[\s-]+square[\s-]+displacements?|trajector(?:y|ies)|"
    r"theoretical(?:ly)?(?!\s+(?:densit|capacit|composition|stoichiometr|weight|mass|"
    r"yield|limit)))\b)"
)
# words of a measurement, or of the measured data a value is worked out from
_MEASURED_RE = re.compile(
    r"\bEIS\b|(?i:\b(?:measur(?:ed|ement|ements|ing)|experiment(?:al|ally|s)?|impedance|"
    r"four[\s-]+(?:probe|point)|two[\s-]+probe|van\s+der\s+pauw|dc\s+polari[sz]ation|"
    r"hebb[\s-]+wagner|nyquist|equivalent[\s-]+circuits?|tracer|pfg[\s-]*nmr)\b)"
)
_DATA_RE = re.compile(
    _MEASURED_RE.pattern +
    r"|(?i:\b(?:spectr(?:a|um)|resistances?|resistivit(?:y|ies)|thickness|pellets?|"
    r"arrhenius\s+(?:plots?|curves?|graphs?))\b)"
    r"|\bL\s*/\s*\(?\s*R"
)
# words whose meaning depends on what is next to them, with their default
_DERIVATION_RE = re.compile(
    r"(?i:\b(?P<calc>calculat\w*|comput(?:e|ed|es|ing|ation|ations)\b(?!\s+tomograph)|"
    r"simulat(?:e|ed|es|ing|ion|ions)\b)|\b(?P<fit>fit(?:s|ted|ting)?\b|arrhenius\b))"
)
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 60  # characters a derivation word looks at

_CLAUSE_END_RE = re.compile(
    r";|(?i:,?\s+(?:whereas|while|but|although|though|however)\b)"
    # "…25 mS/cm at 298 K, and the activation energy calculated from …": a new subject
    r"|(?i:,\s+and\s+(?=(?:the|its|their|that|those)\s))")
# the start of a phrase about something the value is compared with; it runs to the next comma
_COMPARISON_RE = re.compile(
    r"(?i:\b(?:than|compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|"
    r"(?:in\s+)?(?:\w+\s+)?agreement\s+with|agrees?\s+(?:\w+\s+)?with|consistent\s+with|"
    r"in\s+line\s+with|relative\s+to|versus|vs\.|"
    r"as\s+(?:was\s+|is\s+|had\s+been\s+|has\s+been\s+)?"
    r"(?:predicted|expected|calculated|computed|anticipated))\b)"
)
# a value with a conductivity or energy unit (another value of the clause)
_VALUE_RE = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?(?:\s*[×x]\s*10\S*)?\s*(?:[mµμ]?S\b|m?eV\b|kJ\b)")
_RESPECTIVELY_RE = re.compile(r"(?i:\brespectively\b)")


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds ``sentence[start:end]``."""
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_END_RE.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _comparisons(sentence: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Comparison phrases of the clause ``[lo, hi)``: from their word to the next comma."""
    spans = []
    for m in _COMPARISON_RE.finditer(sentence, lo, hi):
        comma = sentence.find(",", m.end(), hi)
        spans.append((m.start(), comma if comma >= 0 else hi))
    return spans


def _segment(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next((s for s in spans if s[0] <= pos < s[1]), None)


def _derivation(sentence: str, m: re.Match, lo: int, hi: int) -> Method:
    """"calculated", "simulation", "fit" …: computed next to a method name, measured
    next to measured data, else its default."""
    near = sentence[max(lo, m.start() - _WINDOW_BEFORE):min(hi, m.end() + _WINDOW_AFTER)]
    if _METHOD_RE.search(near):
        return "computed"
    if _DATA_RE.search(near):
        return "measured"
    return "computed" if m.group("calc") else "measured"


def _cues(sentence: str, lo: int, hi: int) -> list[tuple[int, int, Method]]:
    """Every cue of ``sentence[lo:hi]``: ``(start, end, method)``."""
    cues: list[tuple[int, int, Method]] = []
    cues += [(m.start(), m.end(), "computed") for m in _METHOD_RE.finditer(sentence, lo, hi)]
    cues += [(m.start(), m.end(), "measured") for m in _MEASURED_RE.finditer(sentence, lo, hi)]
    cues += [(m.start(), m.end(), _derivation(sentence, m, lo, hi))
             for m in _DERIVATION_RE.finditer(sentence, lo, hi)]
    return cues


def value_method(sentence: str, value_start: int, value_end: int) -> Method | None:
    """``"computed"``, ``"measured"`` or ``None`` for the value at
    ``sentence[value_start:value_end]``, by the rules in the module docstring.

    >>> s = "DFT predicts an activation energy of 0.21 eV, in good agreement with the measured 0.25 eV."
    >>> [value_method(s, s.index(v), s.index(v) + 7) for v in ("0.21 eV", "0.25 eV")]
    ['computed', 'measured']
    """
    lo, hi = _clause(sentence, value_start, value_end)
    comparisons = _comparisons(sentence, lo, hi)
    own = _segment(value_start, comparisons)
    cues = [c for c in _cues(sentence, lo, hi) if _segment(c[0], comparisons) == own]
    if not cues and own is not None:
        # "AIMD predicts a conductivity higher than 10 mS/cm": a bound, not a second
        # value, so the clause's own cues apply (unless it has a value of its own)
        outside = sentence[lo:own[0]] + " " + sentence[own[1]:hi]
        if not _VALUE_RE.search(outside):
            cues = [c for c in _cues(sentence, lo, hi) if _segment(c[0], comparisons) is None]
    if not cues:
        return None
    if len({c[2] for c in cues}) > 1 and _RESPECTIVELY_RE.search(sentence, lo, hi):
        return None  # "the DFT and measured values are 0.21 and 0.25 eV, respectively"

    def distance(cue: tuple[int, int, Method]) -> tuple[int, int]:
        if cue[1] <= value_start:
            return (value_start - cue[1], 0)  # a tie goes to the cue before the value
        return (max(0, cue[0] - value_end), 1)

    return min(cues, key=distance)[2]


__all__ = ["Method", "value_method"]
