"""The periodic table as shipped data (``data/elements.json``): symbols, names,
Pauling electronegativities and common oxidation states.

It is read once, without importing pymatgen (slow to import), and is the only
authority on what an element symbol is: "LGPS" is not L, G, P, S.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Any]]:
    text = resources.files("matmine.extractors").joinpath("data/elements.json").read_text("utf-8")
    return json.loads(text)


ELEMENTS: frozenset[str] = frozenset(_table())
"""Every element symbol H … Lr."""

ELEMENT_BY_NAME: dict[str, str] = {v["name"].lower(): k for k, v in _table().items()}
ELEMENT_BY_NAME.update({"aluminum": "Al", "aluminium": "Al", "caesium": "Cs", "sulphur": "S", "cesium": "Cs"})
"""Lower-case English element name → symbol (British and American spellings)."""


def is_element(symbol: str) -> bool:
    """True when ``symbol`` is an element symbol (case-sensitive)."""
    return symbol in ELEMENTS


def electronegativity(symbol: str) -> float:
    """Pauling electronegativity; noble gases without one sort last."""
    value = _table()[symbol]["X"]
    return math.inf if value is None else float(value)


def atomic_number(symbol: str) -> int:
    return int(_table()[symbol]["Z"])


def common_oxidation_states(symbol: str) -> tuple[int, ...]:
    return tuple(_table()[symbol]["common_oxidation_states"])


def formula_order(symbols: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Order elements like pymatgen formulas do: by electronegativity, then symbol."""
    return sorted(symbols, key=lambda s: (electronegativity(s), s))


def atomic_mass(symbol: str) -> float:
    """Standard atomic mass in g/mol (for wt% mixtures)."""
    return float(_table()[symbol]["mass"])
