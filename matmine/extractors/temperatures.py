"""Measuring temperatures: which temperature in a sentence goes with which value.

>>> from matmine.extractors.quantities import find_quantities
>>> qs = find_quantities("1.2 mS/cm at 25 °C and 5 mS/cm at 100 °C")
>>> values = [q for q in qs if q.kind == "conductivity"]
>>> temps = [q for q in qs if q.kind == "temperature"]
>>> [choose_temperature(v, values, temps).raw for v in values]
['25 °C', '100 °C']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from matmine.extractors.quantities import Quantity, find_quantities
from matmine.extractors.units import ROOM_TEMPERATURE_K, parse_unit

_I = re.IGNORECASE
_PROCESS_T_RE = re.compile(
    r"(?:sinter|calcin|anneal|heat[- ]treat|fired|firing|synthes|prepar|quench|press|"
    r"deposit|grown|growth|melt|dried|drying|reduced\s+at|reduction\s+at|decompos|heated|"
    r"crystalli[sz]|treated|ball[- ]mill|cool|"
    # battery operation and phase formation: "stably cycled … at 30 °C", "forming at 120 °C"
    # (a redox cycle of an SOFC anode is its test condition, not battery operation)
    r"(?<!redox\s)(?:cycled|cycling)|charg|discharg|stored|storage|aged|ageing|aging|forming|"
    r"formation)\w*[^.;]{0,40}$", _I)


def measuring_temperatures(qs: list[Quantity], sentence: str, offset: int) -> list[Quantity]:
    """The sentence's temperatures that can be measuring conditions: not below 0 K
    and not a processing step ("sintered at 1300 °C", unless "measured at")."""
    out = []
    for q in qs:
        if q.kind != "temperature":
            continue
        if not q.assumed and q.value is not None and q.value < 0:
            continue
        if _is_processing(q, sentence, offset):
            continue
        out.append(q)
    return out


def processing_temperatures(qs: list[Quantity], sentence: str, offset: int) -> list[Quantity]:
    """The sentence's temperatures of processing steps ("after reduction at 1200 °C")."""
    return [q for q in qs if q.kind == "temperature" and _is_processing(q, sentence, offset)]


def _is_processing(q: Quantity, sentence: str, offset: int) -> bool:
    before = sentence[max(0, q.start - offset - 60): q.start - offset]
    return bool(_PROCESS_T_RE.search(before)) and not re.search(
        r"measur|test|record|operat", before[-25:], _I)


def choose_temperature(
    value: Quantity, values: list[Quantity], temps: list[Quantity], text: str = ""
) -> Quantity | None:
    """The measuring temperature of ``value`` among the sentence's temperatures.

    1. the first one after the value, before the next value ("1 mS/cm at 25 °C and
       5 mS/cm at 100 °C");
    2. the first one right after the list of values the value belongs to ("217 S/cm
       in air and 59 S/cm in H2 at 800 °C");
    3. the nearest one before the value ("At 800 °C, … 59 S/cm");
    4. the first one after it, if close (80 characters) and in the same clause.
    """
    if not temps:
        return None
    later = [v for v in values if v.start > value.start]
    after = [t for t in temps if t.start >= value.end]
    if after and (not later or after[0].start < later[0].start):
        return after[0]
    chain_end = value.end
    for v in later:  # values written one after the other, no temperature between
        if any(chain_end <= t.start < v.start for t in temps):
            break
        chain_end = v.end
    following = [t for t in after if t.start >= chain_end]
    if following and following[0].start - chain_end <= 80 and (
            not text or ";" not in text[chain_end:following[0].start]):
        return following[0]
    before = [t for t in temps if t.end <= value.start]
    if before:
        return before[-1]
    if after and after[0].start - chain_end <= 80 and ";" not in text[value.end:after[0].start]:
        return after[0]
    return None


# A temperature written on the property symbol: "σRT", "σ25°C", "σ_25 °C", "σ_{298 K}",
# "σ(300 K)", "σ298K"; an optional scope subscript may come first ("σbulk,RT").
_SYMBOL_T = (
    r"(?:(?P<rt>RT|r\.t\.)(?![A-Za-z])"
    r"|(?P<t>[-−]?\d+(?:\.\d+)?)\s?(?P<u>°\s?C|oC|ºC|℃|K)(?![A-Za-z]))")
_SYMBOL_T_RE = re.compile(
    r"(?:σ|\bsigma)(?:\s?_?\s?\{?\s?(?:bulk|b|gb|GB|tot|total|ion|Li|Na)?\s?[,;]?"
    r"|\s?\(\s?(?:T\s?=\s?)?)\s?" + _SYMBOL_T + r"(?:\s?[})])?")
# what may stand between the symbol and its value: "σ25°C = 3.2 mS/cm", "σRT of 1 mS/cm"
_SYMBOL_GAP_RE = re.compile(
    r"\s?(?:[=:≈≃~∼]|≥|≤|>|<)?\s?(?:(?:of|is|was|were|reaches|reached|amounts?\s+to|"
    r"values?\s+of|as\s+high\s+as)\s)?\s?(?:about\s|approximately\s|ca\.\s?)?")
