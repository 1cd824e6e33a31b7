"""Units as written in papers and patents, converted with pint to canonical units.

The grammar below recognises the unit strings that follow numbers in materials
texts (``S/cm``, ``S cm−1``, ``(Ω cm)−1``, ``Scm -1``, ``kJ mol−1``, ``°C``,
``oC`` …), including PDF damage (``/C0`` for a minus sign, lost superscripts).
:func:`parse_unit` turns one such string into a :class:`UnitInfo` saying which
kind of quantity it measures and how to convert values to the canonical unit
(S/cm, eV, K).  Conversion factors come from one shared pint registry, built
once per process, and are cached per distinct unit.

>>> parse_unit("mS cm−1").factor
0.001
>>> parse_unit("kJ/mol").kind
'energy'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pint

# Canonical units of the kinds we convert (see docs/CONTRACTS.md).
CANONICAL_UNITS: dict[str, str] = {
    "conductivity": "S/cm",
    "energy": "eV",
    "temperature": "K",
    "length": "Å",
}
ZERO_CELSIUS_K = 273.15
ROOM_TEMPERATURE_K = 298.15

# atom as written -> pint unit expression.  Longest spellings first in the regex.
_ATOMS: dict[str, str] = {
    "S": "siemens", "mS": "millisiemens", "μS": "microsiemens", "µS": "microsiemens",
    "uS": "microsiemens", "kS": "kilosiemens", "nS": "nanosiemens",
    "Ω": "ohm", "\u2126": "ohm", "ohm": "ohm", "Ohm": "ohm", "ohms": "ohm", "mΩ": "milliohm",
    "kΩ": "kiloohm", "MΩ": "megaohm",
    "m": "meter", "cm": "centimeter", "mm": "millimeter", "μm": "micrometer",
    "µm": "micrometer", "um": "micrometer", "nm": "nanometer", "Å": "angstrom",
    "\u212b": "angstrom", "pm": "picometer",
    "eV": "electron_volt", "meV": "millielectron_volt", "keV": "kiloelectron_volt",
    "J": "joule", "kJ": "kilojoule", "mJ": "millijoule", "cal": "calorie",
    "kcal": "kilocalorie", "mol": "mole",
    "V": "volt", "mV": "millivolt", "A": "ampere", "mA": "milliampere",
    "μA": "microampere", "W": "watt", "mW": "milliwatt", "kW": "kilowatt",
    "h": "hour", "min": "minute", "s": "second", "ms": "millisecond",
    "Pa": "pascal", "kPa": "kilopascal", "MPa": "megapascal", "GPa": "gigapascal",
    "bar": "bar", "atm": "atmosphere", "g": "gram", "mg": "milligram", "kg": "kilogram",
    "Hz": "hertz", "kHz": "kilohertz", "MHz": "megahertz",
    "K": "kelvin", "°C": "degC", "° C": "degC", "oC": "degC", "℃": "degC",
    "°F": "degF", "ºC": "degC", "◦C": "degC", "˚C": "degC", "º C": "degC", "◦ C": "degC",
    # a PDF converter that maps the degree glyph to "8" ("800 8C"); only ever read as
    # the unit of a number, so "8C" in a formula or a C-rate ("at 8C") is untouched
    "8C": "degC",
    # degree signs written out ("600 degrees C", "1000 degreesC"); a lost one ("750C") is
    # read by the number scanner only, after a whole number of at least 100
    "degrees C": "degC", "degreesC": "degC", "degree C": "degC", "deg C": "degC",
    "deg. C": "degC",
}
# Spellings with no separator between atoms, frequent in PDF text.
_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "Scm": ("S", "cm"), "mScm": ("mS", "cm"), "μScm": ("μS", "cm"), "µScm": ("µS", "cm"),
    "Ωcm": ("Ω", "cm"), "Ohmcm": ("Ohm", "cm"), "ohmcm": ("ohm", "cm"),
}  # no "Sm": that is samarium

_MINUS_CHARS = "-−–‒﹣－"
_MINUS = r"(?:[-−–‒﹣－]|/C0)"
_SUPERSCRIPT = {"⁻": "-", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁰": "0"}

_atom_alts = sorted(list(_ATOMS) + list(_COMPOUNDS), key=len, reverse=True)
ATOM_PATTERN = "(?:" + "|".join(re.escape(a) for a in _atom_alts) + ")"
# exponent: "−1", "-1", "^-1", " -1" (sign required with a space), "⁻¹", "2" (adjacent)
EXP_PATTERN = (
    r"(?:\s?(?:\^|\*\*)\s?\(?" + _MINUS + r"?\s?[1-4]\)?(?!\d)"
    r"|\s?" + _MINUS + r"\s?[1-4](?!\d|\.\d)"
    r"|\(\s?" + _MINUS + r"\s?[1-4]\s?\)"  # "cm(-1)" (Web of Science abstracts)
    r"|[1-4](?!\d|\.\d)"
    r"|⁻?[¹²³⁴])"
)
_ATOM_EXP = ATOM_PATTERN + r"(?:" + EXP_PATTERN + r"|(?![A-Za-zα-ωΑ-ΩÅ]))"
_TERM = r"(?:\(\s?" + _ATOM_EXP + r"(?:\s?[·∙⋅•*]?\s?" + _ATOM_EXP + r")*\s?\)(?:" + \
    EXP_PATTERN + r")?|" + _ATOM_EXP + r")"
# "S.cm-1" too, and "S . cm(-1)" (Web of Science) before a length or "mol" only: a full
# stop after a unit ends a sentence ("at 300 K . A sample …")
_SEP = r"(?:\s?[·∙⋅•*/]\s?|\s|/C2|\.(?=[A-Za-zΩμµ])|\s\.\s(?=(?:[cmμµn]?m|mol)(?![A-Za-z])))"
UNIT_PATTERN = _TERM + r"(?:" + _SEP + _TERM + r")*"
UNIT_RE = re.compile(UNIT_PATTERN)

_TOKEN_RE = re.compile(
    r"(?P<atom>" + ATOM_PATTERN + r")"
    r"|(?P<exp>(?:\^|\*\*)?\s?\(?(?:" + _MINUS + r"|⁻)?\s?[1-4¹²³⁴]\)?)"
    r"|(?P<slash>/)|(?P<open>\()|(?P<close>\))"
)


@dataclass(frozen=True)
class UnitInfo:
    """What a unit string measures and how to reach the canonical unit.

    ``canonical = value * factor + offset`` (offset only for °C / °F).
    """

    raw: str
    kind: str  # conductivity | energy | temperature | length | other | unknown
    canonical: str
    factor: float = 1.0
    offset: float = 0.0
    dimensionality: str = ""

    def convert(self, value: float) -> float:
        return value * self.factor + self.offset


_registry: pint.UnitRegistry | None = None


def unit_registry() -> pint.UnitRegistry:
    """The one pint registry of the process (building one costs ~0.1 s)."""
    global _registry
    if _registry is None:
        _registry = pint.UnitRegistry()
    return _registry


def _exponent_value(text: str) -> int:
    text = "".join(_SUPERSCRIPT.get(ch, ch) for ch in text).replace("/C0", "-")
    digits = re.sub(r"[^0-9]", "", text)
    if not digits:
        return 1
    negative = any(ch in _MINUS_CHARS for ch in text)
    return -int(digits) if negative else int(digits)


def unit_terms(raw: str) -> tuple[tuple[str, int], ...]:
    """The unit string as (pint unit, exponent) pairs, e.g. ``S cm−1`` → S¹ cm⁻¹."""
    items: list[list] = []  # [pint name, power, negated]
    last = range(0)
    negate_next = False
    group_start: int | None = None
    group_negated = False
    for m in _TOKEN_RE.finditer(raw):
        kind = m.lastgroup
        text = m.group()
        if kind == "atom":
            negated = group_negated if group_start is not None else negate_next
            for atom in _COMPOUNDS.get(text, (text,)):
                items.append([_ATOMS[atom], 1, negated])
            if group_start is None:
                negate_next = False
            last = range(len(items) - 1, len(items))  # "Scm−1": the exponent is cm's
        elif kind == "exp":
            power = _exponent_value(text)
            for i in last:
                items[i][1] *= power
            last = range(0)
        elif kind == "slash":
            negate_next = True
        elif kind == "open":
            group_start, group_negated, negate_next = len(items), negate_next, False
        elif kind == "close" and group_start is not None:
            last = range(group_start, len(items))
            group_start = None
    terms: dict[str, int] = {}
    for name, power, negated in items:
        terms[name] = terms.get(name, 0) + (-power if negated else power)
    return tuple(sorted((k, v) for k, v in terms.items() if v != 0))


@lru_cache(maxsize=4096)
def _unit_from_terms(raw_key: str, terms: tuple[tuple[str, int], ...]) -> UnitInfo:
    ureg = unit_registry()
    if not terms:
        return UnitInfo(raw_key, "unknown", "")
    names = dict(terms)
    if len(names) == 1 and next(iter(names)) in ("kelvin", "degC", "degF") and terms[0][1] != 1:
        return UnitInfo(raw_key, "other", "")  # K−1 (expansion coefficients), K2 (K2NiF4)
    if len(names) == 1 and next(iter(names)) in ("kelvin", "degC", "degF"):
        name = next(iter(names))
        if name == "kelvin":
            return UnitInfo(raw_key, "temperature", "K", 1.0, 0.0, "[temperature]")
        q0 = ureg.Quantity(0.0, getattr(ureg, name)).to("kelvin").magnitude
        q1 = ureg.Quantity(1.0, getattr(ureg, name)).to("kelvin").magnitude
        return UnitInfo(raw_key, "temperature", "K", q1 - q0, q0, "[temperature]")
    if any(n in ("degC", "degF") for n in names):
        return UnitInfo(raw_key, "other", "")
    unit = ureg.dimensionless
    for name, power in terms:
        unit = unit * getattr(ureg, name) ** power
    q = ureg.Quantity(1.0, unit)
    dims = str(q.dimensionality)
    for kind, target in (("conductivity", "S/cm"), ("energy", "eV"), ("length", "angstrom")):
        try:
            factor = q.to(target).magnitude
        except pint.DimensionalityError:
            continue
        return UnitInfo(raw_key, kind, CANONICAL_UNITS[kind], float(factor), 0.0, dims)
    try:  # molar energies (kJ/mol) → energy per particle
        factor = (q / ureg.avogadro_constant).to("eV").magnitude
        return UnitInfo(raw_key, "energy", "eV", float(factor), 0.0, dims)
    except pint.DimensionalityError:
        pass
    return UnitInfo(raw_key, "other", "", 1.0, 0.0, dims)


@lru_cache(maxsize=8192)
def parse_unit(raw: str) -> UnitInfo:
    """Classify and convert one unit string (as matched by :data:`UNIT_RE`)."""
    text = raw.strip()
    if text in ("oC", "° C", "°C", "℃", "ºC", "◦C", "˚C", "º C", "◦ C", "8C", "degrees C",
                "degreesC", "degree C", "deg C", "deg. C", "C"):
        return _unit_from_terms("°C", (("degC", 1),))
    terms = unit_terms(text)
    names = dict(terms)
    if len(names) == 2 and any(n.endswith("siemens") and p == 1 for n, p in terms) and any(
            n.endswith("meter") and p == 1 for n, p in terms):
        # "S cm" is no unit anyone measures: a PDF lost the minus of "S cm−1"
        terms = tuple((n, -1 if n.endswith("meter") else p) for n, p in terms)
    if names.get("mole") == -1 and len(names) == 2 and any(
            n.endswith("electron_volt") for n in names):
        # "0.54 eV·mol−1" is a slip for eV (per particle), not eV per mole
        terms = tuple((n, p) for n, p in terms if n != "mole")
    return _unit_from_terms(text, terms)


__all__ = [
    "CANONICAL_UNITS",
    "ROOM_TEMPERATURE_K",
    "UNIT_PATTERN",
    "UNIT_RE",
    "UnitInfo",
    "parse_unit",
    "unit_registry",
    "unit_terms",
]
