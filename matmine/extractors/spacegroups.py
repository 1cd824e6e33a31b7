"""Space-group symbols ↔ numbers, from pymatgen's offline symmetry tables.

Written symbols vary: ``P42/nmc``, ``P4_2/nmc``, ``P 42/n m c`` and
``P4<sub>2</sub>/nmc`` are one group (No. 137); ``Ia-3d``, ``Ia3̄d`` and a PDF's
``Ia3d`` (bar lost) are No. 230.  :func:`lookup_space_group` accepts them all.

>>> lookup_space_group("P 42/n m c")
(137, 'P4_2/nmc', 'tetragonal')
"""

from __future__ import annotations

import re
from functools import lru_cache

_BAR_RE = re.compile(r"(\d)[\u0304\u0305\u203e]")  # "3̄" → "-3"
_OVERLINE_BEFORE_RE = re.compile(r"[‾¯\u0305\u0304](\d)")


def normalise_symbol(symbol: str) -> str:
    """A spelling-independent key: no spaces or underscores, bars as ``-``."""
    s = symbol.strip()
    s = _BAR_RE.sub(r"-\1", s)
    s = _OVERLINE_BEFORE_RE.sub(r"-\1", s)
    s = s.replace("−", "-").replace("–", "-").replace("/C0", "-")
    s = re.sub(r"[\s_]", "", s)
    s = re.sub(r":[12HR]$", "", s)
    return s


def _crystal_system(number: int) -> str:
    for upper, name in ((2, "triclinic"), (15, "monoclinic"), (74, "orthorhombic"),
                        (142, "tetragonal"), (167, "trigonal"), (194, "hexagonal"),
                        (230, "cubic")):
        if number <= upper:
            return name
    return ""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[int, str]]:
    from pymatgen.symmetry.groups import SYMM_DATA

    by_key: dict[str, int] = {}
    by_number: dict[int, str] = {}
    for symbol, data in SYMM_DATA["space_group_encoding"].items():
        number = int(data["int_number"])
        if "(" in symbol:
            continue
        by_key.setdefault(normalise_symbol(symbol), number)
        by_key.setdefault(normalise_symbol(data.get("full_symbol", symbol)), number)
        plain = re.sub(r":[12HR]$", "", symbol)
        if number not in by_number or (len(plain) < len(by_number[number])):
            by_number.setdefault(number, plain)
    for short, full in SYMM_DATA["abbreviated_spacegroup_symbols"].items():
        key = normalise_symbol(full)
        if key in by_key:
            by_key.setdefault(normalise_symbol(short), by_key[key])
    for number, symbol in list(by_number.items()):
        # monoclinic "P12_1/c1" is usually written "P2_1/c"
        m = re.fullmatch(r"([PCAIB])1(\S+?)1", symbol)
        if m and number <= 15:
            short = m.group(1) + m.group(2)
            by_number[number] = short
            by_key.setdefault(normalise_symbol(short), number)
    return by_key, by_number


def lookup_space_group(symbol: str) -> tuple[int, str, str] | None:
    """(number, conventional symbol, crystal system) or None if it is no space group."""
    by_key, by_number = _tables()
    key = normalise_symbol(symbol)
    number = by_key.get(key)
    if number is None and re.fullmatch(r"[PIFR][a-z]?\d[a-z]?(?:/?[mnabcd])?", key):
        # a lost overbar in a cubic symbol: "Fm3m" → "Fm-3m", "Ia3d" → "Ia-3d"
        number = by_key.get(re.sub(r"(\d)", r"-\1", key, count=1))
    if number is None:
        return None
    return number, by_number.get(number, symbol), _crystal_system(number)


def space_group_symbol(number: int) -> str | None:
    """Conventional symbol of a space-group number (1–230)."""
    return _tables()[1].get(number)


__all__ = ["lookup_space_group", "normalise_symbol", "space_group_symbol"]
