"""Abbreviations defined in the text: "Li10GeP2S12 (LGPS)" makes LGPS stand for
Li10GeP2S12 for the rest of the text, "Ce0.81Nd0.095Sm0.095O2-δ (NSDC)" NSDC for its
formula, when every capital of the abbreviation can stand for an element, an element's
name or a conventional word (D for doped, S for stabilized, O for oxide).
"""

from __future__ import annotations

import re

from matmine.extractors.compositions import parse_material
from matmine.extractors.periodic_table import ELEMENT_BY_NAME
from matmine.models import Material

_DEFINITION_AFTER = re.compile(r"\s?[(\[]([A-Z][A-Za-z0-9\-]{1,11})[)\]]")


def text_abbreviations(text: str, mentions: list[tuple[int, int, Material]]) -> list[tuple[int, int, Material]]:
    """"Li10GeP2S12 (LGPS)" defines LGPS for the rest of the text."""
    defined: dict[str, Material] = {}
    for start, end, material in mentions:
        match = _DEFINITION_AFTER.match(text, end)
        if match and not material.abbreviation and _abbreviates(match.group(1), material):
            defined[match.group(1)] = material
    if not defined:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in defined) + r")(?![\w])")
    found = []
    for match in pattern.finditer(text):
        source = defined[match.group(1)]
        found.append((match.start(), match.end(),
                      source.model_copy(update={"abbreviation": match.group(1)})))
    return found


def _abbreviates(abbreviation: str, material: Material) -> bool:
    """Could ``abbreviation`` stand for ``material``?  Every capital must start one of its
    element symbols or name words (LGPS ← Li Ge P S, YSZ ← yttria-stabilized zirconia),
    so "(SP)" after a formula (a "single perovskite" phase) is not taken as its name."""
    capitals = [c for c in abbreviation if c.isupper()]
    if len(abbreviation) < 3 or len(capitals) < 2:
        return False
    as_formula = parse_material(abbreviation)
    if not as_formula.error and as_formula.abbreviation is None and as_formula.elements == material.elements:
        return False  # "zinc oxide (ZnO)": a name with its formula, not an abbreviation
    initials = {el[0] for el in material.elements}
    # "NSDC" ← Nd,Sm-doped ceria, "GDC" ← gadolinium-doped ceria: element names
    # ("ceria", "zirconia") and the conventional D(oped), S(tabilized), O(xide)
    initials |= {_ELEMENT_NAME_BY_SYMBOL[el][0].upper() for el in material.elements
                 if el in _ELEMENT_NAME_BY_SYMBOL}
    initials |= {"D", "S", "O"}
    initials |= {w[0].upper() for w in re.split(r"[\s\-]+", material.name or "") if w}
    return all(c in initials for c in capitals)


_ELEMENT_NAME_BY_SYMBOL = {symbol: name for name, symbol in ELEMENT_BY_NAME.items()}


__all__ = ["text_abbreviations"]
