"""Strings that look like formulas but are not: abbreviations in capitals ("SOFC",
"CV"), plurals of abbreviations ("SOFCs"), stray brackets; and the notes that are
not part of a material ("Li(s)").

:func:`screen` is the composition parser's first check
(:mod:`matmine.extractors.compositions`): it says why a string is no formula, so the
parser never reads "SOFCs" as S + O + F + Cs or "CV" as C + V.
"""

from __future__ import annotations

import re

from matmine.extractors import material_errors as msg
from matmine.extractors.abbreviations import abbreviation_lexicon, lookup_abbreviation
from matmine.extractors.formula_grammar import is_balanced

# "BSF", "SOFC", "PBFM": capitals only, no digits, not in the lexicon -> an unknown
# abbreviation, never B + S + F.  Real formulas written in capitals only are listed.
_ACRONYM_ONLY = re.compile(r"[A-Z]{3,}")
CAPITAL_FORMULAS = frozenset({"KOH", "HCN", "KCN", "KSCN", "NaOH", "KOCN"})
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_STATE_OF_MATTER = re.compile(r"\s?\((?:s|l|g|aq|cr|am)\)$")
# two capitals and no digit: an abbreviation (CV, UV, SP, PC, KB) unless a real molecule
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
TWO_CAPITAL_FORMULAS = frozenset({"CO", "NO", "HF", "HI", "BN", "BP", "KF", "KI", "KH", "IF",
                                  "BF", "CS", "NS", "YN", "VN", "VC", "UN", "UC", "WC", "YB"})


def _stray_inner_bracket(s: str) -> bool:
    """An unmatched bracket inside the string ("(Li2S)0.7(P2S5"), not at an end (text cut
    off around a formula, which :func:`_trim_brackets` handles)."""
    stack: list[int] = []
    stray: list[int] = []
    for i, c in enumerate(s):
        if c in "([{":
            stack.append(i)
        elif c in ")]}":
            if stack:
                stack.pop()
            else:
                stray.append(i)
    return any(0 < i < len(s) - 1 for i in stack + stray)


def strip_state_of_matter(s: str) -> str:
    """"Li(s)" → "Li", "Li7La3Zr2O12." → "Li7La3Zr2O12"."""
    return _STATE_OF_MATTER.sub("", s).rstrip(".")


def screen(core: str, clean: str) -> tuple[str, str | None]:
    """(the string to parse, the reason it is no formula or None).  ``core`` is the
    string without wrapping brackets, ``clean`` the whole normalised string.

    >>> screen("SOFCs", "SOFCs")[1]
    "'SOFCs' is the plural of an abbreviation, not a formula"
    >>> screen("LLTOs", "LLTOs")
    ('LLTO', None)
    """
    if _ACRONYM_ONLY.fullmatch(core) and core not in abbreviation_lexicon() \
            and core not in CAPITAL_FORMULAS:
        return core, msg.UNKNOWN_ABBREVIATION.format(text=core)
    if _TWO_CAPITALS.fullmatch(core) and core not in TWO_CAPITAL_FORMULAS \
            and core not in abbreviation_lexicon():
        return core, msg.UNKNOWN_ABBREVIATION.format(text=core)
    if _PLURAL_ACRONYM.fullmatch(core) and core not in abbreviation_lexicon():
        if lookup_abbreviation(core[:-1]) is None:
            return core, msg.PLURAL_ABBREVIATION.format(text=core)  # "SOFCs" is no S-O-F-Cs
        core = core[:-1]  # "LLTOs", "LLZOs": the samples of that material
    if not is_balanced(core) or (" " not in clean and _stray_inner_bracket(clean)):
        return core, msg.UNBALANCED
    return core, None


__all__ = ["CAPITAL_FORMULAS", "TWO_CAPITAL_FORMULAS", "screen", "strip_state_of_matter"]
