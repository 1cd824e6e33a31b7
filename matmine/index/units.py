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

from typing import Literal

Dimension = Literal["conductivity", "energy", "temperature"]

CANONICAL_UNITS: dict[str, str] = {"conductivity": "S/cm", "energy": "eV", "temperature": "K"}
# spellings people type in a filter but no paper prints
_QUERY_ALIASES = {"degC": "°C", "degF": "°F", "C": "°C"}


class UnitError(ValueError):
    """The unit is unknown or of the wrong kind; the message says which."""


def to_canonical(value: float, unit: str, dimension: Dimension) -> float:
    """Convert ``value unit`` to the canonical unit of ``dimension``.

    Units in a filter are read by the same parser as units in the text
    (:func:`matmine.extractors.units.parse_unit`), so both agree by construction.
    Raises :class:`UnitError` when the unit is unknown or measures something else.
    """
    from matmine.extractors.units import parse_unit  # imports pint: only when a unit is read

    spelled = unit.strip()
    info = parse_unit(_QUERY_ALIASES.get(spelled, spelled))
    if info.kind == "unknown":
        raise UnitError(f"unknown unit {unit!r}")
    if info.kind != dimension:
        target = CANONICAL_UNITS[dimension]
        raise UnitError(f"{unit!r} is not a unit of {dimension} (expected e.g. {target})")
    return info.convert(value)