# "0.51 mS/cm (σ at 25 °C)", "1.2 mS/cm (σ25°C)": the symbol in brackets after the value
_AFTER_VALUE_RE = re.compile(
    r"\s?[(\[]\s?(?:σ|sigma)\s?(?:_?\s?(?:bulk|b|gb|GB|tot|total|ion|Li|Na))?\s?"
    r"(?:at\s+|@\s?|,\s?)?(?:\(\s?)?" + _SYMBOL_T + r"\s?\)?\s?[)\]]")


@dataclass(frozen=True)
class SymbolTemperature:
    """A temperature bound to one value by the symbol written with it.

    ``span`` covers the whole expression (``σ25°C``, ``(σ at 25 °C)``): temperatures
    inside it belong to this value only.
    """

    value_start: int
    span: tuple[int, int]
    temperature: Quantity


def _symbol_quantity(m: re.Match[str], original: str) -> Quantity | None:
    if m.group("rt"):
        start, end = m.span("rt")
        return Quantity(start=start, end=end, value_end=end, raw=original[start:end],
                        value=ROOM_TEMPERATURE_K, unit=parse_unit("K"), assumed=True)
    start, end = m.start("t"), m.end("u")
    unit = m.group("u").replace(" ", "")
    found = [q for q in find_quantities(f"{m.group('t').replace('−', '-')} {unit}")
             if q.kind == "temperature"]
    if not found:
        return None
    q = found[0]
    q.start, q.end, q.value_end, q.raw = start, end, m.end("t"), original[start:end]
    return q


def symbol_temperatures(text: str, values: list[Quantity], start: int = 0,
                        end: int | None = None) -> list[SymbolTemperature]:
    """Temperatures written on the symbol of a value in ``text[start:end]``: "σRT =
    1.49 mS/cm" (298.15 K, assumed), "σ25°C = 3.2 mS/cm", "σ(300 K) = …", "0.51 mS/cm
    (σ at 25 °C)".  They win over any other temperature of the sentence.

    >>> from matmine.extractors.quantities import find_quantities
    >>> text = "Ea = 0.29 eV and σ25°C = 3.2 mS cm−1"
    >>> values = [q for q in find_quantities(text) if q.kind == "conductivity"]
    >>> [(s.temperature.raw, s.temperature.value) for s in symbol_temperatures(text, values)]
    [('25°C', 298.15)]
    """
    end = len(text) if end is None else end
    out: list[SymbolTemperature] = []
    if "σ" not in text[start:end] and "sigma" not in text[start:end]:
        return out
    symbols = list(_SYMBOL_T_RE.finditer(text, start, end))
    for v in values:
        t = None
        for m in symbols:
            if m.end() <= v.start and _SYMBOL_GAP_RE.fullmatch(text, m.end(), v.start):
                t = (m, _symbol_quantity(m, text))
                break
        if t is None:
            m = _AFTER_VALUE_RE.match(text, v.end, end)
            if m is not None:
                t = (m, _symbol_quantity(m, text))
        if t is not None and t[1] is not None:
            out.append(SymbolTemperature(v.start, t[0].span(), t[1]))
    return out


def temperature_fields(t: Quantity | None) -> dict[str, Any]:
    """A record's temperature fields from its temperature quantity: a single value in
    ``temperature_K``, a range in ``temperature_min_K``/``temperature_max_K`` (never its
    midpoint).

    >>> temperature_fields(find_quantities("RT–100 °C")[0])["temperature_max_K"]
    373.15
    """
    if t is None:
        return {"temperature_K": None, "temperature_min_K": None, "temperature_max_K": None,
                "temperature_raw": None, "temperature_assumed": False}
    ranged = t.value_min is not None and t.value_max is not None
    return {
        "temperature_K": None if ranged else t.value,
        "temperature_min_K": t.value_min if ranged else None,
        "temperature_max_K": t.value_max if ranged else None,
        "temperature_raw": t.raw,
        "temperature_assumed": bool(t.assumed),
    }


_LIST_GAP_RE = re.compile(r"\s?(?:,\s?(?:and\s|or\s)?|and\s|or\s|&\s)\s?")


def list_groups(qs: list[Quantity], text: str = "") -> list[list[Quantity]]:
    """Runs of quantities written as one list ("500, 600 and 700 °C", "1 and 2 S/cm")."""
    groups: list[list[Quantity]] = []
    for q in qs:
        prev = groups[-1][-1] if groups else None
        if prev is not None and (prev.unit_shared or (
                text and _LIST_GAP_RE.fullmatch(text[prev.end:q.start]))):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def pair_temperatures(
    values: list[Quantity], temps: list[Quantity], respectively: bool, text: str = ""
) -> dict[int, Quantity]:
    """Lists of values and temperatures of one length are paired in order:
    "0.01, 0.025 and 0.054 S/cm at 500, 600 and 700 °C", "at 700 and 800 °C, 0.1 and
    0.2 S/cm"."""
    if len(values) < 2 or len(temps) < 2:
        return {}
    for vg in list_groups(values, text):
        if len(vg) < 2:
            continue
        for tg in list_groups(temps, text):
            if len(tg) == len(vg) and (tg[0].start > vg[-1].end or tg[-1].end < vg[0].start):
                return {id(v): t for v, t in zip(vg, tg)}
    if respectively and len(values) == len(temps):
        return {id(v): t for v, t in zip(values, temps)}
    return {}


__all__ = [
    "SymbolTemperature",
    "choose_temperature",
    "list_groups",
    "measuring_temperatures",
    "pair_temperatures",
    "symbol_temperatures",
    "temperature_fields",
]
