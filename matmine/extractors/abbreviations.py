"""The shipped lexicon of material abbreviations (``data/abbreviations.tsv``).

An abbreviation stands for the composition most papers mean by it (LLZO is
Li7La3Zr2O12, YSZ is 8 mol% Y2O3 in ZrO2).  A number in front of a stabilised
zirconia or doped ceria says how much: ``3YSZ`` is 3 mol% Y2O3,
``10GDC`` / ``GDC10`` is Ce0.9Gd0.1O1.95.

>>> lookup_abbreviation("LLZO").formula
'Li7La3Zr2O12'
>>> lookup_abbreviation("3YSZ").formula
'(ZrO2)0.97(Y2O3)0.03'
>>> lookup_abbreviation("XRD") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Abbreviation:
    """One lexicon entry."""

    abbreviation: str
    formula: str
    family: str | None
    name: str


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("matmine.extractors").joinpath(f"data/{name}").read_text("utf-8")
    return [
        line.split("\t")
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def abbreviation_lexicon() -> dict[str, Abbreviation]:
    """Abbreviation (exact case, variants included) → entry."""
    lexicon: dict[str, Abbreviation] = {}
    for row in _read_tsv("abbreviations.tsv"):
        abbr, formula, family, name = (row + ["", "", ""])[:4]
        entry = Abbreviation(abbr, formula, family or None, name)
        lexicon[abbr] = entry
        if len(row) > 4 and row[4].strip():
            for variant in row[4].split(","):
                lexicon[variant.strip()] = Abbreviation(variant.strip(), formula, family or None, name)
    return lexicon


# Stabiliser content written as a number before or after the abbreviation.
_STABILISED_ZIRCONIA = {"YSZ": "Y2O3", "ScSZ": "Sc2O3"}
_DOPED_CERIA = {"GDC": "Gd", "SDC": "Sm", "CGO": "Gd"}
_NUMBERED = re.compile(r"^(?:(?P<pre>\d{1,2}(?:\.\d+)?)(?P<a>[A-Za-z]+)|(?P<b>[A-Za-z]+)(?P<post>\d{1,2}(?:\.\d+)?))$")


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def lookup_abbreviation(text: str) -> Abbreviation | None:
    """The lexicon entry for ``text`` (exact case), including numbered YSZ/GDC forms."""
    lexicon = abbreviation_lexicon()
    entry = lexicon.get(text)
    if entry is not None:
        return entry
    match = _NUMBERED.match(text)
    if not match:
        return None
    abbr = match.group("a") or match.group("b")
    number = float(match.group("pre") or match.group("post"))
    if abbr in _STABILISED_ZIRCONIA and 0 < number < 50:
        oxide = _STABILISED_ZIRCONIA[abbr]
        fraction = number / 100
        formula = f"(ZrO2){_fmt(1 - fraction)}({oxide}){_fmt(fraction)}"
        return Abbreviation(text, formula, "fluorite", lexicon[abbr].name)
    if abbr in _DOPED_CERIA and 0 < number < 50:
        x = number / 100
        formula = f"Ce{_fmt(1 - x)}{_DOPED_CERIA[abbr]}{_fmt(x)}O{_fmt(2 - x / 2)}"
        return Abbreviation(text, formula, "fluorite", lexicon[abbr].name)
    return None


def abbreviation_pattern_source() -> str:
    """Regex alternation of every lexicon key, longest first (for the text scanner)."""
    keys = sorted(abbreviation_lexicon(), key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)
