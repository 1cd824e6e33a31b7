"""Element symbols and the order-free keys the index stores for materials.

The index compares chemistry through three normalised keys, computed the same
way for the query and for the stored record:

* ``chemsys``: the distinct elements sorted alphabetically, joined by ``-``;
* ``formula``: the reduced formula, elements sorted alphabetically, amounts
  scaled to the smallest whole numbers (``Li3.25Ge0.25P0.75S4`` -> ``Ge1Li13P3S16``);
* element bitmasks: two 63-bit integers, bit ``Z-1`` of ``mask_lo`` for Z 1-63
  and bit ``Z-64`` of ``mask_hi`` for Z 64-126, so set queries are integer tests.

>>> chemsys_key("S-P-Li-Ge")
'Ge-Li-P-S'
>>> formula_key("Li10GeP2S12") == formula_key("GeLi10S12P2")
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction

SYMBOLS: tuple[str, ...] = tuple(
    """H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn
    Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr
    Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra
    Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts
    Og""".split()
)
ATOMIC_NUMBER: dict[str, int] = {s: i + 1 for i, s in enumerate(SYMBOLS)}
_BITS_PER_WORD = 63
amount_tolerance = 1e-6
"""Amounts closer than this to a whole number count as whole."""

_TOKEN = re.compile(r"([A-Z][a-z]?)|(\d+(?:\.\d+)?|\.\d+)|([(\[])|([)\]])|(\s+|[·•*])")


def canonical_symbol(text: str) -> str | None:
    """``'li'`` -> ``'Li'``; ``None`` when it is not an element symbol."""
    text = text.strip()
    symbol = text[:1].upper() + text[1:].lower()
    return symbol if symbol in ATOMIC_NUMBER else None


def element_masks(elements: Iterable[str]) -> tuple[int, int]:
    """The two bitmask words of a set of element symbols."""
    lo = hi = 0
    for symbol in elements:
        z = ATOMIC_NUMBER[symbol]
        if z <= _BITS_PER_WORD:
            lo |= 1 << (z - 1)
        else:
            hi |= 1 << (z - 1 - _BITS_PER_WORD)
    return lo, hi


def elements_of_masks(lo: int, hi: int) -> list[str]:
    """Inverse of :func:`element_masks` (sorted by atomic number)."""
    out = [SYMBOLS[i] for i in range(_BITS_PER_WORD) if lo >> i & 1]
    out += [SYMBOLS[i + _BITS_PER_WORD] for i in range(_BITS_PER_WORD) if hi >> i & 1]
    return out


def mask_bit(symbol: str) -> tuple[int, int]:
    """(word index 0/1, bit index) of one element."""
    z = ATOMIC_NUMBER[symbol]
    return (0, z - 1) if z <= _BITS_PER_WORD else (1, z - 1 - _BITS_PER_WORD)


def chemsys_key(text_or_elements: str | Iterable[str]) -> str:
    """Order-free chemical system: ``'S-Li-P'`` or ``['S','Li','P']`` -> ``'Li-P-S'``."""
    if isinstance(text_or_elements, str):
        parts = [p for p in re.split(r"[\s,\-–]+", text_or_elements) if p]
    else:
        parts = list(text_or_elements)
    symbols = {canonical_symbol(p) or p for p in parts}
    return "-".join(sorted(symbols))


def parse_formula(formula: str) -> dict[str, float]:
    """A small formula parser (groups in brackets, decimal amounts).

    Raises ``ValueError`` with the reason on anything it cannot read; it never
    guesses an element.
    """
    stack: list[dict[str, float]] = [{}]
    last: dict[str, float] | None = None  # what a following number multiplies
    last_symbol: str | None = None
    pos = 0
    formula = formula.strip()
    if not formula:
        raise ValueError("empty formula")
    while pos < len(formula):
        m = _TOKEN.match(formula, pos)
        if not m:
            raise ValueError(f"cannot read {formula[pos:pos + 8]!r} in formula")
        symbol, number, open_, close, _space = m.groups()
        pos = m.end()
        if symbol:
            if symbol not in ATOMIC_NUMBER:
                raise ValueError(f"unknown element {symbol!r}")
            stack[-1][symbol] = stack[-1].get(symbol, 0.0) + 1.0
            last, last_symbol = stack[-1], symbol
        elif number:
            if last is None:
                raise ValueError("a number must follow an element or a bracket")
            n = float(number)
            if last_symbol is not None:
                last[last_symbol] += n - 1.0
            else:  # multiplies the group just closed
                for k in last:
                    last[k] *= n
                _merge(stack[-1], last)
            last, last_symbol = None, None
        elif open_:
            stack.append({})
            last = last_symbol = None
        elif close:
            if len(stack) == 1:
                raise ValueError("unbalanced bracket in formula")
            group = stack.pop()
            # the group is merged when its multiplier is read, or now if none follows
            nxt = _TOKEN.match(formula, pos)
            if nxt and nxt.group(2):
                last, last_symbol = group, None
            else:
                _merge(stack[-1], group)
                last = last_symbol = None
    if len(stack) != 1:
        raise ValueError("unbalanced bracket in formula")
    if not stack[0]:
        raise ValueError("no elements in formula")
    return stack[0]


def _merge(into: dict[str, float], group: Mapping[str, float]) -> None:
    for k, v in group.items():
        into[k] = into.get(k, 0.0) + v


def formula_key(composition: str | Mapping[str, float]) -> str:
    """Order-free reduced formula key.

    >>> formula_key("Li6PS5Cl")
    'Cl1Li6P1S5'
    >>> formula_key({"Li": 3.25, "Ge": 0.25, "P": 0.75, "S": 4})
    'Ge1Li13P3S16'
    """
    comp = parse_formula(composition) if isinstance(composition, str) else dict(composition)
    comp = {k: v for k, v in comp.items() if v > amount_tolerance}
    if not comp:
        raise ValueError("empty composition")
    fractions = {k: Fraction(v).limit_denominator(1000) for k, v in comp.items()}
    denominator = math.lcm(*(f.denominator for f in fractions.values()))
    ints = {k: int(f * denominator) for k, f in fractions.items()}
    divisor = math.gcd(*ints.values()) or 1
    return "".join(f"{k}{ints[k] // divisor}" for k in sorted(ints))
