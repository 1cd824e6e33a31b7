"""Units in filters, converted with pint to the index's canonical units.

Canonical units (docs/CONTRACTS.md): S/cm for conductivity, eV for activation
energy, K for temperature.  Spellings met in papers are accepted: ``mS/cm``,
``mS cm-1``, ``S·cm⁻¹``, ``S/m``, ``meV``, ``kJ/mol``, ``°C``, ``degC``.

>>> to_canonical(1, "mS/cm", "conductivity")
0.001
>>> round(to_canonical(60, "°C", "temperature"), 2)
333.15
"""

from __future__ import annotations

import functools
import re
from typing import Literal

Dimension = Literal["conductivity", "energy", "temperature"]

CANONICAL_UNITS: dict[str, str] = {"conductivity": "S/cm", "energy": "eV", "temperature": "K"}
_FAST: dict[tuple[str, str], float] = {
    ("conductivity", "S/cm"): 1.0,
    ("energy", "eV"): 1.0,
    ("temperature", "K"): 1.0,
}
_SUPERSCRIPTS = str.maketrans({"⁻": "-", "¹": "1", "²": "2", "³": "3", "−": "-", "–": "-"})


class UnitError(ValueError):
    """The unit is unknown or of the wrong kind; the message says which."""


@functools.lru_cache(maxsize=1)
def _registry():  # noqa: ANN202 - pint's registry type is dynamic
    import pint

    return pint.UnitRegistry()


def _pint_spelling(unit: str) -> str:
    """``'mS cm-1'`` -> ``'mS * cm**-1'``; ``'°C'`` -> ``'degC'``."""
    text = unit.strip().translate(_SUPERSCRIPTS)
    text = text.replace("℃", "degC").replace("°C", "degC").replace("°F", "degF")
    text = text.replace("·", " ").replace("*", " ").replace("^", "")
    text = re.sub(r"\bohm\b|Ω", "ohm", text)
    # exponents written as suffixes: cm-1, cm2 -> cm**-1, cm**2
    text = re.sub(r"([A-Za-zµμ])(-?\d+)\b", r"\1**\2", text)
    parts = text.split("/")
    numerator = " * ".join(parts[0].split()) or "1"
    denominators = [" * ".join(p.split()) for p in parts[1:]]
    return numerator + "".join(f" / ({d})" for d in denominators)


def to_canonical(value: float, unit: str, dimension: Dimension) -> float:
    """Convert ``value unit`` to the canonical unit of ``dimension``.

    Raises :class:`UnitError` when the unit is unknown or measures something else.
    """
    key = (dimension, unit.strip())
    if key in _FAST:
        return value * _FAST[key]
    ureg = _registry()
    target = CANONICAL_UNITS[dimension]
    try:
        if dimension == "temperature":
            quantity = ureg.Quantity(value, ureg.parse_units(_pint_spelling(unit)))
        else:
            quantity = ureg.Quantity(value, _pint_spelling(unit))
    except Exception as exc:  # pint raises many types for unreadable units
        raise UnitError(f"unknown unit {unit!r}") from exc
    try:
        if dimension == "energy" and quantity.check("[energy]/[substance]"):
            quantity = quantity / ureg.avogadro_constant
        return float(quantity.to(target).magnitude)
    except Exception as exc:
        raise UnitError(f"{unit!r} is not a unit of {dimension} (expected e.g. {target})") from exc
