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
from matmine.extractors.periodic_table import ELEMENTS
from matmine.extractors.string_repairs import is_neutral_compound

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
# "4Er8Ho4Tb" (4 % Er, 8 % Ho, 4 % Tb): an amount before every element is a sample label;
# a formula writes its counts after the symbols, and a mixture ("75Li2S·25P2S5") has
# separators between its components
_AMOUNT_BEFORE_EACH_ELEMENT = re.compile(r"(?:\d+(?:\.\d+)?(?P<symbol>[A-Z][a-z]?)){2,}")
_AMOUNT_SYMBOL = re.compile(r"\d+(?:\.\d+)?([A-Z][a-z]?)")


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
    if _is_sample_label(core):
        return core, msg.AMOUNTS_BEFORE_ELEMENTS.format(text=core)
    if _PLURAL_ACRONYM.fullmatch(core) and core not in abbreviation_lexicon():
        if lookup_abbreviation(core[:-1]) is None:
            return core, msg.PLURAL_ABBREVIATION.format(text=core)  # "SOFCs" is no S-O-F-Cs
        core = core[:-1]  # "LLTOs", "LLZOs": the samples of that material
    if not is_balanced(core) or (" " not in clean and _stray_inner_bracket(clean)):
        return core, msg.UNBALANCED
    return core, None


def _is_sample_label(core: str) -> bool:
    """"4Er8Ho4Tb", "5Yb2Er": every element has its amount before it (not a lexicon entry).

    >>> _is_sample_label("4Er8Ho4Tb"), _is_sample_label("75Li2S·25P2S5")
    (True, False)
    """
    if not _AMOUNT_BEFORE_EACH_ELEMENT.fullmatch(core) or lookup_abbreviation(core) is not None:
        return False
    if is_neutral_compound(core.lstrip("0123456789.")):
        return False  # "2Li2S": a coefficient and a compound
    return all(symbol in ELEMENTS for symbol in _AMOUNT_SYMBOL.findall(core))


__all__ = ["CAPITAL_FORMULAS", "TWO_CAPITAL_FORMULAS", "screen", "strip_state_of_matter"]
