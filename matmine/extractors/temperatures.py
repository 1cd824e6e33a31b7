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
        if _is_processing(q, sentence, offset, qs):
            continue
        out.append(q)
    return out


def processing_temperatures(qs: list[Quantity], sentence: str, offset: int) -> list[Quantity]:
    """The sentence's temperatures of processing steps ("after reduction at 1200 °C")."""
    return [q for q in qs if q.kind == "temperature" and _is_processing(q, sentence, offset, qs)]


_VALUE_KINDS = ("conductivity", "energy")


def _is_processing(q: Quantity, sentence: str, offset: int, qs: list[Quantity]) -> bool:
    """Is ``q`` the temperature of a processing word before it?  Not when a property
    value stands between the word and ``q``: in "reduced at 1400 °C reached 64 S/cm at
    800 °C" the word is the first temperature's."""
    window_start = max(0, q.start - offset - 60)
    before = sentence[window_start: q.start - offset]
    cue = _PROCESS_T_RE.search(before)
    if cue is None or re.search(r"measur|test|record|operat", before[-25:], _I):
        return False
    cue_start = offset + window_start + cue.start()
    return not any(cue_start < v.start and v.end <= q.start and v.kind in _VALUE_KINDS
                   for v in qs)


def choose_temperature(
    value: Quantity, values: list[Quantity], temps: list[Quantity], text: str = ""
) -> Quantity | None:
    """The measuring temperature of ``value`` among the sentence's temperatures.

    0. when the nearest one before the value opens its clause ("At 298 K, … 0.81 mS/cm;
       it rises to 4.5 mS/cm at 353 K"), that one, unless one after the value, before
       the next value, is the value's own ("At 800 °C, … 0.1 S/cm at 1 atm and 0.2
       S/cm at 700 °C") rather than the opener of the next clause ("…, and at 80 °C
       it shows 9 mS/cm");
    1. the first one after the value, before the next value ("1 mS/cm at 25 °C and
       5 mS/cm at 100 °C");
    2. the first one right after the list of values the value belongs to ("217 S/cm
       in air and 59 S/cm in H2 at 800 °C"), not across a semicolon;
    3. the nearest one before the value ("At 800 °C, … 59 S/cm");
    4. the first one after it, if close (80 characters) and in the same clause.
    """
    if not temps:
        return None
    later = [v for v in values if v.start > value.start]
    after = [t for t in temps if t.start >= value.end]
    own = after[0] if after and (not later or after[0].start < later[0].start) else None
    before = [t for t in temps if t.end <= value.start]
    if text and before and _opens_clause(before[-1], text):
        return own if own is not None and not _opens_clause(own, text) else before[-1]
    if own is not None:
        return own
    chain_end = value.end
    for v in later:  # values written one after the other, no temperature between
        if any(chain_end <= t.start < v.start for t in temps) or (
                text and ";" in text[chain_end:v.start]):
            break
        chain_end = v.end
    following = [t for t in after if t.start >= chain_end]
    if following and following[0].start - chain_end <= 80 and (
            not text or ";" not in text[chain_end:following[0].start]):
        return following[0]
    if before:
        return before[-1]
    if after and after[0].start - chain_end <= 80 and ";" not in text[value.end:after[0].start]:
        return after[0]
    return None


# "At 298 K, …", "…; at 80 °C it shows …", "…, and at 80 °C …": a temperature that opens
# a clause and governs the values in it
_OPENS_CLAUSE_RE = re.compile(
    r"(?:(?:^|[.;:!?\n]|,(?!\s?(?:and|while|whereas|but)\b))\s*"
    r"|,?\s?\b(?:and|while|whereas|but)\s)[Aa]t(?:\s+a\s+temperature\s+of)?\s$")


def _opens_clause(t: Quantity, text: str) -> bool:
    return _OPENS_CLAUSE_RE.search(text, max(0, t.start - 40), t.start) is not None


# A temperature written on the property symbol: "σRT", "σ25°C", "σ_25 °C", "σ_{298 K}",
# "σ(300 K)", "σ298K"; an optional scope subscript may come first ("σbulk,RT").
_SYMBOL_T = (
    r"(?:(?P<rt>RT|r\.t\.)(?![A-Za-z])"
    r"|(?P<t>[-−]?\d+(?:\.\d+)?)\s?(?P<u>°\s?C|oC|ºC|℃|K)(?![A-Za-z]))")
_SYMBOL_T_RE = re.compile(
    r"(?:σ|\bsigma)(?:\s?_?\s?\{?\s?(?:bulk|b|gb|GB|tot|total|ion|Li|Na)?\s?[,;]?"
    r"|\s?\(\s?(?:T\s?=\s?)?)\s?" + _SYMBOL_T + r"(?:\s?[})])?")
# "σ800 of LSM", "σ_700": a bare number on the symbol is a Celsius temperature (a K is
# written, "σ300K"); not σ0 (the pre-exponential factor) nor the tensor components σ11–σ33
_SYMBOL_BARE_T_RE = re.compile(
    r"(?:σ|\bsigma)_?\{?(?P<c>(?![1-3][1-3](?!\d))[1-9]\d{1,3})"
    r"(?![\w.,]?\d|\s?(?:°|º|℃|oC|K\b)|[A-Za-z])\}?")
_LINK = (r"(?:of|is|are|was|were|reaches|reached|amounts?\s+to|values?\s+of|as\s+high\s+as|"
         r"being|equals?|exhibits?|exhibited|shows?|showed)")
_QUALIFYING = r"(?:about\s|approximately\s|ca\.\s?|nearly\s|only\s|around\s)?"
# what may stand between the symbol and its value: "σ25°C = 3.2 mS/cm", "σRT of 1 mS/cm"
_SYMBOL_GAP_RE = re.compile(
    r"\s?(?:[=:≈≃~∼]|≥|≤|>|<)?\s?(?:" + _LINK + r"\s)?\s?" + _QUALIFYING)
# or a few words of one clause ending in a verb or "of", with no number in them (digits
# of a formula are no number): "σ800 of the LSM cathode was", "σ700 values of LSCF were"
_SYMBOL_CLAUSE_GAP_RE = re.compile(
    r"(?:[^;:=σ\d]|(?<=[A-Za-z\d.])\d){0,60}?(?:[^\W\d]|[)\]])\s" + _LINK + r"\s"
    + _QUALIFYING)
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
    if "c" in m.re.groupindex:  # "σ800": 800 °C
        q = find_quantities(f"{m.group('c')} °C")[0]
        start, end = m.span("c")
        q.start, q.end, q.value_end, q.raw = start, end, end, original[start:end]
        return q
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
    symbols = sorted([*_SYMBOL_T_RE.finditer(text, start, end),
                      *_SYMBOL_BARE_T_RE.finditer(text, start, end)], key=lambda m: m.start())
    bound: dict[int, tuple[re.Match[str], Quantity | None]] = {}
    for m in symbols:
        first = next((i for i, v in enumerate(values) if v.start >= m.end()), None)
        if first is None:
            continue
        v = values[first]
        if not _SYMBOL_GAP_RE.fullmatch(text, m.end(), v.start) and not (
                v.kind == "conductivity" and _SYMBOL_CLAUSE_GAP_RE.fullmatch(text, m.end(), v.start)):
            continue
        t = (m, _symbol_quantity(m, text))
        bound.setdefault(v.start, t)
        for prev, nxt in zip(values[first:], values[first + 1:]):
            # "σ700 … were 250 and 1200 S/cm": the symbol is every listed value's
            if not prev.unit_shared or not _LIST_GAP_RE.fullmatch(text, prev.end, nxt.start):
                break
            bound.setdefault(nxt.start, t)
    for v in values:
        t = bound.get(v.start)
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
